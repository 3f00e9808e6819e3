// The search page: ask + search in parallel, answers with their statuses and highlighted
// evidence, the region map coloured by each region's strongest status, and passages filtered
// by facets grouped by linked entity. No framework, no inline script (CSP).
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const regionOf = JSON.parse(document.getElementById("region-of").textContent);
  const t = data.t;
  const words = data.words;
  const base = data.base;
  const lang = data.lang;
  const stopwords = new Set(words.stopwords);
  const $ = (id) => document.getElementById(id);
  const FACETS = ["region", "method", "organisation", "year", "document"];
  const ORGANISATIONS = ["Organisation", "JointAuthority", "Ministry", "Agency", "NGO",
                         "University", "Church", "Municipality"];
  let passages = [];
  let names = {};  // entity IRI -> preferred label in the page's language
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

  const tiles = () => [...document.querySelectorAll("#region-map .tile")];
  function regionIriByName(name) {
    const tile = tiles().find((x) => x.dataset.nameFi === name || x.dataset.nameEn === name);
    return tile ? tile.dataset.iri : null;
  }

  function typeLabel(type) { return words.types[type] || type; }
  function nameOf(iri, fallback) { return (iri && names[iri]) || fallback; }

  // The text with each [start, end) span in <mark>; offsets are within the passage text.
  function marked(text, spans) {
    const node = el("blockquote", { className: "evidence" });
    const ok = spans.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && e > s &&
                                        e <= text.length).sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [s, e] of ok) {
      if (s < at) continue;  // overlapping spans: the first one wins
      node.append(text.slice(at, s), el("mark", { text: text.slice(s, e) }));
      at = e;
    }
    node.append(text.slice(at));
    return node;
  }

  // The query's topic words (question words and the like left out), cut to their first five
  // letters so inflected Finnish forms match, highlighted in a text.
  function queryStems(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => w.length >= 4 && !stopwords.has(w)).map((w) => w.slice(0, 5));
  }

  function highlighted(text, query) {
    const stems = queryStems(query);
    const node = el("p", { className: "passage-text" });
    if (!stems.length) { node.textContent = text; return node; }
    for (const w of text.split(/(\s+)/)) {
      const lw = w.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, "");
      if (stems.some((s) => lw.startsWith(s))) node.append(el("mark", { text: w }));
      else node.append(w);
    }
    return node;
  }

  function statusChips(a) {
    const box = el("span", { className: "statuses" });
    for (const s of a.statuses || []) {
      const label = (words.statuses[s.status] || s.status) + (s.year ? " " + s.year : "");
      const chip = s.evidence && s.evidence.length
        ? el("a", { href: href(s.evidence[0]), className: "status-chip status-" + s.status,
                    "data-status": s.status, text: label })
        : el("span", { className: "status-chip status-" + s.status, "data-status": s.status,
                       text: label });
      box.append(chip, " ");
    }
    return box;
  }

  function answerTitle(a) {
    if (a.amount && a.amount.display) return a.amount.display[lang] || a.label;
    return nameOf(a.iri, a.label);
  }

  function renderAnswers(body) {
    const list = $("answers");
    list.replaceChildren();
    $("answer-section").hidden = false;
    $("answer-note").hidden = body.answers.length > 0;
    const shown = new Map();  // passage IRI -> number of the answer that quotes it
    const tiered = body.answers.some((a) => a.statuses && a.statuses.length);
    let tier = null;
    body.answers.forEach((a, n) => {
      // Answers come strongest status first: each status starts a tier of its own.
      const strongest = a.statuses && a.statuses.length ? a.statuses[0].status : "";
      if (tiered && strongest !== tier) {
        tier = strongest;
        list.append(el("li", { className: "tier", "data-status": strongest,
                               text: strongest ? words.statuses[strongest] || strongest
                                               : t.status_unknown }));
      }
      const text = answerTitle(a);
      const title = a.iri ? el("a", { href: href(a.iri), className: "answer-label", text })
                          : el("span", { className: "answer-label", text });
      const meta = [];
      if (a.source) meta.push(a.source === "graph" ? t.from_graph : t.from_text);
      if (typeof a.confidence === "number") meta.push(t.confidence + " " + a.confidence.toFixed(2));
      const item = el("li", { className: "answer", "data-iri": a.iri || "", id: "answer-" + (n + 1) },
                      el("p", {}, title, " ", el("span", { className: "type", "data-type": a.type,
                                                           text: typeLabel(a.type) }),
                         " ", statusChips(a),
                         meta.length ? el("small", { className: "conf", text: meta.join(" · ") }) : null));
      // One quote per passage: its spans for this answer marked together.
      const byPassage = new Map();
      for (const e of a.evidence) {
        if (!byPassage.has(e.passage)) byPassage.set(e.passage, { e, spans: [] });
        byPassage.get(e.passage).spans.push([e.start, e.end]);
      }
      for (const { e, spans } of [...byPassage.values()].slice(0, 3)) {
        if (shown.has(e.passage)) {
          const first = shown.get(e.passage);
          item.append(el("p", { className: "same-passage" },
                         el("a", { href: "#answer-" + first,
                                   text: t.same_passage.replace("{n}", first) })));
          continue;
        }
        shown.set(e.passage, n + 1);
        item.append(marked(e.text, spans),
                    el("p", { className: "source" }, t.source + ": ",
                       el("a", { href: href(e.passage), text: t.evidence }), " · ",
                       el("a", { href: href(e.document), text: t.document })));
      }
      list.append(item);
    });
  }

  // A facet value is an entity IRI where there is one (so hyky, Hyky and the full name are
  // one body), shown by its preferred label; years and documents are their own values.
  function facetValues(p) {
    const byType = (types) => p.entities.filter((e) => types.includes(e.type)).map((e) => e.iri);
    const regions = new Set(byType(["Region"]));
    const fromName = p.region ? regionIriByName(p.region) : null;
    if (fromName) regions.add(fromName);
    return {
      region: [...regions],
      method: byType(["Method"]),
      organisation: byType(ORGANISATIONS),
      year: p.year ? [p.year] : [],
      document: [p.title],
    };
  }

  function facetLabel(facet, value, p) {
    if (facet === "year" || facet === "document") return value;
    const ent = p && p.entities.find((e) => e.iri === value);
    const tile = tiles().find((x) => x.dataset.iri === value);
    const tileName = tile ? (lang === "en" ? tile.dataset.nameEn : tile.dataset.nameFi) : null;
    return names[value] || tileName || (ent ? ent.label : value);
  }

  function matches(p) {
    return FACETS.every((f) => !chosen[f] || chosen[f].size === 0 ||
                        p.facets[f].some((v) => chosen[f].has(v)));
  }

  function renderFacets() {
    const box = $("facets");
    for (const old of box.querySelectorAll(".facet")) old.remove();
    for (const f of FACETS) {
      const counts = new Map();
      const labels = new Map();
      for (const p of passages) for (const v of new Set(p.facets[f])) {
        counts.set(v, (counts.get(v) || 0) + 1);
        if (!labels.has(v)) labels.set(v, facetLabel(f, v, p));
      }
      if (!counts.size) continue;
      const group = el("fieldset", { className: "facet", "data-facet": f },
                       el("legend", { text: t["facet_" + f] }));
      const sorted = [...counts.entries()].sort(
        (a, b) => b[1] - a[1] || labels.get(a[0]).localeCompare(labels.get(b[0]), lang));
      for (const [value, n] of sorted) {
        const input = el("input", { type: "checkbox", value });
        input.checked = !!(chosen[f] && chosen[f].has(value));
        input.addEventListener("change", () => {
          chosen[f] = chosen[f] || new Set();
          if (input.checked) chosen[f].add(value); else chosen[f].delete(value);
          renderPassages();
        });
        group.append(el("label", {}, input, " ",
                        el("span", { className: "facet-label", text: labels.get(value) }), " ",
                        el("span", { className: "count", text: "(" + n + ")" })));
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
      const seen = new Set();
      for (const e of p.entities) {
        if (seen.has(e.iri)) continue;
        seen.add(e.iri);
        ents.append(el("a", { href: href(e.iri), className: "entity " + e.type,
                              title: typeLabel(e.type), text: nameOf(e.iri, e.label) }), " ");
      }
      const region = p.region ? facetLabel("region", regionIriByName(p.region) || p.region) : null;
      list.append(el("li", { className: "passage", "data-passage": p.passage },
        el("h3", {}, el("a", { href: href(p.passage), text: p.title })),
        el("p", { className: "meta", text: [region, p.year].filter(Boolean).join(" · ") }),
        highlighted(p.text, currentQuery), ents));
    }
  }

  // A region an answer names takes the colour of the answer's strongest status (strongest
  // over all answers); without statuses, "in the answer". Regions passages name are light.
  function colourMap(ask, search) {
    const order = words.status_order;
    const rank = (s) => (s ? order.indexOf(s) : order.length);
    const level = new Map();
    const status = new Map();
    const bump = (code, n) => code && level.set(code, Math.max(level.get(code) || 0, n));
    const all = tiles();
    const byIri = new Map(all.map((tile) => [tile.dataset.iri, tile.dataset.code]));
    const byName = new Map(all.map((tile) => [tile.dataset.nameFi, tile.dataset.code]));
    for (const a of ask.answers) {
      const iri = a.iri || "";
      const tail = iri.startsWith(base) ? iri.slice(base.length) : "";
      const codes = [byIri.get(iri) || regionOf[tail], ...(a.regions || []).map((r) => byName.get(r))];
      const strongest = (a.statuses && a.statuses.length) ? a.statuses[0].status : null;
      for (const code of codes.filter(Boolean)) {
        bump(code, 4);
        if (strongest && rank(strongest) < rank(status.get(code))) status.set(code, strongest);
      }
    }
    for (const p of search.results.concat(ask.passages || [])) {
      bump(byName.get(p.region), 1);
      for (const e of p.entities) {
        if (e.type === "Region") bump(byIri.get(e.iri), 2);
        const tail = e.iri.startsWith(base) ? e.iri.slice(base.length) : "";
        if (regionOf[tail]) bump(regionOf[tail], 1);
      }
    }
    for (const tile of all) {
      const code = tile.dataset.code;
      const lv = level.get(code) || 0;
      const st = status.get(code);
      tile.querySelector("rect").setAttribute("class", st ? "status-" + st : "level-" + lv);
      tile.dataset.level = String(lv);
      if (st) tile.dataset.status = st; else delete tile.dataset.status;
      const name = lang === "en" ? tile.dataset.nameEn : tile.dataset.nameFi;
      tile.querySelector("title").textContent = st ? name + ": " + words.statuses[st] : name;
    }
  }

  async function fetchNames(ask, search) {
    const iris = new Set();
    for (const a of ask.answers) if (a.iri) iris.add(a.iri);
    for (const p of search.results) for (const e of p.entities) iris.add(e.iri);
    if (!iris.size) return {};
    const response = await fetch("/api/labels", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ iris: [...iris].slice(0, 500), lang }),
    });
    return response.ok ? response.json() : {};
  }

  let currentQuery = "";

  async function run(q) {
    currentQuery = q;
    $("status").textContent = t.searching;
    const enc = encodeURIComponent(q);
    const json = (r) => { if (!r.ok) throw new Error(r.status); return r.json(); };
    try {
      const [ask, search] = await Promise.all([
        fetch("/api/ask?q=" + enc).then(json),
        fetch("/api/search?k=30&q=" + enc).then(json),
      ]);
      names = await fetchNames(ask, search);
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
    url.searchParams.set("lang", lang);
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
