// The search page: ask + search in parallel, answers with highlighted evidence, the region map
// coloured by the answer, and passages filtered by facets. No framework, no inline script (CSP).
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const regionOf = JSON.parse(document.getElementById("region-of").textContent);
  const t = data.t;
  const base = data.base;
  const $ = (id) => document.getElementById(id);
  const FACETS = ["region", "method", "organisation", "year", "document"];
  let passages = [];
  const chosen = {};

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "text") node.textContent = v;
      else if (k === "className") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function href(iri) {
    return iri && iri.startsWith(base) ? "/id/" + iri.slice(base.length) : iri;
  }

  // The text with text[start:end] in <mark>; offsets are within the passage text.
  function marked(text, start, end) {
    const node = el("blockquote", { className: "evidence" });
    if (Number.isInteger(start) && Number.isInteger(end) && end > start && end <= text.length) {
      node.append(text.slice(0, start), el("mark", { text: text.slice(start, end) }),
                  text.slice(end));
    } else {
      node.textContent = text;
    }
    return node;
  }

  // Query words (first five letters, so inflected Finnish forms match) highlighted in a text.
  function highlighted(text, query) {
    const stems = query.toLowerCase().split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => w.length >= 4).map((w) => w.slice(0, 5));
    const node = el("p", { className: "passage-text" });
    if (!stems.length) { node.textContent = text; return node; }
    const words = text.split(/(\s+)/);
    for (const w of words) {
      const lw = w.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, "");
      if (stems.some((s) => lw.startsWith(s))) node.append(el("mark", { text: w }));
      else node.append(w);
    }
    return node;
  }

  function renderAnswers(body) {
    const list = $("answers");
    list.replaceChildren();
    $("answer-section").hidden = false;
    $("answer-note").hidden = body.answers.length > 0;
    for (const a of body.answers) {
      const title = a.iri ? el("a", { href: href(a.iri), className: "answer-label", text: a.label })
                          : el("span", { className: "answer-label", text: a.label });
      const item = el("li", { className: "answer", "data-iri": a.iri || "" },
                      el("p", {}, title, " ", el("span", { className: "type", text: a.type })));
      for (const e of a.evidence.slice(0, 3)) {
        item.append(marked(e.text, e.start, e.end),
                    el("p", { className: "source" }, t.source + ": ",
                       el("a", { href: href(e.passage), text: t.evidence }), " · ",
                       el("a", { href: href(e.document), text: t.document })));
      }
      list.append(item);
    }
  }

  function facetValues(p) {
    const byType = (types) => p.entities.filter((e) => types.includes(e.type)).map((e) => e.label);
    const regions = new Set(byType(["Region"]));
    if (p.region) regions.add(p.region);
    return {
      region: [...regions],
      method: byType(["Method"]),
      organisation: byType(["Organisation", "JointAuthority", "Ministry", "Agency", "NGO",
                            "University", "Church"]),
      year: p.year ? [p.year] : [],
      document: [p.title],
    };
  }

  function matches(p) {
    const values = p.facets;
    return FACETS.every((f) => !chosen[f] || chosen[f].size === 0 ||
                        values[f].some((v) => chosen[f].has(v)));
  }

  function renderFacets() {
    const box = $("facets");
    for (const old of box.querySelectorAll(".facet")) old.remove();
    for (const f of FACETS) {
      const counts = new Map();
      for (const p of passages) for (const v of new Set(p.facets[f])) {
        counts.set(v, (counts.get(v) || 0) + 1);
      }
      if (!counts.size) continue;
      const group = el("fieldset", { className: "facet", "data-facet": f },
                       el("legend", { text: t["facet_" + f] }));
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const [value, n] of sorted) {
        const box2 = el("input", { type: "checkbox", value: value });
        box2.checked = !!(chosen[f] && chosen[f].has(value));
        box2.addEventListener("change", () => {
          chosen[f] = chosen[f] || new Set();
          if (box2.checked) chosen[f].add(value); else chosen[f].delete(value);
          renderPassages();
        });
        group.append(el("label", {}, box2, " " + value + " ", el("span", { className: "count", text: "(" + n + ")" })));
      }
      box.append(group);
    }
  }

  function renderPassages() {
    const list = $("passages");
    list.replaceChildren();
    const shown = passages.filter(matches);
    const any = FACETS.some((f) => chosen[f] && chosen[f].size);
    $("clear-facets").hidden = !any;
    $("passage-count").textContent = "(" + shown.length + " " + t.results_count + ")";
    for (const p of shown) {
      const ents = el("p", { className: "entities" });
      for (const e of p.entities) {
        ents.append(el("a", { href: href(e.iri), className: "entity " + e.type, text: e.label }), " ");
      }
      list.append(el("li", { className: "passage", "data-passage": p.passage },
        el("h3", {}, el("a", { href: href(p.passage), text: p.title })),
        el("p", { className: "meta", text: [p.region, p.year].filter(Boolean).join(" · ") }),
        highlighted(p.text, currentQuery), ents));
    }
  }

  // Regions in the answer are dark; regions that passages or answers' evidence name are light.
  function colourMap(ask, search) {
    const score = new Map();
    const bump = (code, n) => code && score.set(code, Math.max(score.get(code) || 0, n));
    const tiles = [...document.querySelectorAll("#region-map .tile")];
    const byIri = new Map(tiles.map((tile) => [tile.dataset.iri, tile.dataset.code]));
    const byName = new Map(tiles.map((tile) => [tile.dataset.nameFi, tile.dataset.code]));
    for (const a of ask.answers) {
      const iri = a.iri || "";
      const tail = iri.startsWith(base) ? iri.slice(base.length) : "";
      bump(byIri.get(iri) || regionOf[tail], 4);
      for (const name of a.regions || []) bump(byName.get(name), 3);  // where the answer holds
    }
    for (const p of search.results.concat(ask.passages || [])) {
      bump(byName.get(p.region), 1);
      for (const e of p.entities) {
        if (e.type === "Region") bump(byIri.get(e.iri), 2);
        const tail = e.iri.startsWith(base) ? e.iri.slice(base.length) : "";
        if (regionOf[tail]) bump(regionOf[tail], 1);
      }
    }
    for (const tile of tiles) {
      const level = score.get(tile.dataset.code) || 0;
      const rect = tile.querySelector("rect");
      rect.setAttribute("class", "level-" + level);
      tile.dataset.level = String(level);
    }
  }

  let currentQuery = "";

  async function run(q) {
    currentQuery = q;
    $("status").textContent = t.searching;
    const enc = encodeURIComponent(q);
    try {
      const [ask, search] = await Promise.all([
        fetch("/api/ask?q=" + enc).then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); }),
        fetch("/api/search?k=30&q=" + enc).then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); }),
      ]);
      renderAnswers(ask);
      passages = search.results.map((p) => Object.assign(p, { facets: facetValues(p) }));
      for (const f of FACETS) delete chosen[f];
      $("passage-section").hidden = false;
      renderFacets();
      renderPassages();
      colourMap(ask, search);
      $("status").textContent = "";
      document.body.dataset.ready = "true";
    } catch (err) {
      $("status").textContent = t.error + " (" + err.message + ")";
    }
  }

  $("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = $("q").value.trim();
    if (!q) return;
    const url = new URL(window.location.href);
    url.searchParams.set("q", q);
    url.searchParams.set("lang", data.lang);
    history.replaceState(null, "", url);
    document.body.dataset.ready = "false";
    run(q);
  });
  $("clear-facets").addEventListener("click", () => {
    for (const f of FACETS) delete chosen[f];
    renderFacets();
    renderPassages();
  });
  const initial = new URL(window.location.href).searchParams.get("q");
  if (initial) run(initial);
})();
