"""What a question's topic is, as words: its Finnish lemmas (through the glossary for an English
or Swedish question) without the words that say where or what kind of work, the method those
words alone name, and the passages that name every entity the question names. A mixin of
search.answer.Answerer, which holds the searcher, store, labels and topics it reads."""

from __future__ import annotations

import re
from pathlib import Path

from graph.queries import statements_in_passages
from search.answer_records import Answer
from search.data_files import read_json
from search.entity_matcher import normalise
from search.label_index import TOPIC_MIN_MARGIN
from search.negation import NEGATIONS, denies, negation_words
from search.query import AnalysedQuery
from search.reading_words import is_generic
from search.records import EntityRef, Hit
from search.statuses import tier
from search.topic_answer import loanword

# Passages naming all the question's entities read besides the best ones (bounded at scale).
MAX_NAMING = 20
# A place the passages tell of joins a graph answer to a place question when the passages'
# reading corroborates it (at least CORROBORATED passages of its own pass the relevance model),
# or when that reading is narrow (it names at most NARROW places: the few passages on a specific
# topic, where a reading naming many places is of a common topic the graph's statements, read
# by status, answer better).
CORROBORATED = 2
NARROW = 2
# A passage's sentences: a line (a bullet, a table row) or a sentence within one.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])\s+")
_WORD = re.compile(r"\w+")


