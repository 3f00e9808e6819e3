"""What the small learned models of ingest share (the status model, the result model): texts to
e5 rows with a per-text cache, standardised logistic regression, grouped folds, and an artifact
of plain arrays (.npz, no pickled objects) written atomically beside its metadata."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from search.encoder import Encoder

ARRAYS = ("mean", "scale", "coef", "intercept", "temperature", "c")


def encoded_rows(texts: Sequence[str], encoder: Encoder,
                 cache: dict[str, np.ndarray]) -> np.ndarray:
    """One e5 row per text ('query: ' prefix, as for short texts compared with each other);
    texts not in `cache` are encoded in one batch and remembered there."""
    missing = list(dict.fromkeys(t for t in texts if t not in cache))
    if missing:
        for text, vec in zip(missing, encoder.encode_labels(missing), strict=True):
            cache[text] = vec
    return np.stack([cache[t] for t in texts])


def fitted_logistic(x: np.ndarray, y: np.ndarray, c: float, balanced: bool = True
                    ) -> tuple[np.ndarray, np.ndarray, Any]:
    """Standardisation (mean, scale) and a logistic regression on the standardised rows,
    class-balanced unless `balanced` is False (then its probability is the rate of the
    positive class, which a threshold can read)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale < 1e-6, 1.0, scale)
    lr = LogisticRegression(C=c, max_iter=5000, class_weight="balanced" if balanced else None)
    lr.fit((x - mean) / scale, y)
    return mean, scale, lr


@dataclass(frozen=True)
class CalibratedLogistic:
    """A binary standardised logistic regression with a temperature, as plain arrays (the
    fields are ARRAYS, what save_arrays writes)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    temperature: float
    c: float

    def logit(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def proba(self, x: np.ndarray) -> np.ndarray:
        """The calibrated probability of the positive class for each row."""
        return 1.0 / (1.0 + np.exp(-self.logit(x) / self.temperature))


def grouped_folds(y: np.ndarray, groups: np.ndarray, k: int, seed: int):  # type: ignore[no-untyped-def]
    """Stratified folds that keep each group (the variants of one sentence) together."""
    from sklearn.model_selection import StratifiedGroupKFold

    return StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(
        np.zeros(len(y)), y, groups)


def save_arrays(path: Path, arrays: dict[str, Any], meta: dict[str, Any]) -> None:
    """The model's arrays as float32 and its metadata as JSON, written to a temporary file
    first, so a reader never sees half an artifact."""
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **{k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()},
                        meta=np.array(json.dumps(meta, sort_keys=True)))
    tmp.replace(path)


def load_arrays(path: Path, error: Callable[[str], Exception]
                ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and metadata of an artifact; `error(message)` is raised when it is missing."""
    if not path.exists():
        raise error(f"{path} does not exist")
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        arrays = {k: z[k] for k in ARRAYS}
    return arrays, meta


def calibrated_choice(x: np.ndarray, y: np.ndarray, groups: np.ndarray, cs: Sequence[float],
                      temperatures: Sequence[float], fit_lr: Callable[..., Any],
                      logits: Callable[[Any, np.ndarray], np.ndarray],
                      nll: Callable[[np.ndarray, np.ndarray, float], float]
                      ) -> tuple[float, float]:
    """The regularisation C and the temperature with the lowest negative log-likelihood of the
    grouped 3-fold out-of-fold logits: `fit_lr(x, y, c)` fits a model, `logits(model, x)`
    scores rows, `nll(logits, y, t)` measures them at temperature t."""
    best: tuple[float, float, float] | None = None
    for c in cs:
        oof: np.ndarray | None = None
        for train, test in grouped_folds(y, groups, 3, seed=1):
            part = logits(fit_lr(x[train], y[train], c), x[test])
            if oof is None:
                oof = np.zeros((len(y), *part.shape[1:]))
            oof[test] = part
        assert oof is not None
        t = float(min(temperatures, key=lambda t: nll(oof, y, float(t))))
        score = nll(oof, y, t)
        if best is None or score < best[0]:
            best = (score, c, t)
    assert best is not None
    return best[1], best[2]
