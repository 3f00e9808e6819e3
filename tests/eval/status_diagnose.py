"""Pooled status figures over the development status sets, and the stage that loses each miss.

usage: python tests/eval/status_diagnose.py OUT_DIR [--misses] [SET...]
OUT_DIR is where tests/eval/status_sets.sh built each set (OUT_DIR/data-SET). For development
sets only (tests/corpora/*): never point it at the frozen held-out set.

Each annotated mention that is read wrong is put in one class:
  described     a model only described (gold note) for which no status is found for that actor
  none-as-status  the gold says none (a negation, a mention) and a status was given
  wrong status  the actor and the method are linked, with another status
  wrong actor   the method has the gold status in the document, but for another actor
  other actor   the method has some status in the document, only for other actors, none the gold's
  not found     no status statement at all for the method in that document

Measured (xstatus10, December 2026; main e9e0010 against the branch with the concept commit):
main 364/514 (.708; 358/514 before project actors resolved with their document), branch
365/514: dev8w 35 -> 36, every other set equal (the concept commit was not merged: dev6w
relations P .787 -> .776, and no change on round 10's fresh dev10w). Main's misses by class:
not found 45, wrong status 34, described 33 (the matcher finds 12 of them, the rest are
English, Swedish or vague), wrong actor 22, other actor 15, none-as-status 1. The classifier alone
(LAPEKG_STATUS_MODEL=learned) reads 311/514.

Measured (xstatus11, December 2026; main dd80f44 against branch xstatus11, 13 sets with dev10w):
main 398/570 (.698), branch 400/570 (.702): dev10w 34 -> 35, dev6w 46 -> 48, dev8w 35 -> 36,
dev5w2 25 -> 23 (a false "planned" of a misparsed negation, "- Vieremällä ja Rautalammilla ei
ole suunnitteilla ...", moves from the towns of the next clause onto the sentence's own towns;
its relations are equal, 40/13/20), every other set equal. Main's misses by class: not found
48, described 44, wrong status 36, wrong actor 23, other actor 20, none-as-status 1.

Measured (xmention12, December 2026; main f78e2ae against branch xmention12, 13 sets): main
400/570 (.702), relations of the status sets 597/121/202; branch (ingest/method_forms.py:
compounds, acronyms, Swedish/English near forms of method names) 406/570 (.712), 603/122/196:
dev5w 43 -> 44, dev6w 48 -> 49, dev10w 35 -> 39, every other set equal. Main's 48 "not found"
split (tests/eval/mention_diagnose.py): 22 with the model linked in the evidence (no status read
for a named mention), 9 local models the reference data does not hold, 17 not linked (mostly a
back-reference or a list item under its heading; 1 read since). Described: 87 lines; the
classifier (.825) links 36 of them to the right model in the sentences it reads; 24 are in
sentences naming no actor (never read), 20 below the threshold (half of them take up a model
of the sentence before: "sama kokeilu", "vastaavaa", "the same arrangement").

Measured (xstatus13, December 2026; 14 sets with dev12w; main 268240b against branch xstatus13):
main 437/625 (.699), relations of the status sets 670/152/251; branch 441/625 (.706),
674/152/247: devstatus2 46 -> 47, devstatus3 20 -> 21, devstatus6 11 -> 12, dev5w 45 -> 46,
every other set equal. "Not found" 54 -> 49. The branch reads state words without a verb of
doing: "toiminnassa" (a table cell, a predicate), a copular predicate hung on a heading word
("Vastaus: X on kokeiluvaiheessa"), a predicate parsed as a second root before a method whose
name holds a verb ("kokeilisi Pyydä apua -nappia").
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

SETS = ("devstatus", "devstatus2", "devstatus3", "devstatus4", "devstatus5", "devstatus6",
        "devstatus7", "devstatus8d", "devstatus9", "dev5w", "dev5w2", "dev6w", "dev8w", "dev10w",
        "dev12w")
STATUSES = ("piloted", "implemented", "trained", "planned", "developing", "created")  # report order


def _services(data: Path):  # type: ignore[no-untyped-def]
    from api.components import load_services
    from api.settings import Settings

    os.environ["LAPEKG_DATA"] = str(data)
    return load_services(Settings())


def diagnose(data: Path, gold_dir: Path) -> tuple[Counter, Counter, list[dict], dict]:
    """(right/n by gold status, miss classes, misses, relation counts by status predicate)."""
    from api.evaluation import _jsonl
    from api.heldout_evaluation import read_statuses

    services = _services(data)
    found, readings = read_statuses(services, _jsonl(gold_dir / "statuses.jsonl"))
    by_method: dict[tuple, set] = defaultdict(set)
    for p in STATUSES:
        for d, a, m in found.get(p, ()):
            by_method[(d, m)].add((p, a))
    score: Counter = Counter()
    classes: Counter = Counter()
    misses = []
    for r in readings:
        s, doc, method, got, gold = r.line, r.doc, r.method, r.got, r.line["status"]
        described = r.described
        for k in ("all", gold, *(["described"] if described else [])):
            score[k, "n"] += 1
            score[k, "right"] += r.ok
        if r.ok:
            continue
        others = by_method.get((doc, method), set())
        if gold == "none":
            kind = "none-as-status"
        elif got:
            kind = "wrong status"
        elif described and not others:
            kind = "described"
        elif any(p == gold for p, _ in others):
            kind = "wrong actor"
        elif others:
            kind = "other actor"
        else:
            kind = "not found"
        classes[kind] += 1
        classes[kind, gold] += 1
        misses.append({"set": gold_dir.name, "class": kind, "doc": s["doc"],
                       "actor": s["actor"]["label"], "method": s["method"], "status": gold,
                       "got": got, "others": sorted({p for p, _ in others}),
                       "other_actors": sorted({f"{p}:{a.rsplit('/', 1)[-1]}" for p, a in others}),
                       "evidence": s["evidence"]})
    return score, classes, misses, {}


def relations(out: Path, name: str) -> dict[str, tuple[int, int, int]]:
    path = out / f"{name}.json"
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    result = json.loads(text[text.index("{"):])
    rel = result.get("heldout", result).get("relations", {})
    return {p: (r["tp"], r["fp"], r["fn"]) for p, r in rel.items() if p in STATUSES}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    show = "--misses" in argv
    sets = [a for a in argv[1:] if not a.startswith("--")] or list(SETS)
    root = Path(__file__).resolve().parents[2] / "tests" / "corpora"
    pooled: Counter = Counter()
    pooled_classes: Counter = Counter()
    pooled_rel: Counter = Counter()
    all_misses = []
    for name in sets:
        if not (out / f"data-{name}").exists():
            print(f"{name}: not built in {out}", file=sys.stderr)
            continue
        score, classes, misses, _ = diagnose(out / f"data-{name}", root / name)
        pooled.update(score)
        pooled_classes.update(classes)
        all_misses.extend(misses)
        rel = relations(out, name)
        for p, (tp, fp, fn) in rel.items():
            pooled_rel[p, "tp"] += tp
            pooled_rel[p, "fp"] += fp
            pooled_rel[p, "fn"] += fn
        print(f"{name:12s} status {score['all', 'right']}/{score['all', 'n']}"
              f"  " + " ".join(f"{p[:4]} {rel[p][0]}/{rel[p][1]}/{rel[p][2]}"
                              for p in STATUSES if p in rel))
    n, right = pooled["all", "n"], pooled["all", "right"]
    print(f"\nPOOLED status {right}/{n} = {right / max(n, 1):.3f}")
    for k in (*STATUSES, "none", "described"):
        if pooled[k, "n"]:
            print(f"  {k:12s} {pooled[k, 'right']}/{pooled[k, 'n']}")
    print("relations tp/fp/fn: " + ", ".join(
        f"{p} {pooled_rel[p, 'tp']}/{pooled_rel[p, 'fp']}/{pooled_rel[p, 'fn']}"
        for p in STATUSES))
    print("miss classes:")
    for k, v in sorted(((k, v) for k, v in pooled_classes.items() if isinstance(k, str)),
                       key=lambda kv: -kv[1]):
        by = ", ".join(f"{g} {pooled_classes[k, g]}" for g in (*STATUSES, "none")
                       if pooled_classes[k, g])
        print(f"  {k:15s} {v:3d}  ({by})")
    if show:
        for m in all_misses:
            print(json.dumps(m, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
