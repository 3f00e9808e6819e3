"""Thresholds of the reading layer and of topic answers, chosen on our own labelled questions
(tests/search/data/*_labelled.jsonl, never the evaluation sets) against a built corpus:
`LAPEKG_DATA=… python -m search.calibration`. Prints what to set in search/reading.py
(CALIBRATION), search/text_answers.py (READ_MIN_CONFIDENCE) and search/topic_answer.py
(THRESHOLD)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "search" / "data"
FACTS = Path(__file__).resolve().parent.parent / "tests" / "eval" / "dev_questions_facts.jsonl"
# The question / answer triples written over development documents for the learned confidence
# (search.reading_confidence); the score-and-margin calibration reads them too, as fact questions.
TRIPLES = LABELLED / "reading_triples.jsonl"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _understood(answerer, question: str):  # type: ignore[no-untyped-def]
    """The question as the answerer reads it: its analysis, its entities and the answer kind."""
    aq = answerer.searcher.analyzer.analyse(question)
    forms = answerer.question_forms(question)
    entities = answerer.entities_of(aq, question)
    kind = answerer.model.predict(answerer.searcher.encoder.encode_query(question), forms,
                                  {e.kind for e in entities})
    return aq, entities, kind


Point = tuple[float, float, int]


def reading_points(answerer, path: Path) -> list[Point]:  # type: ignore[no-untyped-def]
    """(raw score of the best read candidate, its margin over the best of another value, 1 if
    it is the labelled answer) per question; a question about something absent has only wrong
    candidates."""
    points = []
    for q in _jsonl(path):
        aq, entities, kind = _understood(answerer, q["q"])
        candidates = answerer.read_candidates(q["q"], aq, kind, entities)
        if not candidates:
            continue
        best = candidates[0]
        right = bool(q["expect"]) and any(_norm(e) in _norm(best.label)
                                          for e in q["expect"].split("|"))
        points.append((best.score, best.margin, int(right) if q["expect"] else -1))
    return points


def value_matches(kind: str, label: str, expected: list[str]) -> bool | None:
    """Whether a date, count or amount answer states the expected value (the same dates both
    ways; a number within 1 %); None for kinds that are names."""
    from search.reading_values import date_match, dates_of, number_of

    if kind == "date":
        got = dates_of(label)
        return bool(got) and all(any(date_match(e, g) for g in got) for e in expected) and all(
            any(date_match(e, g) for e in expected) for g in got)
    if kind in ("count", "amount"):
        value = number_of(label)
        return value is not None and any(abs(value - float(e)) <= 0.01 * float(e)
                                         for e in expected)
    return None


def _right(kind: str, label: str, expected: list[str]) -> bool:
    if (matched := value_matches(kind, label, expected)) is not None:
        return matched
    return any(_norm(e) == _norm(label) for e in expected)


def fact_points(answerer, path: Path = FACTS) -> list[Point]:  # type: ignore[no-untyped-def]
    """(raw score and margin of the best read candidate, 1 right / 0 wrong / -1 for a question
    about an absent thing) per development fact question with a candidate, read over the
    documents the question was written on."""
    from ingest.documents import document_key

    points = []
    for q in _jsonl(path):
        aq, entities, kind = _understood(answerer, q["q"])
        docs = {document_key(Path(d)) for d in q.get("docs", [])}
        pool = [h for h in answerer.searcher.search(q["q"], k=30, analysed=aq)
                if not docs or h.passage.doc_key in docs]
        candidates = answerer.read_candidates(q["q"], aq, kind, entities, pool)
        if not candidates:
            continue
        best = candidates[0]
        if q.get("absent"):
            points.append((best.score, best.margin, -1))
        else:
            points.append((best.score, best.margin, int(_right(q["type"], best.label,
                                                               q["answer_entities"]))))
    return points


def confidence(calibration: tuple[float, float, float], score: float, margin: float) -> float:
    a, m, b = calibration
    return 1 / (1 + math.exp(-(a * score + m * margin + b)))


def best_floor(points: list[Point], calibration: tuple[float, float, float],
               wrong_cost: float = 2.0) -> float:
    """The confidence floor that answers most rightly, a wrong answer (or any answer about an
    absent thing) costing `wrong_cost` right ones: a wrong answer is worse than silence."""
    def conf(s: float, m: float) -> float:
        return confidence(calibration, s, m)

    best = (-math.inf, 0.5)
    for t in sorted({round(conf(s, m), 3) for s, m, _ in points}):
        gain = sum(1 if r == 1 else -wrong_cost for s, m, r in points if conf(s, m) >= t)
        if gain > best[0]:
            best = (gain, t)
    return best[1]


def fit_logistic(points: list[Point]) -> tuple[float, float, float]:
    """(weight of the score, weight of the margin, intercept)."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray([[s, m] for s, m, _ in points])
    y = np.asarray([max(r, 0) for _, _, r in points])
    model = LogisticRegression(C=10.0).fit(x, y)
    return (float(model.coef_[0][0]), float(model.coef_[0][1]), float(model.intercept_[0]))


