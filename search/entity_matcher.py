"""Entities a question names however it is typed: labels and question compared without case
or punctuation ('lupa auttaa' is 'Lupa auttaa!', 'pk lape' is 'P-K LAPE'), word by word as
written or as Voikko base forms, and by a close spelling (difflib) for longer names. A name
Voikko does not know is read through its inflection (`search/data/name_forms.json`: case
endings and consonant gradation, 'Saarikan' → Saarikka), and a body by its distinctive word
('Kuusiokunnat' → Kuusiokuntien kuntayhtymä)."""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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


def compact(key: str) -> str:
    """A normalised name without its spaces ('p k lape' and 'pk lape' → 'pklape'): a question
    may write an abbreviation's parts together or apart."""
    return key.replace(" ", "")


# A name is found without its spaces only at this length: shorter ones collide.
COMPACT_MIN_CHARS = 5


def _folded(text: str) -> str:
    """Without diacritics, for finding close spellings ('paijat hame' near 'päijät häme')."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


NAME_FORMS = Path(__file__).parent / "data" / "name_forms.json"


@dataclass(frozen=True)
class NameForms:
    """How a question may inflect a name: endings, and the gradation of its last syllable."""

    endings: tuple[str, ...]
    gradation: tuple[tuple[str, str], ...]
    min_stem_chars: int
    fuzzy_min_chars: int
    body_heads: frozenset[str]

    @classmethod
    def load(cls, path: Path = NAME_FORMS) -> NameForms:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(tuple(sorted(data["endings"], key=len, reverse=True)),
                       tuple((a, b) for a, b in data["gradation"]), int(data["min_stem_chars"]),
                       int(data["fuzzy_min_chars"]), frozenset(data["body_heads"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: cannot read the forms of names ({exc}); restore the file "
                             "from the repository") from exc

    def name_stems(self, word: str) -> set[str]:
        """A name's word and its weak grade before the final vowel ('saarikka' → 'saarika',
        'liminka' → 'liminga'), the stems its inflected forms are built on."""
        stems = {word}
        body = word.rstrip("aeiouyäö")
        if body != word:
            for strong, weak in self.gradation:  # longest clusters first, as listed
                if body.endswith(strong):
                    stems.add(body[: len(body) - len(strong)] + weak + word[len(body):])
                    break
        return {s for s in stems if len(s) >= self.min_stem_chars}

    def word_stems(self, word: str) -> set[str]:
        """What an inflected word's name may be: the word less each ending it carries."""
        return {word[: len(word) - len(e)] for e in self.endings
                if word.endswith(e) and len(word) - len(e) >= self.min_stem_chars} | {word}


@functools.lru_cache(maxsize=1)
def name_forms() -> NameForms:
    return NameForms.load()


@dataclass(frozen=True)
class NamedEntity:
    entity: EntityRef
    start: int  # word offsets in the question
    end: int
    score: float  # 1.0 exact; a fuzzy match its spelling ratio


