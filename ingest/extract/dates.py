"""Dates in running text: day.month.year, ISO dates, "15. maaliskuuta 2017", month names in
Finnish, Swedish and English, ranges, and whether a date stands as a dateline."""

from __future__ import annotations

import re

_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka",
           "marras", "joulu")
_DATE_ANY = re.compile(r"\b(\d{1,2})\.\s?(?:(\d{1,2})\.|(" + "|".join(_MONTHS)
                       + r")kuuta\s)\s?(\d{4})\b", re.IGNORECASE)
# "1 March 2017", "March 1, 2017", "1 mars 2017": English and Swedish summaries
_MONTH_NAMES = {name: n for n, names in enumerate((
    ("january", "januari"), ("february", "februari"), ("march", "mars"), ("april",),
    ("may", "maj"), ("june", "juni"), ("july", "juli"), ("august", "augusti"),
    ("september",), ("october", "oktober"), ("november",), ("december",)), 1) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + ")"
_DATE_WORDS = re.compile(r"\b(\d{1,2})\.?\s+" + _MONTH + r"\s+((?:19|20)\d\d)\b"
                         r"|\b" + _MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# what joins the two dates of a period: a dash, "to", "till", "until", "–" with "from ... to"
RANGE_GAP = re.compile(r"\s*[-–]\s*|\s+(?:to|till|until|through|-)\s+", re.IGNORECASE)


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 < y < 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


# "2017-03-01"; "1.3.–31.12.2018": a range whose first date takes the year of the second
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_SHORT_START = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.[ \t]?"
                          r"(?=[-–][ \t]?\d{1,2}\.\d{1,2}\.[ \t]?((?:19|20)\d\d)\b)")


# A dateline: a line that holds a date and at most a place ("Kuopio 16.5.2017"), the day a
# text was written, not a day of the project.
_DATELINE = re.compile(r"(?:^|\n)[ \t]*(?:[A-ZÅÄÖ][\w-]+,?[ \t]+)?$")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")


def dateline(text: str, start: int, end: int) -> bool:
    """The date at [start, end) of the text stands on a line of its own, with at most a place
    before it."""
    return bool(_DATELINE.search(text, 0, start) and _DATELINE.search(text[:start])
                and _LINE_END.match(text, end))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Dates as (start, end, ISO): "1.12.2018", "15. maaliskuuta 2017", "2017-03-01", "1 March
    2017", "March 1, 2017", "1 mars 2017", and the first of "1.3.–31.12.2018" in the year of
    the second."""
    found = []
    for m in _DATE_ANY.finditer(text):
        month = m.group(2) or str(_MONTHS.index(m.group(3).lower()) + 1)
        iso = _iso(m.group(1), month, m.group(4))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_ISO.finditer(text):
        iso = _iso(m.group(3), m.group(2), m.group(1))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _SHORT_START.finditer(text):
        iso = _iso(m.group(1), m.group(2), m.group(3))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_WORDS.finditer(text):
        day, month, year = ((m.group(1), m.group(2), m.group(3)) if m.group(1)
                            else (m.group(5), m.group(4), m.group(6)))
        iso = _iso(day, str(_MONTH_NAMES[month.lower()]), year)
        if iso:
            found.append((m.start(), m.end(), iso))
    return sorted(found)
