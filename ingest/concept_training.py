"""Training and measuring the classifier of ingest/concept_model.py.

    python -m ingest.concept_training cv      # grouped cross-validation by model: P/R, ECE
    python -m ingest.concept_training aside   # the held-aside part: classifier vs the margin rule
    python -m ingest.concept_training train   # writes ingest/learned/concept_model.npz

A sentence's decision is its most probable model, accepted when that probability reaches the
threshold; a hit is a sentence linked to the model it describes, a false positive a sentence
linked to another model or a negative linked to any. The threshold is the lowest probability
whose cross-validated precision in running text (at BASE_RATE descriptions among the sentences
read, ingest/concept_model.py) is at least MIN_PRECISION (so the highest recall there).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.concept_model import (
    BACKGROUND,
    BASE_RATE,
    FEATURES,
    MIN_PRECISION,
    Bank,
    ConceptClassifier,
    Labelled,
    build_bank,
    decide,
    fit,
    read_labelled,
    read_lines,
    save,
)

if TYPE_CHECKING:
    from search.encoder import Encoder

THRESHOLDS = tuple(np.round(np.arange(0.05, 0.951, 0.025), 3))


def pairs(bank: Bank, rows: Sequence[Labelled], vectors: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """(sentences, models, features) and (sentences, models) labels: 1 where the model is the
    one the sentence describes."""
    x = bank.features([r.text for r in rows], vectors)
    y = np.array([[float(r.key == k) for k in bank.keys] for r in rows])
    return x, y


def scored(rows: Sequence[Labelled], decisions: Sequence[tuple[str, float]], threshold: float,
           base_rate: float = BASE_RATE) -> dict[str, Any]:
    """Precision and recall at `threshold` on the rows as they are (P, R), and the precision the
    same rates give in running text where `base_rate` of the sentences describe a model
    (P_text): hits and wrong models scale with the base rate, false alarms on negatives with
    the rest."""
    tp = sum(1 for r, (k, p) in zip(rows, decisions, strict=True) if p >= threshold and k == r.key)
    fp = sum(1 for r, (k, p) in zip(rows, decisions, strict=True) if p >= threshold and k != r.key)
    positives = sum(1 for r in rows if r.key != "-")
    negatives = len(rows) - positives
    alarms = sum(1 for r, (_, p) in zip(rows, decisions, strict=True)
                 if p >= threshold and r.key == "-")
    hit = tp / positives if positives else 0.0
    wrong = (fp - alarms) / positives if positives else 0.0
    alarm = alarms / negatives if negatives else 0.0
    found = (hit + wrong) * base_rate + alarm * (1 - base_rate)
    return {"threshold": float(threshold), "P": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "R": round(hit, 3), "tp": tp, "fp": fp, "positives": positives,
            "P_text": round(hit * base_rate / found, 3) if found else 1.0}


def choose_threshold(rows: Sequence[Labelled], decisions: Sequence[tuple[str, float]],
                     min_precision: float = MIN_PRECISION) -> dict[str, Any]:
    table = [scored(rows, decisions, t) for t in THRESHOLDS]
    ok = [r for r in table if r["P_text"] >= min_precision and r["tp"] > 0]
    return max(ok, key=lambda r: (r["R"], r["threshold"])) if ok else table[-1]


def expected_calibration_error(rows: Sequence[Labelled], decisions: Sequence[tuple[str, float]],
                               bins: int = 10) -> float:
    """ECE of the decision's probability against 'the sentence describes that model'."""
    p = np.array([q for _, q in decisions])
    ok = np.array([float(k == r.key) for r, (k, _) in zip(rows, decisions, strict=True)])
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if inside.any():
            ece += inside.mean() * abs(p[inside].mean() - ok[inside].mean())
    return round(float(ece), 4)


def _fit_rows(x: np.ndarray, y: np.ndarray) -> ConceptClassifier:
    return fit(x.reshape(-1, len(FEATURES)), y.reshape(-1))


