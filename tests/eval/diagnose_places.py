"""Which stage loses each region / municipality question that is not right (development data
only: it prints misses). Stages, in the order the question passes them:
  a  the question is not read as a places question (another answer type)
  G  the graph answered (extra places, part of the places, or only wrong ones; "+text" when
     the passages' places were added to it)
  f: silenced-before-topics  a silence rule ended the question before any passage was weighed
  b  no topic words
  c  no passage of an expected place holding a topic word is in the topic pool
  d  such passages are in the pool but none passes the relevance decision
  e  passages of expected places pass but are attributed to no expected place
  f: suppressed-after  expected places were found but a later filter removed them
  g  expected places answered with more wrong ones (precision)
A passage is "of an expected place" by its document's region or a place it is linked to.

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/diagnose_places.py FILES... [--show]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from search.reading import _positions


def places_of(hit, kind: str, muni_region: dict[str, str]) -> set[str]:
    """The places a passage is of: its document's region, its linked places (and for a region
    question a linked municipality's region)."""
    found = set()
    if hit.passage.region:
        found.add(hit.passage.region.casefold())
    for e in hit.passage.entities:
        if e.kind in ("Region", "Municipality"):
            found.add(e.label.casefold())
            if kind == "region" and (region := muni_region.get(e.label.casefold())):
                found.add(region)
    return found


class Trace:
    """What one ask passed through: the topic pool, its passing passages, the places, the
    graph's answer (`rec`, cleared before each question)."""

    def __init__(self, services) -> None:  # type: ignore[no-untyped-def]
        ans = services.answerer
        self.ans = ans
        self.rec: dict = {}
        self.muni_region: dict[str, str] = {}
        region_by_code = {e.code or e.key: e.pref_fi for e in ans.reference.by_kind("Region")}
        for e in ans.reference.by_kind("Municipality"):
            self.muni_region[e.pref_fi.casefold()] = region_by_code.get(
                e.region_code or "", "").casefold()
        topics, rec = ans.topics, self.rec
        orig_places, orig_passing, orig_graph = topics.places, topics.passing, ans._from_graph

        def places(hits, target, terms, named, *a, **k):  # type: ignore[no-untyped-def]
            rec["pool"] = list(hits)
            rec["terms"] = list(terms)
            rec["target_t"] = target
            rec["stems"] = topics.topic_stems(terms)
            out = orig_places(hits, target, terms, named, *a, **k)
            rec["places"] = [p.place.label.casefold() for p in out]
            return out

        def passing(hits, *a, **k):  # type: ignore[no-untyped-def]
            out = orig_passing(hits, *a, **k)
            rec["passing"] = out
            return out

        def graph(*a, **k):  # type: ignore[no-untyped-def]
            out = orig_graph(*a, **k)
            rec["graph"] = out
            return out

        topics.places = places
        topics.passing = passing
        ans._from_graph = graph


def tracer(services) -> Trace:  # type: ignore[no-untyped-def]
    return Trace(services)


def stage_of(trace: Trace, q: dict, res, expected: set[str],  # type: ignore[no-untyped-def]
             got: set[str]) -> str:
    """The stage that lost a region or municipality question that is not right."""
    rec, kind = trace.rec, q.get("answer_kind")
    p = len(expected & got) / len(got) if got else 0.0
    r = len(expected & got) / len(expected) if expected else 0.0
    want = "Region" if kind == "region" else "Municipality"
    if res.target != want and "pool" not in rec:
        return f"a:kind={res.answer_type}/{res.relation}"
    sources = {a.source for a in res.answers}
    if rec.get("graph") and ("pool" not in rec or "graph" in sources):
        # the graph answered (the text may have narrowed it or added places: "+text")
        return "G:graph-answer" + ("-none" if not got else "-wrong" if not r else
                                   "-extra" if p < .5 else "-partrecall") + (
            "+text" if "text" in sources else "")
    if "pool" not in rec:
        return "f:silenced-before-topics" + (f" note={res.note[:50]}")
    if not rec["stems"]:
        return "b:no-topic-terms"
    pool, stems = rec["pool"], rec["stems"]
    goldpool = [h for h in pool if places_of(h, kind, trace.muni_region) & expected
                and any(_positions(h.passage.text, [s]) for s in stems)]
    goldpass = [h for h, _ in rec.get("passing", [])
                if places_of(h, kind, trace.muni_region) & expected]
    if not goldpool:
        return "c:not-in-pool"
    if not goldpass:
        return "d:rejected"
    if not (set(rec["places"]) & expected):
        return "e:attribution"
    if not (got & expected):
        return "f:suppressed-after"
    if p < .5:
        return "g:extra"
    return "e/f:partial-recall"


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from ingest.documents import document_key

    show = "--show" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")]
    services = load_services(Settings())
    names = _names_by_iri(services)
    ans = services.answerer
    present = services.passages.documents()
    trace = tracer(services)
    rec = trace.rec
    counts = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            kind = q.get("answer_kind")
            if kind not in ("region", "municipality"):
                continue
            docs = [document_key(Path(d)) for d in q.get("docs", [])] or list(present)
            if not all(d in present for d in docs):
                continue
            scope = {str(services.minter.document(d)) for d in docs}
            rec.clear()
            res = ans.ask(q["q"], documents=scope)
            expected = {e.casefold() for e in
                        q.get("answer_entities", []) + q.get("answer_regions", [])}
            got = {next((n.casefold() for n in names.get(a.iri or "", ())
                         if n.casefold() in expected), a.label.casefold()) for a in res.answers}
            if q.get("absent"):
                stage = "absent-false" if got else "absent-ok"
                counts[stage] += 1
                if got and show:
                    print(f"{q['id']} ABSENT-FALSE {q['q']}\n   got {sorted(got)}")
                continue
            p = len(expected & got) / len(got) if got else 0.0
            r = len(expected & got) / len(expected) if expected else 0.0
            if p >= .5 and r >= .5:
                counts["right"] += 1
                continue
            src = {a.source for a in res.answers} if res.answers else set()
            stage = stage_of(trace, q, res, expected, got)
            counts[stage.split(" ")[0]] += 1
            if show:
                print(f"{q['id']} {kind} {stage} src={sorted(src)}\n   Q {q['q']}\n"
                      f"   terms {rec.get('terms')} stems {rec.get('stems')}\n"
                      f"   exp {sorted(expected)}\n   got {sorted(got)}\n"
                      f"   places {rec.get('places')} passing {len(rec.get('passing', []))}"
                      f" pool {len(rec.get('pool', []))}")
    for k, v in sorted(counts.items()):
        print(f"{k:40s} {v}")


if __name__ == "__main__":
    main(sys.argv[1:])
