"""Learned result sentences: does a sentence with a count or a date report something a project
achieved ("326 perhettä sai apua", "tuloksena syntyi", "were opened"), or a goal, a plan, a sum,
a size, a share, a meeting date?

A binary logistic regression over the e5 vector of the sentence and a few surface features,
with a temperature that calibrates its probability. Trained on hand-written sentences
(ingest/learned/result_sentences.txt, "+ " results and "- " others; a blank line closes a group
of variants, which share a cross-validation fold). The artifact is a small .npz of arrays (no
pickled objects): `python -m ingest.result_model train` rewrites it, `... cv` reports grouped
5-fold accuracy, precision, recall and the calibration error.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.errors import LapekgError
from ingest.learned_models import (
    ARRAYS,
    CalibratedLogistic,
    calibrated_choice,
    encoded_rows,
    fitted_logistic,
    grouped_folds,
    load_arrays,
    save_arrays,
)

if TYPE_CHECKING:
    from search.encoder import Encoder

DATA_DIR = Path(__file__).parent / "learned"
SENTENCES = DATA_DIR / "result_sentences.txt"
ARTIFACT = DATA_DIR / "result_model.npz"
_CS = (0.01, 0.03, 0.1, 0.3)
_TEMPERATURES = np.round(np.arange(0.3, 4.01, 0.05), 2)
SURFACE = ("bullet", "table_row", "date", "money", "percent")


class ResultModelError(LapekgError):
    prefix = "result model"
    hint = "rebuild it with `python -m ingest.result_model train`"


@dataclass(frozen=True)
class LabelledResult:
    text: str
    is_result: bool
    group: int
    line: int


def read_sentences(path: Path = SENTENCES) -> list[LabelledResult]:
    """'+ ' / '- ' lines; '#' lines are comments; a blank line closes a group."""
    out: list[LabelledResult] = []
    group = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            group += 1
            continue
        if line.startswith("#"):
            continue
        if line[:2] not in ("+ ", "- ") or not line[2:].strip():
            raise ResultModelError(f"{path}:{number}: a line must start with '+ ' (a result) or "
                                   f"'- ' (no result) and hold a sentence")
        out.append(LabelledResult(line[2:].strip(), line[0] == "+", group, number))
    if len({s.is_result for s in out}) < 2:
        raise ResultModelError(f"{path}: needs both result and non-result sentences")
    return out


def surface(text: str) -> np.ndarray:
    """Shapes the vector may miss: a bullet or a table row (a figure without a verb), a date,
    a sum of money, a share."""
    t = text.strip()
    return np.array([
        t[:1] in "-•*–" or bool(re.match(r"\d+[.)]\s", t)),
        "|" in t,
        re.search(r"\b\d{1,2}\.\d{1,2}\.(19|20)\d\d\b", t) is not None,
        re.search(r"€|\beur(o|oa|on|ia|ot)?\b|\bEUR\b|\bmilj", t, re.I) is not None,
        re.search(r"%|\bprosent|\bper cent\b|\bpercent\b", t, re.I) is not None,
    ], dtype=np.float32)


def features(texts: Sequence[str], encoder: Encoder,
             cache: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """[e5 vector ('query: ' prefix) | surface features], one row per text; texts not in
    `cache` are encoded in one batch."""
    if not texts:
        return np.zeros((0, encoder.dim + len(SURFACE)), dtype=np.float32)
    rows = encoded_rows(texts, encoder, {} if cache is None else cache)
    return np.hstack([rows, np.stack([surface(t) for t in texts])]).astype(np.float32)


# The result model: does a row report a result.
FittedResultModel = CalibratedLogistic


def _fit_lr(x: np.ndarray, y: np.ndarray, c: float) -> FittedResultModel:
    mean, scale, lr = fitted_logistic(x, y, c)
    return FittedResultModel(mean, scale, lr.coef_[0], float(lr.intercept_[0]), 1.0, c)


def _nll(logit: np.ndarray, y: np.ndarray, t: float) -> float:
    p = 1.0 / (1.0 + np.exp(-logit / t))
    return float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> FittedResultModel:
    """C and the temperature chosen by grouped 3-fold cross-validation (out-of-fold NLL)."""
    c, t = calibrated_choice(x, y, groups, _CS, _TEMPERATURES, _fit_lr,
                             lambda m, rows: m.logit(rows), _nll)
    m = _fit_lr(x, y, c)
    return FittedResultModel(m.mean, m.scale, m.coef, m.intercept, t, c)


def save(model: FittedResultModel, path: Path, meta: dict[str, Any]) -> None:
    save_arrays(path, {name: getattr(model, name) for name in ARRAYS}, meta)


def load(path: Path = ARTIFACT) -> tuple[FittedResultModel, dict[str, Any]]:
    z, meta = load_arrays(path, ResultModelError)
    model = FittedResultModel(z["mean"], z["scale"], z["coef"], float(z["intercept"]),
                              float(z["temperature"]), float(z["c"]))
    if meta.get("surface") != list(SURFACE):
        raise ResultModelError(f"{path} was trained with other surface features")
    return model, meta


class ResultClassifier:
    """The probability that a sentence reports a result; vectors are cached per text."""

    def __init__(self, encoder: Encoder, path: Path | None = None) -> None:
        from ingest.learned_variants import artifact_path, check_fit

        self.encoder = encoder
        # the fit for the variant the encoder runs (ingest/learned/variants.toml)
        path = artifact_path("result", encoder) if path is None else path
        self.model, meta = load(path)
        check_fit(meta, encoder, path)
        if meta.get("encoder") != encoder.identity().get("model"):
            raise ResultModelError(f"{path} was trained with encoder {meta.get('encoder')}, "
                                   f"not {encoder.identity().get('model')}")
        self._cache: dict[str, np.ndarray] = {}

    def probability(self, text: str) -> float:
        return float(self.model.proba(features([text], self.encoder, self._cache))[0])


def training_set(encoder: Encoder, path: Path = SENTENCES
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sentences = read_sentences(path)
    x = features([s.text for s in sentences], encoder)
    y = np.array([int(s.is_result) for s in sentences])
    return x, y, np.array([s.group for s in sentences])


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int = 5
                   ) -> dict[str, Any]:
    """Out-of-fold probabilities of `fit`: accuracy, precision and recall of "result" at .5,
    and the expected calibration error over ten bins."""
    p = np.zeros(len(y))
    for train, test in grouped_folds(y, groups, k, seed=0):
        p[test] = fit(x[train], y[train], groups[train]).proba(x[test])
    out: dict[str, Any] = {"sentences": int(len(y)), "results": int(y.sum())}
    for at in (0.3, 0.5, 0.7, 0.9):
        said = p >= at
        tp = int((said & (y == 1)).sum())
        out[f"at {at}"] = {"accuracy": round(float((said == (y == 1)).mean()), 3),
                           "P": round(tp / max(int(said.sum()), 1), 3),
                           "R": round(tp / max(int(y.sum()), 1), 3)}
    bins = np.minimum((p * 10).astype(int), 9)
    ece = sum(abs(float(p[bins == b].mean()) - float(y[bins == b].mean())) * (bins == b).mean()
              for b in range(10) if (bins == b).any())
    out["ece"] = round(float(ece), 3)
    return out


def main(argv: Sequence[str]) -> int:
    import os

    from ingest.learned_variants import fit_encoder, fit_meta, fit_target, variant_argument

    argv, variant = variant_argument(list(argv))
    if not argv or argv[0] not in ("train", "cv"):
        print("usage: python -m ingest.result_model train|cv [--variant V]  (LAPEKG_MODEL names "
              "the encoder; V: a variant of ingest/learned/variants.toml)", file=sys.stderr)
        return 2
    encoder = fit_encoder(os.environ.get("LAPEKG_MODEL"), variant)
    x, y, groups = training_set(encoder)
    if argv[0] == "cv":
        print(json.dumps(cross_validate(x, y, groups), indent=1))
        return 0
    model = fit(x, y, groups)
    target = fit_target("result", variant)
    save(model, target, {"surface": list(SURFACE), **fit_meta(encoder),
                         "sentences": int(len(y)), "c": model.c,
                         "temperature": model.temperature})
    print(f"wrote {target} ({len(y)} sentences, C={model.c}, T={model.temperature})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
