"""The relevance model's threshold and standout floor of place answers moved together over a
grid, each setting scored per development places set (region and municipality questions and
absent things), then chosen leave-one-set-out: for each set, the setting best on all the
others (right + silent absent, ties to the shipped setting) scores it. Development data only.

    LAPEKG_DATA=data-dev PYTHONPATH=$PWD python tests/eval/places_grid.py \
        OFFSET[,OFFSET…] FLOOR[,FLOOR…] [SET,SET,…] > grid.jsonl
    python tests/eval/places_grid.py --choose grid.jsonl"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from tests.eval.places_pooled import KINDS, SETS, outcome


def grid(offsets: list[float], floors: list[float], sets: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings
    from ingest.documents import document_key

    services = load_services(Settings())
    answerer = services.answerer
    names = _names_by_iri(services)
    present = services.passages.documents()
    rows = []
    for name in sets:
        for line in Path(f"tests/eval/dev_questions_{name}.jsonl").read_text(
                encoding="utf-8").splitlines():
            q = json.loads(line) if line.strip() else {}
            if q.get("answer_kind") not in KINDS and not q.get("absent"):
                continue
            docs = [document_key(Path(d)) for d in q.get("docs", [])] or list(present)
            if all(d in present for d in docs):
                rows.append((name, q, {str(services.minter.document(d)) for d in docs}))
    model = answerer.topics.model
    assert model is not None
    for offset in offsets:
        for floor in floors:
            answerer.topics.model = replace(model, threshold=model.threshold + offset)
            answerer.topics.fallback = floor
            counts: dict[str, Counter] = defaultdict(Counter)
            for name, q, scope in rows:
                answers = answerer.ask(q["q"], documents=scope).answers
                expected = {e.casefold() for e in
                            q.get("answer_entities", []) + q.get("answer_regions", [])}
                got = {next((n.casefold() for n in names.get(a.iri or "", ())
                             if n.casefold() in expected), a.label.casefold()) for a in answers}
                counts[name][outcome(expected, got, bool(q.get("absent")))] += 1
            for name, c in counts.items():
                print(json.dumps({"offset": offset, "floor": floor, "set": name, **c}),
                      flush=True)
    answerer.topics.model = model


def choose(rows: list[dict], shipped: tuple[float, float] = (0.0, 0.6)) -> None:
    by: dict[tuple[float, float], dict[str, dict]] = defaultdict(dict)
    for r in rows:
        by[(r["offset"], r["floor"])][r["set"]] = r

    def gain(r: dict) -> int:
        return r.get("right", 0) + r.get("silent", 0)

    sets = sorted({r["set"] for r in rows})
    for setting, per in sorted(by.items()):
        total = Counter()
        for r in per.values():
            total.update({k: v for k, v in r.items() if isinstance(v, int)})
        print(f"offset {setting[0]:+.3f} floor {setting[1]:.2f}: " + ", ".join(
            f"{k} {total[k]}" for k in ("right", "partly", "wrong", "none", "silent",
                                        "false answer")))
    held = Counter()
    for s in sets:
        best = max(by, key=lambda st: (sum(gain(by[st][o]) for o in sets if o != s),
                                       st == shipped))
        held.update({k: v for k, v in by[best][s].items() if isinstance(v, int)})
        print(f"held out {s:16s} chose offset {best[0]:+.3f} floor {best[1]:.2f}")
    print("leave-one-set-out: " + ", ".join(
        f"{k} {held[k]}" for k in ("right", "partly", "wrong", "none", "silent",
                                   "false answer")))


if __name__ == "__main__":
    if sys.argv[1] == "--choose":
        choose([json.loads(x) for x in Path(sys.argv[2]).read_text().splitlines()])
    else:
        grid([float(x) for x in sys.argv[1].split(",")],
             [float(x) for x in sys.argv[2].split(",")],
             sys.argv[3].split(",") if len(sys.argv) > 3 else list(SETS))
