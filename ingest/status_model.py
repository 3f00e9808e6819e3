"""Learned status of a method mention: logistic regression over the e5 vector of its clause and
the clause's syntax, with temperature-scaled (calibrated) probabilities.

Trained on hand-written labelled sentences (ingest/learned/status_sentences.txt) run through the
real spaCy pipeline. The artifact is a small .npz of arrays (no pickled objects), rebuilt by
`python -m ingest.status_model train`; `python -m ingest.status_model cv` reports 5-fold
cross-validated accuracy, macro-F1, per-class figures and a reliability table.
"""

from __future__ import annotations

import json
import logging
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
    calibrated_choice,
    encoded_rows,
    fitted_logistic,
    grouped_folds,
    load_arrays,
    save_arrays,
)
from ingest.status_features import MentionSite, clause_text, syntax_names, syntax_vector

if TYPE_CHECKING:
    from search.encoder import Encoder

logger = logging.getLogger(__name__)

STATUSES = ("implemented", "developing", "piloted", "trained", "planned", "created", "none")
DATA_DIR = Path(__file__).parent / "learned"
SENTENCES = DATA_DIR / "status_sentences.txt"
ARTIFACT = DATA_DIR / "status_model.npz"
_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+)\]\]")
_CS = (0.03, 0.1, 0.3, 1.0)  # inverse regularisation strengths tried by inner cross-validation
_TEMPERATURES = np.round(np.arange(0.3, 4.01, 0.05), 2)


class StatusModelError(LapekgError):
    prefix = "status model"
    hint = "rebuild it with `python -m ingest.status_model train`"


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence with its method mentions as (start, end, status)."""

    text: str
    mentions: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class StatusDecision:
    status: str
    confidence: float
    source: str


def read_sentences(path: Path = SENTENCES) -> list[LabelledSentence]:
    """Parse `[[surface|status]]` markers; '#' lines are comments."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, mentions, last = "", [], 0
        for match in _MARK.finditer(line):
            if match.group(2) not in STATUSES:
                raise StatusModelError(f"{path}:{number}: unknown status {match.group(2)!r}; "
                                       f"expected one of {', '.join(STATUSES)}")
            text += line[last:match.start()]
            mentions.append((len(text), len(text) + len(match.group(1)), match.group(2)))
            text += match.group(1)
            last = match.end()
        text += line[last:]
        if not mentions or "[[" in text:
            raise StatusModelError(f"{path}:{number}: no well-formed [[surface|status]] marker")
        out.append(LabelledSentence(text, tuple(mentions)))
    return out


def analyse_sentences(sentences: Sequence[LabelledSentence]) -> list[list[MentionSite]]:
    """Run the real spaCy + Voikko pipeline over the sentences; one site per mention."""
    from ingest.extraction import head_positions
    from ingest.records import Passage
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from ingest.status_features import sites_in_sentence
    from ingest.voikko_analyzer import VoikkoAnalyzer

    analyzer = PassageAnalyzer(load_nlp(), VoikkoAnalyzer())
    passages = [Passage("status-training", i, 0, len(s.text), s.text)
                for i, s in enumerate(sentences)]
    out = []
    for s, ap in zip(sentences, analyzer.analyse(passages), strict=True):
        out.append(sites_in_sentence(s.text, ap.tokens, head_positions(ap),
                                     [(a, b) for a, b, _ in s.mentions]))
    return out


def features(sites: Sequence[MentionSite], encoder: Encoder,
             cache: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """[e5 vector of the clause ('query: ' prefix, as for short texts compared with each other)
    | syntax features], one row per site. Clauses not in `cache` are encoded in one batch."""
    if not sites:
        return np.zeros((0, encoder.dim + len(syntax_names())), dtype=np.float32)
    rows = encoded_rows([clause_text(s) for s in sites], encoder, {} if cache is None else cache)
    return np.hstack([rows, np.stack([syntax_vector(s) for s in sites])]).astype(np.float32)


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _nll(logits: np.ndarray, y: np.ndarray, temperature: float) -> float:
    p = _softmax(logits / temperature)
    return float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))


