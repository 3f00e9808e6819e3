"""Numbers written as one word and built of parts: "kaksikymmentäneljä" (24), "sataneljäkymmentä"
(140), "kolmisenkymmentä" (about 30), "tvåhundra" (200), "tjugofyra" (24), "ett hundratal"
(about 100). The parts are data (ingest/patterns/results.toml): the number words themselves and
`number_parts`, where a part worth 10 or more multiplies what stands before it ("kymmentä",
"sataa", "tuhatta", "hundra"), a part worth 2-9 is an "about" unit that only stands before a
multiplier ("kolmisen", "viitisen"), and a part worth 1 is an "about" ending ("-tal").
The reading layer of search reads its number words the same way (NumberWords, with its own
units and parts in search/data/reading_cues.json)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_LONGEST = 16  # no part is longer


def spelled_number(word: str, units: Mapping[str, int], parts: Mapping[str, int]) -> int | None:
    """The value of `word` (lower case) when it is a number built of two or more parts, or a
    multiplier of a hundred or more alone ("sata", "tuhat"); None for any other word.
    `units` and `parts` are read-only tables (a lexicon's): each word's answer is kept per
    pair of tables (extraction asks for every word of every sentence it counts in)."""
    return _reader(units, parts).value(word)


class _Reader:
    """The numbers one pair of tables writes, and the answers given so far, by word."""

    MAX_WORDS = 200_000  # answers kept; then forgotten all at once

    def __init__(self, units: Mapping[str, int], parts: Mapping[str, int]) -> None:
        self.tables = (units, parts)  # held, so that their ids name them while cached
        self.known = {w: (v, False) for w, v in units.items()} | {
            w: (v, True) for w, v in parts.items()}
        self.answers: dict[str, int | None] = {}

    def value(self, word: str) -> int | None:
        try:
            return self.answers[word]
        except KeyError:
            pass
        if len(self.answers) >= self.MAX_WORDS:
            self.answers.clear()
        value = self.answers[word] = self._read(word)
        return value

    def _read(self, word: str) -> int | None:
        word = word.replace("-", "").replace("\u00ad", "")
        if not word.isalpha() or len(word) < 4:
            return None
        pieces = _split(word, self.known)
        if pieces is None:
            return None
        if len(pieces) == 1:
            value, is_part = pieces[0]
            return value if is_part and value >= 100 else None
        return _value(pieces)


_READERS: dict[tuple[int, int], _Reader] = {}


def _reader(units: Mapping[str, int], parts: Mapping[str, int]) -> _Reader:
    reader = _READERS.get((id(units), id(parts)))
    if reader is None or reader.tables[0] is not units or reader.tables[1] is not parts:
        if len(_READERS) >= 16:
            _READERS.clear()
        reader = _READERS[(id(units), id(parts))] = _Reader(units, parts)
    return reader


@dataclass(frozen=True)
class NumberWords:
    """Numbers written as words: the words `listed` with their values, inflected forms and all
    ("kolmessa", "tolv"), and every number built of `units` and `parts` (spelled_number:
    "kuusikymmentäkolme", "tjugotvå", "twenty-two")."""

    listed: Mapping[str, int]
    units: Mapping[str, int]
    parts: Mapping[str, int]

    def get(self, word: str) -> int | None:
        """The value of `word` (lower case), as listed or built of parts; None for any other."""
        value = self.listed.get(word)
        return value if value is not None else spelled_number(word, self.units, self.parts)


def _split(word: str, known: Mapping[str, tuple[int, bool]]
           ) -> tuple[tuple[int, bool], ...] | None:
    """The fewest pieces `word` is written in, each (value, whether it is one of the parts):
    `known` gives each unit's and part's (value, is a part)."""
    best: list[tuple | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            piece = known.get(word[start:end])
            if piece is not None and best[start] is not None and (
                    best[end] is None or len(best[start]) + 1 < len(best[end])):
                best[end] = (*best[start], piece)
    return best[-1]


def _value(pieces: tuple[tuple[int, bool], ...]) -> int | None:
    """The number the pieces write, or None when they are no well-formed number (an "about"
    unit not before a multiplier, an ending not at the end, two units in a row)."""
    total = current = last_unit = 0
    for n, (value, is_part) in enumerate(pieces):
        following = pieces[n + 1] if n + 1 < len(pieces) else None
        if is_part and value == 1:  # an "about" ending ("tjugotal", "hundratal")
            if following is not None:
                return None
        elif is_part and value >= 10:  # a multiplier
            current = (current or 1) * value
            if value >= 100:
                total, current = total + current, 0
            last_unit = 0
        else:  # a unit, or an "about" unit before a multiplier
            # a unit after a unit only after a ten's word ("tjugofyra"), and an "about" unit
            # only before a multiplier ("kolmisenkymmentä")
            if (last_unit and (last_unit < 10 or value >= 10)) or (is_part and not (
                    following and following[1] and following[0] >= 10)):
                return None
            current += value
            last_unit = value
    return total + current or None
