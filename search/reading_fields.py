"""Where a candidate stands in a passage's layout: the value of a field whose label holds a word
of the question, or a date on a minutes' heading line (a mixin of search.reading.Reader)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.reading_words import _WORDS, _matches, is_generic

# The longest line (characters) read as a minutes' heading dating its meeting.
MEETING_LINE = 160
# A field's label right before a value: 'Lahden kaupunki: Päivi Mykrä', '**Yhteyshenkilö:**
# Pirkko Pätynen', 'Valmistelija: kehittämisjohtaja Jari Pulkkinen' (how far back it is looked
# for, and the letters a label word shares with a question word to be the same word).
_FIELD = re.compile(r"([^\n•|;:\-–]{2,60}?)\s*:\s*(?:\*\*)?\s*(?:[a-zåäö][\w\-]*\s+){0,2}$")
FIELD_REACH = 100
# A value's line holding nothing before it but a title or two ('projektipäällikkö Sari …').
_TITLE_ONLY = re.compile(r"\s*(?:[a-zåäö][\w\-]*\s+){0,2}")
FIELD_PREFIX = 5


class FieldReading:
    """Fields and meeting headings around a candidate (mixed into Reader)."""

    generic: frozenset[str]
    _meeting_line: re.Pattern[str]

    def _field_of_question(self, text: str, start: int, asked_words: Sequence[str],
                           stems: Sequence[str]) -> bool:
        """The candidate is the value of a field ('Label: value', at most two lower-case words
        such as a title between) whose label holds a word of the question, not a generic one."""
        line_start = max(text.rfind("\n", 0, start) + 1, start - FIELD_REACH)
        m = _FIELD.search(text[line_start:start])
        if m is None and _TITLE_ONLY.fullmatch(text[line_start:start]):
            # the label on a line of its own above the value ('Valmistelija/lisätiedot:\n
            # projektipäällikkö Sari Kinnunen-Lehto')
            above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            if line_start > 0 and text[above:line_start - 1].rstrip().endswith(":"):
                m = _FIELD.search(text[above:line_start - 1].rstrip() + " ")
        if m is None:
            return False
        words = [w.casefold() for w in _WORDS.findall(m.group(1))
                 if len(w) >= FIELD_PREFIX and not is_generic(w.casefold(), self.generic)]
        return any(w[:FIELD_PREFIX] == a[:FIELD_PREFIX] for w in words for a in asked_words) \
            or any(_matches(w, [s for s in stems if len(s) >= FIELD_PREFIX]) for w in words)

    def _meeting_date(self, text: str, start: int) -> bool:
        """A date on a short heading line of minutes, after a word naming the meeting or its
        time ('Hallitus, pöytäkirja 3/2018 Aika: 21.3.2018', 'Kokous 11.9.2018, § 112')."""
        before = _meeting_line_of(text, start)
        line_end = text.find("\n", start)
        line = len(before) + ((line_end if line_end >= 0 else len(text)) - start)
        return line <= MEETING_LINE and self._meeting_line.search(before) is not None


def _meeting_line_of(text: str, start: int) -> str:
    """The text of a date's line before the date."""
    return text[text.rfind("\n", 0, start) + 1:start]
