// The SPARQL page: YASGUI (served from /static/vendor, installed by `make setup`) against our
// own endpoint. Prefixes and term completion come from the ontology (/api/sparql-editor), result
// IRIs of our graph link to their /id/… pages, the examples open as tabs, a server parse error
// is marked at its line and column. Without YASGUI the plain form below the editor still works.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const titles = JSON.parse(document.getElementById("example-titles").textContent);
  const t = data.t;
  const base = data.base;
  const $ = (id) => document.getElementById(id);
  const form = $("sparql-form");

  function localHref(iri) {
    return iri.startsWith(base) ? "/id/" + iri.slice(base.length) : iri;
  }

  // The plain form: examples fill the textarea; the format picks what the browser downloads.
  function plainForm() {
    if (window.Yasgui === undefined) $("editor-missing").hidden = false;
    document.querySelectorAll(".example-query").forEach((button, i) => {
      button.addEventListener("click", () => { $("query").value = examples[i].trim() + "\n"; });
    });
    form.addEventListener("submit", () => {
      form.action = "/sparql?format=" + encodeURIComponent($("format").value);
    });
  }

  // A server parse error ("… error at 3:14: expected …") marked in the editor and named above it.
  function markError(yasqe, message) {
    const box = $("sparql-error-position");
    const at = /at (\d+):(\d+)/.exec(message || "");
    if (!at) { box.hidden = true; return; }
    const line = Number(at[1]) - 1;
    const ch = Math.max(0, Number(at[2]) - 1);
    box.textContent = t.error_at.replace("{line}", at[1]).replace("{column}", at[2]) + " " +
      message.replace(/^.*?at \d+:\d+:\s*/, "");
    box.hidden = false;
    const doc = yasqe.getDoc();
    const text = doc.getLine(line) || "";
    const from = Math.min(ch, Math.max(0, text.length - 1));
    clearError(yasqe, true);
    yasqe.__errorLine = yasqe.addLineClass(line, "background", "server-error-line");
    yasqe.__errorMark = doc.markText({ line, ch: from }, { line, ch: Math.max(from + 1, ch + 1) },
                                     { className: "server-error" });
    doc.setCursor({ line, ch });
  }

  function clearError(yasqe, keepMessage) {
    if (!keepMessage) $("sparql-error-position").hidden = true;
    if (yasqe.__errorMark) { yasqe.__errorMark.clear(); yasqe.__errorMark = null; }
    if (yasqe.__errorLine) {
      yasqe.removeLineClass(yasqe.__errorLine, "background", "server-error-line");
      yasqe.__errorLine = null;
    }
  }

  function registerCompleters(Yasqe, config) {
    const prefixLines = Object.entries(config.prefixes)
      .map(([p, iri]) => p + ": <" + iri + ">").sort();
    Yasqe.forkAutocompleter("prefixes", { name: "lapePrefixes", persistenceId: null,
                                          get: () => prefixLines });
    const terms = (list) => () => list;
    Yasqe.forkAutocompleter("class", { name: "lapeClasses", bulk: true, persistenceId: null,
                                       get: terms(config.classes) });
    Yasqe.forkAutocompleter("property", { name: "lapeProperties", bulk: true,
                                          persistenceId: null, get: terms(config.properties) });
    // Only ours: the built-in ones would ask prefix.cc and LOV, which the page may not reach.
    Yasqe.defaults.autocompleters = ["variables", "lapePrefixes", "lapeClasses",
                                     "lapeProperties"];
  }

  // Our IRIs open their local page; the compacted label (id:region/19) stays as shown.
  function linkLocally(Yasr) {
    const Table = Yasr.plugins.table;
    const original = Table.prototype.getUriLinkFromBinding;
    Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
      const html = original.call(this, binding, prefixes);
      if (!binding.value.startsWith(base)) return html;
      const local = localHref(binding.value);
      return html.replace(/href=(["'])([^"']*)\1/, (_, q) => "href=" + q + local + q)
        .replace(/\s(target|rel)=(["'])[^"']*\2/g, "");  // ours open in this tab
    };
  }

  async function start() {
    const Yasgui = window.Yasgui;
    const config = await fetch("/api/sparql-editor").then((r) => r.json());
    registerCompleters(Yasgui.Yasqe, config);
    linkLocally(Yasgui.Yasr);
    Yasgui.Yasr.plugins.table.defaults.openIriInNewWindow = false;
    const first = (data.query || examples[0]).trim() + "\n";
    const yasgui = new Yasgui($("yasgui"), {
      requestConfig: { endpoint: window.location.origin + "/sparql", method: "POST",
                       acceptHeaderSelect: "application/sparql-results+json",
                       acceptHeaderGraph: "text/turtle" },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: () => [{ endpoint: window.location.origin + "/sparql" }] },
      persistenceId: "lapekg-sparql",
      populateFromUrl: true,
      tabName: "Query",
      yasqe: { value: first, persistenceId: null, resizeable: true, editorHeight: "320px",
               createShareableLink: null },
      yasr: { prefixes: config.prefixes, defaultPlugin: "table" },
    });
    // A shared /sparql?query=… link opens its query; otherwise the visitor's own tabs return.
    const shared = new URL(window.location.href).searchParams.get("query");
    const tab = yasgui.getTab();
    if (shared && tab.getQuery().trim() !== shared.trim()) tab.setQuery(shared);
    form.hidden = true;

    yasgui.on("queryBefore", (_, tab) => {
      const yasqe = tab.getYasqe();
      if (yasqe) clearError(yasqe);
    });
    // Fired before the results are handed to the table: look at them on the next turn.
    yasgui.on("queryResponse", (_, tab) => setTimeout(() => {
      const yasr = tab.getYasr();
      const yasqe = tab.getYasqe();
      const error = yasr && yasr.results && yasr.results.hasError() && yasr.results.getError();
      if (error && yasqe) {
        let detail = error.text || error.statusText || "";
        try { detail = JSON.parse(detail).detail || detail; } catch (e) { /* plain text */ }
        markError(yasqe, String(detail));
      }
      $("yasgui").dataset.ready = "true";
    }, 0));
    document.querySelectorAll(".example-query").forEach((button, i) => {
      button.addEventListener("click", () => {
        const name = titles[i];
        let tab = Object.values(yasgui._tabs).find((tb) => tb.getName() === name);
        if (!tab) tab = yasgui.addTab(true, { name, yasqe: { value: examples[i].trim() + "\n" } });
        yasgui.selectTabId(tab.getId());
        tab.setQuery(examples[i].trim() + "\n");
        tab.query();
      });
    });
    $("yasgui").dataset.ready = "editor";
    document.body.dataset.editor = "yasgui";
  }

  if (window.Yasgui === undefined) {
    plainForm();
  } else {
    start().catch((err) => {
      console.error(err);
      plainForm();
    });
  }
})();
