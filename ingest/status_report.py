"""Quality figures of a probabilistic classifier: accuracy, macro-F1, per class, reliability."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

BINS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def report(y: np.ndarray, proba: np.ndarray, classes: Sequence[str]) -> dict[str, Any]:
    """Figures of out-of-fold probabilities `proba` (rows) for true class indices `y`."""
    pred = proba.argmax(axis=1)
    conf = proba.max(axis=1)
    per_class = {}
    f1s = []
    for i, name in enumerate(classes):
        tp = int(np.sum((pred == i) & (y == i)))
        fp = int(np.sum((pred == i) & (y != i)))
        fn = int(np.sum((pred != i) & (y == i)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f1)
        per_class[name] = {"P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3),
                           "n": int(np.sum(y == i))}
    reliability = []
    ece = 0.0
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = (conf >= lo) & (conf < hi)
        if not inside.any():
            continue
        accuracy, mean_conf = float(np.mean(pred[inside] == y[inside])), float(conf[inside].mean())
        ece += inside.mean() * abs(accuracy - mean_conf)
        reliability.append({"bin": f"[{lo:.1f},{min(hi, 1.0):.1f}]", "n": int(inside.sum()),
                            "mean_confidence": round(mean_conf, 3),
                            "accuracy": round(accuracy, 3)})
    return {"n": int(len(y)), "accuracy": round(float(np.mean(pred == y)), 3),
            "macro_f1": round(float(np.mean(f1s)), 3), "per_class": per_class,
            "reliability": reliability, "ece": round(float(ece), 3),
            "nll": round(float(-np.mean(np.log(proba[np.arange(len(y)), y] + 1e-12))), 3)}
