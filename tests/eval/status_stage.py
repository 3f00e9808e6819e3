"""Which part of the status layer decides each annotated mention: the rules, the classifier or
the policy that combines them, read at the gold evidence and apart from attachment.

usage: python tests/eval/status_stage.py OUT_DIR [--rows F] [SET...]
OUT_DIR is a tests/eval/status_sets.sh output (its data-SET builds resolve the gold labels).
Each set's documents are analysed again with the code on PYTHONPATH; every decision of the
status model is recorded (the rules' status, the classifier's status and confidence, the one
kept). For each gold line (statuses.jsonl) whose method is linked in its evidence sentences the
script says what the rules alone, the classifier alone and the policy give there, so a miss is
put on the stage that loses it. Development sets only (tests/corpora/*).

A method a sentence of the evidence takes up from the sentence before ("Mallia kokeiltiin
Sallassa": carried, its mention lies before the evidence) counts as linked there, and is also
counted as "linked by a back-reference (carried)"; before xlink20 such lines were "not linked in
evidence" (main 6f7cf0b, 16 sets: 142 not linked by the old count, 97 by this one).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

from tests.eval.describe_diagnose import ROOT
from tests.eval.pair_diagnose import _evidence_span

SETS = ("devstatus", "devstatus2", "devstatus3", "devstatus4", "devstatus5", "devstatus6",
        "devstatus7", "devstatus8d", "devstatus9", "dev5w", "dev5w2", "dev6w", "dev8w", "dev10w",
        "dev12w", "dev17w")
LABELS = ("implemented", "developing", "piloted", "trained", "planned", "created", "none")


def _record_decisions(log: list[dict]) -> None:
    from ingest import status_layer

    original = status_layer.LearnedStatusModel.predict

    def predict(self, ctx):  # type: ignore[no-untyped-def]
        out = original(self, ctx)
        said = None
        if not ctx.carried and ctx.sentence.heads and ctx.sentence.passage.tokens:
            site = status_layer._site(ctx.sentence.passage, ctx.sentence.heads, ctx.method)
            said = self.classifier.predict([site])[0]
        log.append({"passage": ctx.sentence.passage.passage.index, "start": ctx.method.start,
                    "sent": [ctx.sentence.start, ctx.sentence.end],
                    "key": ctx.method.key, "sentence": ctx.sentence.text,
                    "rule": ctx.rule.status, "learned": said.status if said else None,
                    "conf": round(said.confidence, 3) if said else None,
                    "final": out.status, "source": out.source, "carried": ctx.carried,
                    "named": bool(ctx.actors), "negated": ctx.negated})
        return out

    status_layer.LearnedStatusModel.predict = predict  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    from api.components import load_services, make_builder
    from api.evaluation import GoldResolver, _jsonl
    from api.settings import Settings
    from ingest.documents import load_document

    out = Path(argv[0])
    rows_path = argv[argv.index("--rows") + 1] if "--rows" in argv else None
    skip = {rows_path}
    sets = [a for a in argv[1:] if not a.startswith("--") and a not in skip] or list(SETS)
    log: list[dict] = []
    _record_decisions(log)
    pipeline = make_builder(Settings(), progress=False).pipeline
    stage: Counter = Counter()
    confusion: Counter = Counter()
    rows = []
    for name in sets:
        os.environ["LAPEKG_DATA"] = str(out / f"data-{name}")
        resolver = GoldResolver(load_services(Settings()))
        gold_dir = ROOT / "tests" / "corpora" / name
        lines = list(_jsonl(gold_dir / "statuses.jsonl"))
        results = {}
        for doc in sorted({s["doc"] for s in lines}):
            log.clear()
            result = pipeline.analyse(load_document(gold_dir / "docs" / doc))
            results[doc] = (result, list(log))
        for s in lines:
            result, decisions = results[s["doc"]]
            key = resolver.iri("Method", s["method"]).rsplit("/", 1)[-1]
            span = _evidence_span(result, s["evidence"])
            # a method named in the evidence, or one a sentence of the evidence takes up from
            # the sentence before (carried: its mention lies before the evidence)
            here = [] if span is None else [
                d for d in decisions if d["passage"] == span[0].passage.index
                and str(d["key"]).rsplit("/", 1)[-1] == key and (
                    span[1] <= d["start"] < span[2] or d["carried"] and d["sent"][0] < span[2]
                    and span[1] < d["sent"][1])]
            gold = s["status"]
            row = {"set": name, "doc": s["doc"], "method": s["method"],
                   "actor": s["actor"]["label"], "gold": gold, "evidence": s["evidence"],
                   "decisions": here}
            rows.append(row)
            if not here:
                stage["not linked in evidence"] += 1
                continue
            if all(d["carried"] for d in here):
                stage["linked by a back-reference (carried)"] += 1

            def has(field: str, d=here, g=gold) -> bool:  # type: ignore[no-untyped-def]
                got = {x[field] or "none" for x in d}
                return got == {"none"} if g == "none" else g in got

            rule, learned, final = has("rule"), has("learned"), has("final")
            row.update(rule_ok=rule, learned_ok=learned, final_ok=final)
            stage["linked"] += 1
            stage["rules right"] += rule
            stage["classifier right"] += learned
            stage["policy right"] += final
            if final:
                continue
            d = here[0]
            why = ("rules none, classifier none" if not d["rule"] and d["learned"] in (None, "none")
                   else "rules none, classifier right, not filled" if not d["rule"] and learned
                   else "rules none, classifier wrong" if not d["rule"]
                   else "rules wrong, classifier right" if learned
                   else "rules wrong, classifier wrong")
            if d["carried"]:
                why = "carried: " + why
            stage[why] += 1
            confusion[gold, d["final"] or "none"] += 1
    print(json.dumps(dict(stage.most_common()), indent=1, ensure_ascii=False))
    print("confusion (gold -> kept), linked misses:")
    for (g, p), n in confusion.most_common():
        print(f"  {g:12s} -> {p:12s} {n}")
    if rows_path:
        with open(rows_path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
