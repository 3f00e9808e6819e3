// The SPARQL page: example queries, Ctrl+Enter to run, results as a table (SELECT/ASK) or text.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const t = data.t;
  const base = data.base;
  const $ = (id) => document.getElementById(id);
  const editor = $("query");
  const form = $("sparql-form");

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const local = term.value.startsWith(base) ? "/id/" + term.value.slice(base.length) : term.value;
      td.append(el("a", term.value, { href: local }));
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.setAttribute("lang", term["xml:lang"]);
    }
    return td;
  }

  function show(body, media) {
    const out = $("sparql-results");
    out.replaceChildren();
    if (media.includes("sparql-results+json")) {
      const json = JSON.parse(body);
      if ("boolean" in json) {
        out.append(el("p", String(json.boolean), { id: "ask-result" }));
        return 1;
      }
      const vars = json.head.vars;
      const table = el("table", null, { id: "result-table" });
      const head = el("tr");
      for (const v of vars) head.append(el("th", "?" + v));
      table.appendChild(el("thead")).append(head);
      const tbody = table.appendChild(el("tbody"));
      for (const row of json.results.bindings) {
        const tr = el("tr");
        for (const v of vars) tr.append(cell(row[v]));
        tbody.append(tr);
      }
      out.append(el("h2", t.results + " (" + json.results.bindings.length + " " + t.rows + ")"), table);
      return json.results.bindings.length;
    }
    out.append(el("pre", body, { id: "graph-result" }));
    return 1;
  }

  async function run() {
    const format = $("format").value;
    if (format) {  // a download in the chosen format: let the browser submit the form
      form.action = "/sparql?format=" + encodeURIComponent(format);
      form.submit();
      form.action = "/sparql";
      return;
    }
    $("sparql-status").textContent = "…";
    const started = performance.now();
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query: editor.value }),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try { detail = JSON.parse(text).detail; } catch (e) { /* plain text */ }
      $("sparql-results").replaceChildren(el("pre", detail, { class: "error", id: "sparql-error" }));
      $("sparql-status").textContent = response.status;
      return;
    }
    show(text, response.headers.get("content-type") || "");
    $("sparql-status").textContent = Math.round(performance.now() - started) + " ms";
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
  editor.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
    if (ev.key === "Tab" && !ev.shiftKey) {  // indent instead of leaving the editor
      ev.preventDefault();
      const s = editor.selectionStart;
      editor.setRangeText("  ", s, editor.selectionEnd, "end");
    }
  });
  document.querySelectorAll(".example-query").forEach((button, i) => {
    button.addEventListener("click", () => { editor.value = examples[i].trim() + "\n"; run(); });
  });
})();