def negated(text: str, at: int) -> bool:
    """Whether the sentence of `text` holding position `at` holds a negation word."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= at]
    end = next((m.start() for m in _SENTENCE_END.finditer(text, at)), len(text))
    words = _WORD.findall(text[starts[-1]:end].casefold())
    return any(w in NEGATIONS for w in words)


def names_action(analyses: list[dict]) -> bool:
    """Whether Voikko reads a word as a compound noun of action ('eroauttaminen': the MINEN
    infinitive of a verb with a word before it): a kind of work, a topic, unlike the verb's
    own forms ('kokeilla', 'avattiin'), which say only that something was done, and unlike a
    lone one ('osaaminen', 'kehittäminen'), which names no work of its own."""
    return any(a.get("MOOD") == "MINEN-infinitive"
               and len(re.findall(r"\+\w+\(", a.get("WORDBASES", ""))) >= 2 for a in analyses)


# Words naming a kind of work or whom it was for, never a method's topic on their own.
TOPIC_GENERIC = frozenset(read_json(Path(__file__).parent / "data" / "question_topic_generic.json",
                                    "generic topic words", "words"))


class TopicTerms:
    """The topic words of a question and what they name (mixed into Answerer)."""

    def _topic_method(self, aq: AnalysedQuery, question: str,
                      entities: list[EntityRef]) -> EntityRef | None:
        """The method the question's topic words name, matched as words alone: 'families
        going through divorce' read as the glossary's Finnish 'ero' meets 'eroauttaminen',
        where the whole question's vector, diluted by its frame, meets no label or a
        neighbouring one. Words naming only a kind of work or who it was for ('menetelmä',
        'pilotoida', 'perhe', search/data/question_topic_generic.json) and the places the
        question names are left out; none left, no method."""
        if self.labels is None:
            return None
        generic = self.topics.generic | TOPIC_GENERIC
        words = [t for t in self.place_topic_terms(aq, question, entities)
                 if not is_generic(t, generic)]
        if not words:
            return None
        return self.labels.match(self.searcher.encoder.encode_query(" ".join(words)),
                                 TOPIC_MIN_MARGIN)

    def topic_terms(self, aq: AnalysedQuery, question: str) -> list[str]:
        """The question's content words as Finnish lemmas: its own, or for an English or
        Swedish question the glossary's Finnish for its service words (its own words never
        meet a Finnish passage)."""
        if aq.language == "fi":
            return list(aq.terms)
        finnish, rest = self.searcher.glossary.translate(question, language=aq.language)
        # A content word the glossary lacks still has to be met ('ice hockey' in no passage
        # means the topic is absent, however common 'teenagers' is): it stays, as written.
        stop = set(self.searcher.analyzer.stop_words)
        return finnish + [w for w in rest if len(w) > 3 and w not in stop]

    def place_topic_terms(self, aq: AnalysedQuery, question: str,
                          entities: list[EntityRef]) -> list[str]:
        """The words a passage must be about for a place question: the topic's Finnish
        lemmas without the place words, foreign loanwords in the passages' spelling."""
        terms = self._without_scope(self.topic_terms(aq, question), question, entities)
        if denies(question, aq.language):
            # 'ei', 'koskaan', 'never', 'aldrig' say that it was not done, not what
            negations = negation_words(aq.language)
            terms = [t for t in terms if t.casefold() not in negations] or terms
        if aq.language != "fi":
            terms = [loanword(t, self.vocabulary) for t in terms]
        # What was done ('avattiin', 'kehitettiin', 'opened') is no topic: the verbs go
        # unless nothing else is left; a noun of action names the work ('eroauttaminen', the
        # glossary's Finnish of 'stöd vid skilsmässa') and stays.
        voikko = self.searcher.analyzer.voikko
        if voikko is not None:
            readings = {t: voikko.analyze(t) for t in terms}
            things = [t for t in terms
                      if not (classes := {a.get("CLASS") for a in readings[t]})
                      or classes - {"teonsana"} or names_action(readings[t])]
            terms = things or terms
        return terms

    def _stating(self, answers: list[Answer], methods: list[str]) -> list[Answer]:
        """The places whose passages hold a statement of a method the question names: asked
        who did a named method in some status, a passage about the method whose statements
        are all of other methods tells no status of it."""
        from search.statuses import STATUS_ORDER, status_predicate

        passages = {e.passage for a in answers for e in a.evidence}
        said = {st.passage for st in statements_in_passages(
            self.store, passages, [status_predicate(s) for s in STATUS_ORDER])
            if st.object in methods}
        stating = [a for a in answers if any(e.passage in said for e in a.evidence)]
        if stating:
            return stating
        # No passing passage states the method (the extraction missed 'kohtaamispaikan
        # avajaiset', 'tarkastuksia tehtiin kokeiluna'): the places whose passages are linked to
        # it in a sentence that is not negated ('selvitys ei johtanut käyttöönottoon' tells no
        # use), read from the text, rather than silence.
        wanted = set(methods)
        return [a for a in answers
                if any(wanted & self._passage_entities.get(e.passage, set())
                       and not negated(e.text, e.start) for e in a.evidence)]

    def with_text_places(self, answers: list[Answer], read: list[Answer],
                         asked: tuple[str, ...] = ()) -> list[Answer]:
        """A graph answer to 'which regions / municipalities …' and the places the passages'
        reading of the same question adds to it (`read`, that reading's places): the graph holds
        what its statements say, often part of the places a topic's passages tell of (a town
        whose report the extraction read no status in). Added are the reading's places that
        are corroborated (CORROBORATED passages) or all of them when the reading is narrow
        (NARROW places); the graph's own answers stay first. `asked`: the statuses the question
        names ('where is it in use', 'missä aiotaan'), by which the added places are tiered as
        the graph's answers are."""
        have = {a.iri for a in answers}
        new = [a for a in read if a.iri not in have and a.type in ("Region", "Municipality")]
        if len(read) > NARROW:
            new = [a for a in new if len(a.evidence) >= CORROBORATED]
        for a in new:
            # tiered as the graph's answers are (search.statuses.tier), for the status filters
            a.tier = tier(a.statuses, asked) if asked else None
        return answers + new

    def _without_scope(self, terms: list[str], question: str,
                       entities: list[EntityRef]) -> list[str]:
        """The topic's terms without the words that say where or what kind of place is asked
        ('Pohjois-Karjalan kunnissa'): a passage is about the topic by its other words, and a
        place word in any inflection ('kunnissa' of 'kunta') would count for every report."""
        names = [normalise(e.label) for e in entities if e.kind in ("Region", "Municipality")]
        places = {w for name in names for w in name.split()}
        generic = self.topics.generic
        drop: set[str] = set()
        for word, (lemma, parts, verbs) in self.searcher.analyzer.word_forms(question).items():
            every = {word, lemma, *verbs}
            words = {w for f in every for w in normalise(f).split()}
            if every & generic or (words and words <= places):
                drop |= every | set(parts)
        # 'etelä-karjalan' as one term: the name inflected in its last letters
        kept = [t for t in terms if t.casefold() not in drop
                and not set(normalise(t).split()) <= places
                and not any(len(n) >= 5 and normalise(t).startswith(n[:-1]) for n in names)
                # a part of the name's compound ('pohja', 'maa' of 'Keski-Pohjanmaan')
                and not any(len(t) >= 3 and t.casefold() in w for w in places)]
        return kept or terms

    def _naming_all(self, named: set[EntityRef], documents: set[str] | None) -> list[Hit]:
        """The passages that name every entity of the question (a region also by being the
        region of the passage's document), in corpus order: read after the best passages, so
        a name in a list the ranking missed ('Muutosagentti X, … Päijät-Häme') is read too."""
        index = self.searcher.entity_index
        regions = {e.label for e in named if e.kind == "Region"}
        others = [e for e in named if e.kind != "Region"]
        if not others:
            return []
        sets = [set(index.get((e.kind, e.key), ())) for e in others]
        pids = sorted(set.intersection(*sets))
        out = []
        for pid in pids:
            p = self.searcher.passages.get(pid)
            if regions and not (p.region in regions
                                or regions & {e.label for e in p.entities if e.kind == "Region"}):
                continue
            if documents is not None and str(self.minter.document(p.doc_key)) not in documents:
                continue
            out.append(Hit(p, 0.0))
            if len(out) >= MAX_NAMING:
                break
        return out
