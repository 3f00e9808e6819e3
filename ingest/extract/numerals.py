"""Numbers written as one word and built of parts: "kaksikymmentäneljä" (24), "sataneljäkymmentä"
(140), "kolmisenkymmentä" (about 30), "tvåhundra" (200), "tjugofyra" (24), "ett hundratal"
(about 100). The parts are data (ingest/patterns/results.toml): the number words themselves and
`number_parts`, where a part worth 10 or more multiplies what stands before it ("kymmentä",
"sataa", "tuhatta", "hundra"), a part worth 2-9 is an "about" unit that only stands before a
multiplier ("kolmisen", "viitisen"), and a part worth 1 is an "about" ending ("-tal")."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

_LONGEST = 16  # no part is longer


def spelled_number(word: str, units: Mapping[str, int], parts: Mapping[str, int]) -> int | None:
    """The value of `word` (lower case) when it is a number built of two or more parts, or a
    multiplier of a hundred or more alone ("sata", "tuhat"); None for any other word."""
    word = word.replace("-", "").replace("\u00ad", "")
    if not word.isalpha() or len(word) < 4:
        return None
    pieces = _split(word, tuple(sorted(units.items())), tuple(sorted(parts.items())))
    if pieces is None:
        return None
    if len(pieces) == 1:
        value, is_part = pieces[0]
        return value if is_part and value >= 100 else None
    return _value(pieces)


@lru_cache(maxsize=4096)
def _split(word: str, units: tuple, parts: tuple) -> tuple[tuple[int, bool], ...] | None:
    """The fewest pieces `word` is written in, each (value, whether it is one of `parts`)."""
    known = {w: (v, False) for w, v in units} | {w: (v, True) for w, v in parts}
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
