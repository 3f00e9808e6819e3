"""Where each expected place of a region / municipality question is lost, counted per place
(development data only: it reads the development sets' gold). For every answerable region or
municipality question, each expected place the answer misses is classed by the first stage
that loses it, on the passages' route (the answer `ask` gives with the graph's answer left
out):
  G:text-has-it   the graph answered without it, and the passages' route alone finds it
  c0:not-retrieved  no passage of the place holding a topic word among the ranking's first WIDE
                    (within the question's documents)
  c1:beyond-pool    such passages are ranked, but none in the topic pool (POOL + word-ranked)
  d:rejected        in the pool, none passes the relevance model
  e:not-attributed  a passage of the place passes, but is not attributed to it
  f:dropped         attributed, but a later filter (status, qualifier, one place) removes it
("G/…" when the graph answered and the passages' route also misses it.) Each answered place
not expected is counted as extra, by its source (graph or text). A passage is "of" a place by
its document's region, a place it is linked to, or (region questions) a linked town's region.

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/place_loss.py [SET,SET,…] [--show]
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from search.reading import _positions


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from tests.eval.diagnose_places import places_of, tracer
    from tests.eval.places_pooled import SETS
    from tests.eval.score_places import expected_of, names_answered, scoped_questions

    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    sets = args[0].split(",") if args else list(SETS)
    services = load_services(Settings())
    names = _names_by_iri(services)
    trace = tracer(services)
    ans, rec = services.answerer, trace.rec
    searcher = ans.searcher
    orig_search, orig_graph = searcher.search, ans._from_graph

    def search(*a, **k):  # type: ignore[no-untyped-def]
        out = orig_search(*a, **k)
        rec.setdefault("wide", out)
        return out

    searcher.search = search
    counts: Counter = Counter()
    per_q: Counter = Counter()
    for name in sets:
        for q, scope in scoped_questions(services, Path(f"tests/eval/dev_questions_{name}.jsonl")):
            kind = q.get("answer_kind")
            if q.get("absent") or kind not in ("region", "municipality"):
                continue
            expected = expected_of(q)
            rec.clear()
            res = ans.ask(q["q"], documents=scope)
            got = names_answered(names, res.answers, expected)
            missed = expected - got
            extra = got - expected
            if not missed and not extra:
                continue
            graph = {a.label.casefold() for a in res.answers if a.source == "graph"}
            graphed = bool(rec.get("graph")) and bool(graph)
            for x in extra:
                src = "graph" if any(a.source == "graph" and a.label.casefold() == x
                                     for a in res.answers) else "text"
                counts[f"x:extra-{src}"] += 1
            if not missed:
                continue
            # the passages' route alone: the same question with the graph's answer left out
            rec.clear()
            ans._from_graph = lambda *a, **k: {}  # type: ignore[method-assign]
            try:
                alone = ans.ask(q["q"], documents=scope)
            finally:
                ans._from_graph = orig_graph  # type: ignore[method-assign]
            text_got = names_answered(names, alone.answers, expected)
            wide = [h for h in rec.get("wide", [])
                    if str(services.minter.document(h.passage.doc_key)) in scope]
            pool = rec.get("pool", [])
            stems = rec.get("stems", [])
            passing = [h for h, _ in rec.get("passing", [])]
            attributed = set(rec.get("places", []))

            def of(hits, g, kind=kind, stems=stems):  # type: ignore[no-untyped-def]
                return [h for h in hits if g in places_of(h, kind, trace.muni_region)
                        and (not stems or any(_positions(h.passage.text, [s]) for s in stems))]

            for g in sorted(missed):
                if graphed and g in text_got:
                    stage = "G:text-has-it"
                elif "pool" not in rec:
                    stage = "s:no-topic-reading"
                elif not of(wide, g):
                    stage = "c0:not-retrieved"
                elif not of(pool, g):
                    stage = "c1:beyond-pool"
                elif not [h for h in passing if g in places_of(h, kind, trace.muni_region)]:
                    stage = "d:rejected"
                elif g not in attributed:
                    stage = "e:not-attributed"
                else:
                    stage = "f:dropped"
                if graphed and not stage.startswith("G:"):
                    stage = "G/" + stage
                counts[stage] += 1
                per_q[(name, q["id"])] += 1
                if show:
                    print(f"{name} {q['id']} {kind} {g} {stage}\n   Q {q['q']}\n"
                          f"   got {sorted(got)} text {sorted(text_got)}")
    for k, v in sorted(counts.items()):
        print(f"{k:28s} {v}")
    print(f"questions with a missed place: {len(per_q)}")


if __name__ == "__main__":
    main(sys.argv[1:])
