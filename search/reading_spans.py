"""Where a passage states a date, a period, a count or an amount: typed spans for the reading
layer. A date knows what it dates (start, end, opening, decision …) from the event word nearest
to it in its clause; a count knows the word it counts (the noun after the number)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ingest.extract.numerals import NumberWords
from search.reading_values import FOREIGN_MONTH, MONEY_COUNTS, MONEY_SCALES, SHORT_YEAR_DAY

_NUMBER = r"\d{1,3}(?:[  ]\d{3})+|\d+(?:[,.]\d+)?"
_CURRENCY = r"(?:€|euro(?:a|n|lla|sta|on|lle|ksi|s)?\b|eur\b|e\b)"
# A sum in words: a scale word with or without a number word before it ('one million euros',
# 'miljoona euroa', 'kahden miljoonan euron', 'en miljon euro'); the words: reading_values.
_WORD_SUM = (rf"(?:(?:{'|'.join(sorted(MONEY_COUNTS, key=len, reverse=True))})\s+)?"
             rf"(?:{'|'.join(sorted(MONEY_SCALES, key=len, reverse=True))})\s+(?:of\s+)?")
# ... or the currency before the number, as English writes it ('€1 420 000', 'EUR 48,000',
# '€1.4 million').
_CURRENCY_FIRST = (rf"(?:€|\beur\b)\s?(?:{_NUMBER})(?:,\d{{3}})*"
                   rf"(?:\s*(?:million|milj\.?|M)\b)?")
AMOUNT = re.compile(rf"(?:(?:{_NUMBER})\s*(?:milj\.?|miljoonaa|miljoona|miljoner|miljon|million|M)?"
                    rf"\s*|(?<!\w){_WORD_SUM}){_CURRENCY}|{_CURRENCY_FIRST}", re.IGNORECASE)
_COUNT = re.compile(rf"(?<![\d.,/–§-])(?:{_NUMBER})(?![\d.,/–-]?\d)(?:\s*%)?")
_MONTHS = "tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu"
_YEAR = r"(?:19|20)\d\d"
# reading_values.SHORT_YEAR_DAY with its groups made non-capturing ('Luonnos 10.10.17')
_SHORT_YEAR_DAY = re.sub(r"\((?!\?)", "(?:", SHORT_YEAR_DAY)
_DMY = r"\d{1,2}\.\d{1,2}\.\s?(?:19|20)\d\d"
_DAY_MONTH = rf"\d{{1,2}}\.\s*(?:{_MONTHS})kuuta\s+{_YEAR}"
# 'lokakuun 9. päivänä 2017', '9. päivänä lokakuuta 2017'
_MONTH_DAY = (rf"(?:{_MONTHS})kuun\s+\d{{1,2}}\.\s*päivä(?:nä)?\s+{_YEAR}"
              rf"|\d{{1,2}}\.\s*päivänä\s+(?:{_MONTHS})kuuta\s+{_YEAR}")
# A season of a year in any case and language ('syksystä 2017', 'kevääseen 2019', 'autumn
# 2018', 'hösten 2017').
_SEASONS = ("syksyllä|syksyksi|syksystä|syksyyn|syksyn|keväällä|keväästä|kevääseen|kevään|"
            "kesällä|kesästä|kesään|talvella|talvesta|talveen|"
            "spring|summer|autumn|fall|winter|våren|sommaren|hösten|vintern")
# English and Swedish: '1 March 2017', '17 maj 2017', 'August 2018'.
_FOREIGN_DAY = rf"\d{{1,2}}\.?\s+(?:{FOREIGN_MONTH})\.?\s+{_YEAR}"
# Most specific first: a period before its ends, a day before its month, a month before its year.
_DATE_FORMS: tuple[tuple[str, str], ...] = (
    ("period", rf"{_FOREIGN_DAY}\s+(?:to|till|until|–|-)\s+{_FOREIGN_DAY}"),
    ("day", _FOREIGN_DAY),
    ("month", rf"\b(?:{FOREIGN_MONTH})\.?\s+{_YEAR}"),
    ("period", rf"{_DMY}\s*[–-]\s*{_DMY}"),
    ("period", rf"\d{{1,2}}\.\s*[–-]\s*{_DMY}"),
    ("period", rf"{_DAY_MONTH}\s*[–-]\s*{_DAY_MONTH}"),
    ("period", rf"(?:vuosi(?:na|lle|en)\s+|vuode(?:t|ille)\s+)?{_YEAR}\s*[–-]\s*{_YEAR}"),
    ("period", rf"(?:{_MONTHS})kuusta\s+(?:{_YEAR}\s+)?(?:{_MONTHS})kuu(?:hun|n\s+loppuun)"
               rf"\s+{_YEAR}"),
    ("day", _DMY),
    ("day", _SHORT_YEAR_DAY),
    # a month and a year written short after a hyphen ('Huhtikuussa -18')
    ("month", rf"(?:{_MONTHS})kuu\w*\s+[-–]\s?\d\d(?![\d])"),
    ("day", _MONTH_DAY),
    ("day", _DAY_MONTH),
    ("month", rf"(?:{_MONTHS})kuu(?:ssa|sta|hun|n)?(?:\s+(?:alussa|lopussa|loppuun|puolivälissä))?"
              rf"\s+{_YEAR}(?:\s+(?:alussa|lopussa|loppuun|alkaen|asti|saakka))?"),
    ("month", rf"(?<![\d./])(?:1[0-2]|0?[1-9])/{_YEAR}(?![\d/])"),
    # '2017–18', 'vuosina 2017-18'
    ("period", rf"(?<![\d.])(?:vuosi(?:na|lle)\s+)?{_YEAR}\s*[–-]\s*\d\d(?!\d|\.\d|-)"),
    ("season", rf"(?:{_SEASONS})\s+{_YEAR}"),
    ("year", rf"(?:vuo(?:si|nna|den|desta|teen|delle)\s+)?{_YEAR}"
             r"(?:\s+(?:alussa|lopussa|loppuun|alusta|aikana|alkaen|asti|saakka))?"),
)
DATE = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(_DATE_FORMS)),
                  re.IGNORECASE)
# A serial document's number is no date: 'pöytäkirja 3/2018', 'KUNTAINFO 9/2018',
# 'Uutiskirje 3/2018', 'asukaslehti 1/2019', 'nyhetsbrev 2/2018', 'issue 4/2018'; nor is a
# meeting's ('OHJAUSRYHMÄN KOKOUS 2/2019', 'sammanträde 4/2018').
_ISSUE = re.compile(r"(?:kirja|kirje|info|lehti|tiedote|nro|numero|no\.?|issue|protokoll|"
                    r"nyhetsbrev|newsletter|minutes|kokous|sammanträde|meeting|möte)\s*$",
                    re.IGNORECASE)
_CLAUSE = re.compile(r"[.;:!?\n]|,\s|\s(?:ja|sekä|and|och)\s")
_WORD = re.compile(r"\w[\w\-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ\-•])|\n")
# A word right before a date that says what it dates ('ran from March 2017 to …', 'pågick från
# den 1 januari 2016'): nearer than any event word of its clause. Not 'since': 'has offered it
# since May 2019' tells a state that still lasts, which an opening asked about need not be.
_OPENED_BY = {"from": "start", "från": "start", "until": "end", "till": "end"}
_TO_FOLLOWS = re.compile(r"\s*(?:[–—-]|to|till|until|through)\s", re.IGNORECASE)
# A Finnish time word in the illative dates an end ('kevääseen 2019', 'kesäkuuhun 2018',
# 'vuoteen 2020', 'syksyyn 2018', 'talveen 2019': until then) unless a word before says otherwise.
_UNTIL_FORM = re.compile(r"^[^\W\d]+(?:seen|hun|hyn|hin|teen|yyn|veen)(?!\w)", re.IGNORECASE)
# How far (characters) an event word still dates a date in its clause.
EVENT_REACH = 70


@dataclass(frozen=True)
class DateSpan:
    text: str
    start: int
    end: int
    form: str  # period | day | month | season | year
    # What the clause says happened then: start, end, opening …; a period is "period" when a
    # period word introduces it, else "range".
    event: str | None
    parts: tuple[tuple[int, int], ...] = ()  # a period's two ends


@dataclass(frozen=True)
class CountSpan:
    label: str
    start: int
    end: int
    unit: str  # the words right after the number, lower case


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: between sentence marks, a comma and a space, or 'ja', 'sekä',
    'and', 'och'."""
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return left, right


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list line) around a span. A date's or an abbreviation's dot ('3.
    huhtikuuta', 'n. 1,5 milj. euroa') ends no sentence: only one before a capital does."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    left = max((e + 1 for e in ends if e < start), default=0)
    right = next((e for e in ends if e >= end), len(text))
    return left, right


def _event_at(text: str, start: int, end: int, events: Mapping[str, Sequence[str]]
              ) -> str | None:
    """The event whose word stands nearest the date within its clause (the sentence when the
    clause holds none), within EVENT_REACH characters."""
    best: tuple[int, str] | None = None
    for lo, hi in (clause(text, start, end), sentence(text, start, end)):
        low = text[lo:hi].casefold()
        for m in _WORD.finditer(low):
            pos = lo + m.start()
            if start <= pos < end:
                continue
            d = start - (lo + m.end()) if pos < start else pos - end
            if d > EVENT_REACH:
                continue
            for event, cues in events.items():
                if any(m.group(0).startswith(c) for c in cues):
                    if best is None or d < best[0]:
                        best = (d, event)
        if best is not None:
            return best[1]
    return None


# What joins two dates into a period: a dash or 'to', 'till', 'until' between them; 'and',
# 'och', 'ja' when 'between', 'mellan' stands before the first or 'välillä' after the second;
# nothing at all after a Finnish 'from' form ('syksystä 2017 kevääseen 2019', 'vuodesta 2017
# vuoteen 2019'); an article may stand before the second ('från den 1 januari 2016 till den 31
# december 2018').
_JOIN = re.compile(r"\s*(?:[–—-]|to|till|until|through|thru|tills|fram till)\s*(?:(?:den|the)\s+)?"
                   r"(?:(?:end|close)\s+of\s+|(?:slutet|utgången)\s+av\s+)?", re.IGNORECASE)
# The end of a year or month as a period's second end ('from March 2017 to the end of 2018',
# 'från mars 2017 till slutet av 2018'), or alone ('until the end of 2019').
_END_OF = re.compile(r"(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+year\s+)?$|(?:slutet|utgången)\s+av\s+"
                     r"(?:år\s+)?$", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|och|ja)\s+", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"(?:between|mellan)\s+(?:the\s+years\s+|åren\s+)?$", re.IGNORECASE)
_BETWEEN_AFTER = re.compile(r"\s*(?:välillä|välisenä|välisen)", re.IGNORECASE)
_FROM_FORM = re.compile(r"^\w+(?:sta|stä)\b", re.IGNORECASE)


def _joined(text: str, a: DateSpan, b: DateSpan) -> bool:
    """Whether two dates in a row are the two ends of one period."""
    gap = text[a.end:b.start]
    if "\n" in gap or len(gap) > 24:
        return False
    if _JOIN.fullmatch(gap):
        return True
    if len(gap) > 12:
        return False
    if _AND.fullmatch(gap):
        return bool(_BETWEEN_BEFORE.search(text[max(0, a.start - 24):a.start])
                    or _BETWEEN_AFTER.match(text, b.end))
    if not gap.strip() and _FROM_FORM.match(a.text):
        return True
    # A flattened table or slide's range ('Toiminta-aika: 1.1.2017 31.12.2018', 'suunnitelma
    # 2019 2022'): two dates of one form, written whole, only spaces between, the later second.
    return (bool(gap) and not gap.strip(" \t") and a.form == b.form and a.form in _BARE_RANGE
            and _BARE.fullmatch(a.text) is not None and _BARE.fullmatch(b.text) is not None
            and _later(a.text, b.text))


# The forms of two dates that spaces alone join into a range, and how such a date is written:
# a day as d.m.yyyy, a year as four figures.
_BARE_RANGE = ("day", "year")
_BARE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|(?:19|20)\d\d")


def _later(a: str, b: str) -> bool:
    """Whether the date written b comes after the date written a (day.month.year or a year)."""
    def key(x: str) -> tuple[int, ...]:
        parts = [int(p) for p in x.split(".")]
        return (parts[2], parts[1], parts[0]) if len(parts) == 3 else (parts[0],)
    return key(b) > key(a)


def _periods(text: str, spans: list[DateSpan], events: Mapping[str, Sequence[str]]
             ) -> list[DateSpan]:
    """Two dates a period's words join ('from 2017 to 2019', 'syksystä 2017 kevääseen 2019',
    'mellan 2017 och 2019', '03/2017–12/2018') as one period."""
    out: list[DateSpan] = []
    for a, b in zip(spans, spans[1:], strict=False):
        if a.form == "period" or b.form == "period" or not _joined(text, a, b):
            continue
        event = _event_at(text, a.start, b.end, events)
        out.append(DateSpan(text[a.start:b.end], a.start, b.end, "period",
                            "period" if event == "period" else "range",
                            ((a.start, a.end), (b.start, b.end))))
    return out


def _opened_by(text: str, start: int, end: int) -> str | None:
    """What the word right before a date says it dates: an end after 'until' / 'till', a
    start after 'from' / 'från' when the period's other end follows ('from March 2017 to the end
    of 2018'; 'feedback from autumn 2018' dates no start)."""
    if _END_OF.search(text[max(0, start - 30):start]):
        return "end"
    event = _OPENED_BY.get(_word_before(text, start))
    if event == "start" and not _TO_FOLLOWS.match(text, end):
        return None
    return event


def _word_before(text: str, start: int) -> str:
    """The word right before a position, lower case ('' at a clause's start)."""
    m = re.search(r"(\w+)\s+(?:den\s+|the\s+)?$", text[max(0, start - 20):start])
    return m.group(1).casefold() if m else ""


def _inner_event(span: str, events: Mapping[str, Sequence[str]]) -> str | None:
    """What a date's own words say it dates: an end by a time word in the illative
    ('kevääseen 2019') or by an end word after the year ('vuoden 2018 loppuun'). A start word
    there ('vuoden 2019 alusta') is as often a change taking effect as the start asked about:
    it is left to the words around the date."""
    if _UNTIL_FORM.match(span):
        return "end"
    words = span.casefold().split()
    last = words[-1] if len(words) > 2 and not words[-1][:1].isdigit() else ""
    return "end" if last and any(last.startswith(c) for c in events.get("end", ())) else None


# A day written without its year: a Finnish month name ('kokoontui 14. maaliskuuta'), or day
# and month in figures in a line that dates other days in full ('Kokkola 14.5 Perhonjokilaakso
# 20.5 … 21.5.2019'). Its year is the first full year later in its line, else its document's.
_NAMED_DAY = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTHS})kuuta\b(?!\s+{_YEAR})", re.IGNORECASE)
_FIGURE_DAY = re.compile(r"(?<![\d.,])(3[01]|[12]\d|0?[1-9])\.(1[0-2]|0?[1-9])\.?(?![\d]|\.\d|,\d)")
_FULL_DAY = re.compile(rf"\d{{1,2}}\.\d{{1,2}}\.\s?({_YEAR})")
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTHS.split("|"), 1)}


