"""Scoring of fact questions (dates and periods, counts, people, bodies, amounts) per kind and
language, with silence on absent things counted apart: `python -m api.fact_evaluation
[--questions FILE] [--misses] [--json]` on the live build of $LAPEKG_DATA.

A question's expected values are written canonically (dates ISO `2018-09-03`, `2018-09` or
`2018`; counts and amounts as plain numbers); an answer's label is read back into the same
form, whether it came from the graph (`2017-03-01`, `759952`) or from the text (`1.3.2017–
31.12.2018`, `noin 1,3 miljoonaa euroa`, `kolme`). Outcomes: right (every expected value and
nothing else), partly, wrong, silent; an answer to an absent thing is a false answer."""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from search.reading_values import date_match, dates_of, number_of

QUESTIONS = Path("tests/eval/dev_questions_facts.jsonl")
def score(q: dict, answers: list[dict], names: dict[str, tuple[str, ...]]) -> str:
    """right | partly | wrong | silent for a question with an answer; for an absent thing,
    silent or 'false answer'."""
    if q.get("absent"):
        return "false answer" if answers else "silent"
    if not answers:
        return "silent"
    expected = q["answer_entities"]
    kind = q["type"]
    if kind == "date":
        got = [dates_of(a["label"]) for a in answers]
        values = set().union(*got)
        covered = all(any(date_match(e, g) for g in values) for e in expected)
        extra = [g for g in values if not any(date_match(e, g) for e in expected)]
        matched = len(expected) - sum(1 for e in expected
                                      if not any(date_match(e, g) for g in values))
    else:
        def ok(a: dict) -> bool:
            if kind in ("count", "amount"):
                value = (a.get("amount") or {}).get("value") if kind == "amount" else None
                value = value if value is not None else number_of(a["label"])
                return value is not None and any(
                    abs(value - float(e)) <= 0.01 * float(e) for e in expected)
            wanted = {e.casefold() for e in [*expected, *q.get("aliases", [])]}
            labels = {a["label"].casefold(), *(n.casefold() for n in names.get(a.get("iri") or "",
                                                                               ()))}
            return bool(wanted & labels)
        hits = [ok(a) for a in answers]
        covered = any(hits) if kind in ("count", "amount") else sum(hits) >= len(expected)
        extra = [a for a, h in zip(answers, hits, strict=True) if not h]
        matched = sum(hits)
    if covered and not extra:
        return "right"
    return "partly" if matched else "wrong"


def evaluate(services, path: Path) -> dict:  # type: ignore[no-untyped-def]
    from api.evaluation import _jsonl, _names_by_iri
    from api.schemas import ask_response
    from ingest.documents import document_key

    names = _names_by_iri(services)
    present = set(services.passages.documents())
    rows = []
    for q in _jsonl(path):
        docs = [document_key(Path(d)) for d in q.get("docs", [])]
        if docs and not all(d in present for d in docs):
            continue
        scope = {str(services.minter.document(d)) for d in (docs or present)}
        response = ask_response(services.answerer.ask(q["q"], documents=scope), services.minter)
        answers = json.loads(response.model_dump_json())["answers"]
        outcome = score(q, answers, names)
        rows.append({"id": q["id"], "type": q["type"], "lang": q["lang"], "q": q["q"],
                     "absent": bool(q.get("absent")), "outcome": outcome,
                     "expected": q["answer_entities"],
                     "got": [(a["label"], a.get("source"), a.get("confidence")) for a in answers]})
    table: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        part = "absent" if r["absent"] else "answerable"
        for key in (f"{part}|all", f"{part}|{r['type']}", f"{part}|{r['lang']}"):
            table[key][r["outcome"]] += 1
            table[key]["questions"] += 1
    return {"questions": len(rows), "table": {k: dict(v) for k, v in sorted(table.items())},
            "per_question": rows}


def main(argv: list[str] | None = None) -> None:
    from api.components import load_services
    from api.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--misses", action="store_true", help="list every question not right")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    services = load_services(Settings())
    try:
        result = evaluate(services, args.questions)
    finally:
        services.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for key, row in result["table"].items():
        print(f"{key:22s} " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
    if args.misses:
        for r in result["per_question"]:
            if r["outcome"] not in ("right", "silent") or (r["outcome"] == "silent"
                                                           and not r["absent"]):
                print(f"{r['id']} {r['outcome']:12s} {r['q'][:70]}\n    expected {r['expected']}"
                      f" got {r['got'][:3]}")


if __name__ == "__main__":
    main()
