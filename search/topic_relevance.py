"""Whether a retrieved passage is about a question's topic: a small logistic model over features
that do not depend on the question's wording (search scores and ranks, how much of the topic's
words the passage and its best sentence hold, weighted by how rare each word is among the
retrieved passages, whether that sentence says something was done). Trained on our own labelled
(question, passage) pairs (`search/data/question_topic_passages.jsonl`, by
`python -m search.topic_relevance_training`); its weights and the calibrated threshold are data
(`search/data/question_topic_relevance.json`)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from search.data_files import read_json
from search.reading_words import _positions
from search.records import Hit

MODEL = Path(__file__).parent / "data" / "question_topic_relevance.json"
RETRAIN = "retrain it with `python -m search.topic_relevance_training`"
# Abbreviations whose full stop ends no sentence ('mm. Turussa'), as data.
SENTENCE_DATA = Path(__file__).parent / "data" / "question_topic_sentences.json"
FEATURES = ("similarity", "gap", "fused_rank", "dense_rank", "lexical_rank", "coverage",
            "weighted_coverage", "coverage_gap", "sentence_coverage", "sentence_verb",
            "rarest_held", "unheld", "terms", "foreign", "linked")
# A rank no list gave (the passage came by the other lists only).
ABSENT_RANK = 101
# Beyond the first passages of the fused ranking, a passage is weighed when a word list
# (BM25 over the question's lemmas, or over an English or Swedish question's glossary Finnish)
# ranks it this high: a passage on a rare topic that only the words find ('maahanmuuttaja-
# perheet', where the vectors prefer the reports' general frame).
LEXICAL_DEPTH = 10


@dataclass(frozen=True)
class RelevanceModel:
    """Standardised features times weights plus bias, through the logistic function."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    features: tuple[str, ...] = FEATURES

    @classmethod
    def load(cls, path: Path = MODEL) -> RelevanceModel:
        data = read_json(path, "topic relevance model", remedy=RETRAIN)
        if tuple(data.get("features", ())) != FEATURES:
            raise ValueError(f"{path}: its features {data.get('features')} are not {FEATURES}; "
                             f"{RETRAIN}")
        return cls(tuple(data["weights"]), float(data["bias"]), tuple(data["mean"]),
                   tuple(data["scale"]), float(data["threshold"]), tuple(data["features"]))

    def save(self, path: Path, **about: object) -> None:
        data = {"features": list(self.features), "weights": list(self.weights),
                "bias": self.bias, "mean": list(self.mean), "scale": list(self.scale),
                "threshold": self.threshold, **about}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def probability(self, row: Sequence[float]) -> float:
        z = self.bias + sum(w * (x - m) / s for w, x, m, s
                            in zip(self.weights, row, self.mean, self.scale, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def abbreviations(path: Path = SENTENCE_DATA) -> frozenset[str]:
    return frozenset(read_json(path, "sentence abbreviations", "abbreviations"))


# A sentence's end within a line: a full stop, question or exclamation mark before a capital,
# a dash or a list mark.
_WITHIN_LINE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\-–•*|])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def sentences(text: str) -> list[str]:
    """A passage's sentences: its lines (a bullet, a table row, a heading) and the sentences
    within one, where a full stop after an abbreviation ends none ('… palveluohjausta mm.
    Turussa.' is one sentence, so the place it names is said of the topic)."""
    out: list[str] = []
    for line in re.split(r"\n+", text):
        joined = False
        for piece in _WITHIN_LINE.split(line):
            if joined:
                out[-1] = f"{out[-1]} {piece}"
            else:
                out.append(piece)
            last = _LAST_WORD.search(piece)
            joined = bool(last and last.group(1).casefold() in abbreviations())
    return [t for t in out if t.strip()]


def cosine_floor(wide: Sequence[Hit]) -> float:
    """The lowest cosine the vectors returned for a ranking (0 when they returned none)."""
    return min((h.similarity for h in wide if h.similarity > 0), default=0.0)


