"""Where each missed or false (actor, method) pair of the development status sets is lost: the
extraction stage, with statuses collapsed ("any method status").

usage: PYTHONPATH=$PWD python tests/eval/pair_diagnose.py OUT_DIR [--list] [SET...]
OUT_DIR is a tests/eval/status_sets.sh output (OUT_DIR/data-SET, built with the code whose
stages are read). For development sets only (tests/corpora/*): never point it at the frozen
held-out set.

A gold pair is an (actor, method) that relations.jsonl gives some method status in a document;
a pair is found where the graph holds any status statement for them there. Each document with
a missed or false pair is analysed again with the code on PYTHONPATH (its own pipeline; the
facts it makes are checked against the build's), and each missed pair is put in the first
stage that fails, read at its gold evidence:
  evidence not located   the evidence is not in the document's passages (a gold artefact)
  method never linked    no mention of the method anywhere in the document (`local model`: the
                         gold names a model the reference data does not hold, the slug of its
                         label never minted; `named?`: its gold evidence holds the label's first
                         letters; `described`; `other`: a back-reference, a foreign name)
  method not in evidence the method is linked in the document, not in the evidence's sentences
                         (a back-reference, a list item under its heading)
  no status read         the method is linked in the evidence, no status fact for it there;
                         `actor:` where the gold actor is (in the sentence, earlier in the
                         passage, in a heading, the document's project/region, elsewhere, `not
                         linked`: its name's stem is in the passage, no mention; absent)
  other actor            a status fact for the method in the evidence, for another actor;
                         `actor:` as above, `got:` the kind of actor it went to
  dropped after          the pipeline made the fact, the build does not hold it
Each false pair is put in one class: `method not gold` (no gold pair of the document has the
method), `gold says none` (statuses.jsonl reads the mention as no status), `wrong actor` (the
method is gold for other actors of the document), each with the actor kind and the confidence
band of the attachment (.85 named near, .75 a list or the project word, .7 a referred authority,
.65 context/section, .6 the document's project, .55 its region).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

from tests.eval.describe_diagnose import ROOT, SETS, _norm  # the same 15 sets, read alike


def _band(conf: float) -> str:
    for floor in (0.85, 0.75, 0.7, 0.65, 0.6, 0.55):
        if conf >= floor - 1e-9:
            return f"{floor:.2f}"
    return "<.55"


class Analyses:
    def __init__(self) -> None:
        from api.components import make_builder
        from api.settings import Settings

        self.pipeline = make_builder(Settings(), progress=False).pipeline

    def analyse(self, path: Path):  # type: ignore[no-untyped-def]
        from ingest.documents import load_document

        return self.pipeline.analyse(load_document(path))


def _evidence_span(result, evidence: str):  # type: ignore[no-untyped-def]
    """(passage, start, end) of the evidence's sentences, or None."""
    from ingest.extract.segment import sentences

    ev = _norm(evidence)
    if not ev:
        return None
    head, tail = ev[:40], ev[-30:]
    for ap in result.passages:
        text = _norm(ap.passage.text)
        if head not in text and tail not in text:
            continue
        sents = list(sentences(ap))
        first = next((s for s in sents if head in _norm(s.text)), None)
        last = next((s for s in sents if tail in _norm(s.text)), None)
        if first is None and last is None:
            first = last = next((s for s in sents if _norm(s.text) in ev), None)
            if first is None:
                continue
        first, last = first or last, last or first
        if last.start < first.start:
            first, last = last, first
        return ap, first.start, last.end
    return None


def _where(result, key: tuple[str, str], ap, start: int, end: int, project: str | None,
           region: str | None, label_named: bool = False
           ) -> str:  # type: ignore[no-untyped-def]
    """Where the gold actor is named relative to the evidence sentences."""
    kind, k = key
    ms = [m for m in result.mentions if (m.kind, m.key) == key]
    if any(m.passage_index == ap.passage.index and start <= m.start < end for m in ms):
        return "in sentence"
    if any(m.passage_index == ap.passage.index and m.start < start for m in ms):
        heads = list(ap.passage.headings)
        if any(h.start <= m.start < h.end for m in ms for h in heads):
            return "heading"
        return "earlier in passage"
    if kind == "Project" and k == project:
        return "doc project"
    if kind == "Region" and k == region:
        return "doc region"
    if any(m.passage_index < ap.passage.index for m in ms):
        return "earlier passage"
    if ms:
        return "later only"
    return "not linked" if label_named else "absent"


