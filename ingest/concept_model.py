"""A calibrated classifier for models recognised by description: is sentence s a description of
working model m? Logistic regression over a few features of each (sentence, model) pair, none of
them tied to a wording:

- the e5 cosine to m's nearest description (top-1) and the mean of its TOP_K nearest,
- that mean minus the best other model's (the gap to the runner-up; negative when m is not first)
  and minus the sentence's mean over all models (how much m stands out for this sentence),
- that mean minus the background's (ordinary report sentences and hard negatives),
- whether m is the sentence's nearest model,
- how many of m's specific definition keywords (word stems found in the descriptions of at most
  two models) occur in the sentence.

The descriptions of a model ("bank") are its skos:definition/skos:example texts in methods.ttl
plus the labelled sentences that describe it (ingest/learned/concept_sentences.txt and the
"train" part of concept_labelled.txt); the background is concept_background.txt plus the
labelled negatives. A labelled sentence is never compared with itself (leave-one-out).
The "aside" part of concept_labelled.txt is never trained or tuned on.

`python -m ingest.concept_training cv|aside|train` (LAPEKG_MODEL names the encoder): grouped
cross-validation by model (all sentences describing one model form a fold, so the classifier is
scored on models it was not trained on), the figure on the aside part, and the artifact
concept_model.npz (standardisation, weights, the chosen probability threshold).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.errors import LapekgError
from search.bank_vectors import encode_bank

if TYPE_CHECKING:
    from search.encoder import Encoder

LEARNED = Path(__file__).parent / "learned"
LABELLED_OLD = LEARNED / "concept_sentences.txt"
LABELLED = LEARNED / "concept_labelled.txt"
BACKGROUND = LEARNED / "concept_background.txt"
ARTIFACT = LEARNED / "concept_model.npz"
TOP_K = 3
FEATURES = ("top1", "topk", "gap_next", "gap_mean", "gap_background", "is_best", "keywords")
# The threshold: the highest cross-validated recall whose precision IN RUNNING TEXT is at least
# MIN_PRECISION. The labelled set holds about as many descriptions as negatives, far more than a
# report does, so its own precision flatters the classifier; precision is therefore computed from
# the hit rate on descriptions and the false-alarm rate on negatives at BASE_RATE, the share of
# the sentences the classifier reads (they name an actor and no model) that describe a model. In
# the development documents that share was 22 of 122 (.18) in sets written to test descriptions
# and 5 of 69 (.07) in another hand's reports (dev5w, dev5w2); .1 is taken.
MIN_PRECISION = 0.9
BASE_RATE = 0.1
_WORD = re.compile(r"[^\W\d_]{6,}")
_STEM = 6


class ConceptModelError(LapekgError):
    prefix = "concept model"
    hint = "rebuild it with `python -m ingest.concept_model train`"


@dataclass(frozen=True)
class Labelled:
    key: str  # a method key, or "-" for a sentence that describes no model
    split: str  # "train" or "aside"
    text: str


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def read_labelled(old: Path = LABELLED_OLD, new: Path = LABELLED) -> list[Labelled]:
    """Both labelled files: the first set (key<TAB>text, all training) and the second
    (key<TAB>split<TAB>text)."""
    rows = [Labelled(*line.split("\t", 1)[:1], "train", line.split("\t", 1)[1])
            for line in read_lines(old)]
    for n, line in enumerate(read_lines(new), 1):
        parts = line.split("\t")
        if len(parts) != 3 or parts[1] not in ("train", "aside"):
            raise ConceptModelError(f"{new}: line {n} is not key<TAB>train|aside<TAB>sentence")
        rows.append(Labelled(*parts))
    return rows


def stems(text: str) -> set[str]:
    """Six-letter beginnings of the text's longer words, lower-cased (a cheap stand-in for a
    lemma that works alike in Finnish, Swedish and English inflection)."""
    return {w.lower()[:_STEM] for w in _WORD.findall(text)}


def keyword_table(descriptions: Mapping[str, Sequence[str]]) -> dict[str, set[str]]:
    """Model -> stems of its descriptions that occur in the descriptions of at most two models."""
    own = {k: set().union(*(stems(t) for t in texts)) for k, texts in descriptions.items()}
    seen: dict[str, int] = {}
    for words in own.values():
        for w in words:
            seen[w] = seen.get(w, 0) + 1
    return {k: {w for w in words if seen[w] <= 2} for k, words in own.items()}


def _top_mean(sims: np.ndarray, k: int) -> np.ndarray:
    if sims.shape[1] == 0:
        return np.full(sims.shape[0], -1.0)
    k = min(k, sims.shape[1])
    return np.sort(sims, axis=1)[:, -k:].mean(axis=1)


@dataclass
class Bank:
    """The vectors a sentence is compared with: descriptions by model and the background; `ids`
    name each vector's text so that a labelled sentence can leave itself out."""

    keys: list[str]
    described: np.ndarray
    owner: np.ndarray
    described_texts: list[str]
    background: np.ndarray
    background_texts: list[str]
    keywords: dict[str, set[str]]

    def features(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """(n, models, len(FEATURES)) features of each sentence against each model."""
        n, m = len(texts), len(self.keys)
        sims = vectors @ self.described.T
        bg = vectors @ self.background.T
        index = {t: i for i, t in enumerate(self.described_texts)}
        bg_index = {t: i for i, t in enumerate(self.background_texts)}
        for row, text in enumerate(texts):  # leave-one-out
            if text in index:
                sims[row, index[text]] = -1.0
            if text in bg_index:
                bg[row, bg_index[text]] = -1.0
        top1 = np.full((n, m), -1.0)
        topk = np.full((n, m), -1.0)
        for j in range(m):
            cols = sims[:, self.owner == j]
            top1[:, j] = cols.max(axis=1) if cols.shape[1] else -1.0
            topk[:, j] = _top_mean(cols, TOP_K)
        background = _top_mean(bg, TOP_K)
        order = np.sort(topk, axis=1)
        first, second = order[:, -1:], order[:, -2:-1] if m > 1 else np.full((n, 1), -1.0)
        runner_up = np.where(topk >= first, second, first)
        text_stems = [stems(t) for t in texts]
        keywords = np.array([[len(s & self.keywords.get(k, set())) for k in self.keys]
                             for s in text_stems], dtype=float).reshape(n, m)
        return np.stack([top1, topk, topk - runner_up, topk - topk.mean(axis=1, keepdims=True),
                         topk - background[:, None], (topk >= first).astype(float),
                         np.minimum(keywords, 4.0)], axis=2)


def build_bank(encoder: Encoder, descriptions: Mapping[str, Sequence[str]],
               labelled: Sequence[Labelled], background: Sequence[str]) -> Bank:
    """The bank of `descriptions` (model -> texts) with the labelled training sentences of those
    models, and a background of `background` plus the labelled training negatives."""
    keys = list(descriptions)
    texts = {k: list(descriptions[k]) for k in keys}
    for row in labelled:
        if row.split == "train" and row.key in texts:
            texts[row.key].append(row.text)
    described = [t for k in keys for t in texts[k]]
    owner = np.array([i for i, k in enumerate(keys) for _ in texts[k]])
    negatives = list(background) + [r.text for r in labelled
                                    if r.split == "train" and r.key == "-"]
    vectors = encode_bank(encoder, described + negatives)  # kept beside the model
    return Bank(keys, vectors[:len(described)], owner, described, vectors[len(described):],
                negatives, keyword_table(descriptions))


@dataclass(frozen=True)
class ConceptClassifier:
    """Standardisation and binary logistic-regression weights over FEATURES, and the
    probability a sentence's best model needs to be read as described."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def proba(self, x: np.ndarray) -> np.ndarray:
        """P(the sentence describes the model) for (..., len(FEATURES)) features."""
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def fit(x: np.ndarray, y: np.ndarray, threshold: float = 0.5, c: float = 1.0
        ) -> ConceptClassifier:
    """A logistic regression on (pairs, features) rows; not class-balanced, so its
    probabilities stay calibrated to the pairs' base rate."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale < 1e-6, 1.0, scale)
    lr = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    return ConceptClassifier(mean, scale, lr.coef_[0], float(lr.intercept_[0]), threshold)


def decide(proba: np.ndarray, keys: Sequence[str]) -> list[tuple[str, float]]:
    """Each sentence's most probable model and its probability."""
    best = proba.argmax(axis=1)
    return [(keys[int(b)], float(proba[i, b])) for i, b in enumerate(best)]


def save(model: ConceptClassifier, path: Path, meta: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, mean=model.mean, scale=model.scale, coef=model.coef,
                        intercept=np.array(model.intercept), threshold=np.array(model.threshold),
                        meta=np.array(json.dumps(meta, sort_keys=True)))
    tmp.replace(path)


def load(path: Path = ARTIFACT) -> tuple[ConceptClassifier, dict[str, Any]]:
    if not path.exists():
        raise ConceptModelError(f"{path} does not exist")
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        model = ConceptClassifier(z["mean"], z["scale"], z["coef"], float(z["intercept"]),
                                  float(z["threshold"]))
    if meta.get("features") != list(FEATURES):
        raise ConceptModelError(f"{path} was trained on other features than {FEATURES}")
    return model, meta
