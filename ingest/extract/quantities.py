"""The counted quantities of a sentence: numbers and number words that count something, not a
date, a phone number, a sum of money, a share, how often or how long (read by
ingest.extract.results)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.dates import find_dates
from ingest.extract.lexicon import Lexicon
from ingest.extract.numerals import spelled_number
from ingest.extract.segment import Sentence
from ingest.records import Token

# "040 804 5456", "050-123 4567", "+358 40 123 4567", "(09) 310 1234": no count in them
_PHONE = re.compile(r"(?:\+358[ \t]?\(?0?\)?|\(0\d{1,2}\)[ \t]?|\b0\d{1,3}[ \t-]?)"
                    r"\d{2,4}(?:[ \t-]?\d{2,4}){1,2}\b")
_MONEY = re.compile(r"€|eur(o|oa|on|oon|olla|ia|oja)?\b|EUR\b|milj", re.IGNORECASE)


def _frequency(lex: Lexicon, after: Sequence[Token]) -> bool:
    """The words after a number say how often, not how many: a unit of time and "välein"
    ("kahden viikon välein"), or a unit and the time it is counted in ("kaksi kertaa
    viikossa", "kolme päivää kuukaudessa"); a Finnish compound of a unit counts as the unit
    ("kahtena aamupäivänä viikossa")."""
    if len(after) < 2:
        return False
    lemma = after[0].lemma.lower()
    if lemma not in lex.time_units and not (after[1].text.lower() in lex.per_unit and any(
            len(unit) >= 4 and lemma.endswith(unit) for unit in lex.time_units)):
        return False
    return after[1].text.lower() in ("välein", "välin") + lex.per_unit


def _duration(lex: Lexicon, after: Sequence[Token]) -> bool:
    """The words after a number say how long: a unit of time in the genitive before a noun
    ("kuuden viikon perheleiri", "kahden päivän koulutus")."""
    return (len(after) == 2 and after[0].lemma.lower() in lex.time_units
            and after[0].lemma.lower() != "kerta" and "Case=Gen" in after[0].morph
            and after[1].pos == "NOUN")


def _lasting(lex: Lexicon, tokens: Sequence[Token], i: int) -> bool:
    """The number at i says how long something lasted: "for six months", "i tre månader",
    "kuuden kuukauden ajan" (a unit of time after it, "for" / "i" / "under" before it or
    "ajan" after the unit)."""
    if i + 1 >= len(tokens) or not {tokens[i + 1].lemma.lower(), tokens[i + 1].text.lower()} & (
            set(lex.time_units)):
        return False
    before = tokens[i - 1].text.lower() if i else ""
    after = tokens[i + 2].text.lower() if i + 2 < len(tokens) else ""
    return before in ("for", "i", "under") or after == "ajan"


def changed_by(lex: Lexicon, sent: Sentence) -> bool:
    """The sentence tells of a change ("väheni", "fell", "minskade"): a percentage in it may be
    the size of the change, an outcome."""
    return any({t.lemma.lower(), t.text.lower()} & set(lex.change_verbs) for t in sent.tokens)


def shares(lex: Lexicon, sent: Sentence) -> int:
    """How many numbers of the sentence stand before a word of a share ("12 prosenttia")."""
    toks = sent.tokens
    return sum(1 for i in range(len(toks) - 1) if toks[i].text[:1].isdigit() and {
        toks[i + 1].lemma.lower(), toks[i + 1].text.lower()} & set(lex.fraction_words))


def quantities_of(lex: Lexicon, sent: Sentence) -> list[tuple[float, int]]:
    """The counted quantities of a sentence, each with its token position."""
    from ingest.language import detect_language

    found: list[tuple[float, int]] = []
    english = "," in sent.text and detect_language(sent.text) == "en"
    skipped = [(sent.start + a, sent.start + b) for a, b, _ in find_dates(sent.text)]
    skipped += [(sent.start + m.start(), sent.start + m.end())
                for m in _PHONE.finditer(sent.text)]
    for i, tok in enumerate(sent.tokens):
        if any(a <= tok.start < b for a, b in skipped):
            continue  # a date's day or year ("opened on 4 June 2018"), a phone number
        if found and i == found[-1][1] + 1 and re.fullmatch(r"\d{3}", tok.text):
            continue  # the second half of "1 300"
        low = tok.text.lower()
        # "kolmessa kunnassa" counts; an inflected "yksi" is mostly an article ("yhden alle").
        word = low if low in lex.number_words else tok.lemma.lower()
        after = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
        if _frequency(lex, sent.tokens[i + 1:i + 3]) or _duration(lex, sent.tokens[i + 1:i + 3]) \
                or _lasting(lex, sent.tokens, i):
            continue  # "kahden viikon välein", "kuuden viikon leiri": how often, how long
        if after is not None and {after.lemma.lower(), after.text.lower()} & set(
                lex.fraction_words) and not (changed_by(lex, sent) and shares(lex, sent) == 1):
            continue  # "kaksi kolmasosaa", "40 prosenttia": a share, no count
        if word == "yksi" and after is not None and (
                after.lemma.lower() == "osa" or after.text.lower().endswith(("ista", "istä"))):
            continue  # "yksi osa kokeilua", "yksi tärkeimmistä": one of, no count
        if word in lex.number_words and (word == low or (tok.pos == "NUM" and word != "yksi")):
            found.append((float(lex.number_words[word]), i))
            continue
        spelled = spelled_number(low, lex.number_words, lex.number_parts)
        if spelled is not None:  # "kaksikymmentäneljä", "kolmesataa", "ett hundratal"
            found.append((float(spelled), i))
            continue
        text = tok.text
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text) and english:
            text = text.replace(",", "")  # "3,000 professionals": thousands in English
        cased = re.fullmatch(r"(\d{1,6}):[a-zåäö]+", text.lower())
        if cased:
            text = cased.group(1)  # "48:sta", "31:een": a number with its case ending
        if i == len(sent.tokens) - 1 and re.fullmatch(r"\d{1,6}\.", text):
            text = text[:-1]  # "pilotteja on käynnistetty yli 25.": the full stop ends it
            if i and sent.tokens[i - 1].text[:1].isdigit():
                continue  # the year or day at the end of a date ("1. 12.")
        if re.fullmatch(r"(?:0?[1-9]|1[0-2])/(?:19|20)\d\d", text) or (
                re.fullmatch(r"(?:0?[1-9]|1[0-2])", text) and i + 2 < len(sent.tokens)
                and sent.tokens[i + 1].text == "/"
                and re.fullmatch(r"(?:19|20)\d\d", sent.tokens[i + 2].text)):
            continue  # a month of a year ("avattu 10/2017", "nr 4/2018"), no count
        if re.fullmatch(r"\d{1,6}(/\d{1,6})?", text) and not re.fullmatch(
                r"(19|20)\d\d", text):
            nxt = sent.tokens[i + 1].text if i + 1 < len(sent.tokens) else ""
            closes = (nxt == "." and i == len(sent.tokens) - 2 and i > 0
                      and not sent.tokens[i - 1].text.isdigit())
            if (nxt == "." or nxt.startswith(".")) and not closes:
                continue  # a date or list number, not a quantity ("fell to 9." ends a sentence)
            written, beyond = text, nxt
            if nxt == "/" and i + 2 < len(sent.tokens):  # "1 / 3" as three tokens
                written = text + "/" + sent.tokens[i + 2].text
                beyond = sent.tokens[i + 3].text if i + 3 < len(sent.tokens) else ""
            series = re.fullmatch(r"(\d{1,2})/(\d{1,2})", written)
            if series and 0 < int(series.group(1)) <= int(series.group(2)) <= 12 and not (
                    beyond[:1].isalpha()):
                continue  # the k-th of a series ("valmennus 1/3", "osa 2/4"), no count
            if re.search(r"\.(pdf|docx?|xlsx?|pptx?|odt|txt)$", nxt.lower()):
                continue  # an attachment's number ("- 1 Loppuraportti_2018.pdf")
            if i == 0 and nxt[:1].isupper():
                continue  # a page or section number before a heading ("7 Yhteenveto")
            if nxt == ")" and (i == 0 or not sent.tokens[i - 1].text.isalnum()):
                continue  # a list item's number ("4) Koulutuksiin osallistui ...")
            if nxt == "(" and i + 3 < len(sent.tokens) and sent.tokens[i + 2].text.isdigit() \
                    and sent.tokens[i + 3].text == ")":
                continue  # a page number of a page header ("Tulosraportti 2017–2018 2 (4)")
            if i and sent.tokens[i - 1].lemma.lower() in lex.label_nouns:
                continue  # a figure's, table's or page's number ("Kuvassa 1", "sivulla 12")
            value = text.split("/")[0]
            # "1 300", "1 143 199": thousands written with spaces are split into tokens.
            unit, grouped = i + 1, len(value) <= 3
            while grouped and unit < len(sent.tokens) and re.fullmatch(
                    r"\d{3}", sent.tokens[unit].text):
                value += sent.tokens[unit].text
                unit += 1
            if unit < len(sent.tokens) and _MONEY.match(sent.tokens[unit].text):
                continue  # a sum of money ("234 000 €", "500 euroa"), no count
            found.append((float(value), i))
    return found


def without_spans_of_time(lex: Lexicon, sent: Sentence, found: list[tuple[float, int]]
                           ) -> list[tuple[float, int]]:
    """The quantities without those that say how long ("In its first six months it handled
    4 100 conversations"): a number before a unit of time is left out when the sentence counts
    something else too (a change from "kuudesta viikosta kahteen viikkoon" keeps both)."""
    def timed(i: int) -> bool:
        after = sent.tokens[i + 1] if i + 1 < len(sent.tokens) else None
        return after is not None and bool(
            {after.lemma.lower(), after.text.lower()} & set(lex.time_units))
    counts = [q for q in found if not timed(q[1])]
    return counts if counts else found
