"""Which stage loses each method question of the development places sets that is not right
(development data only). Stages, in the order a question passes them:
  kind        the question was read as another kind than a method question
  no-actor    the question named no actor `ask` linked (municipality, region, body, project)
  graph       the graph answered: with other methods (wrong), or with extras or part (partly)
  text        the reading answered from the passages, wrongly or in part
  not-read    no answer, and an expected method is linked in a top-5 passage of the scope
  not-in-top  no answer, and no top-5 passage links an expected method
  false       an answer to an absent thing

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/methods_diagnose.py \\
        [SET,SET,…] [--rows FILE.jsonl] [--show]

SET defaults to places_pooled.SETS; outcomes are places_pooled's."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ACTORS = ("Municipality", "Region", "Organisation", "Project")


def stage_of(q: dict, res, outcome: str, expected: set[str],  # type: ignore[no-untyped-def]
             top: list) -> str:
    if q.get("absent"):
        return "false"
    if res.answer_type != "method":
        return f"kind:{res.answer_type}"
    if not any(e.kind in ACTORS for e in res.entities):
        return "no-actor"
    sources = {a.source for a in res.answers}
    if "graph" in sources:
        return f"graph:{outcome}"
    if sources:
        return f"text:{outcome}"
    linked = {e.label.casefold() for h in top for e in h.passage.entities if e.kind == "Method"}
    return "not-read" if linked & expected else "not-in-top"


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from tests.eval.places_pooled import outcome, set_args
    from tests.eval.score_places import expected_of, names_answered, scoped_questions

    rows_path, sets, show = set_args(argv)
    services = load_services(Settings())
    names = _names_by_iri(services)
    ans = services.answerer
    rows = []
    for name in sets:
        for q, scope in scoped_questions(services, Path(f"tests/eval/dev_questions_{name}.jsonl")):
            if q.get("answer_kind") != "method":
                continue
            res = ans.ask(q["q"], documents=scope)
            expected = expected_of(q)
            got = names_answered(names, res.answers, expected)
            result = outcome(expected, got, bool(q.get("absent")))
            stage = ""
            if result not in ("right", "silent"):
                wide = ans.searcher.search(q["q"], k=100)
                top = [h for h in wide if scope is None
                       or str(services.minter.document(h.passage.doc_key)) in scope][:5]
                stage = stage_of(q, res, result, expected, top)
            rows.append({"set": name, "id": q["id"], "outcome": result, "stage": stage,
                         "read_as": f"{res.answer_type}/{res.relation}", "q": q["q"],
                         "expected": sorted(expected), "got": sorted(got)})
            if show and stage:
                print(f"{name} {q['id']} {result} {stage} [{res.answer_type}/{res.relation}]\n"
                      f"   Q {q['q']}\n   exp {sorted(expected)}\n   got {sorted(got)}",
                      flush=True)
    if rows_path is not None:
        rows_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                             encoding="utf-8")
    services.close()
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in
                                   Counter(r["outcome"] for r in rows).most_common()))
    print("stages: " + ", ".join(f"{k} {v}" for k, v in
                                 Counter(r["stage"] for r in rows if r["stage"]).most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
