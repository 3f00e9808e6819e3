"""Answers read from the best passages when the graph holds none: a topic's places, or one
candidate of the type asked (a mixin of search.answer.Answerer)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ontology.iris import IriMinter
from search.answer_records import Answer
from search.fact_qualifiers import Qualifiers
from search.query import AnalysedQuery
from search.question_cues import detect_statuses
from search.question_model import QuestionKind
from search.reading import ReadCandidate, Reader
from search.records import EntityRef, Hit
from search.searcher import Searcher
from search.silence import PROJECT_HEADS
from search.text_answers import TYPE_NAMES, TextAnswers
from search.topic_answer import ALTERNATIVES, FOCUS_SHARE, TopicAnswerer
from search.topic_relevance import cosine_floor, topic_pool

# Passages fetched for a question: the first k are shown; topics and reading look deeper.
POOL = 30
# Passages the reading layer reads for one candidate of the type asked.
READ_DEPTH = 8
# The question model's answer type as the target the graph queries take.
TARGETS = {"person": "Person", "body": "Organisation", "amount": "Amount", "date": "Date",
           "municipality": "Municipality", "region": "Region", "method": "Method",
           "project": "Project"}
# Relations whose places only the graph's project facts tell (whose projects a body ran, how
# much, when): a place question of any other relation the graph left unanswered is a topic.
PLACE_FACTS = ("administeredBy", "partner", "fundingAmount", "period", "quantity")
# Entities that say where or by whom: a topic question naming none asks what was done where.
WHERE_KINDS = frozenset({"Region", "Municipality", "Organisation", "Project", "Person"})
TOWNS = ("Region", "Municipality")


class TextReading:
    """What the best passages say when the graph holds no answer (mixed into Answerer)."""

    searcher: Searcher
    minter: IriMinter
    reader: Reader
    topics: TopicAnswerer
    text: TextAnswers
    qualifiers: Qualifiers

    def _iri(self, e: EntityRef) -> str: ...
    def question_forms(self, question: str) -> dict[str, set[str]]: ...
    def topic_terms(self, aq: AnalysedQuery, question: str) -> list[str]: ...
    def place_topic_terms(self, aq: AnalysedQuery, question: str,
                          entities: list[EntityRef]) -> list[str]: ...
    def names_place_kind(self, question: str) -> bool: ...
    def says_done(self, question: str) -> bool: ...
    def asks_one(self, question: str) -> bool: ...
    def asks_many(self, question: str) -> bool: ...
    def _stating(self, answers: list[Answer], methods: list[str]) -> list[Answer]: ...
    def _naming_all(self, named: set[EntityRef], documents: set[str] | None) -> list[Hit]: ...
    def _read_methods(self, pool: list[Hit], entities: list[EntityRef],
                      statuses: tuple[str, ...], sentences_only: bool = False) -> list[Answer]: ...

    def read_candidates(self, question: str, aq: AnalysedQuery, kind: QuestionKind,
                        entities: list[EntityRef], pool: list[Hit] | None = None,
                        documents: set[str] | None = None) -> list[ReadCandidate]:
        if pool is None:
            pool = self.searcher.search(question, k=POOL, analysed=aq)
        named = set(entities)
        read = pool[:READ_DEPTH]
        seen = {h.passage.pid for h in read}
        read += [h for h in self._naming_all(named, documents) if h.passage.pid not in seen]
        return self.reader.read(read, kind.answer_type, kind.relation,
                                self.topic_terms(aq, question), named, question=question,
                                fits=self.qualifiers.amount_fits(question, kind.answer_type))

    def _from_text(self, wide: list[Hit], kind: QuestionKind, aq: AnalysedQuery,
                   question: str, entities: list[EntityRef], documents: set[str] | None,
                   status_asked: bool = False, one: bool = False,
                   unanswered: bool = False, denied: bool = False) -> list[Answer]:
        """What the graph does not hold, read from the best passages: the places of a topic
        (the first POOL and those the words alone rank high, `wide` being the ranking's
        first WIDE), or one candidate of the type asked; nothing when none reads well
        enough. `one`: the question asks for one place (search.topic_answer.dominant);
        `unanswered`: the graph gave no answer (a place question read as a project fact that
        names no project then reads its topic's places, `of_a_project`); `denied`: the
        question asks where something was not done (search.topic_answer, `attributed`)."""
        target = TARGETS.get(kind.answer_type)
        if kind.answer_type == kind.relation == "topic" and self.says_done(question) \
                and not {e.kind for e in entities} & WHERE_KINDS:
            # 'What was done for families going through divorce?': what was done where, the
            # places of the topic with their passages ('What is a family centre?' is no such)
            target = "Region"
        floor = cosine_floor(wide)
        if documents is not None:
            wide = [h for h in wide if str(self.minter.document(h.passage.doc_key)) in documents]
        pool = wide[:POOL]
        # a place question read as a project fact naming no project: its topic's places, else
        # the reading of the fact as before
        as_topic = (target in TOWNS and kind.relation in PLACE_FACTS and unanswered
                    and not self.of_a_project(question, entities))
        if target in TOWNS and kind.relation not in PLACE_FACTS or as_topic:
            terms = self.place_topic_terms(aq, question, entities)
            places = self.topics.places(topic_pool(wide, POOL, floor), target, terms,
                                        set(entities), aq.language,
                                        bool(set(question.lower().split()) & ALTERNATIVES),
                                        self.topics.topic_words(
                                            terms, self.searcher.analyzer.word_forms(question),
                                            self.derivations()),
                                        not self.names_place_kind(question), one, denied)
            answers = self.text.place_answers(places, self.topics.topic_stems(terms),
                                              self.topics.threshold_for(aq.language), ())
            methods = [self._iri(e) for e in entities if e.kind == "Method"]
            if answers or not as_topic:
                return self._stating(answers, methods) if status_asked and methods else answers
        if target == "Method" and kind.relation in ("actorMethods", "methodActors"):
            return self._read_methods(pool, entities,
                                      detect_statuses(aq, self.question_forms(question)))
        if kind.answer_type not in TYPE_NAMES:
            return []
        candidates = self.read_candidates(question, aq, kind, entities, pool, documents)
        return self.text.read_answers(candidates, kind.answer_type)

    def of_a_project(self, question: str, entities: list[EntityRef]) -> bool:
        """Whether a place question the model read as a project fact (who administered or
        partnered, how much, when) is about a project: it names one, or a project word
        ('hanke', 'project', 'projektet'; search.silence.PROJECT_HEADS). One naming none asks
        where something was done ('which regions worked together with the local parish',
        'missä maakunnissa on laskettu, paljonko rahaa menee lapsiin'): its topic's places."""
        if any(e.kind == "Project" for e in entities):
            return True
        return any(project_word(w, lemma, parts) for w, (lemma, parts, _)
                   in self.searcher.analyzer.word_forms(question).items())

    def derivations(self) -> Callable[[str], tuple[str, ...]] | None:
        """The verbs of agent nouns and participles (VoikkoAnalyzer.derived_bases): more forms
        of a place question's topic words."""
        voikko = self.searcher.analyzer.voikko
        return voikko.derived_bases if voikko is not None else None

    def _narrowed_by_text(self, answers: list[Answer], wide: list[Hit], kind: QuestionKind,
                          aq: AnalysedQuery, question: str, entities: list[EntityRef],
                          documents: set[str] | None) -> list[Answer]:
        """A graph answer naming every place of a model ('which region opened four family centres
        in 2018'): the places the text's reading of the question keeps among them, if fewer."""
        if len(answers) < 3 or self.asks_many(question):
            return answers
        read = {a.iri for a in self._from_text(wide, kind, aq, question, entities, documents,
                                               one=self.asks_one(question))}
        kept = [a for a in answers if a.iri in read]
        return kept if kept and len(kept) <= FOCUS_SHARE * len(answers) + 1 else answers


def project_word(word: str, lemma: str, parts: Iterable[str]) -> bool:
    """A word naming a project: 'hanke', 'hankkeessa', 'lape-hankkeen', 'project', 'projektet'."""
    return (lemma.casefold() in PROJECT_HEADS
            or bool({p.casefold() for p in parts} & PROJECT_HEADS)
            or word.casefold().startswith(("project", "projekt", "hanke", "hankkee")))