def yearless_days(text: str, year: str | None) -> list[DateSpan]:
    """The days of a passage written without their year, each labelled in full ('14.3.2018')
    with the first full year later in its line, else `year` (its document's); none without."""
    out = []
    for pattern, figures in ((_NAMED_DAY, False), (_FIGURE_DAY, True)):
        for m in pattern.finditer(text):
            line_end = text.find("\n", m.end())
            rest = text[m.end():line_end if line_end >= 0 else len(text)]
            later = _FULL_DAY.search(rest)
            if figures and later is None:
                continue  # figures alone date only among other days of a list line
            found = later.group(1) if later is not None else year
            if not found:
                continue
            month = int(m.group(2)) if figures else _MONTH_NUMBER[m.group(2).casefold()]
            out.append(DateSpan(f"{int(m.group(1))}.{month}.{found}", m.start(), m.end(), "day",
                                None))
    return out


def date_spans(text: str, events: Mapping[str, Sequence[str]]) -> list[DateSpan]:
    out = []
    for m in DATE.finditer(text):
        form = _DATE_FORMS[int(next(k for k, v in m.groupdict().items() if v)[1:])][0]
        span = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if form == "month" and "/" in span and _ISSUE.search(text[max(0, start - 20):start]):
            continue
        parts: tuple[tuple[int, int], ...] = ()
        if form == "period":
            dash = re.search(r"\s*[–-]\s*|\s+(?:to|till|until)\s+", span)
            if dash is not None:
                parts = ((start, start + dash.start()), (start + dash.end(), start + len(span)))
        event = _opened_by(text, start, start + len(span)) or (
            _inner_event(span, events) if form != "period" else None) or _event_at(
            text, start, start + len(span), events)
        if form == "period":
            event = "period" if event == "period" else "range"
        out.append(DateSpan(span, start, start + len(span), form, event, parts))
    return out + _periods(text, out, events)


