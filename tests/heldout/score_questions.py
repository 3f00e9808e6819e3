"""Score `ask` on the held-out questions with the rules of tests/heldout/QUESTIONS.md.

Not product code and not a test: a measuring script. It asks every question over the whole
build, exactly as `lapekg ask --json` does (same services, same response schema), and prints
aggregate figures per kind and per language only.

    LAPEKG_DATA=data-eval PYTHONPATH=$PWD .venv/bin/python tests/heldout/score_questions.py \
        [--questions tests/heldout/questions.jsonl] [--responses saved.jsonl] [--save out.jsonl]

`--save` writes the raw `ask` responses (one JSON object a line, with the question id) and
`--responses` scores saved responses without running the system.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = ROOT / "tests" / "heldout" / "questions.jsonl"

_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
           "loka", "marras", "joulu")
_MONTH = "(" + "|".join(_MONTHS) + ")kuu"
_WORDS = {"yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6,
          "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10, "sata": 100,
          "kaksisataa": 200, "kolmesataa": 300, "tuhat": 1000}


def norm(text: str) -> str:
    """Casefolded, whitespace collapsed, light punctuation removed, dashes unified."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[‐–—]", "-", text)
    text = re.sub(r"[!?.,:;\"'()]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def numbers(text: str) -> list[float]:
    """Numbers written in Finnish or English forms: 1,2 miljoonaa, 850 000 €, 1200000.0, kolme."""
    t = text.replace("\u00a0", " ").replace("\u202f", " ")
    out = []
    for m in re.finditer(r"(\d{1,3}(?: \d{3})+|\d+(?:[.,]\d+)?)\s*(miljoonaa|milj|million)?",
                         t, re.IGNORECASE):
        raw = m.group(1)
        value = float(raw.replace(" ", "")) if " " in raw else float(raw.replace(",", "."))
        out.append(value * 1e6 if m.group(2) else value)
    for word in re.findall(r"[a-zäö]+", t.casefold()):
        if word in _WORDS:
            out.append(float(_WORDS[word]))
    return out


def dates(text: str) -> set[str]:
    """Dates as 'YYYY-MM-DD', months as 'YYYY-MM'."""
    t = text.casefold().replace("\u00a0", " ")
    out: set[str] = set()
    for y, mo, d in re.findall(r"(\d{4})-(\d{2})-(\d{2})", t):
        out.add(f"{y}-{mo}-{d}")
    for y, mo in re.findall(r"(\d{4})-(\d{2})(?!-\d)", t):
        out.add(f"{y}-{mo}")
    for d, mo, y in re.findall(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})", t):
        out.add(f"{y}-{int(mo):02d}-{int(d):02d}")
    for d1, _d2, mo, y in re.findall(r"(?<!\d)(\d{1,2})\.\s*[-–]\s*(\d{1,2})\.(\d{1,2})\.(\d{4})",
                                    t):
        out.add(f"{y}-{int(mo):02d}-{int(d1):02d}")
    for d, mo, y in re.findall(r"(\d{1,2})\.\s*" + _MONTH + r"\w*\s+(\d{4})", t):
        out.add(f"{y}-{_MONTHS.index(mo) + 1:02d}-{int(d):02d}")
    for mo, y in re.findall(_MONTH + r"(?:ssa|n)\s+(\d{4})", t):
        out.add(f"{y}-{_MONTHS.index(mo) + 1:02d}")
    return out


def _date_matches(gold: str, got: set[str]) -> bool:
    return any(d == gold or (len(gold) == 7 and d.startswith(gold)) for d in got)


class Names:
    """Every reference label of an answer's IRI, so 'STM' matches 'sosiaali- ja …ministeriö'."""

    def __init__(self, services) -> None:  # type: ignore[no-untyped-def]
        from graph.triples import entity_iri

        ref = services.reference
        self.by_iri = {str(entity_iri(services.minter, e.kind, e.key)): ref.all_labels(e)
                       for e in ref.entities}

    def of(self, answer: dict) -> set[str]:
        return {norm(n) for n in (answer["label"], *self.by_iri.get(answer.get("iri") or "", ()))}


def _gold_items(row: dict) -> dict[str, set[str]]:
    """Each expected item with the normalised names that count for it."""
    items = row.get("answer_regions") or row.get("answer_entities") or []
    aliases = row.get("answer_aliases", {})
    return {g: {norm(g), *(norm(a) for a in aliases.get(g, []))} for g in items}


