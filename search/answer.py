"""Answers from the graph: what a question asks for, found through relations, with evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from graph.queries import (
    FactRow,
    labels,
)
from graph.store import GraphStore
from ontology.iris import IriMinter
from ontology.reference import ReferenceData
from search.actor_scope import ActorScope
from search.answer_records import Answer, AnswerSet, Evidence
from search.answer_topics import TopicTerms
from search.entity_matcher import EntityMatcher, normalise
from search.fact_qualifiers import Qualifiers
from search.graph_evidence import with_evidence
from search.graph_facts import Candidate, ProjectFacts
from search.label_index import LabelIndex
from search.method_answers import MethodAnswers, strictly_as_said
from search.negation import denies
from search.people_answers import PeopleAnswers
from search.query import AnalysedQuery
from search.question_cues import (
    METHOD_STATUSES,
    RELATION_CUES,
    STATED_KINDS,
    STATUS_WORDS,
    cue_forms,
    cue_position,
    detect_body_kind,
    detect_stated_kind,
    detect_statuses,
    detect_task,
    of_kind_asked,
    statuses_said,
)
from search.question_entities import QuestionEntities
from search.question_model import QuestionKind, QuestionModel
from search.question_scope import QuestionScope, analyses_of, asked_place
from search.reading import Reader
from search.records import EntityRef
from search.searcher import Searcher
from search.silence import (
    Vocabulary,
    about_places,
    named_regions,
    within_named_region,
    years_held,
)
from search.statuses import beyond_plans, in_use_asked, of_status_asked, tier
from search.text_answers import TextAnswers
from search.text_reading import POOL, TARGETS, TOWNS, TextReading
from search.topic_answer import ALTERNATIVES, TopicAnswerer, held_by_focus
from search.topic_relevance import MODEL, RelevanceModel

__all__ = ["Answer", "AnswerSet", "Answerer", "Evidence"]


# Evidence shown per answer: the most confident passages. Every supporting statement still
# counts towards the answer; only the passages displayed are capped, so a pervasive model at a
# large corpus costs a bounded number of passage texts.
MAX_EVIDENCE = 5
# Passages a topic's places are looked for in: POOL, and WIDE's word-ranked (topic_pool).
WIDE = 100
PEOPLE = ("roleHolder", "peopleOf")
# The relations whose range is a body (lape:Organisation in the ontology): a who-question asking
# one of them by its words asks for a body.
BODY_RANGE = ("administeredBy", "partner", "fundingAmount")
# The answer types of facts the reading reads when the graph's answers were all of another year
# or place than the one asked.
FACT_KINDS = ("person", "body", "amount", "date")


class Answerer(TopicTerms, QuestionScope, ProjectFacts, PeopleAnswers, MethodAnswers,
               QuestionEntities, TextReading):
    """Graph-backed answers; when the graph holds none, says so and shows the best passages."""

    def __init__(self, searcher: Searcher, store: GraphStore, reference: ReferenceData,
                 minter: IriMinter, labels: LabelIndex | None = None,
                 model: QuestionModel | None = None, reader: Reader | None = None,
                 model_path: Path | None = None,
                 describer: Callable[[], Any] | None = None) -> None:
        self.searcher = searcher
        # The description classifier of working models (ingest/concept_descriptions.py), made
        # at the first question that needs it.
        self._make_describer = describer
        self._describer: Any = None
        self.store = store
        self.reference = reference
        self.minter = minter
        self.labels = labels
        # Loaded once here, never per question (numpy arrays of a few kB).
        self.model = model or (QuestionModel.load(model_path) if model_path
                               else QuestionModel.load())
        self.reader = reader or Reader(glossary=searcher.glossary)
        self.reader.index_documents(searcher.passages)
        # National programmes (LAPE itself) are the reference's projects; regional projects
        # are found in the documents.
        self._national = {str(minter.project(e.key)) for e in reference.by_kind("Project")}
        self._doc_entities: dict[str, set[str]] = {}
        for p in searcher.passages:
            keys = self._doc_entities.setdefault(str(minter.document(p.doc_key)), set())
            keys.update(self._iri(e) for e in p.entities)
        self._passage_entities: dict[str, set[str]] = {
            str(minter.passage(p.doc_key, p.index)): {self._iri(e) for e in p.entities}
            for p in searcher.passages}
        self._passage_region: dict[str, str | None] = {
            str(minter.passage(p.doc_key, p.index)): p.region for p in searcher.passages}
        self._passage_document = {
            str(minter.passage(p.doc_key, p.index)): str(minter.document(p.doc_key))
            for p in searcher.passages}
        self.actor_scope = ActorScope(searcher, minter, self._iri,
                                      {self._iri(EntityRef("Region", e.key, e.pref_fi)): e.pref_fi
                                       for e in reference.by_kind("Region")})
        self.vocabulary = Vocabulary(p.terms for p in searcher.passages)
        self._label_words = {w for e in reference.entities for label in reference.all_labels(e)
                             for w in normalise(label).split()}
        region_names = {e.code or e.key: e.pref_fi for e in reference.by_kind("Region")}
        self._municipality_region = {
            self._iri(EntityRef("Municipality", e.key, e.pref_fi)): region_names.get(
                e.region_code or "", "") for e in reference.by_kind("Municipality")}
        self._label_cache: dict[str, tuple[str, str]] = {}
        self._shares: dict[str, float] = {}
        self._sentence_names: dict[str, set[tuple[str, str]]] = {}
        named = [(EntityRef(e.kind, e.key, e.pref_fi), label)
                 for e in reference.entities for label in reference.all_labels(e)]
        named += [(e, e.label) for p in searcher.passages for e in p.entities]
        # Each entity's label, the reference's own before a passage's wording.
        self._entity_label = {(e.kind, e.key): e.label for e, _ in reversed(named)}
        # The methods by each of their labels in any language, read in a foreign passage's
        # words through the glossary ('remote appointments' → etävastaanotto).
        self._methods_by_label = {normalise(label): EntityRef("Method", e.key, e.pref_fi)
                                  for e in reference.by_kind("Method")
                                  for label in reference.all_labels(e)}
        voikko = searcher.analyzer.voikko
        self.matcher = EntityMatcher(named, voikko.baseform if voikko is not None else None)
        # the reading's agent nouns of a question's verb ('valmistelija' of 'valmisteli')
        self.reader.derived = voikko.derived_bases if voikko is not None else None
        # The documents each word is written in lower case in: a body or a project the
        # documents made of a word they also use as a common noun ('Kuntayhtymä',
        # 'Ohjausryhmä', 'SUMMARY' of a heading) is no name a question gives.
        # Counted at the first one-word name a question gives, not at start: a pass over every
        # passage that most questions never need.
        self._reference_keys = {(e.kind, e.key) for e in reference.entities}
        self._common: dict[str, int] | None = None
        regions = {e.pref_fi: EntityRef("Region", e.key, e.pref_fi)
                   for e in reference.by_kind("Region")}
        region_by_code = {e.code or e.key: EntityRef("Region", e.key, e.pref_fi)
                          for e in reference.by_kind("Region")}
        # the region of a municipality, and of a body serving one region (Eksote, Soite)
        region_of = {(e.kind, e.key): region_by_code[e.region_code] for e in reference.entities
                     if e.kind in ("Municipality", "Organisation")
                     and e.region_code in region_by_code}
        self._body_areas = {k: r.label for k, r in region_of.items() if k[0] == "Organisation"}
        self.topics = TopicAnswerer(regions, names=self._names_in, region_of=region_of,
                                    finnish=searcher.glossary.finnish_terms,
                                    verbs=STATUS_WORDS,
                                    model=RelevanceModel.load() if MODEL.exists() else None)
        self.text = TextAnswers(store, minter, self._iri)
        self.qualifiers = Qualifiers(searcher.analyzer.word_forms, self._names_in)

    def describer(self) -> Any:
        """The description classifier, made once (None without one)."""
        if self._describer is None and self._make_describer is not None:
            self._describer = self._make_describer()
            self._make_describer = None
        return self._describer

    def _iri(self, e: EntityRef) -> str:
        from graph.triples import entity_iri

        return str(entity_iri(self.minter, e.kind, e.key))

    def _prefetch_labels(self, iris: Iterable[str]) -> None:
        missing = {i for i in iris if i not in self._label_cache}
        for iri, (label, kind) in labels(self.store, missing).items():
            self._label_cache[iri] = (label or iri.rsplit("/", 1)[-1], kind or "Thing")

    def _label(self, iri: str) -> tuple[str, str]:
        if iri not in self._label_cache:
            self._prefetch_labels([iri])
        return self._label_cache[iri]

    def ask(self, question: str, k: int = 5, documents: set[str] | None = None,
            asked_as: QuestionKind | None = None) -> AnswerSet:
        """The answers to a question. `asked_as`: the kind to ask it as, instead of the one its
        words are read as (the second reading of a question whose first found nothing)."""
        aq = self.searcher.analyzer.analyse(question)
        wide = self.searcher.search(question, k=max(k, WIDE), analysed=aq)
        pool = wide[:max(k, POOL)]
        hits = pool[:k]
        words = self.searcher.analyzer.word_forms(question)
        forms = {word: cue_forms(*analysis) for word, analysis in words.items()}
        entities = self.entities_of(aq, question)
        kind = within_named_region(self.place_asked(
            self.model.predict(self.searcher.encoder.encode_query(question), forms,
                               {e.kind for e in entities}), question), entities)
        # A who-question with a verb of leading asks first for the person who led; the body
        # the model read is its other reading, asked when no person is found.
        led_body = None if asked_as is not None else self.reader.types.led_body(question, kind)
        kind = asked_as or self.governed_place(kind, self.reader.types.corrected(question, kind),
                                               question)
        kind = self._what_was_done(kind, question, words, entities)
        target = TARGETS.get(kind.answer_type)
        task = detect_task(words)
        statuses = detect_statuses(aq, forms)
        unknown = self.unknown_words(question, aq, words, entities)
        if unknown:
            note = ("The question names what no document holds (" + ", ".join(
                u.word for u in unknown) + "); these are the best passages.")
            return AnswerSet(question, target, [], hits, note, tuple(entities),
                             kind.answer_type, kind.relation)
        documents = self._name_scope(question, entities, documents)
        # Asked where something was not done ('missä kunnissa kohtaamispaikkaa ei ole edes
        # suunniteltu'), the graph, which holds what places did, has no answer: the places come
        # from the passages' sentences denying it.
        denied = target in TOWNS and denies(question, aq.language)
        found = {} if denied else self._from_graph(aq, forms, kind, entities, task, statuses,
                                                   documents)
        answers = self._with_evidence(found.values())
        if kind.relation in PEOPLE:
            answers = self._in_context(answers, self._person_context(entities))
            # People are no answer to where: the text tells the places of the topic.
            answers = [a for a in answers if a.type != "Person" or target not in TOWNS]
        if answers and statuses != METHOD_STATUSES:
            for a in answers:
                a.tier = tier(a.statuses, statuses)
            answers.sort(key=lambda a: (a.tier, -a.confidence, a.label))
            if all(a.type == "Method" for a in answers):
                answers = strictly_as_said(answers, aq, forms)
            elif target in ("Region", "Municipality"):
                answers = in_use_asked(strictly_as_said(
                    of_status_asked(answers, len(statuses)), aq, forms,
                    tiered=("implemented",)), statuses_said(aq, forms))
        elif answers and target in TOWNS and not all(a.type == "Method" for a in answers):
            # no status named: where something was done, not only planned
            answers = beyond_plans(answers)
        if answers and target == "Organisation":
            answers = of_kind_asked(answers, aq, forms)
        if answers and target in ("Region", "Municipality") \
                and not all(a.type == "Method" for a in answers):
            answers = held_by_focus(answers, self._thing_stems(aq, question),
                                    self._named_words(entities),
                                    bool(set(question.lower().split()) & ALTERNATIVES))
            answers = self._narrowed_by_text(answers, wide, kind, aq, question, entities,
                                             documents)
            # the places the passages tell of that the graph's statements miss: not when one
            # place is asked, nor for a practice the question names that only a document names
            # (its places are those of the documents naming it)
            if not self.asks_one(question) and not any(
                    e.kind == "Method" and (e.kind, e.key) not in self._reference_keys
                    for e in entities):
                asked = statuses if statuses != METHOD_STATUSES else ()
                answers = self.with_text_places(answers, self._from_text(
                    wide, kind, aq, question, entities, documents), asked)
                if asked:
                    # 'where is it in use': the places holding it in use, the added ones too
                    answers = in_use_asked(answers, statuses_said(aq, forms))
        # An answer must carry the question's qualifier (own funding, an end, a role), from the
        # graph or read: else the text's answer or silence, never the broader fact.
        towns = [e.key for e in entities if e.kind == "Municipality"]
        place_named = asked_place(question, analyses_of(self.searcher)) is not None
        answers = self.qualifiers.filter(answers, question, kind.answer_type, towns, place_named)
        read = not answers
        if read:
            answers = self.qualifiers.filter(
                self._from_text(wide, kind, aq, question, entities, documents,
                                statuses != METHOD_STATUSES and statuses[:1] == ("implemented",)
                                and not denied, self.asks_one(question), unanswered=True,
                                denied=denied),
                question, kind.answer_type, towns, place_named)
        scoped = wide if documents is None else [
            h for h in wide if str(self.minter.document(h.passage.doc_key)) in documents]
        answers, kind = self._done_by_actor(answers, kind, question, aq, forms, entities,
                                            scoped[:POOL], documents)
        target = TARGETS.get(kind.answer_type)

        def of_place_and_year(found: list[Answer]) -> list[Answer]:
            """The answers about the places and of the years the question names."""
            return years_held(about_places(found, named_regions(entities), target,
                                           self._passage_region.get,
                                           lambda p: self._passage_entities.get(p, set()),
                                           self._iri, self._municipality_region),
                              question, target)

        answers = of_place_and_year(answers)
        if not answers and not read and kind.answer_type in FACT_KINDS:
            # The graph's fact is of another year or place than the one asked (the project's
            # funding for 'in 2019', 'joulukuussa 2016'): what the text says of that year or
            # place, under the same conditions.
            answers = of_place_and_year(self.qualifiers.filter(
                self._from_text(wide, kind, aq, question, entities, documents), question,
                kind.answer_type, towns))
        if target in TOWNS:
            # a place question answered by places: a ministry or an agency is no municipality
            answers = [a for a in answers if a.type in TOWNS]
        if not answers and asked_as is None and self._who_not_a_bodys(question, kind, aq, forms):
            # 'Who' read as a body, the relation asked no body's (administering, partnering,
            # funding) and no body found: the one who did it may be a person, read as the
            # doer of the question's verb ('kuka valmisteli …', 'who chaired the meeting').
            return self.ask(question, k, documents,
                            asked_as=replace(kind, answer_type="person", relation="peopleOf"))
        if not answers and led_body is not None and kind.answer_type == "person" \
                and not {e.kind for e in entities} & {"Region", "Municipality"}:
            # No person found: the body that led, unless what was led is a region's or a
            # town's (a regional project is led by its manager, a person, never by the body
            # that administered it: 'kuka vetää Kainuun LAPE-hanketta')
            return self.ask(question, k, documents, asked_as=led_body)
        note = ("" if answers else
                "Neither the graph nor the best passages hold an answer to this question; "
                "these are the best passages.")
        return AnswerSet(question, target, answers, hits, note, tuple(entities),
                         kind.answer_type, kind.relation)

    def _who_not_a_bodys(self, question: str, kind: QuestionKind, aq: AnalysedQuery,
                         forms: dict[str, set[str]]) -> bool:
        """A who-question ('kuka', 'who', 'vem') read as asking for a body whose words name no
        organisation ('mikä taho', 'which organisation') and no relation whose range is a body
        (administeredBy, partner, funder: the ontology's lape:Organisation)."""
        types = self.reader.types
        return (kind.answer_type == "body" and types.asked(question) == "person"
                and not types.bodies.asks_body(question) and not self.reader._asks_body(question)
                and not any(cue_position(aq, RELATION_CUES[r], forms) is not None
                            for r in BODY_RANGE)
                and cue_position(aq, tuple(self.reader.funder_asked), forms) is None)

    def _from_graph(self, aq: AnalysedQuery, forms: dict[str, set[str]], kind: QuestionKind,
                    entities: list[EntityRef], task: str | None, statuses: tuple[str, ...],
                    documents: set[str] | None) -> dict[str, Candidate]:
        """The graph's answer, by the relation the question model read."""
        target = TARGETS.get(kind.answer_type)
        relation = "partner" if task else kind.relation
        found: dict[str, Candidate] = {}

        def add(iri: str | None, label: str, kind: str, row: FactRow, region: str | None) -> None:
            candidate = found.setdefault(iri or label, Candidate(iri, label, kind))
            candidate.facts.append(row)
            if region and (name := self._label(region)[0]) not in candidate.regions:
                candidate.regions.append(name)

        by_kind: dict[str, list[str]] = {}
        for e in entities:
            if (iri := self._iri(e)) not in by_kind.setdefault(e.kind, []):
                by_kind[e.kind].append(iri)
        regions_named = set(by_kind.get("Region", []))
        if relation in PEOPLE or (by_kind.get("Role") and target == "Person"):
            self._people(entities, add, documents)
        elif relation in ("administeredBy", "partner", "fundingAmount", "period"):
            asked = [relation]
            if relation == "period":
                # "Milloin hanke alkoi ja päättyi?" asks for both dates, "hankeaika" too.
                said = [r for r in ("startDate", "endDate")
                        if cue_position(aq, RELATION_CUES[r], forms) is not None]
                asked = said if len(said) == 1 else self.reader.dates_asked(aq.text)
                # Only a project's own start or end: not an opening or another event's date.
                if not self.reader.project_dates_asked(aq.text, self.topic_terms(aq, aq.text),
                                                       entities):
                    asked = []
            body = (detect_body_kind(aq, relation, target, forms)
                    if relation in ("administeredBy", "partner") else None)
            narrow = ("task" if task else detect_stated_kind(aq, relation, forms)
                      if relation in STATED_KINDS else None)
            for one in asked:
                self._project_facts(one, by_kind, target, add, documents, body, narrow)
            if task:
                found = self._for_task(found, task)
        elif by_kind.get("Method") and target not in ("Method", None) \
                and relation not in ("actorMethods",):
            self._method_actors(by_kind["Method"], target, statuses, regions_named, add,
                                documents)
        elif relation == "actorMethods" or (relation == "methodActors" and target == "Method"):
            self._actor_methods(by_kind, statuses, add, documents)
        return found

    def question_forms(self, question: str) -> dict[str, set[str]]:
        words = self.searcher.analyzer.word_forms(question)
        return {word: cue_forms(*analysis) for word, analysis in words.items()}

    def entities_of(self, aq: AnalysedQuery, question: str) -> list[EntityRef]:
        return self._entities(aq, question)

    def _with_evidence(self, candidates: Iterable[Candidate]) -> list[Answer]:
        return with_evidence(self.store, candidates, MAX_EVIDENCE)
