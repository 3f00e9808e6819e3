"""Every development places set scored on one build, per set and pooled, with each region or
municipality question that is not right classed by the stage that lost it (the stages of
tests/eval/diagnose_places.py). Development data only; never the held-out set.

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/places_pooled.py \
        [SET,SET,…] [--rows FILE.jsonl] [--show]

SET defaults to every places set of the Makefile's eval-dev. --rows writes one JSON row per
question (set, id, kind, outcome, stage, expected, got) for later pooling; --show prints the
misses. The outcomes are score_places.py's (right, partly, wrong, none; absent: silent or false
answer)."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

SETS = ("places", "places2", "places3", "places4", "places5", "places6", "w5places",
        "w5bplaces", "seedsq_places", "w6places", "seedsq2_places", "w8places",
        "seedsq3_places", "w10places", "seedsq4_places", "w12places", "seedsq5_places",
        "w16places", "w16methods", "w17places", "a19places", "a20places", "a21places")
# w17facts, w18*, w19* (w19places, w19methods, w19facts), dev18w and dev19w are left out of the
# default pools: the lead scores them by name (aggregates only) while they are clean development sets.
KINDS = ("region", "municipality")


def outcome(expected: set[str], got: set[str], absent: bool) -> str:
    if absent:
        return "false answer" if got else "silent"
    if not got:
        return "none"
    p = len(expected & got) / len(got)
    r = len(expected & got) / len(expected) if expected else 0.0
    return "right" if p >= .5 and r >= .5 else "partly" if r else "wrong"


def set_args(argv: list[str]) -> tuple[Path | None, list[str], bool]:
    """--rows FILE, the sets (comma-separated, default every set) and --show."""
    rows_path = Path(argv[argv.index("--rows") + 1]) if "--rows" in argv else None
    args = [a for a in argv if not a.startswith("--") and a != str(rows_path)]
    return rows_path, (args[0].split(",") if args else list(SETS)), "--show" in argv


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from tests.eval.diagnose_places import stage_of, tracer
    from tests.eval.score_places import expected_of, names_answered, scoped_questions

    rows_path, sets, show = set_args(argv)
    services = load_services(Settings())
    names = _names_by_iri(services)
    trace = tracer(services)
    rows = []
    for name in sets:
        for q, scope in scoped_questions(services, Path(f"tests/eval/dev_questions_{name}.jsonl")):
            trace.rec.clear()
            res = services.answerer.ask(q["q"], documents=scope)
            expected = expected_of(q)
            got = names_answered(names, res.answers, expected)
            kind = "absent" if q.get("absent") else q.get("answer_kind", "?")
            result = outcome(expected, got, bool(q.get("absent")))
            stage = ""
            if kind in KINDS and result != "right":
                stage = stage_of(trace, q, res, expected, got)
            rows.append({"set": name, "id": q["id"], "kind": kind, "lang": q.get("lang"),
                         "outcome": result, "stage": stage, "q": q["q"],
                         "expected": sorted(expected), "got": sorted(got)})
            if show and result not in ("right", "silent"):
                print(f"{name} {q['id']} {kind} {result} {stage}\n   Q {q['q']}\n"
                      f"   exp {sorted(expected)}\n   got {sorted(got)}", flush=True)
    if rows_path is not None:
        rows_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                             encoding="utf-8")
    summarise(rows)


def summarise(rows: list[dict]) -> None:
    per_set: dict[str, Counter] = defaultdict(Counter)
    pooled: dict[str, Counter] = defaultdict(Counter)
    stages: Counter = Counter()
    for r in rows:
        per_set[r["set"]][r["outcome"]] += 1
        pooled[r["kind"]][r["outcome"]] += 1
        if r["stage"]:
            stages[f"{r['stage'].split(' ')[0]} ({r['outcome']})"] += 1
    for name, c in per_set.items():
        print(f"set {name:16s} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    for kind, c in sorted(pooled.items()):
        print(f"kind {kind:14s} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    for stage, n in stages.most_common():
        print(f"stage {stage:40s} {n}")


if __name__ == "__main__":
    if "--summarise" in sys.argv:
        summarise([json.loads(x) for x in Path(sys.argv[-1]).read_text().splitlines()])
    else:
        main(sys.argv[1:])