@dataclass(frozen=True)
class FittedModel:
    """Standardisation, a multinomial logistic regression and a temperature, as plain arrays."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    temperature: float
    c: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef.T + self.intercept

    def proba(self, x: np.ndarray) -> np.ndarray:
        return _softmax(self.logits(x) / self.temperature)


def _fit_lr(x: np.ndarray, y: np.ndarray, c: float) -> FittedModel:
    mean, scale, lr = fitted_logistic(x, y, c)
    coef = np.zeros((len(STATUSES), x.shape[1]))
    intercept = np.full(len(STATUSES), -30.0)  # a class absent from a fold is never chosen
    coef[lr.classes_] = lr.coef_
    intercept[lr.classes_] = lr.intercept_
    return FittedModel(mean, scale, coef, intercept, 1.0, c)


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> FittedModel:
    """Choose C and the temperature on 3-fold out-of-fold logits (mentions of one sentence stay
    in one fold), then fit on everything."""
    c, t = calibrated_choice(x, y, groups, _CS, _TEMPERATURES, _fit_lr,
                             lambda m, rows: m.logits(rows), _nll)
    model = _fit_lr(x, y, c)
    return FittedModel(model.mean, model.scale, model.coef, model.intercept, t, c)


def save(model: FittedModel, path: Path, meta: dict[str, Any]) -> None:
    save_arrays(path, {name: getattr(model, name) for name in ARRAYS}, meta)


def load(path: Path = ARTIFACT) -> tuple[FittedModel, dict[str, Any]]:
    z, meta = load_arrays(path, StatusModelError)
    model = FittedModel(z["mean"], z["scale"], z["coef"], z["intercept"],
                        float(z["temperature"]), float(z["c"]))
    if meta.get("statuses") != list(STATUSES) or meta.get("syntax") != syntax_names():
        raise StatusModelError(f"{path} was trained for other statuses or features")
    return model, meta


class StatusClassifier:
    """Predicts a mention's status from its site; clause vectors are cached per clause text, and
    `prime` encodes many in one batch."""

    source = "model:status"

    def __init__(self, encoder: Encoder, path: Path | None = None) -> None:
        from ingest.learned_variants import artifact_path, check_fit

        self.encoder = encoder
        # the fit for the variant the encoder runs (ingest/learned/variants.toml)
        path = artifact_path("status", encoder) if path is None else path
        self.model, self.meta = load(path)
        check_fit(self.meta, encoder, path)
        if self.meta.get("encoder") != encoder.identity().get("model"):
            raise StatusModelError(f"{path} was trained with encoder {self.meta.get('encoder')}, "
                                   f"not {encoder.identity().get('model')}")
        self._cache: dict[str, np.ndarray] = {}

    def prime(self, sites: Sequence[MentionSite]) -> None:
        features(sites, self.encoder, self._cache)

    def predict(self, sites: Sequence[MentionSite]) -> list[StatusDecision]:
        p = self.model.proba(features(sites, self.encoder, self._cache))
        return [StatusDecision(STATUSES[int(row.argmax())], float(row.max()), self.source)
                for row in p]


def labelled_corpus(path: Path = SENTENCES, frames: Path | None = None
                    ) -> tuple[list[LabelledSentence], list[str]]:
    """The hand-written sentences (each its own CV group) and the fillings of the frames (all
    fillings of one frame one group), with their group ids."""
    from ingest.status_frames import FRAMES, expand, read_frames, read_slots

    sentences = read_sentences(path)
    groups = [f"s{i}" for i in range(len(sentences))]
    frames = FRAMES if frames is None else frames
    if frames.exists():
        methods, actors = read_slots()
        for text, mentions, line in expand(read_frames(frames), methods, actors):
            for _, _, status in mentions:
                if status not in STATUSES:
                    raise StatusModelError(f"{frames}:{line}: unknown status {status!r}")
            sentences.append(LabelledSentence(text, mentions))
            groups.append(f"f{line}")
    return sentences, groups


def training_set(encoder: Encoder, path: Path = SENTENCES, frames: Path | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sentences, ids = labelled_corpus(path, frames)
    sites = analyse_sentences(sentences)
    flat = [site for group in sites for site in group]
    y = np.array([STATUSES.index(st) for s in sentences for _, _, st in s.mentions])
    index = {g: i for i, g in enumerate(dict.fromkeys(ids))}
    groups = np.array([index[g] for g, s in zip(ids, sentences, strict=True)
                       for _ in s.mentions])
    return features(flat, encoder), y, groups


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int = 5
                   ) -> dict[str, Any]:
    """Out-of-fold probabilities of `fit` (its own C and temperature chosen inside each fold)."""
    from ingest.status_report import report

    proba = np.zeros((len(y), len(STATUSES)))
    for train, test in grouped_folds(y, groups, k, seed=0):
        proba[test] = fit(x[train], y[train], groups[train]).proba(x[test])
    return report(y, proba, STATUSES)


def main(argv: Sequence[str]) -> int:
    import os

    from ingest.learned_variants import fit_encoder, fit_meta, fit_target, variant_argument

    argv, variant = variant_argument(list(argv))
    if not argv or argv[0] not in ("train", "cv"):
        print("usage: python -m ingest.status_model train|cv [--variant V]  (LAPEKG_MODEL names "
              "the encoder; V: a variant of ingest/learned/variants.toml)", file=sys.stderr)
        return 2
    encoder = fit_encoder(os.environ.get("LAPEKG_MODEL"), variant)
    x, y, groups = training_set(encoder)
    if argv[0] == "cv":
        print(json.dumps(cross_validate(x, y, groups), indent=1))
        return 0
    model = fit(x, y, groups)
    target = fit_target("status", variant)
    save(model, target, {"statuses": list(STATUSES), "syntax": syntax_names(),
                         **fit_meta(encoder), "mentions": int(len(y)),
                         "c": model.c, "temperature": model.temperature})
    print(f"wrote {target} ({len(y)} mentions, C={model.c}, T={model.temperature})")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    raise SystemExit(main(sys.argv[1:]))