def count_spans(text: str, number_words: NumberWords | Mapping[str, int],
                label_nouns: Sequence[str] = ()) -> list[CountSpan]:
    """Numbers (digits or `number_words`) that count something: no year, date, sum of money,
    list number, page number or section sign, nor a number a noun before it names a figure, a
    table, a page or a section by (`label_nouns`: 'Kuvassa 1', 'Table 2', 'bilaga 3')."""
    taken = [(m.start(), m.end()) for p in (AMOUNT, DATE) for m in p.finditer(text)]
    out = []
    for m in _COUNT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        after = text[m.end():m.end() + 6]
        line_start = text.rfind("\n", 0, m.start()) + 1
        if re.match(r"[.)]\s", after) and not text[line_start:m.start()].strip():
            continue  # '1. Verkoston vastuuhenkilön nimeäminen', '5) Mäntyharjussa …'
        if re.match(r"\s*/\s*\d", after) or re.search(r"\d\s*/\s*$", text[:m.start()]):
            continue  # '3 / 9'
        if re.search(r"(?:§|pykälä|kohta|nro|no\.)\s*$", text[max(0, m.start() - 8):m.start()],
                     re.IGNORECASE):
            continue  # '§ 64 Nuorten …' numbers a section, it counts nothing
        if re.match(r"\s*§", after) or _labelled(text[max(0, m.start() - 24):m.start()],
                                                   label_nouns):
            continue  # '3 § Perheasema …', 'Kuvassa 1 on kuvattu …', 'see Table 2'
        label = m.group(0).replace("\u00a0", " ").strip()
        if _CLOCK.fullmatch(label) or _CLOCK.fullmatch(
                text[m.start():m.end() + 3].strip()) or re.search(r"\d:$", text[:m.start()]):
            continue  # '15.20', '9:30' is a time of day ('klo 15.20 paneeli'), it counts nothing
        out.append(CountSpan(label, m.start(), m.end(), _unit(text, m.start(), m.end())))
    for m in _WORD.finditer(text):
        value = number_words.get(m.group(0).casefold())
        if value is not None:
            out.append(CountSpan(str(value), m.start(), m.end(),
                                 _unit(text, m.start(), m.end())))
    return out