def topic_pool(wide: Sequence[Hit], depth: int, floor: float | None = None) -> list[Hit]:
    """The first `depth` passages of the ranking and the later ones a word list ranks within
    LEXICAL_DEPTH; a passage the vectors did not return gets the lowest cosine they returned
    (its own is lower still). `floor`: that cosine taken from the whole ranking when `wide` is
    the part of it within a scope (a question asked of some documents), as the model was
    trained on; the scoped part alone may hold no passage the vectors returned, where every
    passage would get a cosine of 0 and none could ever pass."""
    if floor is None:
        floor = cosine_floor(wide)
    chosen = list(wide[:depth]) + [
        h for h in wide[depth:]
        if min(h.ranks.get("bm25", ABSENT_RANK), h.ranks.get("gloss", ABSENT_RANK))
        <= LEXICAL_DEPTH]
    return [h if h.similarity > 0 else replace(h, similarity=floor) for h in chosen]


def holds(terms: frozenset[str], word: Sequence[str]) -> bool:
    """Whether a passage's index terms (lemmas, lower-case words, compound parts) hold a word
    in one of its forms: a lemma as it is, a foreign word also by its beginning ('opinions'
    for 'opinion')."""
    return any(f in terms for f in word) or any(
        len(f) >= 6 and any(t.startswith(f[:-1]) for t in terms) for f in word[:1]
        if not f.isalpha() or f.isascii())


def weighed(row: Sequence[float]) -> bool:
    """Whether a passage's row is weighed by the model at all: the passage holds one of the
    topic's words or is linked to the method the question names. One holding none, and not
    linked, is not about the topic whatever its scores; `ask` drops it before the model, and
    the model is trained on the rows it weighs."""
    return row[FEATURES.index("coverage")] > 0 or row[FEATURES.index("linked")] > 0


def topic_features(hits: Sequence[Hit], words: Sequence[Sequence[str]], stems: Sequence[str],
                   foreign: bool, terms_of: Callable[[Hit], frozenset[str]],
                   text_of: Callable[[str], str] = lambda t: t,
                   verb_stems: frozenset[str] = frozenset(),
                   linked: frozenset[tuple[str, str]] = frozenset()) -> list[list[float]]:
    """One row of FEATURES per hit, in the hits' order (the fused ranking). `words` are the
    topic's words, each as its forms (lemma first); `terms_of` gives a passage's index terms
    (with the glossary's Finnish for its foreign service words), `text_of` its text likewise;
    `stems` find the topic's words in a sentence; `verb_stems` are the stems of words that say
    something was done; `linked` the methods the question names (a passage linked to one holds
    the topic in whatever words)."""
    n_words = max(len(words), 1)
    held = [{i for i, w in enumerate(words) if holds(terms_of(h), w)} for h in hits]
    # How specific each of the topic's words is among the retrieved passages: a word in every
    # one of them ('lapsi', 'kehittää') says little about which passage is on the topic.
    n = max(len(hits), 1)
    weight = {i: math.log((n + 1) / (sum(1 for h in held if i in h) + 0.5))
              for i in range(len(words))}
    total = sum(weight.values()) or 1.0
    rarest = max(weight, key=lambda i: (weight[i], -i)) if weight else None
    # The share of the topic's words no retrieved passage holds: a topic the corpus lacks
    # ('a planetarium for children') keeps its own word out of every passage.
    everywhere = set().union(*held) if held else set()
    unheld = sum(1 for i in range(len(words)) if i not in everywhere) / n_words
    best_coverage = max((len(h) for h in held), default=0) / n_words
    best_similarity = max((h.similarity for h in hits), default=0.0)
    rows = []
    for i, (hit, has) in enumerate(zip(hits, held, strict=True)):
        ranks = hit.ranks
        lexical = min(ranks.get("bm25", ABSENT_RANK), ranks.get("gloss", ABSENT_RANK))
        best_sentence, best_share = "", 0.0
        if stems:
            for sentence in sentences(text_of(hit.passage.text)):
                share = sum(1 for s in stems if _positions(sentence, [s])) / len(stems)
                if share > best_share:
                    best_sentence, best_share = sentence, share
        verb = bool(best_sentence and verb_stems
                    and _positions(best_sentence, sorted(verb_stems - set(stems))))
        is_linked = bool(linked & {(e.kind, e.key) for e in hit.passage.entities})
        rows.append([
            hit.similarity,
            best_similarity - hit.similarity,
            math.log1p(i),
            math.log1p(ranks.get("dense", ABSENT_RANK)),
            math.log1p(lexical),
            len(has) / n_words,
            sum(weight[j] for j in has) / total,
            best_coverage - len(has) / n_words,
            best_share,
            float(verb),
            float(rarest is not None and rarest in has),
            unheld,
            math.log1p(len(words)),
            float(foreign),
            float(is_linked),
        ])
    return rows
