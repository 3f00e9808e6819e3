"""Entities a question names however it is typed: labels and question compared without case
or punctuation ('lupa auttaa' is 'Lupa auttaa!', 'pk lape' is 'P-K LAPE'), word by word as
written or as Voikko base forms, and by a close spelling (difflib) for longer names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from search.records import EntityRef

_WORD = re.compile(r"\w+")
# A misspelling is tried only on names this long (normalised): short ones collide ("Salo",
# "sala").
FUZZY_MIN_CHARS = 8
FUZZY_RATIO = 0.9
MAX_WORDS = 6
# Kinds a question may name that the linker missed for its spelling.
KINDS = ("Project", "Organisation", "Person", "Region", "Municipality", "Role")


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces ('P-K LAPE' → 'p k lape')."""
    return " ".join(_WORD.findall(text.casefold().replace("_", " ")))


def _folded(text: str) -> str:
    """Without diacritics, for finding close spellings ('paijat hame' near 'päijät häme')."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass(frozen=True)
class NamedEntity:
    entity: EntityRef
    start: int  # word offsets in the question
    end: int
    score: float  # 1.0 exact; a fuzzy match its spelling ratio


class EntityMatcher:
    def __init__(self, labels: Iterable[tuple[EntityRef, str]],
                 baseform: Callable[[str], str | None] | None = None) -> None:
        self.baseform = baseform or (lambda w: None)
        self._exact: dict[str, list[EntityRef]] = {}
        for entity, label in labels:
            key = normalise(label)
            if len(key) >= 3 and entity.kind in KINDS and entity not in self._exact.get(key, []):
                self._exact.setdefault(key, []).append(entity)
        # For fuzzy lookups, long labels by their first two letters.
        self._by_prefix: dict[str, list[str]] = {}
        self._unfolded: dict[str, list[str]] = {}
        for key in self._exact:
            if len(key) >= FUZZY_MIN_CHARS:
                folded = _folded(key)
                self._by_prefix.setdefault(folded[:2], []).append(folded)
                self._unfolded.setdefault(folded, []).append(key)

    def _spans(self, words: list[str]) -> Iterable[tuple[int, int, str]]:
        for n in range(min(MAX_WORDS, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                yield i, i + n, " ".join(words[i:i + n])

    def find(self, question: str, fuzzy: bool = True) -> list[NamedEntity]:
        """Longest spans first; a word belongs to one name at most. Without `fuzzy`, only
        names spelt right (in any inflection of their last word) are found: cheap enough for
        the sentences of many passages."""
        words = normalise(question).split()
        # The last word of a name is inflected in a question ('lupa auttaa hanketta' is fine,
        # 'lupa auttaan' is not): try each word also as its base form.
        bases = [(self.baseform(w) or w).casefold() for w in words]
        taken: set[int] = set()
        found: list[NamedEntity] = []
        for i, j, text in self._spans(words):
            if taken & set(range(i, j)):
                continue
            variants = [text, " ".join(words[i:j - 1] + bases[j - 1:j])]
            hits: list[tuple[EntityRef, float]] = [
                (e, 1.0) for v in variants for e in self._exact.get(v, [])]
            if not hits and fuzzy and len(text) >= FUZZY_MIN_CHARS:
                for v in map(_folded, variants):
                    close = difflib.get_close_matches(v, self._by_prefix.get(v[:2], []), n=1,
                                                      cutoff=FUZZY_RATIO)
                    if close:
                        ratio = difflib.SequenceMatcher(None, v, close[0]).ratio()
                        hits = [(e, ratio) for key in self._unfolded[close[0]]
                                for e in self._exact[key]]
                        break
            if hits:
                taken |= set(range(i, j))
                for e, score in dict.fromkeys(hits):
                    found.append(NamedEntity(e, i, j, score))
        return found
