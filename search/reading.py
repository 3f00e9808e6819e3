"""Reading the top passages for what the graph does not hold: candidates of the type a question
asks for (people, bodies, places, methods linked at ingest; amounts, counts and dates found by
search.reading_spans), scored by the passage's rank, how much of the question their sentence
and passage hold, and what ties them to the question: a date dating the event asked about
(start, end, opening, decision …), a count counting the noun asked about, a person beside the
role asked about. The score becomes a calibrated confidence."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ingest.language import detect_language
from search.glossary import Glossary
from search.reading_bodies import BodyShapes
from search.reading_candidates import CALIBRATION as CALIBRATION
from search.reading_candidates import FACT_TYPES as FACT_TYPES
from search.reading_candidates import PERSON_FIRST as PERSON_FIRST
from search.reading_candidates import TOPIC_CALIBRATION as TOPIC_CALIBRATION
from search.reading_candidates import CalibratedReading, ReadCandidate
from search.reading_confidence import LearnedConfidence
from search.reading_context import PassageContext, town_names
from search.reading_fields import FIELD_PREFIX, FieldReading
from search.reading_found import _MISFIT as MISFIT
from search.reading_found import PassageSpans, _role_tie
from search.reading_keys import key_spans, keyed, question_keys
from search.reading_question import QuestionReading, _name_stems, asked_event
from search.reading_spans import EVENT_REACH, clause, sentence, table_heading
from search.reading_types import InterrogativeTypes
from search.reading_values import dates_of, number_words
from search.reading_words import (
    _around,
    _found,
    _long_stem,
    _matches,
    _nearness,
    _said_by,
    _stem,
    _unit_matches,
    _word_index,
    is_generic,
    question_stems,
)
from search.reading_words import _positions as _positions  # re-exported for topic/text answers
from search.reading_words import content_stems as content_stems
from search.records import EntityRef, Hit

CUES = Path(__file__).parent / "data" / "reading_cues.json"
_WORDS = re.compile(r"\w[\w\-]*")
# The weights of the reading's parts (rank, nearness, sentence and passage coverage, tie).
WEIGHTS = {"rank": 0.1, "near": 0.15, "sentence": 0.45, "passage": 0.2, "tie": 0.4}
# A person question naming a role: a person whose tie to that role is under UNTIED holds
# another role ('projektipäällikkö X' for a question about the change agent), and loses
# UNTIED_COST of the tie's weight.
UNTIED = 0.1
UNTIED_COST = 0.5
# The tie of a date to a question naming no event of the registry when the date's clause holds
# one of the question's own words (the event the question names: 'hölls … konferensen').
WORD_EVENT_FIT = 1.0
# The shortest word of an English or Swedish question that ties a date by its own spelling.
OWN_WORD = 4
# Longer words are read by all but their last two letters ('closing' → 'closi', 'seminar' → 'semin').
OWN_STEM = 5
# What is left of the tie of a count a question asks about the future ('will') when the count's
# clause says nothing of the future ('nyt 18 kunnassa' beside 'lähitulevaisuudessa 22 kunnassa').
COUNT_NOT_TO_COME = 0.5
# What is left of the tie of a count of a whole set when the question asks for a part of it.
SUBSET_WHOLE = 0.5
# What is left of a count of no noun the question names when another number counts the noun
# asked (Reader.read).
OTHER_NOUN = 0.75
# What is left of a reading in a passage for each name of the question it lacks.
NAME_FLOOR = 0.4
# How much of a lacking name a method the question names counts (see Reader.read).
METHOD_LACKING = 0.5


class Reader(PassageSpans, QuestionReading, PassageContext, CalibratedReading, FieldReading):
    """Reads candidates of the asked type from the top passages (what the question asks:
    search.reading_question; the passage's context: search.reading_context; the candidates'
    confidence: search.reading_candidates)."""

    def __init__(self, cues: dict[str, list[str]] | None = None,
                 calibration: tuple[float, float, float] = CALIBRATION,
                 generic: frozenset[str] = frozenset(),
                 glossary: Glossary | None = None, learned: bool = True) -> None:
        data = json.loads(CUES.read_text(encoding="utf-8"))
        # The Finnish of an English or Swedish counted noun ('volunteers', 'frivilliga').
        self.glossary = glossary if glossary is not None else Glossary.load()
        self.count_words: list[str] = data["_count_words"]
        self.cues = cues if cues is not None else {
            k: v for k, v in data.items() if not k.startswith("_")}
        # Words of any question (hanke, maakunta …): no sign that a passage answers this one.
        self.generic = generic or frozenset(data.get("_generic", []))
        self.date_events: dict[str, list[str]] = data["_date_events"]
        self.date_asked: dict[str, list[str]] = data["_date_asked"]
        # Words asking for a day ('vilket datum', 'minä päivänä'): a year or a season is none.
        self.day_asked: list[str] = data.get("_day_asked", [])
        self.roles: list[str] = data["_roles"]
        self.project_words = frozenset(data["_project_words"])
        # Numbers written as words: those listed, and those built of _numerals' parts.
        self.number_words = number_words(data)
        # Nouns a number after them names rather than counts ('Kuva 1', 'Table 2').
        self.label_nouns: list[str] = data.get("_label_nouns", [])
        # What makes a count question ask for a part of a set, and what says a number counts one.
        self.subset_asked: dict[str, list[str]] = data.get("_subset_asked", {})
        self.subset_said: list[str] = data.get("_subset_said", [])
        # Words of a question asking for an organisation (fi/en/sv).
        self.body_asked: list[str] = data.get("_body_asked", [])
        # Words of paying for something: a who-question with one asks for a funder, a body.
        self.funder_asked: frozenset[str] = frozenset(data.get("_funder_asked", []))
        self.role_equivalents: list[list[str]] = data.get("_role_equivalents", [])
        # Verbs of leading (any language) and the roles of whoever leads a project or a unit.
        self.leading_verbs: list[str] = data.get("_leading_verbs", [])
        # Words of a count question, one of which it holds (fi/en/sv).
        self.count_asked: frozenset[str] = frozenset(data.get("_count_asked", []))
        # Words of a clause about a plan or what is still to come (fi/en/sv beginnings).
        self.future: list[str] = data.get("_future", [])
        self.led_roles: list[str] = data.get("_led_roles", [])
        # Words of a minutes' heading line that dates its meeting ('Kokous', 'Aika:',
        # 'Sammanträde'), and of a question about a meeting ('kokous', 'meeting', 'möte').
        header = data.get("_meeting_header", {})
        # Nouns of a happening ('seminaari', 'event'): an event word beginning one names it
        # (search.reading_question.asked_event); words after a date saying it is when something
        # began to hold ('2018 alkaen', 'lähtien'), never until when.
        self.event_nouns: tuple[str, ...] = tuple(data.get("_event_nouns", []))
        self.since_words: frozenset[str] = frozenset(data.get("_since_words", []))
        self.meeting_asked: list[str] = header.get("asked", [])
        self._meeting_line = re.compile(
            "|".join(rf"(?<!\w){re.escape(w)}" for w in header.get("line", [])) or r"(?!)",
            re.IGNORECASE)
        # The kinds of body a question may ask for ('Which university …', 'Mikä
        # ammattikorkeakoulu …'), each by its words in Finnish, English and Swedish.
        self.body_kinds: dict[str, list[str]] = data.get("_body_kinds", {})
        # The answer type an opening interrogative fixes ('Vad kostade …' asks an amount).
        self.types = InterrogativeTypes(data["_interrogatives"], self.glossary.finnish_terms)
        self.calibration = calibration
        # Bodies read from the text by the shape of an organisation's name.
        self.bodies = BodyShapes()
        # The learned confidence of a fact candidate (search.reading_confidence), when fitted.
        self.learned = LearnedConfidence.load() if learned else None
        # A municipality's Finnish name → its Swedish and English names (municipalities.csv).
        self.town_names = town_names()
        # doc key → the projects the document names (index_documents); empty until indexed.
        self._projects: dict[str, set[EntityRef]] = {}
        # doc key → the bodies its first passage names (index_documents).
        self._heads: dict[str, set[EntityRef]] = {}

    def _verb_asked(self, question: str, terms: Sequence[str]) -> list[str]:
        """The stem of the verb a who-question asks about: its word after the interrogative
        ('kuka kehitti', 'who evaluated', 'vem utvärderade'), as the question's Finnish lemma
        beginning as that word does, else the glossary's Finnish for it."""
        words = [w.casefold() for w in _WORDS.findall(question)]
        if len(words) < 2 or self.types.asked(question) != "person":
            return []
        word = words[1]
        lemmas = [t for t in terms if t.casefold()[:4] == word[:4]] \
            or self.glossary.finnish_terms(word)
        return [t.casefold()[:VERB_STEM] for t in lemmas if len(t) > VERB_STEM]

    def _own_words(self, question: str) -> tuple[str, list[str]]:
        """An English or Swedish question's language and the stems of its own content words as
        written (lower case, not generic): what a passage in that language says them with."""
        from search.query import question_language

        language = question_language(question) if question else "fi"
        if language == "fi":
            return language, []
        words = {w.casefold() for w in _WORDS.findall(question)
                 if w[:1].islower() and len(w) >= OWN_WORD and not is_generic(w.casefold(),
                                                                              self.generic)}
        return language, sorted({w if len(w) <= OWN_STEM else w[:-2] for w in words})

    # --- reading -----------------------------------------------------------------------------

    def read(self, hits: Sequence[Hit], answer_type: str, relation: str,
             terms: Sequence[str], named: set[EntityRef],
             keep: Callable[[Hit], bool] | None = None,
             question: str = "", alone: bool = False,
             fits: Callable[[str, int, int], bool] | None = None,
             verb: Sequence[str] = ()) -> list[ReadCandidate]:
        """Candidates by their best reading, most confident first. `terms` are the question's
        content words as Finnish lemmas; `named` the entities the question names (never an
        answer to itself); `question` as asked, for the event a date question asks about.
        A person question naming no role ('Who evaluated X?', 'Kuka kehitti …') reads bodies
        too, unless `alone`: the text may name an institution as the one who did it. `fits`
        (text, start, end) says whether a value carries the question's qualifier (the kind of
        amount asked): one that does not is no candidate and no rival."""
        roled = relation == "roleHolder" or any(_matches(t.casefold(), self.roles)
                                                for t in terms)
        if answer_type == "body" and roled and not self._asks_body(question):
            # who holds a role is a person ('Kuka johti hanketta?', 'Who chaired the group?'),
            # unless the question asks for an organisation ('which organisation is the NGO
            # agent from', 'Mistä järjestöstä puheenjohtaja tuli?')
            answer_type = "person"
        if answer_type == "person" and not alone and not roled \
                and not self._leads(question, terms):
            people = self.read(hits, "person", relation, terms, named, keep, question, True)
            if people and people[0].confidence >= people[0].floor:
                return people
            # No person reads well: the one who did it may be an institution, read as the doer
            # of the question's verb ('Who evaluated X?': 'Oamk, joka vastasi arvioinnista').
            either = people + [c for c in self.read(
                hits, "body", relation, terms, named, keep, question, alone=True,
                verb=self._verb_asked(question, terms))
                if c.entity is None or c.entity.kind != "Municipality"]
            return self._calibrated(sorted(either, key=lambda c: (-c.score, c.label)))
        if answer_type == "count" and question and not self._asks_count(question):
            return []  # 'Which municipalities host the four family centres?' counts nothing
        as_named = set(named)
        if answer_type in FACT_TYPES:
            # A fact is read by the words around it; a topic's own words ('gaming addiction')
            # that no passage holds still count against a method or place read for it.
            terms = self.passage_words(terms, question)
            as_named = self.as_named(named, question)
        stems = list(dict.fromkeys(question_stems(terms, self.generic)
                                   + _name_stems(as_named)))
        # A part of a longer stem of the question ('työ' of 'työntek') is no word of its own.
        stems = [s for s in stems if not any(s != t and s in t for t in stems)]
        if answer_type == "date":
            # The event asked is read by the date's fit, not as a word ('käynnistyi' for
            # 'started').
            event_words = [c for cues in self.date_asked.values() for c in cues]
            stems = [s for s in stems if not _matches(s, event_words)]
        # An amount is read by the words of money whatever relation the model read.
        cue_stems = [c.casefold() for c in self.cues.get(
            "fundingAmount" if answer_type == "amount" else relation, [])]
        roles = [_long_stem(t) for t in terms if _matches(t.casefold(), self.roles)]
        # A role named is read by all but its ending: a shorter stem makes one role another
        # (projekt of projektisuunnittelija is also projektipäällikkö's).
        roles += [_long_stem(e.label) for e in named if e.kind == "Role"]
        # A role has other names ('projektipäällikkö' is also 'hankepäällikkö').
        roles += [r for group in self.role_equivalents
                  if any(x.startswith(g) or g.startswith(x) for x in roles for g in group)
                  for r in group]
        if not roles and answer_type == "person" and self._leads(question, terms):
            # 'Who ran / managed / headed X?' asks for the one who led it: its manager or head.
            roles = list(self.led_roles)
        if roles and answer_type in ("person", "body"):
            # the holder of the role asked, or the organisation the role holder is from
            cue_stems = roles
        elif verb and answer_type == "body":
            # a body asked as the one who did what the question's verb says ties to that verb
            cue_stems = cue_stems + list(verb)
        # A person question naming no role asks for the one who did what its verb says
        # ('kuka valmisteli …', 'kuka piti pöytäkirjaa'): the agent noun of that verb beside a
        # name is that person's role ('Valmistelija: …', 'Pöytäkirjanpitäjä Mervi Kauppila').
        doers = frozenset(t.casefold() for t in terms) \
            if answer_type == "person" and not roles else frozenset()
        # A role word of the question is held by a passage under its other names too.
        alike: dict[str, list[str]] = {}
        for t in terms:
            whole = _long_stem(t)
            for group in self.role_equivalents:
                if any(whole.startswith(g) or g.startswith(whole) for g in group):
                    alike.setdefault(_stem(t), [_stem(t)]).extend(group)
        asked = (asked_event(question, self.date_asked, self.event_nouns)
                 if answer_type == "date" else None)
        # A decision asked, or a meeting with no event word, is dated by its minutes' heading.
        meeting = answer_type == "date" and (asked == "decision" or asked is None and _said_by(
            question, self.meeting_asked))
        day = answer_type == "date" and any(
            re.search(rf"(?<!\w){re.escape(d)}", question.casefold()) for d in self.day_asked)
        # A question about what happened is not answered by a date of a plan ('on tarkoitus
        # avata syksyllä 2019', 'vuodelle 2019', 'will open in 2020'), unless it asks a plan.
        future = ([] if answer_type != "date" or _said_by(question, self.future)
                  else self.future)
        counted = self.counted_stems(question) if answer_type == "count" else []
        # A count asked about what is still to come ('in how many municipalities will it work')
        # is one a clause about the future states ('lähitulevaisuudessa 22 kunnassa').
        count_to_come = answer_type == "count" and _said_by(question, self.future)
        subset = answer_type == "count" and self._asks_part(question)
        names = _name_stems(as_named)
        others = [s for s in stems if s not in names]
        groups = self._names(question, named, answer_type in FACT_TYPES)
        # One name of the question may stand for more than one entity of the build (two
        # projects labelled 'KP LAPE'): a passage linking any of them holds the name.
        same_name: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        for e, g in groups:
            if e is not None:
                same_name.setdefault(tuple(g), set()).add((e.kind, e.key))
        kept: dict[tuple[str, ...], tuple[EntityRef | None, list[str]]] = {}
        for e, g in groups:
            if tuple(g) not in kept or kept[tuple(g)][0] is None:
                kept[tuple(g)] = (e, g)
        groups = list(kept.values())
        places = [(e, g) for e, g in groups if e is not None and e.kind == "Municipality"]
        # The town asked under its other names ('Lovisa' in a Swedish sentence for 'Loviisa').
        places += [(e, [_long_stem(w) for w in _WORDS.findall(n.casefold())])
                   for e, _ in list(places) for n in self.town_names.get(e.label.casefold(), [])]
        kinds = self.kinds_asked(question) if answer_type == "body" else []
        named_labels = {e.label.casefold() for e in named}
        # The question's own words, for the labels of fields ('Lahden kaupunki: …').
        asked_words = [w.casefold() for w in _WORDS.findall(question)
                       if len(w) >= FIELD_PREFIX and not is_generic(w.casefold(), self.generic)]
        named_keys = {(e.kind, e.key) for e in named}
        # An abbreviation the question names a body or project by ('When did MLL open …'): a
        # passage holding it ('MLL:n piiri avasi …') holds the name the question gives.
        short = [w.casefold() for w in _WORDS.findall(question) if len(w) >= 2 and w.isupper()
                 and not is_generic(w, self.generic)]
        abbreviated = {e for e, g in groups if short and e is not None
                       and e.kind in ("Organisation", "Project")
                       and not any(s in question.casefold() for s in g)}
        # A phone number, a record number or an e-mail address the question quotes: the
        # candidate nearest where a passage states it is the one it belongs to.
        keys = question_keys(question)
        # The dates a date question states itself ('milloin … tehtiin vuoden 2019
        # suunnitelma', 'When did X end in 2016?') qualify what it asks; they answer nothing.
        stated = dates_of(question) if answer_type == "date" else set()
        own_language, own_words = self._own_words(question) if answer_type == "date" \
            else ("fi", [])
        w = WEIGHTS
        best: dict[str, ReadCandidate] = {}
        for rank, hit in enumerate(hits):
            if keep is not None and not keep(hit):
                continue
            text = hit.passage.text
            words = self._words_of(text)
            foreign = detect_language(text) != "fi"
            # A project its document is about, when the passage names no other project, is
            # held by the passage: a contact list or a table later in the project's page does
            # not repeat its name, and its name's words count as said in every sentence.
            # An entity is the same whatever label the question and the passage give it
            # ('Central Finland LAPE' is the passage's 'Keski-Suomen LAPE'): kind and key.
            of_document = _same_entities(as_named, self._document_project(hit)
                                         | self._document_body(hit))
            # So is the region its document is about: a passage of a region's report need not
            # name the region ('Kainuussa' in the question, 'koulutukseen osallistui 146').
            of_document |= {e for e in as_named
                            if e.kind == "Region" and e.label == hit.passage.region}
            # And the town whose minutes or page the document is, for a passage naming no
            # municipality (the signatures after the last item of Ii's board minutes).
            if (town := self.document_town(hit)) is not None:
                of_document |= _same_entities(as_named, {town})
            held = set(_name_stems(of_document))
            context_words = _word_index(hit.passage.title) + words
            at = {s: _found(words, alike.get(s, [s])) for s in stems if s not in held}
            near_terms = sorted(p for ps in at.values() for p in ps)
            near_cues = _found(words, cue_stems)
            in_passage = (sum(1 for s in stems if s in held or _found(context_words, [s]))
                          / len(stems) if stems else 0.0)
            # A passage in an English or Swedish question's own language holds its words as
            # written, which the question's Finnish lemmas miss ('inleddes … från 1.2.2017').
            own_at = ({o: _found(words, [o]) for o in own_words}
                      if own_words and detect_language(text) == own_language else {})
            if own_at:
                in_passage = max(in_passage, sum(1 for ps in own_at.values() if ps)
                                 / len(own_at))
            # A name of the question the passage lacks: it is about another project or place.
            linked = {(e.kind, e.key) for e in (*hit.passage.entities, *of_document)}
            # A method lacking counts half: a passage may go on about it without its name
            # ('kokeilua jatketaan …' after the paragraph naming the trial).
            lacking = sum(METHOD_LACKING if e is not None and e.kind == "Method" else 1
                          for e, g in groups if (e is None or not same_name[tuple(g)] & linked)
                          and not all(_found(context_words, [s]) for s in g)
                          and not (e in abbreviated and _found(context_words, short)))
            spans = self._spans(hit, answer_type, asked)
            doers_at = [p for p, word in words if doers and self._agent_of(word, doers)]
            owners = keyed(text, key_spans(text, keys), [(s[2], s[3]) for s in spans]) \
                if keys else set()
            if owners:
                # a passage stating what the question quotes is the one it asks about, whether
                # it repeats the body's name or not (a contact page's later passage)
                lacking = 0
            for label, entity, start, end, tie, unit in spans:
                if entity is not None and (entity.kind, entity.key) in named_keys \
                        or label.casefold() in named_labels:
                    continue
                if fits is not None and not fits(text, start, end):
                    continue
                if stated and (values := dates_of(label)) and values <= stated:
                    continue  # the question's own date ('the 2019 plan') is what it asks from
                left, right = sentence(text, start, end)
                # A table row is read with the heading the table stands under, which names
                # what its rows are about ('# Oma Hämeen LAPE-hanke …' over '| Toteutusaika |').
                top, bottom = table_heading(text, left)
                covered = len(held & set(stems)) + sum(
                    1 for ps in at.values()
                    if any(left <= p < right or top <= p < bottom for p in ps))
                elsewhere = self._elsewhere(hit, text[left:right], places)
                coverage = covered / len(stems) if stems else 0.0
                term_score = _nearness(start, end, near_terms)
                if own_at:
                    coverage = max(coverage, sum(
                        1 for ps in own_at.values() if any(left <= p < right for p in ps))
                        / len(own_at))
                    term_score = max(term_score, _nearness(
                        start, end, sorted(p for ps in own_at.values() for p in ps)))
                if answer_type == "count":
                    # The noun counted is one the question asks about ('268 vapaaehtoista').
                    units = unit.split()[:4]
                    if foreign:
                        # An English or Swedish passage's counted noun in the glossary's Finnish
                        # ('20 divorce-support professionals' counts ammattilainen).
                        units += self.glossary.finnish_terms(" ".join(units))
                    tie = (1.0 if counted and any(_unit_matches(u, counted) for u in units)
                           else 0.4 if any(_matches(u, others) for u in units) else 0.0)
                    if subset:
                        # 'How many of the methods are evidence based?': the part after 'joista'
                        # / 'of which' counts it, the whole set before it does not.
                        tie = 1.0 if self._counts_part(text, start) else tie * SUBSET_WHOLE
                    if tie == 0.0 and term_score < 0.5:
                        continue  # a number with no word of the question beside it
                elif answer_type == "person" and roles:
                    tie = _role_tie(text, start, end, near_cues)
                    if tie < UNTIED:
                        # Not the holder of the role asked about: another person beside it.
                        tie -= UNTIED_COST
                elif answer_type == "person" and doers_at:
                    tie = max(_role_tie(text, start, end, doers_at),
                              _nearness(start, end, near_cues))
                elif tie is None:
                    tie = _nearness(start, end, near_cues)
                if answer_type == "date" and asked is None and tie < WORD_EVENT_FIT:
                    # A date question naming no event of the registry ('När hölls den fjärde
                    # konferensen?', 'milloin koulutuspäivä järjestettiin'): its event is what
                    # its own words name, and a date in the clause holding one of them dates it.
                    lo, hi = clause(text, start, end)
                    # in a passage written in the question's own language, its own words too
                    # ('when was the closing event' and 'at the closing event on 11 December')
                    said = [p for ps in own_at.values() for p in ps]
                    if any(lo <= p < hi and min(abs(p - start), abs(p - end)) <= EVENT_REACH
                           for p in [*(p for s in others if s in at for p in at[s]), *said]):
                        tie = WORD_EVENT_FIT
                # The value of a field whose label the question names ('Lahden kaupunki:
                # Päivi Mykrä', 'Valmistelija: kehittämisjohtaja Jari Pulkkinen').
                field = answer_type in ("person", "body") and self._field_of_question(
                    text, start, asked_words, stems)
                if meeting and self._meeting_date(text, start):
                    # The date a set of minutes gives its meeting ('Kokous 11.9.2018', 'Aika:
                    # 21.3.2018') dates every item decided there: the passage is its sentence.
                    coverage = max(coverage, in_passage)
                    tie = max(tie, 1.0 if asked == "decision" else tie)
                if future and _said_by(_around(text, left, right, start, end), future):
                    tie = min(tie, MISFIT)
                if count_to_come and not _said_by(text[slice(*clause(text, start, end))],
                                                  self.future):
                    tie *= COUNT_NOT_TO_COME
                if answer_type != "count":
                    # What ties a candidate to the question counts only in a sentence about
                    # what the question asks ('the moon base opened' is no family station).
                    tie *= min(1.0, 2 * max(coverage, in_passage / 2))
                if field:
                    # tied fully: the label is the question's own word, so the line is about
                    # what the question asks however few of its other words it repeats
                    tie = max(tie, 1.0)
                if (start, end) in owners:
                    # the number or address the question quotes is this candidate's own
                    tie, coverage = max(tie, 1.0), 1.0
                raw = (w["rank"] / (1 + rank) + w["near"] * term_score
                       + w["sentence"] * coverage + w["passage"] * in_passage + w["tie"] * tie)
                # A body of another kind than the one asked ('Lapin yliopisto' for 'which
                # university', not the municipality in the same sentence).
                other_kind = int(not self._of_kind(
                    label, kinds, entity.kind if entity is not None else None))
                raw *= NAME_FLOOR ** (lacking + elsewhere + other_kind)
                key = entity.key if entity is not None else label.casefold()
                parts = (1 / (1 + rank), term_score, coverage, in_passage, tie,
                         float(lacking), float(elsewhere), float(other_kind))
                found = ReadCandidate(label, answer_type, entity, hit, start, end, raw, 0.0,
                                      parts=parts)
                if key not in best or raw > best[key].score:
                    best[key] = found
        if answer_type == "count" and any(c.parts[4] >= 1.0 for c in best.values()):
            # A number beside the noun asked is there ('Pirkanmaan 23 kuntaa'): a number of
            # nothing the question names ('96 vanhempaa') counts another thing.
            best = {k: c if c.parts[4] > 0 else replace(c, score=c.score * OTHER_NOUN)
                    for k, c in best.items()}
        ranked = self._calibrated(sorted(best.values(), key=lambda c: (-c.score, c.label)))
        if day:
            # 'Syksyllä 2018' answers no 'what date', yet it still competes with the days.
            ranked = [c if any(len(d) >= 10 for d in dates_of(c.label))
                      else replace(c, floor=math.inf) for c in ranked]
        if answer_type == "body" and self._asks_body(question, singular=True):
            # 'Which organisation …' asks for one: the others never answer beside it.
            ranked = ranked[:1] + [replace(c, floor=math.inf) for c in ranked[1:]]
        return ranked


# The letters of a verb's lemma that its inflections and nouns keep ('arvioida' → 'arvioinnista',
# 'kehittää' → 'kehitettiin').
VERB_STEM = 5


def _same_entities(asked: set[EntityRef], found: set[EntityRef]) -> set[EntityRef]:
    """The entities of `asked` that `found` holds by kind and key, whatever their labels."""
    keys = {(e.kind, e.key) for e in found}
    return {e for e in asked if (e.kind, e.key) in keys}


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list line) around a span (kept for callers of the old name)."""
    return sentence(text, start, end)
