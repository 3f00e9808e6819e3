"""The values an answer's label states, read back to a canonical form: dates as ISO at the
precision given ('26.–27.11.2018' is two days, 'syyskuussa 2018' is 2018-09), counts and amounts
as numbers ('43 670', 'noin 1,3 miljoonaa euroa', 'kolme'). Used to score and calibrate answers
read from the text against labelled questions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ingest.extract.numerals import NumberWords

_MONTHS = {"tammi": 1, "helmi": 2, "maalis": 3, "huhti": 4, "touko": 5, "kesä": 6, "heinä": 7,
           "elo": 8, "syys": 9, "loka": 10, "marras": 11, "joulu": 12}
_MONTH = "|".join(_MONTHS)
# English and Swedish month names (a summary for partners abroad: '1 March 2017', 'maj 2017').
FOREIGN_MONTHS = {m: i for names in (
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"),
    ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december")) for i, m in enumerate(names, 1)}
# Their short forms, with or without a dot ('8 Oct 2018', 'Sept. 2017', '3 okt 2018').
FOREIGN_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sep": 9, "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12})
FOREIGN_MONTH = "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True))
# A day and a month with a year of two digits ('Luonnos 10.10.17'), never part of a longer
# number ('3.2.1', '1.250.000').
SHORT_YEAR_DAY = r"(?<![\d.])(3[01]|[12]\d|0?[1-9])\.(1[0-2]|0?[1-9])\.([12]\d)(?![\d]|\.\d)"
_NUMBER_WORDS = {"yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6,
                 "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10,
                 "kaksikymmentä": 20, "kolmekymmentä": 30, "neljäkymmentä": 40,
                 "viisikymmentä": 50, "kuusikymmentä": 60, "seitsemänkymmentä": 70,
                 "kahdeksankymmentä": 80, "yhdeksänkymmentä": 90, "sata": 100}


def dates_of(label: str) -> set[str]:
    """The dates a label states, ISO at the precision given ('26.–27.11.2018' is two days)."""
    text = label.casefold()
    out: set[str] = set()
    # A range of years with the second one short ('2017–18'), not a year and month ('2019-11').
    for m in re.finditer(r"(?<![\d-])((?:19|20)(\d\d))\s*[–-]\s*(\d\d)(?!\d|\.\d|-)", text):
        first, second = int(m.group(2)), int(m.group(3))
        if 0 < second - first <= 10:
            out |= {m.group(1), str(int(m.group(1)) - first + second)}
            text = text.replace(m.group(0), " ")
    # ISO dates ('2018-09-03', '2018-09'), not a range of years written with a hyphen, nor a
    # year a hyphen joins to the next day ('1.3.2017-31.12.2018', '1.3.2017-10.12.2018').
    iso = r"(\d{4})-(0[1-9]|1[0-2])(?!\d|\.\d)(?:-(\d\d))?"
    for m in re.finditer(iso, text):
        out.add("-".join(g for g in m.groups() if g))
    text = re.sub(iso, " ", text)
    for m in re.finditer(r"(\d{1,2})\.\s*[–-]\s*(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        d1, d2, mo, y = (int(g) for g in m.groups())
        out |= {f"{y}-{mo:02d}-{d1:02d}", f"{y}-{mo:02d}-{d2:02d}"}
    text = re.sub(r"(\d{1,2})\.\s*[–-]\s*(?=\d{1,2}\.\d{1,2}\.\d{4})", " ", text)
    # '14.4.2016', and with a space before the year ('14.4. 2016')
    for m in re.finditer(r"(\d{1,2})\.(\d{1,2})\.\s?(\d{4})", text):
        d, mo, y = (int(g) for g in m.groups())
        out.add(f"{y}-{mo:02d}-{d:02d}")
    text = re.sub(r"\d{1,2}\.\d{1,2}\.\s?\d{4}", " ", text)
    for m in re.finditer(SHORT_YEAR_DAY, text):
        d, mo, y = (int(g) for g in m.groups())
        out.add(f"{2000 + y}-{mo:02d}-{d:02d}")
    text = re.sub(SHORT_YEAR_DAY, " ", text)
    day_of_month = rf"({_MONTH})kuun\s+(\d{{1,2}})\.\s*päivä\w*\s+(\d{{4}})"
    for m in re.finditer(day_of_month, text):  # 'lokakuun 9. päivänä 2017'
        out.add(f"{m.group(3)}-{_MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}")
    text = re.sub(day_of_month, " ", text)
    text = re.sub(r"(\d{1,2}\.)\s*päivänä\s+", r"\1 ", text)  # '9. päivänä lokakuuta 2017'
    for m in re.finditer(rf"(\d{{1,2}})\.\s*({_MONTH})\w*\s+(\d{{4}})", text):
        out.add(f"{m.group(3)}-{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}")
    text = re.sub(rf"\d{{1,2}}\.\s*(?:{_MONTH})\w*\s+\d{{4}}", " ", text)
    foreign_day = rf"(\d{{1,2}})\.?\s+({FOREIGN_MONTH})\.?\s+(\d{{4}})"
    for m in re.finditer(foreign_day, text):  # '1 March 2017', '17 maj 2017'
        out.add(f"{m.group(3)}-{FOREIGN_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}")
    text = re.sub(foreign_day, " ", text)
    foreign_month = rf"\b({FOREIGN_MONTH})\.?\s+(\d{{4}})"
    for m in re.finditer(foreign_month, text):  # 'in August 2018'
        out.add(f"{m.group(2)}-{FOREIGN_MONTHS[m.group(1)]:02d}")
    text = re.sub(foreign_month, " ", text)
    for m in re.finditer(r"(?<![\d./])(1[0-2]|0?[1-9])/(\d{4})(?![\d/])", text):
        out.add(f"{m.group(2)}-{int(m.group(1)):02d}")
    text = re.sub(r"(?<![\d./])(?:1[0-2]|0?[1-9])/\d{4}(?![\d/])", " ", text)
    # a month and a year written short after a hyphen ('Huhtikuussa -18')
    short = rf"({_MONTH})\w*\s+[-–]\s?(\d\d)(?![\d])"
    for m in re.finditer(short, text):
        out.add(f"{2000 + int(m.group(2))}-{_MONTHS[m.group(1)]:02d}")
    text = re.sub(short, " ", text)
    month = rf"({_MONTH})\w*(?:\s+(?:alussa|lopussa|loppuun|puolivälissä))?\s+(\d{{4}})"
    for m in re.finditer(month, text):
        out.add(f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}")
    text = re.sub(month, " ", text)
    out |= set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))
    return out


# A sum written in words (search.reading_spans.AMOUNT): the scale words and the number words
# before them, fi/en/sv ('puolitoista miljoonaa', 'half a million', 'två miljoner').
MONEY_SCALES = {"miljoona": 1e6, "miljoonaa": 1e6, "miljoonan": 1e6, "million": 1e6,
                "millions": 1e6, "miljon": 1e6, "miljoner": 1e6, "miljard": 1e9,
                "miljardi": 1e9, "miljardia": 1e9, "billion": 1e9}
MONEY_COUNTS = {"a": 1, "one": 1, "yksi": 1, "yhden": 1, "en": 1, "ett": 1, "half a": 0.5,
                "puoli": 0.5, "puolen": 0.5, "en halv": 0.5, "puolitoista": 1.5,
                "puolentoista": 1.5, "two": 2, "kaksi": 2, "kahden": 2, "två": 2,
                "three": 3, "kolme": 3, "kolmen": 3, "tre": 3, "four": 4, "neljä": 4,
                "neljän": 4, "fyra": 4, "five": 5, "viisi": 5, "viiden": 5, "fem": 5}


def _sum_in_words(text: str) -> float | None:
    """'one million euros' → 1e6, 'puolitoista miljoonaa' → 1.5e6; None without a scale word."""
    scale = next((v for w, v in MONEY_SCALES.items()
                  if re.search(rf"(?<!\w){w}(?!\w)", text)), None)
    if scale is None:
        return None
    count = next((MONEY_COUNTS[c] for c in sorted(MONEY_COUNTS, key=len, reverse=True)
                  if re.search(rf"(?<!\w){c}\s+\w*(?:milj|million|billion)", text)), 1)
    return count * scale


def number_words(cues: Mapping[str, Any]) -> NumberWords:
    """The numbers written as words of the reading cues: _number_words as listed ('kolmessa',
    'tolv'), and every number built of _numerals' units and parts the way ingest reads one
    ('kuusikymmentäkolme' 63, 'tjugotvå' 22, 'twenty-two' 22)."""
    return NumberWords(cues["_number_words"], cues["_numerals"]["units"],
                       cues["_numerals"]["parts"])


def number_of(label: str) -> float | None:
    """The first number a label states: '43 670', 'yli 1000', '1,3 miljoonaa euroa', 'kolme'."""
    text = label.casefold().replace("\u00a0", " ")
    m = re.search(r"\d{1,3}(?: \d{3})+|\d+(?:[,.]\d+)?", text)
    if m is None and (sum_ := _sum_in_words(text)) is not None:
        return sum_
    if m is None:
        # the longest number word first: 'viisikymmentä' is 50, not 'viisi'
        words = sorted(_NUMBER_WORDS, key=len, reverse=True)
        found = next((n for w in re.findall(r"\w+", text) for n in words
                      if w.startswith(n[:-1]) and len(w) >= len(n) - 1), None)
        if found is None:
            return None
        return float(_NUMBER_WORDS[found])
    rest = text[m.end():m.end() + 14]
    millions = re.match(r"\s*(milj|million|m\b)", rest) is not None
    grouped = re.match(r"\d{1,3}(?:,\d{3})+(?![\d.,])", text[m.start():])
    if grouped and not millions:
        # English thousands ('3,000 professionals', 'EUR 1,400,000'); '1,250 milj.' is 1.25.
        return float(grouped.group(0).replace(",", ""))
    value = float(m.group(0).replace(" ", "").replace(",", "."))
    if millions:
        value *= 1_000_000
    return value


def date_match(expected: str, got: str) -> bool:
    """The same date, or the answer more precise than the expected value."""
    return got == expected or got.startswith(expected + "-")


