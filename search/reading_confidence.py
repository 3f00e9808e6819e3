"""A learned confidence for candidates read from the text: a logistic regression over the
reading's parts (rank, nearness to the question's words, how much of the question the sentence
and the passage hold, the tie to the relation, names lacking), the candidate's lead over the
best candidate of another value and its place in the ranking, fitted on question / passage /
answer triples written for the purpose over development documents
(tests/search/data/reading_triples.jsonl, never an evaluation set):
`LAPEKG_DATA=… python -m search.reading_confidence` (the build must hold their documents; the
development build does) writes search/data/reading_confidence.json and prints the
cross-validated figures, and writes the model only when its cross-validated answers beat the
score-and-margin calibration's on the same questions (so far they have not: the reading stays
with search.reading.CALIBRATION). A written model's probability both orders the candidates and
decides, against the floor chosen with it, between an answer and silence."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL = Path(__file__).parent / "data" / "reading_confidence.json"
TRIPLES = (Path(__file__).resolve().parent.parent / "tests" / "search" / "data"
           / "reading_triples.jsonl")
TYPES = ("date", "count", "amount", "person", "body")
# The reading's parts (search.reading.ReadCandidate.parts), then what is derived from the list.
PARTS = ("rank", "near", "sentence", "passage", "tie", "lacking", "elsewhere", "other_kind")
FEATURES = (*PARTS, "score", "margin", "behind_top", "first", "single",
            *(f"is_{t}" for t in TYPES))
# A wrong answer (or any answer about an absent thing) costs this many right ones when the
# floor is chosen.
WRONG_COST = 2.0


def features(score: float, margin: float, top: float, position: int, count: int,
             parts: Sequence[float], answer_type: str) -> list[float]:
    """The feature vector of one candidate (in FEATURES order): its parts, raw score, lead over
    the best rival value, how far behind the top score it is, whether it is first, whether it
    is the only candidate, and its type."""
    if len(parts) != len(PARTS):
        raise ValueError(f"a reading has {len(PARTS)} parts ({', '.join(PARTS)}), got "
                         f"{len(parts)}: search.reading must record them on each candidate")
    return [*parts, score, margin, top - score, float(position == 0), float(count == 1),
            *(float(answer_type == t) for t in TYPES)]


@dataclass(frozen=True)
class LearnedConfidence:
    """Standardised logistic regression: weights per feature, means, scales, intercept, and
    the floor an answer needs."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    intercept: float
    floor: float

    @classmethod
    def load(cls, path: Path = MODEL) -> LearnedConfidence | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data.get("features", ())) != FEATURES:
            raise ValueError(f"{path}: fitted on features {data.get('features')}, the code reads "
                             f"{list(FEATURES)}; refit with `python -m search.reading_confidence`")
        return cls(tuple(data["weights"]), tuple(data["means"]), tuple(data["scales"]),
                   float(data["intercept"]), float(data["floor"]))

    def probability(self, x: Sequence[float]) -> float:
        z = self.intercept + sum(w * (v - m) / s for w, v, m, s in
                                 zip(self.weights, x, self.means, self.scales, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


# --- fitting (python -m search.reading_confidence) --------------------------------------------

def _lenient(kind: str, label: str, expected: list[str]) -> bool:
    """A candidate states an expected value: the date(s), the number within 1 %, a name that
    holds or is held by the expected one ('MLL:n Etelä-Savon piiri' for the league's district is
    not the league itself, so only a whole-word containment counts)."""
    from search.calibration import value_matches

    if (matched := value_matches(kind, label, expected)) is not None:
        return matched
    low = " ".join(label.casefold().split())
    return any(e.casefold() == low or (len(low) > 3 and (e.casefold().startswith(low + " ")
                                                          or low.startswith(e.casefold())))
               for e in expected)


# Per question of the last collect(): whether the score-and-margin calibration answered with its
# first candidate, and whether that candidate is right (the figure to beat).
collected_first: dict[str, tuple[bool, int]] = {}


def collect(services, path: Path = TRIPLES) -> list[tuple[str, list[float], int]]:  # type: ignore[no-untyped-def]
    """(question id, features, 1 if the candidate is right) for every candidate the reading
    offers each labelled question, read as `ask` reads it when the graph holds no answer; a
    question about an absent thing has only wrong candidates."""
    import search.answer as answer_module
    from ingest.documents import document_key

    answerer = services.answerer
    seen: dict[str, list] = {}
    original = answer_module.Answerer.read_candidates

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = original(self, *args, **kwargs)
        seen["candidates"] = out
        return out

    original_graph = answer_module.Answerer._from_graph
    # The features are read from the reading's own order, as before any learned model.
    learned, answerer.reader.learned = answerer.reader.learned, None
    answer_module.Answerer.read_candidates = recording  # type: ignore[method-assign]
    answer_module.Answerer._from_graph = lambda *a, **k: {}  # type: ignore[method-assign]
    present = set(services.passages.documents())
    rows = []
    first = collected_first
    first.clear()
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            docs = [document_key(Path(d)) for d in q.get("docs", [])]
            if not all(d in present for d in docs):
                raise ValueError(f"{path}: {q['id']} is about {docs}, not in this build; build "
                                 "the development corpora (Makefile eval-dev) into LAPEKG_DATA")
            seen.clear()
            answerer.ask(q["q"], documents={str(services.minter.document(d)) for d in docs})
            candidates = seen.get("candidates") or []
            top = candidates[0].score if candidates else 0.0
            for i, c in enumerate(candidates[:10]):
                right = not q.get("absent") and q["type"] == c.type and _lenient(
                    c.type, c.label, q["answer_entities"])
                rows.append((q["id"], features(c.score, c.margin, top, i, len(candidates),
                                               c.parts, c.type), int(right)))
                if i == 0:
                    first[q["id"]] = (c.confidence >= c.floor, int(right))
    finally:
        answer_module.Answerer.read_candidates = original  # type: ignore[method-assign]
        answer_module.Answerer._from_graph = original_graph  # type: ignore[method-assign]
        answerer.reader.learned = learned
    return rows


def fit(rows: list[tuple[str, list[float], int]], c: float = 0.5) -> dict:
    """The logistic regression over standardised features, as stored in MODEL (no floor)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray([r[1] for r in rows], dtype=float)
    y = np.asarray([r[2] for r in rows])
    means = x.mean(axis=0)
    scales = np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    model = LogisticRegression(C=c, max_iter=2000).fit((x - means) / scales, y)
    return {"features": list(FEATURES), "weights": [round(float(w), 5) for w in model.coef_[0]],
            "means": [round(float(m), 5) for m in means],
            "scales": [round(float(s), 5) for s in scales],
            "intercept": round(float(model.intercept_[0]), 5)}


def decisions(rows: list[tuple[str, list[float], int]], model: LearnedConfidence
              ) -> list[tuple[float, int]]:
    """Per question, the probability of its most probable candidate and whether it is right
    (0 for any candidate of a question about an absent thing)."""
    best: dict[str, tuple[float, int]] = {}
    for qid, x, right in rows:
        p = model.probability(x)
        if qid not in best or p > best[qid][0]:
            best[qid] = (p, right)
    return list(best.values())


def best_floor(points: list[tuple[float, int]], wrong_cost: float = WRONG_COST) -> float:
    """The floor that answers most rightly, a wrong answer costing `wrong_cost` right ones."""
    best = (0.0, 1.0)
    for t in sorted({round(p, 3) for p, _ in points}):
        gain = sum(1 if r else -wrong_cost for p, r in points if round(p, 3) >= t)
        if gain > best[0]:
            best = (gain, t)
    return best[1]


def cross_validated(rows: list[tuple[str, list[float], int]], folds: int = 5) -> dict:
    """Held-out-by-question figures: each fold's questions decided by a model (and floor)
    fitted on the others; right / wrong / silent among answerable questions with a right
    candidate or not, and a reliability table (predicted vs observed rightness per band)."""
    ids = sorted({r[0] for r in rows})
    decided: list[tuple[float, int, float]] = []
    for k in range(folds):
        test = {q for i, q in enumerate(ids) if i % folds == k}
        train = [r for r in rows if r[0] not in test]
        fitted = fit(train)
        model = LearnedConfidence(tuple(fitted["weights"]), tuple(fitted["means"]),
                                  tuple(fitted["scales"]), fitted["intercept"], 0.0)
        floor = best_floor(decisions(train, model))
        for p, right in decisions([r for r in rows if r[0] in test], model):
            decided.append((p, right, floor))
    answered = [(p, r) for p, r, f in decided if round(p, 3) >= f]
    bands = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        inside = [(p, r) for p, r, _ in decided if lo <= p < lo + 0.2 or (lo == 0.8 and p == 1)]
        if inside:
            bands.append((lo, len(inside), sum(p for p, _ in inside) / len(inside),
                          sum(r for _, r in inside) / len(inside)))
    return {"questions": len(decided), "answered": len(answered),
            "right": sum(r for _, r in answered), "wrong": sum(1 - r for _, r in answered),
            "reliability": bands}


def main() -> None:
    from api.components import load_services
    from api.settings import Settings

    services = load_services(Settings())
    try:
        rows = collect(services)
    finally:
        services.close()
    cv = cross_validated(rows)
    before = [r for answered, r in collected_first.values() if answered]
    print(f"score-and-margin calibration on the same questions: answered {len(before)}, right "
          f"{sum(before)}, wrong {len(before) - sum(before)}")
    print(f"{len({r[0] for r in rows})} questions with candidates, {len(rows)} candidates, "
          f"{sum(r[2] for r in rows)} right")
    print(f"cross-validated (5 folds by question): answered {cv['answered']} of "
          f"{cv['questions']}, right {cv['right']}, wrong {cv['wrong']}")
    for lo, n, predicted, observed in cv["reliability"]:
        print(f"  band {lo:.1f}-{lo + 0.2:.1f}: {n} questions, predicted {predicted:.2f}, "
              f"right {observed:.2f}")
    fitted = fit(rows)
    model = LearnedConfidence(tuple(fitted["weights"]), tuple(fitted["means"]),
                              tuple(fitted["scales"]), fitted["intercept"], 0.0)
    fitted["floor"] = best_floor(decisions(rows, model))
    learned_gain = cv["right"] - WRONG_COST * cv["wrong"]
    calibrated_gain = sum(before) - WRONG_COST * (len(before) - sum(before))
    if learned_gain <= calibrated_gain:
        # Only a model that answers better than the calibration it would replace is used.
        MODEL.unlink(missing_ok=True)
        print(f"not written: cross-validated gain {learned_gain:.0f} does not beat the "
              f"calibration's {calibrated_gain:.0f} (a wrong answer costing {WRONG_COST:.0f})")
    else:
        MODEL.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
        print(f"floor {fitted['floor']}; written to {MODEL}")
    for name, w in sorted(zip(FEATURES, fitted["weights"], strict=True), key=lambda x: -abs(x[1])):
        print(f"  {name:12s} {w:+.3f}")


if __name__ == "__main__":
    main()