# A time of day: hours and two digits of minutes after a dot or a colon.
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")


def _labelled(before: str, label_nouns: Sequence[str]) -> bool:
    """The word right before a number is a noun that numbers things ('Kuva', 'taulukossa',
    'p.'): a whole word, or a Finnish case ending (at most four letters) after a beginning of
    four letters or more ('kuvassa', not 'kohtaamispaikkoja' or 'lukumäärä')."""
    last = _WORD.findall(before)
    if not last or not re.search(r"\w\.?\s*$", before):
        return False
    word = last[-1].casefold()
    return any(word == n or (len(n) >= 4 and word.startswith(n) and len(word) - len(n) <= 4)
               for n in label_nouns)


def _unit(text: str, start: int, end: int) -> str:
    """The few words after a number, up to the clause's end ('210 varhaiskasvatuksen ja koulun
    työntekijää'; '37 kpl'); for a number that ends its clause, the words before it in the
    clause ('käyntejä on kertynyt kaikkiaan 240', 'Osallistujia oli 50')."""
    rest = text[end:end + 60]
    stop = re.search(r"[.;:!?\n(]|,\s", rest)
    after = _WORD.findall(rest[:stop.start()] if stop else rest)[:5]
    if after:
        return " ".join(after).casefold()
    head = text[max(0, start - 60):start]
    cut = max((m.end() for m in re.finditer(r"[.;:!?\n)]|,\s|\s(?:ja|sekä|and|och)\s", head)),
              default=0)
    return " ".join(_WORD.findall(head[cut:])[-4:]).casefold()


def table_heading(text: str, left: int) -> tuple[int, int]:
    """The heading line (start, end) a table row starting at `left` stands under: the nearest
    line opening with '#' above the table the row belongs to; (0, 0) for a line of no table
    or a table under no heading in the passage."""
    line_start = text.rfind("\n", 0, left) + 1
    if not text[line_start:].lstrip().startswith("|"):
        return 0, 0
    at = line_start
    while at > 0:
        above = text.rfind("\n", 0, at - 1) + 1
        line = text[above:at].strip()
        if line.startswith("#"):
            return above, at - 1
        if line and not line.startswith("|"):
            return 0, 0  # the table ends above at a line of text: that text is no heading
        at = above
    return 0, 0
