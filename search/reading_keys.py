"""What a question quotes verbatim and a passage repeats: a phone number or an
e-mail address ('whose number is 040 804 2144', 'kenen numero on 029 516 3046', 'vem nås på
numret …'). Such a key names one line of one passage; the candidate of the type asked nearest
it in the same block of lines (a contact card: role, name, number) is the one it belongs to,
tied to the question fully and covering it (search.reading.Reader.read)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A phone number: a run of digits beginning with 0 or + (a trunk or country prefix), with the
# spaces and hyphens that group them, holding at least KEY_DIGITS digits; a year, a sum or a
# count ('250 000 euroa', '1 400') begins otherwise.
KEY_DIGITS = 7
_DIGIT_RUN = re.compile(r"(?<![\d.,])(?:\+|0)[\d \u00a0\-]*\d")
_EMAIL = re.compile(r"[\w.\-]+(?:@|\(at\))[\w\-]+(?:\.[\w\-]+)+", re.IGNORECASE)
# A blank line ends the block of lines a key belongs to.
_BLOCK_END = re.compile(r"\n\s*\n")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def question_keys(question: str) -> list[str]:
    """The keys a question quotes: phone numbers (as their digits) and e-mail addresses (lower
    case, '(at)' read as '@')."""
    keys = [d for m in _DIGIT_RUN.finditer(question)
            if len(d := _digits(m.group(0))) >= KEY_DIGITS]
    keys += [m.group(0).casefold().replace("(at)", "@") for m in _EMAIL.finditer(question)]
    return list(dict.fromkeys(keys))


def key_spans(text: str, keys: Sequence[str]) -> list[tuple[int, int]]:
    """Where a passage states one of the keys."""
    if not keys:
        return []
    out = [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(text)
           if _digits(m.group(0)) in keys]
    out += [(m.start(), m.end()) for m in _EMAIL.finditer(text)
            if m.group(0).casefold().replace("(at)", "@") in keys]
    return out


def keyed(text: str, keys: Sequence[tuple[int, int]],
          spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The candidate spans a key belongs to: for each key, the nearest span in its block of
    lines (no blank line between), one before the key winning a tie (a contact card names the
    person, then the number)."""
    out: set[tuple[int, int]] = set()
    for a, b in keys:
        best: tuple[int, tuple[int, int]] | None = None
        for s, e in spans:
            lo, hi = (e, a) if e <= a else (b, s) if s >= b else (a, a)
            if _BLOCK_END.search(text, lo, hi) is not None:
                continue
            distance = (hi - lo) * (1 if e <= a else 2)
            if best is None or distance < best[0]:
                best = (distance, (s, e))
        if best is not None:
            out.add(best[1])
    return out