def _outcome(row: dict, answers: list[dict], names: Names) -> str:
    """'right', 'partly', 'wrong' or 'none' (no answer), by the rules of QUESTIONS.md."""
    if not answers:
        return "none"
    if row.get("answer_none"):
        return "wrong"
    kind = row["kind"]
    if kind in ("amount", "count"):
        first = answers[0]
        got = numbers(" ".join(str(first.get(k, "")) for k in ("label", "value")))
        want = float(row["answer_value"])
        ok = any(abs(v - want) <= 0.01 * want for v in got) if kind == "amount" \
            else want in got
        return "right" if ok else "wrong"
    if kind == "date":
        if row.get("answer_date"):
            return "right" if _date_matches(row["answer_date"], dates(answers[0]["label"])) \
                else "wrong"
        got = set().union(*(dates(a["label"]) for a in answers))
        hits = sum(_date_matches(row[k], got) for k in ("answer_start", "answer_end"))
        return "right" if hits == 2 else "partly" if hits else "wrong"
    gold = _gold_items(row)
    also = {norm(a) for a in row.get("also_acceptable", [])}
    if len(gold) == 1 or row.get("answer_any"):
        first = names.of(answers[0])
        return "right" if any(first & forms for forms in gold.values()) else "wrong"
    matched, extra = set(), 0
    for a in answers:
        own = names.of(a)
        found = [g for g, forms in gold.items() if own & forms]
        if found:
            matched.update(found)
        elif not own & also:
            extra += 1
    recall = len(matched) / len(gold)
    precision = len(matched) / (len(matched) + extra) if matched or extra else 1.0
    if recall == 1 and precision >= 0.75:
        return "right"
    return "partly" if recall > 0 else "wrong"


def score(row: dict, response: dict, names: Names) -> dict:
    answers = response.get("answers", [])
    gold_texts = [norm(e["text"]) for e in row.get("evidence", [])]
    ev_texts = [norm(e.get("text", "")) for a in answers for e in a.get("evidence", [])]
    top5 = [norm(p.get("text", "")) for p in response.get("passages", [])[:5]]
    return {
        "outcome": _outcome(row, answers, names),
        "evidence_present": bool(answers) and all(a.get("evidence") for a in answers),
        "gold_in_answer_evidence": any(g in t for g in gold_texts for t in ev_texts),
        "gold_in_top5": any(g in t for g in gold_texts for t in top5),
    }


def _ask_all(rows: list[dict], services) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    from api.schemas import ask_response

    out = {}
    for row in rows:
        response = ask_response(services.answerer.ask(row["q"]), services.minter)
        out[row["id"]] = json.loads(response.model_dump_json())
    return out


def aggregate(rows: list[dict], scored: dict[str, dict]) -> dict:
    """Counts per kind and per language, answered and 'no answer' questions apart."""
    def empty() -> dict:
        return defaultdict(int)

    table: dict[str, dict] = defaultdict(empty)
    for row in rows:
        s = scored[row["id"]]
        keys = [f"kind:{row['kind']}", f"lang:{row['lang']}", "all"]
        group = "absent" if row.get("answer_none") else "answered"
        for key in keys:
            t = table[f"{group}|{key}"]
            t["questions"] += 1
            if group == "absent":
                t["silent (right)" if s["outcome"] == "none" else "false answer"] += 1
                continue
            t[{"none": "no answer"}.get(s["outcome"], s["outcome"])] += 1
            if s["outcome"] != "none":
                t["with answer"] += 1
                t["evidence present"] += s["evidence_present"]
                t["gold in answer evidence"] += s["gold_in_answer_evidence"]
            t["gold in top-5"] += s["gold_in_top5"]
    return {k: dict(v) for k, v in sorted(table.items())}


def _print(table: dict) -> None:
    cols = ("questions", "right", "partly", "wrong", "no answer", "evidence present",
            "gold in answer evidence", "gold in top-5")
    print("answered questions (" + ", ".join(cols) + ")")
    for key, t in table.items():
        if key.startswith("answered|"):
            cells = [str(t.get(c, 0)) for c in cols]
            print(f"  {key.split('|')[1]:<20} " + " ".join(f"{c:>6}" for c in cells))
    print("questions about absent things (questions, silent, false answer)")
    for key, t in table.items():
        if key.startswith("absent|"):
            print(f"  {key.split('|')[1]:<20} {t['questions']:>6} "
                  f"{t.get('silent (right)', 0):>6} {t.get('false answer', 0):>6}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--responses", type=Path, help="score saved responses (jsonl)")
    parser.add_argument("--save", type=Path, help="write the raw ask responses here (jsonl)")
    parser.add_argument("--json", action="store_true", help="print the aggregate as JSON")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    from api.components import load_services
    from api.settings import Settings

    services = load_services(Settings())
    present = set(services.passages.documents())
    from ingest.documents import document_key

    rows = [r for r in rows if all(document_key(Path(d)) in present for d in r["docs"])]
    if args.responses:
        saved = [json.loads(line) for line in args.responses.read_text().splitlines() if line]
        responses = {s["id"]: s["response"] for s in saved}
    else:
        responses = _ask_all(rows, services)
    if args.save:
        args.save.write_text("".join(json.dumps({"id": i, "response": r}, ensure_ascii=False)
                                     + "\n" for i, r in responses.items()), encoding="utf-8")
    names = Names(services)
    scored = {r["id"]: score(r, responses[r["id"]], names) for r in rows}
    table = aggregate(rows, scored)
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=1))
    else:
        _print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
