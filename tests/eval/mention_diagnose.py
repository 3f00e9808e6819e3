"""Is each annotated method mention's model linked in its own evidence? The linking stage alone,
over the development status sets, without a build.

usage: PYTHONPATH=$PWD python tests/eval/mention_diagnose.py [--list] [SET...]
For development sets only (tests/corpora/*): never point it at the frozen held-out set.

Each gold line of SET/statuses.jsonl is put in one class: its evidence (the annotated words)
linked to the gold model by name (named+), not linked though the line names it (named-: a
back-reference, a list item under its heading, a form no label or mechanism reads), only
described (described+/-), or a model the reference data does not hold (unknown: a local model
the text names). --list prints the named- and unknown lines.

Measured (xmention12, December 2026; 570 lines of the 13 sets): main f78e2ae named+ 406,
named- 68, described 87 (4 linked by a name inside the description), unknown 9; the branch's
ingest/method_forms.py named+ 417, named- 57. Of main's 48 "not found" misses
(tests/eval/status_diagnose.py) 22 had the model linked in the evidence (the status layer read
no status for a named mention), 9 were unknown local models and 17 not linked (1 read since).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

SETS = ("devstatus", "devstatus2", "devstatus3", "devstatus4", "devstatus5", "devstatus6",
        "devstatus7", "devstatus8d", "devstatus9", "dev5w", "dev5w2", "dev6w", "dev8w", "dev10w",
        "dev12w")
ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    from ingest.linking import Linker
    from ingest.records import Passage
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from ingest.voikko_analyzer import VoikkoAnalyzer
    from ontology.reference import load_reference

    show = "--list" in argv
    sets = [a for a in argv if not a.startswith("--")] or list(SETS)
    reference, voikko = load_reference(), VoikkoAnalyzer()
    analyzer, linker = PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko)
    by_label = {label.casefold(): e.key for e in reference.by_kind("Method")
                for label in reference.all_labels(e)}
    classes: Counter = Counter()
    for name in sets:
        for line in (ROOT / "tests" / "corpora" / name / "statuses.jsonl").open(encoding="utf-8"):
            gold = json.loads(line)
            key = by_label.get(gold["method"].casefold())
            if key is None:
                kind = "unknown"
            else:
                text = gold["evidence"]
                (ap,) = analyzer.analyse([Passage("t", 0, 0, len(text), text)])
                linked = {m.key for m in linker.link("t", ap) if m.kind == "Method"}
                kind = (("described" if "described" in gold.get("note", "") else "named")
                        + ("+" if key in linked else "-"))
            classes[kind] += 1
            if show and kind in ("named-", "unknown"):
                print(f"{kind:8s} {name:12s} {gold['method']} | {gold['status']} | "
                      f"{gold['evidence'][:140]}")
    print(" ".join(f"{k} {v}" for k, v in sorted(classes.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
