"""Answers from the graph: what a question asks for, found through relations, with evidence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

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
from search.question_model import QuestionKind, QuestionModel
from search.question_scope import QuestionScope
from search.reading import ReadCandidate, Reader
from search.records import EntityRef, Hit, StoredPassage
from search.searcher import Searcher
from search.silence import (
    PROJECT_HEADS,
    Vocabulary,
    about_places,
    named_regions,
    within_named_region,
    years_held,
)
from search.statuses import beyond_plans, in_use_asked, of_status_asked, tier
from search.text_answers import TYPE_NAMES, TextAnswers
from search.topic_answer import ALTERNATIVES, FOCUS_SHARE, TopicAnswerer, held_by_focus
from search.topic_relevance import MODEL, RelevanceModel, cosine_floor, topic_pool

__all__ = ["Answer", "AnswerSet", "Answerer", "Evidence"]


# Evidence shown per answer: the most confident passages. Every supporting statement still
# counts towards the answer; only the passages displayed are capped, so a pervasive model at a
# large corpus costs a bounded number of passage texts.
MAX_EVIDENCE = 5
# Passages fetched for a question: the first k are shown; topics and reading look deeper.
POOL = 30
# Passages a topic's places are looked for in: POOL, and WIDE's word-ranked (topic_pool).
WIDE = 100
# Passages the reading layer reads for one candidate of the type asked.
READ_DEPTH = 8
# The question model's answer type as the target the graph queries take.
TARGETS = {"person": "Person", "body": "Organisation", "amount": "Amount", "date": "Date",
           "municipality": "Municipality", "region": "Region", "method": "Method",
           "project": "Project"}
PEOPLE = ("roleHolder", "peopleOf")
# Relations whose places only the graph's project facts tell (whose projects a body ran, how
# much, when): a place question of any other relation the graph left unanswered is a topic.
PLACE_FACTS = ("administeredBy", "partner", "fundingAmount", "period", "quantity")
# Entities that say where or by whom: a topic question naming none asks what was done where.
WHERE_KINDS = frozenset({"Region", "Municipality", "Organisation", "Project", "Person"})
TOWNS = ("Region", "Municipality")
# The answer types of facts the reading reads when the graph's answers were all of another year
# or place than the one asked.
FACT_KINDS = ("person", "body", "amount", "date")
# A one-word body or project name that this many documents write in lower case is a common
# noun ('kuntayhtymä', 'ohjausryhmä'), not a name (Answerer._common_name).
COMMON_DOCUMENTS = 3
# Sentences whose named places are remembered between questions.
MAX_REMEMBERED_SENTENCES = 20000


class Answerer(TopicTerms, QuestionScope, ProjectFacts, PeopleAnswers, MethodAnswers):
    """Graph-backed answers; when the graph holds none, says so and shows the best passages."""

    def __init__(self, searcher: Searcher, store: GraphStore, reference: ReferenceData,
                 minter: IriMinter, labels: LabelIndex | None = None,
                 model: QuestionModel | None = None, reader: Reader | None = None,
                 model_path: Path | None = None) -> None:
        self.searcher = searcher
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

    def _names_in(self, sentence: str) -> set[tuple[str, str]]:
        """The places and bodies a sentence names, however inflected ('Ylöjärvellä'); the
        sentences of the corpus recur from question to question, so they are remembered."""
        if (named := self._sentence_names.get(sentence)) is None:
            named = {(f.entity.kind, f.entity.key)
                     for f in self.matcher.find(sentence, fuzzy=False)}
            if len(self._sentence_names) >= MAX_REMEMBERED_SENTENCES:
                self._sentence_names.clear()
            self._sentence_names[sentence] = named
        return named

    def _said(self, sentence: str) -> list[EntityRef]:
        """The entities a sentence names, and the methods its foreign service words stand for
        in the glossary's Finnish."""
        found = [EntityRef(kind, key, self._entity_label.get((kind, key), key))
                 for kind, key in sorted(self._names_in(sentence))]
        read = (self._methods_by_label.get(normalise(t))
                for t in self.searcher.glossary.finnish_terms(sentence))
        return found + [m for m in dict.fromkeys(read) if m is not None and m not in found]

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

    def _entities(self, aq: AnalysedQuery, question: str) -> list[EntityRef]:
        entities = list(aq.entities)
        # Names the linker missed for their spelling ('lupa auttaa hanketta'), of kinds the
        # linker found none of.
        linked = {e.kind for e in entities}
        keys = {(e.kind, e.key) for e in entities}
        words = normalise(question).split()
        for found in self.matcher.find(question):
            e = found.entity
            if (e.kind, e.key) in keys:
                continue
            if e.kind not in linked:
                entities.append(e)
                keys.add((e.kind, e.key))
                continue
            # A longer name holding the words of a linked one of its kind ('pk lape' holds
            # LAPE, the national programme the linker read): the longer name is the one meant.
            span = set(words[found.start:found.end])
            if found.end - found.start < 2:
                continue
            within = [x for x in entities if x.kind == e.kind and any(
                set(normalise(label).split()) < span for label in self._labels_of(x))]
            if within:
                entities = [x for x in entities if x not in within] + [e]
                keys = {(x.kind, x.key) for x in entities}
        # A name the build made both a person and a project or a body ('Oma Häme') is the
        # project or the body: a person is named by a first and a last name.
        entities = [next(iter(self.matcher.named_as(e.label, ("Project", "Organisation"))), e)
                    if e.kind == "Person" else e for e in entities]
        entities = [e for e in entities if not self._common_name(e)]
        if self.labels is not None and not any(e.kind == "Method" for e in entities):
            method = self._topic_method(aq, question, entities) or self.labels.match(
                self.searcher.encoder.encode_query(question))
            if method is not None:
                entities.append(method)
        return list(dict.fromkeys(entities))

    def _labels_of(self, e: EntityRef) -> list[str]:
        """Every label of a reference entity, else the entity's own."""
        ref = self.reference.get(e.kind, e.key) if (e.kind, e.key) in self._reference_keys \
            else None
        return list(self.reference.all_labels(ref)) if ref is not None else [e.label]

    def _common_name(self, e: EntityRef) -> bool:
        """A body or project the documents made of one word they also write in lower case as a
        common noun in COMMON_DOCUMENTS documents or more."""
        if (e.kind not in ("Organisation", "Project") or (e.kind, e.key) in self._reference_keys
                or " " in e.label.strip()):
            return False
        if self._common is None:
            self._common = common_words(self.searcher.passages)
        return self._common.get(e.label.casefold(), 0) >= COMMON_DOCUMENTS

    def ask(self, question: str, k: int = 5, documents: set[str] | None = None) -> AnswerSet:
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
        kind = self.governed_place(kind, self.reader.types.corrected(question, kind), question)
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
        found = self._from_graph(aq, forms, kind, entities, task, statuses, documents)
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
        # An answer must carry the question's qualifier (own funding, an end, a role), from the
        # graph or read: else the text's answer or silence, never the broader fact.
        towns = [e.key for e in entities if e.kind == "Municipality"]
        answers = self.qualifiers.filter(answers, question, kind.answer_type, towns)
        read = not answers
        if read:
            answers = self.qualifiers.filter(
                self._from_text(wide, kind, aq, question, entities, documents,
                                statuses != METHOD_STATUSES and statuses[:1] == ("implemented",),
                                self.asks_one(question), unanswered=True),
                question, kind.answer_type, towns)
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
        note = ("" if answers else
                "Neither the graph nor the best passages hold an answer to this question; "
                "these are the best passages.")
        return AnswerSet(question, target, answers, hits, note, tuple(entities),
                         kind.answer_type, kind.relation)

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
                   unanswered: bool = False) -> list[Answer]:
        """What the graph does not hold, read from the best passages: the places of a topic
        (the first POOL and those the words alone rank high, `wide` being the ranking's
        first WIDE), or one candidate of the type asked; nothing when none reads well
        enough. `one`: the question asks for one place (search.topic_answer.dominant);
        `unanswered`: the graph gave no answer (a place question read as a project fact that
        names no project then reads its topic's places, `of_a_project`)."""
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
                                        not self.names_place_kind(question), one)
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

    def _with_evidence(self, candidates: Iterable[Candidate]) -> list[Answer]:
        return with_evidence(self.store, candidates, MAX_EVIDENCE)


def project_word(word: str, lemma: str, parts: Iterable[str]) -> bool:
    """A word naming a project: 'hanke', 'hankkeessa', 'lape-hankkeen', 'project', 'projektet'."""
    return (lemma.casefold() in PROJECT_HEADS
            or bool({p.casefold() for p in parts} & PROJECT_HEADS)
            or word.casefold().startswith(("project", "projekt", "hanke", "hankkee")))


def common_words(passages: Iterable[StoredPassage]) -> dict[str, int]:
    """Each word written in lower case → the number of documents that write it so."""
    seen: dict[str, set[str]] = {}
    for p in passages:
        for word in _LOWER_WORD.findall(p.text):
            seen.setdefault(word, set()).add(p.doc_key)
    return {w: len(docs) for w, docs in seen.items()}


_LOWER_WORD = re.compile(r"(?<![\w\-])[a-zåäö][\w\-]*")
