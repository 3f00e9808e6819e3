"""Scores dev_questions_places.jsonl (or any file of the same format) per answer kind.

    LAPEKG_DATA=data-a PYTHONPATH=$PWD python tests/eval/score_places.py \
        [tests/eval/dev_questions_places.jsonl] [--misses]

Each question is asked over every document of the build its `docs` name (the whole corpus and
the unseen documents). An answerable question counts as
  right   when at least half of what it expects is answered and at least half of what is
          answered is expected (set P >= .5 and R >= .5, labels compared as `lapekg eval` does),
  partly  when some but not enough of it is,
  wrong   when answers come but none is expected,
  none    when no answer comes;
an absent-thing question (`"absent": true`) counts a "false answer" for any answer at all.
Development data: its misses may be read (--misses)."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def outcome(p: float, r: float, answered: bool) -> str:
    if not answered:
        return "none"
    if p >= 0.5 and r >= 0.5:
        return "right"
    return "partly" if r > 0 else "wrong"


def scoped_questions(services, path: Path):  # type: ignore[no-untyped-def]
    """Each question of a JSON-lines file whose documents are all in the build, with the
    document IRIs it is asked over (its `docs`, else every document of the build)."""
    from ingest.documents import document_key

    present = services.passages.documents()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        q = json.loads(line)
        docs = [document_key(Path(d)) for d in q.get("docs", [])] or list(present)
        if all(d in present for d in docs):
            yield q, {str(services.minter.document(d)) for d in docs}


def expected_of(q: dict) -> set[str]:
    return {e.casefold() for e in q.get("answer_entities", []) + q.get("answer_regions", [])}


def names_answered(names: dict, answers, expected: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """Each answer by the name of it the question expects, else by its label (lower case)."""
    return {next((n.casefold() for n in names.get(a.iri or "", ()) if n.casefold() in expected),
                 a.label.casefold()) for a in answers}


def main(argv: list[str]) -> None:
    from api.components import load_services
    from api.evaluation import _names_by_iri
    from api.settings import Settings

    paths = [Path(a) for a in argv if not a.startswith("--")] or [
        Path("tests/eval/dev_questions_places.jsonl")]
    misses = "--misses" in argv
    services = load_services(Settings())
    names = _names_by_iri(services)
    table: dict[str, Counter] = defaultdict(Counter)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for path in paths:
        for q, scope in scoped_questions(services, path):
            answers = services.answerer.ask(q["q"], documents=scope).answers
            expected = expected_of(q)
            got = names_answered(names, answers, expected)
            kind = q.get("answer_kind", "?")
            if q.get("absent"):
                result = "false answer" if answers else "silent"
                p = r = 0.0
            else:
                p = len(expected & got) / len(got) if got else 0.0
                r = len(expected & got) / len(expected) if expected else 0.0
                result = outcome(p, r, bool(answers))
                for key in (kind, "all answerable", f"lang {q.get('lang', '?')}"):
                    sums[key][0] += p
                    sums[key][1] += r
                    sums[key][2] += 1
            for key in (kind, "all answerable" if not q.get("absent") else "absent all",
                        f"lang {q.get('lang', '?')}"):
                table[key][result] += 1
                table[key]["questions"] += 1
            if misses and result not in ("right", "silent"):
                print(f"{q['id']} {kind:12s} {result:12s} {q['q'][:70]}\n"
                      f"     expected {sorted(expected)}\n     got      {sorted(got)}")
    for key in sorted(table):
        row = table[key]
        n = row["questions"]
        m = sums[key][2] if key in sums else 0
        pr = f" P={sums[key][0] / m:.3f} R={sums[key][1] / m:.3f}" if m else ""
        print(f"{key:16s} n={n:3d} " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())
                                                if k != "questions") + pr)


if __name__ == "__main__":
    main(sys.argv[1:])