def topic_points(answerer, path: Path) -> list[tuple[float, int]]:  # type: ignore[no-untyped-def]
    """(relevance, 1 if the passage holds a labelled topic word; -1 for the passages of a
    question about an absent topic) for the passages of each question's pool."""
    points = []
    for q in _jsonl(path):
        aq = answerer.searcher.analyzer.analyse(q["q"])
        terms = answerer.topic_terms(aq, q["q"])
        stems = answerer.topics.topic_stems(terms)
        for hit in answerer.searcher.search(q["q"], k=30, analysed=aq):
            rel = answerer.topics.relevance(hit, stems)
            text = _norm(hit.passage.text)
            points.append((rel, int(any(w in text for w in q["relevant"]))
                           if q["relevant"] else -1))
    return points


def best_threshold(points: list[tuple[float, int]]) -> tuple[float, float]:
    """The threshold of the best F1 (precision weighted twice: a wrong place costs more than
    a missed one)."""
    best = (0.0, 1.0)
    for t in sorted({round(s, 3) for s, _ in points if s != 0}):
        tp = sum(1 for s, r in points if s >= t and r == 1)
        fp = sum(1 for s, r in points if s >= t and r != 1)
        fn = sum(1 for s, r in points if s < t and r == 1)
        if tp == 0:
            continue
        p, r = tp / (tp + fp), tp / (tp + fn)
        f = (1 + 0.5 ** 2) * p * r / (0.5 ** 2 * p + r)
        if f > best[0]:
            best = (f, t)
    return best[1], best[0]


def main() -> None:
    from api.components import load_services
    from api.settings import Settings

    services = load_services(Settings())
    answerer = services.answerer
    # The score-and-margin reading is calibrated as it reads without a learned confidence
    # (which, when written, reorders the candidates by its own probability).
    answerer.reader.learned = None
    points = reading_points(answerer, LABELLED / "reading_labelled.jsonl")
    points += fact_points(answerer)
    if "--triples" in sys.argv[1:]:
        points += fact_points(answerer, TRIPLES)
    fitted = fit_logistic(points)
    print(f"reading: {len(points)} questions, CALIBRATION = "
          f"({fitted[0]:.2f}, {fitted[1]:.2f}, {fitted[2]:.2f})")
    for s, m, r in sorted(points):
        print(f"  raw {s:.3f} margin {m:.3f} conf {confidence(fitted, s, m):.2f} right {r}")
    absent = max((confidence(fitted, s, m) for s, m, r in points if r == -1), default=0.0)
    print(f"reading: READ_MIN_CONFIDENCE = {best_floor(points, fitted):.3f} (a wrong answer "
          f"costing two right ones); best candidate of any absent question {absent:.3f}")
    tpoints = topic_points(answerer, LABELLED / "topic_labelled.jsonl")
    t, f = best_threshold(tpoints)
    absent_top = max((s for s, r in tpoints if r == -1), default=0.0)
    print(f"topic: {len(tpoints)} passages, best F0.5 {f:.3f} at {t:.3f}; absent topics' best "
          f"passage {absent_top:.3f}; THRESHOLD = {max(t, absent_top + 0.001):.3f}")


if __name__ == "__main__":
    main()