def cross_validate(bank: Bank, rows: Sequence[Labelled], vectors: np.ndarray
                   ) -> list[tuple[str, float]]:
    """Out-of-fold decisions, one fold per model: a model's sentences and an equal share of the
    negatives are scored by a classifier trained on the other models' sentences."""
    x, y = pairs(bank, rows, vectors)
    groups = [r.key if r.key != "-" else bank.keys[i % len(bank.keys)]
              for i, r in enumerate(rows)]
    proba = np.zeros(y.shape)
    for key in bank.keys:
        test = np.array([g == key for g in groups])
        if not test.any():
            continue
        model = _fit_rows(x[~test], y[~test])
        proba[test] = model.proba(x[test])
    return decide(proba, bank.keys)


def _setup(encoder: Encoder) -> tuple[Bank, list[Labelled]]:
    from ingest.concept_descriptions import method_descriptions
    from ontology.reference import load_reference

    descriptions = {k: texts for k, (_, texts) in method_descriptions(load_reference()).items()}
    rows = [r for r in read_labelled() if r.key == "-" or r.key in descriptions]
    return build_bank(encoder, descriptions, rows, read_lines(BACKGROUND)), rows


def main(argv: Sequence[str]) -> int:
    from ingest.learned_variants import fit_encoder, fit_meta, fit_target, variant_argument

    argv, variant = variant_argument(list(argv))
    if argv[:1] not in (["cv"], ["aside"], ["train"]):
        print(__doc__, file=sys.stderr)
        return 2
    encoder = fit_encoder(os.environ.get("LAPEKG_MODEL"), variant)
    bank, rows = _setup(encoder)
    train = [r for r in rows if r.split == "train"]
    aside = [r for r in rows if r.split == "aside"]
    vectors = encoder.encode_labels([r.text for r in rows])
    tv = vectors[[r.split == "train" for r in rows]]
    cv = cross_validate(bank, train, tv)
    chosen = choose_threshold(train, cv)
    if argv[0] == "cv":
        print(json.dumps({"n": len(train), "models": len(bank.keys), "chosen": chosen,
                          "ece": expected_calibration_error(train, cv),
                          "table": [scored(train, cv, t) for t in THRESHOLDS[::2]]}, indent=1))
        return 0
    x, y = pairs(bank, train, tv)
    model = _fit_rows(x, y)
    model = ConceptClassifier(model.mean, model.scale, model.coef, model.intercept,
                              chosen["threshold"])
    if argv[0] == "train":
        target = fit_target("concept", variant)
        save(model, target, {"features": list(FEATURES), **fit_meta(encoder),
                             "cv": chosen, "ece": expected_calibration_error(train, cv),
                             "sentences": len(train)})
        print(json.dumps({"saved": str(target), "cv": chosen,
                          "coef": dict(zip(FEATURES, np.round(model.coef, 3).tolist(),
                                           strict=True))}, indent=1))
        return 0
    av = vectors[[r.split == "aside" for r in rows]]
    xa, _ = pairs(bank, aside, av)
    decisions = decide(model.proba(xa), bank.keys)
    print(json.dumps({"n": len(aside), "classifier": scored(aside, decisions, model.threshold),
                      "ece": expected_calibration_error(aside, decisions),
                      "margin_rule": _margin_rule(encoder, aside)}, indent=1))
    return 0


def _margin_rule(encoder: Encoder, rows: Sequence[Labelled]) -> dict[str, Any]:
    """The rule the classifier replaces (descriptions of methods.ttl only, margin .0225)."""
    from ingest.concept_descriptions import MARGIN, matcher_for
    from ontology.reference import load_reference

    found = matcher_for(load_reference(), encoder, classifier=False).best([r.text for r in rows])
    return scored(rows, [(k, m) for k, _, m in found], MARGIN)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