class EntityMatcher:
    def __init__(self, labels: Iterable[tuple[EntityRef, str]],
                 baseform: Callable[[str], str | None] | None = None,
                 forms: NameForms | None = None) -> None:
        self.baseform = baseform or (lambda w: None)
        self.forms = forms or name_forms()
        self._exact: dict[str, list[EntityRef]] = {}
        for entity, label in labels:
            key = normalise(label)
            if len(key) >= 3 and entity.kind in KINDS and entity not in self._exact.get(key, []):
                self._exact.setdefault(key, []).append(entity)
        self._add_distinctive_words()
        # Names by their letters without spaces ('pk lape' is 'P-K LAPE').
        self._compact: dict[str, list[str]] = {}
        for key in self._exact:
            if len(compact(key)) >= COMPACT_MIN_CHARS:
                self._compact.setdefault(compact(key), []).append(key)
        # Names by the stems of their last word, for words Voikko does not know.
        self._stems: dict[str, list[str]] = {}
        for key in self._exact:
            *head, last = key.split()
            for stem in self.forms.name_stems(last):
                self._stems.setdefault(" ".join([*head, stem]), []).append(key)
        self._compact_stems: dict[str, list[str]] = {}
        for stem_key, keys in self._stems.items():
            if len(compact(stem_key)) >= COMPACT_MIN_CHARS:
                self._compact_stems.setdefault(compact(stem_key), []).extend(keys)
        # For close spellings of a stem, the stem keys by their first two letters.
        self._stems_by_prefix: dict[str, list[str]] = {}
        for key in sorted(self._stems):
            self._stems_by_prefix.setdefault(key[:2], []).append(key)
        # For fuzzy lookups, long labels by their first two letters.
        self._by_prefix: dict[str, list[str]] = {}
        self._unfolded: dict[str, list[str]] = {}
        for key in self._exact:
            if len(key) >= FUZZY_MIN_CHARS:
                folded = _folded(key)
                self._by_prefix.setdefault(folded[:2], []).append(folded)
                self._unfolded.setdefault(folded, []).append(key)

    def named_as(self, label: str, kinds: tuple[str, ...]) -> list[EntityRef]:
        """The entities of these kinds with this label (normalised)."""
        return [e for e in self._exact.get(normalise(label), []) if e.kind in kinds]

    def _add_distinctive_words(self) -> None:
        """A body named by its first word and a generic head ('Kuusiokuntien kuntayhtymä') is
        also named by that word alone, in any inflection, unless the word names something
        else ('Kokkolan kaupunki' stays apart from the municipality Kokkola)."""
        extra: dict[str, list[EntityRef]] = {}
        for key, entities in self._exact.items():
            first, _, rest = key.partition(" ")
            if rest not in self.forms.body_heads:
                continue
            base = (self.baseform(first) or first).casefold()
            bodies = [e for e in entities if e.kind in ("Organisation", "Project")]
            if len(base) >= self.forms.min_stem_chars and base not in self._exact and bodies:
                extra.setdefault(base, []).extend(e for e in bodies
                                                  if e not in extra.get(base, []))
        self._exact.update(extra)

    def _by_stem(self, words: list[str], fuzzy: bool) -> list[tuple[EntityRef, float]]:
        """Names whose last word is this span's last word inflected; for words Voikko does not
        know (a known word is read by its base form, so 'kannusta' stays a verb)."""
        *head, last = words
        prefix = " ".join(head) + " " if head else ""
        # Longest stem first, ties alphabetically: the same answer in every process.
        stems = sorted(self.forms.word_stems(last), key=lambda s: (-len(s), s))
        for stem in stems:
            keys = self._stems.get(prefix + stem, []) or self._compact_stems.get(
                compact(prefix + stem), [])
            if keys:
                return [(e, 1.0) for key in keys for e in self._exact[key]]
        if not fuzzy or len(last) < self.forms.fuzzy_min_chars:
            return []
        for stem in stems:
            if len(stem) < self.forms.fuzzy_min_chars:
                continue
            text = prefix + stem
            close = difflib.get_close_matches(text, self._stems_by_prefix.get(text[:2], []),
                                              n=1, cutoff=FUZZY_RATIO)
            if close:
                ratio = difflib.SequenceMatcher(None, text, close[0]).ratio()
                return [(e, ratio) for key in self._stems[close[0]] for e in self._exact[key]]
        return []

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
        known = [self.baseform(w) for w in words]
        bases = [(b or w).casefold() for b, w in zip(known, words, strict=True)]
        taken: set[int] = set()
        found: list[NamedEntity] = []
        for i, j, text in self._spans(words):
            if taken & set(range(i, j)):
                continue
            variants = [text, " ".join(words[i:j - 1] + bases[j - 1:j])]
            hits: list[tuple[EntityRef, float]] = [
                (e, 1.0) for v in variants for e in self._exact.get(v, [])]
            if not hits:
                hits = [(e, 1.0) for v in variants for key in self._compact.get(compact(v), [])
                        for e in self._exact[key]]
            if not hits and known[j - 1] is None:
                hits = self._by_stem(words[i:j], fuzzy)
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