def main(argv: list[str]) -> int:
    from api.components import load_services
    from api.evaluation import METHOD_STATUSES, GoldResolver, _jsonl, predicted_relations
    from api.settings import Settings
    from graph.triples import entity_iri
    from ingest.documents import document_key

    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    show = "--list" in argv
    sets = [a for a in argv[1:] if not a.startswith("--")] or list(SETS)
    analyses = Analyses()
    reference_methods = {e.key for e in analyses.pipeline.extractor.reference.by_kind("Method")}
    stages: Counter = Counter()
    falses: Counter = Counter()
    totals: Counter = Counter()
    rows = []
    for name in sets:
        data = out / f"data-{name}"
        if not data.exists():
            print(f"{name}: not built in {out}", file=sys.stderr)
            continue
        os.environ["LAPEKG_DATA"] = str(data)
        services = load_services(Settings())
        resolver = GoldResolver(services)
        gold_dir = ROOT / "tests/corpora" / name
        gold: dict[tuple, dict] = {}
        for g in _jsonl(gold_dir / "relations.jsonl"):
            if g["predicate"] not in METHOD_STATUSES:
                continue
            doc = document_key(Path(g["doc"]))
            s = resolver.iri(g["subject"]["type"], g["subject"]["label"], doc=doc)
            o = resolver.iri("Method", g["object"]["label"])
            gold.setdefault((doc, s, o), g)
        nones = set()
        described = {(document_key(Path(s["doc"])), s["actor"]["label"], s["method"])
                     for s in _jsonl(gold_dir / "statuses.jsonl")
                     if "described" in s.get("note", "")}
        for s in _jsonl(gold_dir / "statuses.jsonl"):
            if s["status"] == "none":
                doc = document_key(Path(s["doc"]))
                nones.add((doc, resolver.iri(s["actor"]["type"], s["actor"]["label"], doc=doc),
                           resolver.iri("Method", s["method"])))
        docs = {k[0] for k in gold} | {document_key(Path(s["doc"]))
                                       for s in _jsonl(gold_dir / "statuses.jsonl")}
        found = predicted_relations(services, docs)
        pred = {t for p in METHOD_STATUSES for t in found.get(p, ())}
        missed = sorted(set(gold) - pred)
        false = sorted(pred - set(gold))
        totals["tp"] += len(set(gold) & pred)
        totals["fn"] += len(missed)
        totals["fp"] += len(false)
        files = {document_key(p): p for p in (gold_dir / "docs").iterdir()}
        for doc in sorted({d for d, _, _ in missed} | {d for d, _, _ in false}):
            result = analyses.analyse(files[doc])
            extractor = analyses.pipeline.extractor
            project = extractor.main_project(result.mentions)
            region = extractor.document_region(result.document, result.mentions)
            iri = {}
            for m in result.mentions:
                iri.setdefault(str(entity_iri(services.minter, m.kind, m.key)), (m.kind, m.key))
            facts = [f for f in result.facts if f.predicate in METHOD_STATUSES]
            fiat = {(str(entity_iri(services.minter, f.subject_kind, f.subject_key)),
                     str(entity_iri(services.minter, "Method", f.object_key))): f for f in facts}
            for d, s, o in (t for t in missed if t[0] == doc):
                g = gold[(d, s, o)]
                mkey = o.rsplit("/", 1)[-1]
                akey = (g["subject"]["type"], s.rsplit("/", 1)[-1])
                akey = iri.get(s, akey)
                span = _evidence_span(result, g.get("evidence", ""))
                detail = ""
                if (s, o) in fiat:
                    stage = "dropped after"
                elif not any(m.kind == "Method" and m.key == mkey for m in result.mentions) \
                        and not any(f.object_key == mkey for f in facts):
                    stage = "method never linked"
                    note = g.get("note", "")
                    known = mkey in reference_methods
                    detail = ("local model" if not known
                              else "described" if "described" in note or (
                        d, g["subject"]["label"], g["object"]["label"]) in described
                              else "named?" if _norm(g["object"]["label"])[:5]
                              in _norm(g.get("evidence", "")) else "other")
                elif span is None:
                    stage = "evidence not located"
                else:
                    ap, a, b = span
                    here = [m for m in result.mentions if m.passage_index == ap.passage.index
                            and a <= m.start < b]
                    there = [f for f in facts if f.object_key == mkey
                             and f.passage_index == ap.passage.index
                             and f.start < b and a < f.end]
                    where = _where(result, akey, ap, a, b, project, region,
                                   _norm(g["subject"]["label"])[:4] in _norm(ap.passage.text))
                    if there:
                        stage = "other actor"
                        got = sorted({f"{f.subject_kind}:{_band(f.confidence)}"
                                      + (":doc" if f.subject_key in (project, region) else "")
                                      for f in there})
                        detail = f"actor {where}; got {','.join(got)}"
                    elif not any(m.kind == "Method" and m.key == mkey for m in here) \
                            and not any(f.object_key == mkey and f.passage_index
                                        == ap.passage.index for f in facts):
                        stage = "method not in evidence"
                        detail = f"actor {where}"
                    else:
                        stage = "no status read"
                        detail = f"actor {where}"
                stages[stage] += 1
                stages[stage, detail] += 1
                got_keys = sorted({f"{f.predicate}:{f.subject_key}" for f in facts
                                   if f.object_key == mkey and span is not None
                                   and f.passage_index == span[0].passage.index
                                   and f.start < span[2] and span[1] < f.end})
                rows.append({"set": name, "miss": "fn", "stage": stage, "detail": detail,
                             "got": got_keys,
                             "doc": doc, "actor": g["subject"]["label"],
                             "method": g["object"]["label"], "status": g["predicate"],
                             "evidence": g.get("evidence", "")[:200]})
            gold_methods = {o for dd, _, o in gold if dd == doc}
            for d, s, o in (t for t in false if t[0] == doc):
                f = fiat.get((s, o))
                how = (f"{f.subject_kind}:{_band(f.confidence)}"
                       + (":doc" if f.subject_key in (project, region) else "")
                       + ("" if f.extractor.startswith("rule") else f":{f.extractor}")
                       if f else "not remade")
                kind = ("gold says none" if (d, s, o) in nones
                        else "wrong actor" if o in gold_methods else "method not gold")
                falses[kind] += 1
                falses[kind, how.split(":")[0] + ":" + how.split(":")[1] if f else how] += 1
                text = ""
                if f is not None:
                    ap = next(x for x in result.passages if x.passage.index == f.passage_index)
                    text = ap.passage.text[f.start:f.end]
                rows.append({"set": name, "miss": "fp", "stage": kind, "detail": how,
                             "doc": doc, "actor": s.rsplit("/", 1)[-1],
                             "method": o.rsplit("/", 1)[-1], "evidence": _norm(text)[:200]})
        print(f"{name:12s} pairs tp {len(set(gold) & pred)} fn {len(missed)} fp {len(false)}",
              file=sys.stderr)
    print(f"POOLED pairs tp {totals['tp']} fp {totals['fp']} fn {totals['fn']}")
    for title, table in (("missed pairs", stages), ("false pairs", falses)):
        print(title + ":")
        for k, v in sorted(((k, v) for k, v in table.items() if isinstance(k, str)),
                           key=lambda kv: -kv[1]):
            print(f"  {k:24s} {v:3d}")
            for (_k, d), n in sorted(((x, n) for x, n in table.items()
                                      if isinstance(x, tuple) and x[0] == k),
                                     key=lambda kv: -kv[1]):
                print(f"      {d or '-':40s} {n:3d}")
    if show:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
