"""Where each model only described in the development status sets is lost: the describer's stages.

usage: LAPEKG_DATA=/tmp/scratch PYTHONPATH=$PWD python tests/eval/describe_diagnose.py \
           [--misses OUT_DIR] [--list] [SET...]
For development sets only (tests/corpora/*): never point it at the frozen held-out set.

Each gold line whose note says "described" is analysed with the build's pipeline (its own
document) and put in the first stage that fails:
  not asked     the describer never read the sentence (it names no actor, names a model, or is
                shorter than MIN_CHARS); `no-actor` / `named` / `short` say which
  below         the sentence was read and its most probable model is the gold's, below threshold
  wrong model   the most probable model is another one (above or below the threshold)
  linked        the right model was linked; then `fact` (a status fact for the gold actor and
                status), `other` (a fact for that model, another actor or status) or `none`
With --misses OUT_DIR (a tests/eval/status_sets.sh output) only the lines status_diagnose.py
counts as misses there are classified.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETS = ("devstatus", "devstatus2", "devstatus3", "devstatus4", "devstatus5", "devstatus6",
        "devstatus7", "devstatus8d", "devstatus9", "dev5w", "dev5w2", "dev6w", "dev8w", "dev10w",
        "dev12w")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def main(argv: list[str]) -> int:
    from api.components import make_builder
    from api.settings import Settings
    from ingest import concept_descriptions as cd
    from ingest.documents import load_document

    show = "--list" in argv
    misses_dir = Path(argv[argv.index("--misses") + 1]) if "--misses" in argv else None
    sets = [a for a in argv if not a.startswith("--") and Path(a) != misses_dir] or list(SETS)
    builder = make_builder(Settings(), progress=False)
    pipeline = builder.pipeline
    matcher = pipeline.describer
    asked: list[tuple[str, str, float]] = []  # every sentence read: text, best model, probability
    best = matcher.best

    def recording(sentences):  # type: ignore[no-untyped-def]
        out = best(sentences)
        asked.extend((_norm(s), k, p) for s, (k, _, p) in zip(sentences, out, strict=True))
        return out

    matcher.best = recording  # type: ignore[method-assign]
    by_label = {label.casefold(): e.key for e in pipeline.extractor.reference.by_kind("Method")
                for label in pipeline.extractor.reference.all_labels(e)}
    wanted = None
    if misses_dir is not None:
        import subprocess

        out = subprocess.run([sys.executable, str(ROOT / "tests/eval/status_diagnose.py"),
                              str(misses_dir), "--misses", *sets], capture_output=True,
                             text=True, check=True).stdout
        wanted = {(m["set"], m["doc"], m["evidence"]) for m in
                  (json.loads(line) for line in out.splitlines() if line.startswith("{"))}
    stages: Counter = Counter()
    for name in sets:
        lines = [json.loads(s) for s in
                 (ROOT / "tests/corpora" / name / "statuses.jsonl").open(encoding="utf-8")]
        lines = [g for g in lines if "described" in g.get("note", "")
                 and (wanted is None or (name, g["doc"], g["evidence"]) in wanted)]
        by_doc = defaultdict(list)
        for g in lines:
            by_doc[g["doc"]].append(g)
        for doc_name, golds in by_doc.items():
            asked.clear()
            document = load_document(ROOT / "tests/corpora" / name / "docs" / doc_name)
            result = pipeline.analyse(document)
            for g in golds:
                key = by_label.get(g["method"].casefold())
                ev = _norm(g["evidence"])[:60]
                ap = next((a for a in result.passages if ev in _norm(a.passage.text)), None)
                stage, detail = "not found in text", ""
                if ap is not None:
                    text = ap.passage.text
                    span = next(((s, e) for s, e in cd.sentence_spans(ap)
                                 if ev[:40] in _norm(text[s:e])), None)
                    sent = _norm(text[span[0]:span[1]]) if span else ev
                    hit = next(((k, p) for t, k, p in asked if t == sent), None)
                    here = [m for m in result.mentions if m.passage_index == ap.passage.index
                            and span and span[0] <= m.start < span[1]]
                    if hit is None:
                        stage = "not asked"
                        detail = ("short" if span and len(text[span[0]:span[1]].strip())
                                  < cd.MIN_CHARS else "named" if any(
                                      m.kind == "Method" and m.source != cd.PRACTICE
                                      for m in here) else "no-actor" if not any(
                                      m.kind in cd.ACTOR_KINDS for m in here) else "?")
                    elif hit[0] != key:
                        stage, detail = "wrong model", f"{hit[0]} {hit[1]:.2f}"
                    elif hit[1] < matcher.margin:
                        stage, detail = "below", f"{hit[1]:.2f}"
                    else:
                        stage = "linked"
                        facts = [f for f in result.facts if f.object_key == key
                                 and f.passage_index == ap.passage.index]
                        right = [f for f in facts if f.predicate == g["status"]]
                        detail = ("fact" if right else "other" if facts else "none")
                stages[stage] += 1
                stages[stage, detail] += 1
                if show:
                    print(f"{stage:12s} {detail:22s} {name:11s} {g['method'][:28]:28s} "
                          f"{g['status']:11s} {g['actor']['label'][:20]:20s} | "
                          f"{g['evidence'][:110]}")
    for k, v in sorted(((k, v) for k, v in stages.items() if isinstance(k, str)),
                       key=lambda kv: -kv[1]):
        by = ", ".join(f"{d or '-'} {stages[k, d]}" for (kk, d) in
                       [x for x in stages if isinstance(x, tuple)] if kk == k)
        print(f"{k:18s} {v:3d}  ({by})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
