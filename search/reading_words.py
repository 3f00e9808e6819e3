"""The words of a question and a passage as the reading layer compares them: stems that
survive inflection, generic words left out, positions and nearness of words in a passage."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

_WORDS = re.compile(r"\w[\w\-]*")
# How far (characters) a question word or cue still tells about a candidate.
NEAR = 120.0


def _stem(term: str) -> str:
    """A Finnish lemma's stable beginning: inflection changes the end ('vapaaehtoinen' →
    'vapaaehtoista', 'hanke' → 'hankkeen')."""
    term = term.casefold()
    return term if len(term) <= 4 else term[:max(4, min(len(term) - 2, 7))]


def _long_stem(word: str) -> str:
    """A name's or role's beginning: all but its case ending ('Perhetaival' stays apart from
    'perhetalouteen', 'Pohjois-Karjalan' from 'Pohjois-Pohjanmaan')."""
    word = word.casefold()
    return word if len(word) <= 5 else word[:len(word) - (2 if len(word) <= 7 else 3)]


def content_stems(terms: Sequence[str], generic: frozenset[str]) -> list[str]:
    """The stems of the question's content words: no generic word in any inflection
    ('hankkeen' is 'hanke')."""
    generic_stems = [_stem(g) for g in generic if len(g) >= 4]
    out = []
    for t in terms:
        stem = _stem(t)
        if len(t) > 2 and t.casefold() not in generic \
                and not any(stem.startswith(g) for g in generic_stems):
            out.append(stem)
    return list(dict.fromkeys(out))


def is_generic(word: str, generic: frozenset[str]) -> bool:
    """A generic word in some inflection ('hankkeen' is hanke), not a compound that begins
    with one ('perhetaival', 'perhekeskus' are no 'perhe')."""
    word = word.casefold()
    return word in generic or any(
        len(g) >= 4 and _stem(word).startswith(_stem(g)) and len(word) <= len(g) + 4
        for g in generic)


def question_stems(terms: Sequence[str], generic: frozenset[str]) -> list[str]:
    """The stems of the question's content words, generic words left out."""
    return list(dict.fromkeys(_stem(t) for t in terms
                              if len(t) > 2 and not is_generic(t, generic)))


def _matches(word: str, stems: Sequence[str]) -> bool:
    return any(word.startswith(s) or (len(s) >= 5 and s in word) for s in stems)


def _unit_matches(word: str, stems: Sequence[str]) -> bool:
    """The counted noun in the form the number takes: a short stem loses one more letter to
    consonant gradation ('kunta' → '27 kunnassa', 'kerta' → 'kertaa')."""
    return _matches(word, stems) or any(len(s) <= 5 and word.startswith(s[:-1]) for s in stems)


def _word_index(text: str) -> list[tuple[int, str]]:
    """(position, lower-case word) of every word: a passage is split once, not per stem."""
    return [(m.start(), m.group(0)) for m in _WORDS.finditer(text.casefold())]


def _found(index: Sequence[tuple[int, str]], stems: Sequence[str]) -> list[int]:
    return [p for p, word in index if _matches(word, stems)]


def _positions(text: str, stems: Sequence[str]) -> list[int]:
    low = text.casefold()
    return [m.start() for m in _WORDS.finditer(low) if _matches(m.group(0), stems)]


def _nearness(start: int, end: int, positions: Sequence[int], reach: float = NEAR) -> float:
    if not positions:
        return 0.0
    d = min(0 if start <= p <= end else min(abs(p - start), abs(p - end)) for p in positions)
    return math.exp(-d / reach)


# Where a sentence's clauses part: a comma before a coordinating word, a semicolon, a dash.
_CLAUSE_BREAK = re.compile(r",\s+(?:ja|mutta|sekä|kun|and|but|while|och|men|medan)\b|;|\s[–—]\s")


# Words after a date that still say what it dates, up to the next coordinated clause.
AFTER_WORDS = 3
_COORDINATING = frozenset({"ja", "sekä", "mutta", "and", "but", "och", "men"})


def _around(text: str, left: int, right: int, start: int, end: int) -> str:
    """What says what a date at start:end dates: its clause of the sentence text[left:right]
    up to the date, and the few words after it before a coordinated clause ('avataan keväällä
    2019', not 'started on 1 February 2017 and will close …')."""
    cuts = [left] + [left + m.start() for m in _CLAUSE_BREAK.finditer(text[left:right])]
    a = max(c for c in cuts if c <= start)
    after = []
    for word in _WORDS.findall(text[end:right])[:AFTER_WORDS]:
        if word.casefold() in _COORDINATING:
            break
        after.append(word)
    return text[a:end] + " " + " ".join(after)


def _said_by(text: str, beginnings: Sequence[str]) -> bool:
    """A word of the text begins with one of the beginnings ('suunnitellaan', 'planeras')."""
    return any(w.startswith(tuple(beginnings)) for w in _WORDS.findall(text.casefold()))
