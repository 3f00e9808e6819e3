"""Counted results of a project: "Neljä alueellista perhekeskusta on aloittanut toimintansa
1.12.2018", one result for each quantity listed together, with its date and method."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ingest.extract.dates import find_dates
from ingest.extract.facts import make_fact
from ingest.extract.lexicon import Lexicon
from ingest.extract.quantities import changed_by, quantities_of, shares, without_spans_of_time
from ingest.extract.segment import Sentence
from ingest.records import Document, Fact, Mention

if TYPE_CHECKING:
    from ingest.result_layer import ResultJudge

_QUOTE_OPENERS = ("–", "—", '"', "”", "“", "»")
# words that join a count to the one before it: listed together or in a relative clause
_JOINING = frozenset({"ja", "sekä", "joka", "and", "och", "samt"})
_CLAUSE_BREAKS = frozenset({",", ";", "ja", "sekä", "and", "och", "samt"})
# "45 → 12 perhettä", "7 weeks -> 3 weeks": an arrow joins a change's start to its end
_ARROWS = frozenset({"→", "->", "=>", "⇒", "➔", "–>", "-->"})


def _clause_around(tokens, i: int) -> tuple[int, int]:
    """The token range [lo, hi) of the clause holding token i: cut at commas, semicolons and
    the coordinating words of _CLAUSE_BREAKS."""
    lo, hi = i, i
    while lo > 0 and tokens[lo - 1].text.lower() not in _CLAUSE_BREAKS:
        lo -= 1
    while hi < len(tokens) and tokens[hi].text.lower() not in _CLAUSE_BREAKS:
        hi += 1
    return lo, hi


def _unfinished_clause(lex: Lexicon, sent: Sentence, i: int) -> bool:
    """The clause of the count at token i says the thing counted is still being made or
    planned ("kolme perhekeskusta on kehittymässä", "two more are being planned"); clauses are
    cut at commas and at "ja", "sekä", "and", "och"."""
    tokens = sent.tokens
    lo, hi = _clause_around(tokens, i)
    words = set(lex.unfinished_words)
    return any({t.lemma.lower(), t.text.lower()} & words for t in tokens[lo:hi])


def _money_received(lex: Lexicon, sent: Sentence) -> bool:
    """The sentence tells who received funding ("Kolme osaamiskeskusta sai myös
    valtionavustusta", "Three centres also received state funding", "Tre organisationer fick
    statsunderstöd"), and no other result verb: the count is of funded bodies, no result."""
    receiving = set(lex.receiving_verbs)
    words = [{t.lemma.lower(), t.text.lower()} for t in sent.tokens]
    if not any(w & receiving for w in words):
        return False
    # a funding noun ("valtionavustusta", "state funding", "statsunderstöd"), not a verb of
    # granting ("on myönnetty kotipalvelua 186 perheelle" grants a service)
    cues = set(lex.funding_cues) - receiving
    funding = any(t.pos in ("NOUN", "PROPN", "X") and (w & cues or any(
        x.endswith(lex.funding_suffixes) for x in w))
        for t, w in zip(sent.tokens, words, strict=True))
    others = set(lex.result_verbs) - receiving
    return funding and not any(w & others for w in words)


def _coordinated(sent: Sentence, quantities: list[tuple[float, int]],
                 parts: frozenset[str] = frozenset({"joista", "josta"})
                 ) -> list[tuple[float, int]]:
    """The first quantity of a sentence, and each later one joined to the one before by 'ja',
    'sekä' (and, och, samt) or a relative pronoun: results listed together ("rekrytoitiin 268
    agenttia ja noin 40 skidiagenttia", "järjestettiin 24 tilaisuutta, joihin osallistui 900
    ammattilaista"). A count after a word of `parts` ("joista", "heistä", "of whom", "varav")
    counts a part of the one before, no result of its own."""
    chosen = quantities[:1]
    for value, i in quantities[1:]:
        words = sent.tokens[chosen[-1][1] + 1:i]
        between = {t.text.lower() for t in words} | {t.lemma.lower() for t in words}
        if not between & _JOINING or between & parts:
            # a relative clause counts on ("24 tilaisuutta, joihin osallistui 900"), but not a
            # part of the count before ("14 menetelmää, joista 3 on näyttöön perustuvia")
            break
        chosen.append((value, i))
    return chosen


def _change_starts(lex: Lexicon, sent: Sentence, quantities: list[tuple[float, int]]
                   ) -> list[tuple[float, int]]:
    """The quantities without the one a change starts from ("lyheni kuudesta viikosta kahteen",
    "fell from 30 days to 9", "laski 48:sta 31:een", "från sex veckor till två", "45 → 12"): a
    change reports the value it reached. A quantity in the elative, after a word of
    `change_from` or before an arrow, with another quantity at most four words after it, is the
    starting point."""
    out = []
    for n, (value, i) in enumerate(quantities):
        tok = sent.tokens[i]
        after = quantities[n + 1:n + 2]
        arrow = any(t.text in _ARROWS for t in sent.tokens[i + 1:i + 3])
        starts = (arrow or (i > 0 and sent.tokens[i - 1].text.lower() in lex.change_from)
                  or "Case=Ela" in tok.morph or re.search(r":st[aä]$", tok.text.lower()))
        if after and starts and after[0][1] - i <= 4:
            continue
        out.append((value, i))
    return out


def _present_ahead(lex: Lexicon, sent: Sentence) -> bool:
    """Every result verb of the sentence is a finite verb in the present tense ("avaa",
    "avataan"), none in the past or the perfect ("avattiin", "on avattu"), and a time ahead
    stands in it ("ensi syksynä", "vuoteen 2020 mennessä"): a plan, not a result. (A present
    without one may tell a state reached: "toimii nyt 14 kunnan verkosto".)"""
    verbs = [t for t in sent.tokens if t.lemma.lower() in lex.result_verbs and t.pos == "VERB"]
    return bool(verbs) and all(
        "Tense=Pres" in t.morph and "VerbForm=Fin" in t.morph for t in verbs) and any(
        {t.lemma.lower(), t.text.lower()} & set(lex.future_words) for t in sent.tokens)


def _percent_change(lex: Lexicon, sent: Sentence, reached: list[tuple[float, int]]) -> bool:
    """One percentage under a verb of change is the size of the change ("väheni 12
    prosenttia", "fell by 15 per cent"); a share that moved from one level to another ("rose
    from 41 % to 63 %") tells of a share, no count."""
    return changed_by(lex, sent) and shares(lex, sent) == 1 and any(
        i + 1 < len(sent.tokens) and {sent.tokens[i + 1].lemma.lower(),
                                      sent.tokens[i + 1].text.lower()} & set(lex.fraction_words)
        for _, i in reached)


def _dated_apart(lex: Lexicon, sent: Sentence, date_start: int,
                 quantities: list[tuple[float, int]]) -> bool:
    """Whether the sentence's date stands in a clause of its own with a verb of opening or
    starting in the past and no count ("was opened on 4 June 2018 and received 1 350 calls", "joista
    viimeisin avautui Heinolaan 10.12.2018"): the dated event is then a result of its own beside
    the counts. Clauses are cut at commas and at "ja", "sekä", "and", "och"."""
    tokens = sent.tokens
    at = next((i for i, t in enumerate(tokens) if t.start >= sent.start + date_start), None)
    if at is None:
        return False
    lo, hi = _clause_around(tokens, at)
    verbs = set(lex.dated_result_verbs)
    # a verb in the past ("avattiin", "on avattu", "opened"), not a start to come ("1.1.2019
    # alkaa kokeilu, jossa kaksi psykologia siirtyy ...")
    done = [t for t in tokens[lo:hi] if {t.lemma.lower(), t.text.lower()} & verbs
            and "Tense=Pres" not in t.morph and "Mood=Cnd" not in t.morph]
    return bool(done) and not any(lo <= i < hi for _, i in quantities)


def result_facts(lex: Lexicon, doc: Document, sent: Sentence, in_sent: Sequence[Mention],
                 project: str, period: bool, listed: bool = False,
                 judge: ResultJudge | None = None) -> Iterator[Fact]:
    """The results of a sentence, or of each row of a table or each sentence the splitter kept
    as one sentence (ingest/result_rows.py)."""
    from ingest.result_context import under_pending_heading
    from ingest.result_rows import list_lines, run_together, table_rows

    for part in table_rows(sent) or list_lines(sent) or run_together(sent) or [sent]:
        if under_pending_heading(lex, doc.text, part.passage.passage.start + part.start):
            continue  # an item under "Keskeneräistä", "Tavoitteet", "Still to do"
        inside = [m for m in in_sent if part.start <= m.start < part.end] if part is not sent \
            else in_sent
        yield from _sentence_results(lex, doc, part, inside, project, period, listed, judge)


def _sentence_results(lex: Lexicon, doc: Document, sent: Sentence, in_sent: Sequence[Mention],
                      project: str, period: bool, listed: bool,
                      judge: ResultJudge | None) -> Iterator[Fact]:
    """The sentence's counted results (or its dated result without a count), where a result
    verb, a "kpl" count, a received training or a list of results (`listed`) says it reports
    one; with a `judge` (ingest/result_layer.py), where the learned classifier says so, and not
    where it says a cued sentence is a plan, a goal or a byline."""
    lemmas = sent.lemmas
    if sent.text.lstrip()[:1] in _QUOTE_OPENERS and lemmas & set(lex.speech_verbs):
        return  # "– Ennen soitin neljään paikkaan, kertoi äiti": what someone said
    from ingest.result_context import audience_event

    if audience_event(lex, sent):
        return  # "avaustilaisuuteen saapui noin sata ammattilaista": an audience
    if _money_received(lex, sent):
        return  # "Three centres also received state funding for their part": a grant, no result
    found_quantities = quantities_of(lex, sent)
    reached = _change_starts(lex, sent, found_quantities)
    # "lyheni kuudesta viikosta kahteen": a change from one count to another reports an outcome
    changed = len(reached) < len(found_quantities) or _percent_change(lex, sent, reached)
    counted = re.search(r"\b\d[\d ]*\s?kpl\b", sent.text) is not None
    # "16 työntekijää sai ryhmänohjaajakoulutuksen": receiving a training is a result
    trained = "saada" in lemmas and any(lem.endswith("koulutus") for lem in lemmas)
    said = bool(lemmas & set(lex.result_verbs))
    if said and _parsed(lex, sent):
        # in the Finnish parse, the result verb must govern a count and not be negated
        from ingest.result_context import verb_governs

        said = verb_governs(lex, sent, [i for _, i in reached])
    verb = bool(said or counted or trained or changed)
    cued = verb or listed
    if not cued and judge is None:
        return
    quantities = _coordinated(sent, without_spans_of_time(lex, sent, [
        q for q in reached if not _unfinished_clause(lex, sent, q[1])]),
        frozenset(lex.part_pronouns) | {"joista", "josta"})
    if listed and not verb:
        # a list item with no result verb counts what the work gave, not that one exists
        # ("- Jokaisessa kunnassa on vähintään yksi kohtaamispaikka")
        quantities = [q for q in quantities if q[0] > 1]
    dates = find_dates(sent.text)
    # a date alone is a result only with a verb of opening, starting or approving
    dated = bool(dates) and not period and bool(lemmas & set(lex.dated_result_verbs))
    found = quantities or ([None] if dated else [])
    # beside a count, "aika" alone ("Hankkeen aikana avattiin 4.6.2018 ..., jonne ... 700")
    # names no project period
    named_period = bool(lemmas & (set(lex.period_words) - {"aika"}))
    beside = bool(dates) and not named_period and bool(lemmas & set(lex.dated_result_verbs))
    if quantities and beside and _dated_apart(lex, sent, dates[0][0], quantities):
        found = [None, *quantities]  # "avattiin 5.11.2018, ja syksyllä siellä kävi 380 perhettä"
    if quantities and cued:
        from ingest.result_context import trial_places

        if trial_places(lex, sent, [i for _, i in quantities]):
            # "pilotointi alkoi kahdessa tiimissä" tells where a trial ran, with a verb of
            # starting or not (tests/gold/README.md: "kahdessa tiimissä" is no result)
            found = [None] if dated else []
    if not found:
        return
    extractor, confidence = "rule:result", 0.7
    if judge is not None:
        reports, p = judge.decide(sent.text.strip(), cued, said and _present_ahead(lex, sent))
        if not reports:
            return
        if not cued:
            from ingest.result_context import scope_counts, trial_places
            from ingest.result_layer import SOURCE

            at = [i for _, i in quantities]
            if trial_places(lex, sent, at):
                return  # "testattiin mallia kahdessa tiimissä": where a trial ran
            if scope_counts(lex, sent, at):
                return  # "mukana 18 kuntaa": who takes part

            extractor, confidence = SOURCE, round(min(0.65, p), 3)
    for quantity in found:
        extra = [("quantity", str(quantity[0]))] if quantity is not None else []
        if dates:
            extra.append(("date", dates[0][2]))
        methods = [m.key for m in in_sent if m.kind == "Method"]
        if methods:
            extra.append(("method", methods[0]))
        yield make_fact(doc, sent, ("Project", project), "hasResult", None, sent.text.strip(),
                        extractor, confidence, None, extra)


def _parsed(lex: Lexicon, sent: Sentence) -> bool:
    """Whether the Finnish parse of the sentence can be trusted for its result verbs: a
    sentence not told to be English or Swedish whose result verbs are all Finnish (read by
    their infinitive, "avata"); the Finnish tagger cannot tell an English or Swedish sentence's
    verbs ("Under projektet utbildades fem anställda")."""
    from ingest.language import detect_language

    verbs = set(lex.result_verbs)
    cues = [t for t in sent.tokens if {t.lemma.lower(), t.text.lower()} & verbs]
    return (bool(sent.heads) and detect_language(sent.text) == "fi"
            and all(t.lemma.lower() in verbs and t.lemma[-1:].lower() in ("a", "ä")
                    for t in cues))
