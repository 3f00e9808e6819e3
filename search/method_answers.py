"""Method answers from the graph: which places or bodies worked with a method, and which
methods an actor worked with, with the statuses of each (a mixin of search.answer.Answerer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graph.queries import (
    FactRow,
    facts,
    members_of_region,
    passage_texts,
    regions_of,
    sources,
    statements_in_passages,
)
from graph.store import GraphStore
from search.actor_scope import ActorScope
from search.answer_records import Answer
from search.entity_matcher import EntityMatcher
from search.method_questions import (
    asks_actor_methods,
    asks_one_method,
)
from search.method_reading import (
    DESCRIBED_MIN_PROBABILITY,
    methods_described,
    methods_labelled,
    methods_read,
)
from search.negation import denied_in
from search.own_topic import OwnTopic, sentence_of
from search.query import AnalysedQuery
from search.question_cues import (
    METHOD_STATUSES,
    ORGANISATION_KINDS,
    PLAN_MODALS,
    STATUS_CUES,
    STATUS_WORDS,
    detect_statuses,
    plan_said,
    statuses_said,
)
from search.question_model import QuestionKind
from search.question_scope import analyses_of
from search.records import EntityRef, Hit
from search.statuses import status_predicate, tier
from search.topic_answer import _positions as positions


def strictly_as_said(answers: list[Answer], aq: AnalysedQuery,
                     forms: dict[str, set[str]], tiered: tuple[str, ...] = ()) -> list[Answer]:
    """"Which methods did X pilot": the methods X piloted, not also those it only trained
    staff in or took into use; "piloted or trained": those holding either; "mitä X aikoo ottaa
    käyttöön": those it plans, else those it took into use. Methods none of which holds a
    status said are no answer (the text is read for them instead: 'Mitä Jämsässä pilotoidaan?'
    is not answered with the model Jämsä trained staff in); places are all kept then. A
    question naming no status, or a status in `tiered` (places "where it is in use": the
    contract's tiers of use), keeps the tiers."""
    said = statuses_said(aq, forms)
    if not said or set(said) & set(tiered):
        return answers
    # a modal's plan first ('aikoo kokeilla'), then the verb's own status
    tiers = [["planned"], said[1:]] if plan_said(aq, forms) else [said]
    for tier_said in (t for t in tiers if t):
        # 'kehitetään' asks for what is being developed as much as for what was created
        family = {*tier_said, *(("developing",) if "created" in tier_said else ())}
        held = [a for a in answers if any(st.status in family for st in a.statuses)]
        if held:
            return held
    return [] if all(a.type == "Method" for a in answers) else answers


class MethodAnswers(OwnTopic):
    _methods_by_label: dict[str, EntityRef]
    _multiword_methods: list[tuple[str, EntityRef]] | None = None
    store: GraphStore
    matcher: EntityMatcher
    actor_scope: ActorScope
    _national: set[str]
    _passage_document: dict[str, str]

    def _iri(self, e) -> str: ...  # type: ignore[no-untyped-def]
    def describer(self): ...  # type: ignore[no-untyped-def]
    def _label(self, iri: str) -> tuple[str, str]: ...
    def _prefetch_labels(self, iris) -> None: ...  # type: ignore[no-untyped-def]

    def _method_actors(self, methods: list[str], target: str, statuses: tuple[str, ...],
                       regions_named: set[str], add,  # type: ignore[no-untyped-def]
                       documents: set[str] | None) -> None:
        """Which regions / municipalities / organisations worked with the methods named."""
        rows = facts(self.store, objects=methods,
                     predicates=[status_predicate(s) for s in statuses],
                     documents=documents)
        regions = regions_of(self.store, {r.subject for r in rows})
        self._prefetch_labels({r.subject for r in rows}
                              | {g for rs in regions.values() for g in rs})
        by_place: list[tuple[FactRow, str | None]] = []
        direct = False
        for row in rows:
            for region in regions[row.subject] or [None]:
                if regions_named and region not in regions_named:
                    continue
                if target == "Region":
                    if region:
                        add(region, self._label(region)[0], "Region", row, region)
                    continue
                label, kind = self._label(row.subject)
                if kind == target or (target == "Organisation" and kind in ORGANISATION_KINDS
                                      and kind != "Municipality") or (
                        target == "Person" and kind in ORGANISATION_KINDS):
                    add(row.subject, label, kind, row, region)
                    direct = True
                elif target == "Organisation":
                    by_place.append((row, region))
        if by_place and not direct:
            # only when no statement has a body for subject: then a body is its doer
            self._bodies_beside(by_place, add)

    def _bodies_beside(self, rows: list[tuple[FactRow, str | None]],  # type: ignore[no-untyped-def]
                       add) -> None:
        """A body asked for a method that places did: the organisation named in the sentence
        of the statement ('Saarikka pilotoi omatyöntekijämallia Saarijärvellä ja
        Karstulassa' has the municipalities for subject and Saarikka for doer)."""
        where = sources(self.store, {r.statement for r, _ in rows})
        texts = passage_texts(self.store, {src.passage for src in where.values()})
        for row, region in rows:
            src = where.get(row.statement)
            if src is None:
                continue
            sentence = sentence_of(texts.get(src.passage, ""), src.start, src.end)
            for found in self.matcher.find(sentence):
                e = found.entity
                if found.score >= 1.0 and e.kind == "Organisation":
                    iri = self._iri(e)
                    label, kind = self._label(iri)
                    add(iri, label, kind, row, region)

    def _actor_methods(self, by_kind: dict[str, list[str]], statuses: tuple[str, ...],
                       add, documents: set[str] | None) -> None:  # type: ignore[no-untyped-def]
        """Which methods a region, municipality, organisation or project worked with: the
        statements about the actor and its region's members, and those made in the passages
        that are about it (naming the organisation, or in its project's or region's documents:
        'Saarikka pilotoi omatyöntekijämallia Saarijärvellä' has Saarijärvi for subject)."""
        predicates = [status_predicate(s) for s in statuses]
        rolled: list[tuple[FactRow, list[str]]] = []
        for region in by_kind.get("Region", []):
            members = members_of_region(self.store, region)
            rolled += [(r, [region]) for r in facts(self.store, subjects=members,
                                                    predicates=predicates, documents=documents)]
        actors = [a for kind in ("Municipality", "Organisation", "Project")
                  for a in by_kind.get(kind, [])]
        if actors:
            rows = facts(self.store, subjects=actors, predicates=predicates,
                         documents=documents)
            regions = regions_of(self.store, {r.subject for r in rows})
            rolled += [(r, regions[r.subject]) for r in rows]
        seen = {r.statement for r, _ in rolled}
        passages = self.actor_scope.passages(
            {**by_kind, "Project": [p for p in by_kind.get("Project", [])
                                    if p not in self._national]})
        if passages:
            said = statements_in_passages(self.store, passages, predicates)
            said = [r for r in said if r.statement not in seen and (
                documents is None or self._passage_document.get(r.passage) in documents)]
            regions = regions_of(self.store, {r.subject for r in said})
            asked = set(by_kind.get("Region", []))
            towns = set(by_kind.get("Municipality", []))
            if towns:
                self._prefetch_labels({r.subject for r in said})
            for r in said:
                # not a statement about a place of another region the passage also names
                if asked and regions[r.subject] and not asked & set(regions[r.subject]):
                    continue
                # nor, for the municipalities asked, about another municipality beside them
                if towns and r.subject not in towns \
                        and self._label(r.subject)[1] == "Municipality":
                    continue
                rolled.append((FactRow(r.statement, r.subject, r.predicate, r.object, True,
                                       r.confidence), regions[r.subject] or sorted(asked)))
        self._prefetch_labels({r.object for r, _ in rolled}
                              | {g for _, rs in rolled for g in rs})
        for row, regions in rolled:
            label, kind = self._label(row.object)
            if kind != "Method":
                continue
            for region in regions or [None]:
                add(row.object, label, kind, row, region)


    def _read_methods(self, pool: list[Hit], entities: list[EntityRef],
                      statuses: tuple[str, ...], sentences_only: bool = False) -> list[Answer]:
        return methods_read(pool, entities, lambda e: self._iri(e),
                            lambda h: str(self.minter.passage(h.passage.doc_key, h.passage.index)),
                            lambda h: str(self.minter.document(h.passage.doc_key)),
                            self._body_areas,
                            # beside the graph's answers, only the mentions linked or named
                            self._said if sentences_only else self._said_or_labelled,
                            sentences_only,
                            None if statuses == METHOD_STATUSES else self._reads_status(statuses),
                            self.reader.document_town)

    def _read_described(self, pool: list[Hit], entities: list[EntityRef],
                        statuses: tuple[str, ...]) -> list[Answer]:
        """The working models the best passages about the actor describe without naming them,
        read by the description classifier (search.method_reading.methods_described)."""
        describer = self.describer()
        if describer is None:
            return []
        labels = describer.labels

        def describe(sentences: list[str]) -> list[tuple[str, str, float]]:
            return [(key, labels[key], probability)
                    for key, _, probability in describer.best(sentences)]

        actors = [e for e in entities if e.kind != "Method"]
        return methods_described(
            pool, actors, describe, DESCRIBED_MIN_PROBABILITY, lambda e: self._iri(e),
            lambda h: str(self.minter.passage(h.passage.doc_key, h.passage.index)),
            lambda h: str(self.minter.document(h.passage.doc_key)), self._said,
            self._body_areas,
            None if statuses == METHOD_STATUSES else self._reads_status(statuses),
            self.reader.document_town, denied_in)

    def _said_or_labelled(self, sentence: str) -> list[EntityRef]:
        """The entities a sentence names, and the methods whose label of several words it holds
        in any inflection, in any language ('Rovaniemi has been piloting the named-worker model'
        holds 'named worker model', though no mention of it was linked)."""
        found = self._said(sentence)
        if self._multiword_methods is None:
            self._multiword_methods = [(label, e) for label, e in self._methods_by_label.items()
                                       if len(label.split()) >= MIN_LABEL_WORDS]
        return found + [e for e in methods_labelled(sentence, self._multiword_methods)
                        if e not in found]

    def _reads_status(self, statuses: tuple[str, ...]):  # type: ignore[no-untyped-def]
        """Whether a sentence reads one of the statuses asked: a cue word as written, its
        lemma or the verb a participle comes from ('pilotoitiin', 'koulutettiin', 'trialled')."""
        cues = {c for s in statuses for c in STATUS_CUES.get(s, ())}
        if "planned" in statuses:
            # a modal of intent puts what a sentence says in the future ('Kommunen ska enligt
            # planen införa …', 'X aikoo ottaa käyttöön', 'intends to adopt'): a plan
            cues |= set(PLAN_MODALS)
        # a long cue's derivations share its stem ('pilotoida' → 'Syksyn pilotoinnit:')
        stems = tuple(c[:max(STEM, len(c) - 2)] for c in cues if len(c) >= STEM)

        def reads(sentence: str) -> bool:
            return any({w.casefold(), lemma, *verbs} & cues or lemma.startswith(stems)
                       for w, (lemma, _, verbs)
                       in self.searcher.analyzer.word_forms(sentence).items())
        return reads

    def _done_by_actor(self, answers: list[Answer], kind: QuestionKind, question: str,
                       aq: AnalysedQuery, forms: dict[str, set[str]],
                       entities: list[EntityRef], pool: list[Hit],
                       documents: set[str] | None) -> tuple[list[Answer], QuestionKind]:
        """What a named actor did (`_actor_done`); a question asking for one working model
        gets the one its own best passage is evidence of (`_one_asked`)."""
        answers, kind = self._actor_done(answers, kind, question, aq, forms, entities, pool,
                                         documents)
        if not answers and kind.relation == "actorMethods":
            # neither the graph nor the methods the passages name: a model they describe
            answers = self._read_described(pool, entities, detect_statuses(aq, forms))
        if not answers or any(a.type != "Method" for a in answers):
            return answers, kind
        if kind.relation == "actorMethods":
            # however the question was read: the methods of its own topic ('… in child
            # protection', 'varhaiskasvatuksessa'), all of them when no method's sentence
            # holds it (silence there cost more right answers than wrong ones it saved)
            own = self._own_topic(aq, question, entities)
            if own and not self._holds_own(answers, own):
                # the graph's methods are the actor's others, none in a sentence of the
                # question's own topic ('mitä keski-pohjanmaan lape-yhteistyöryhmän tehtävä on
                # edistää kattavasti'): the top passages' methods whose sentence holds it, if any
                answers = self._read_of_own_topic(pool, entities, aq, forms, own) or answers
            answers = self._of_own_topic(answers, own)
        if len(answers) < 2:
            return answers, kind
        return self._one_asked(answers, question, pool, self._own_topic(aq, question,
                                                                       entities)), kind

    def _one_asked(self, answers: list[Answer], question: str, pool: list[Hit],
                   own: Sequence[str] = ()) -> list[Answer]:
        """'Vilken tankemodell har personalen utbildats i', 'What kind of assessment …': of the
        methods found, those whose label holds the question's own topic words (`own` stems:
        'child protection approach' → lastensuojelu) if any does, and of them those whose
        evidence ranks best among the question's passages, not every method of the actor; all
        of them when no evidence is among the passages or the question asks for several
        (search.method_questions.asks_one_method)."""
        if len(answers) < 2 or any(a.type != "Method" for a in answers):
            return answers
        if not asks_one_method(question, self.searcher.analyzer.word_forms(question),
                               analyses_of(self.searcher)):
            return answers
        answers = [a for a in answers if any(positions(a.label.casefold(), [st])
                                             for st in own)] or answers
        rank = {str(self.minter.passage(h.passage.doc_key, h.passage.index)): i
                for i, h in enumerate(pool)}
        best = [min((rank.get(e.passage, len(pool)) for e in a.evidence), default=len(pool))
                for a in answers]
        top = min(best)
        return [a for a, b in zip(answers, best, strict=True) if b == top] \
            if top < len(pool) else answers

    def _actor_done(self, answers: list[Answer], kind: QuestionKind, question: str,
                    aq: AnalysedQuery, forms: dict[str, set[str]],
                    entities: list[EntityRef], pool: list[Hit],
                    documents: set[str] | None) -> tuple[list[Answer], QuestionKind]:
        """What a named place or body did, when its graph statements are few or none: 'Mitä
        Imatralla tehtiin lasten ja perheiden palveluissa?' read as a topic finds no topic's
        places; it is answered with Imatra's methods (the graph's, else those the passages about
        Imatra name). Beside the graph's methods of a question asking no status, the methods
        the sentences naming the place say it worked with follow, read from the text."""
        # 'Mikä kuntayhtymä pilotoi X?' asks for a body, 'mistä lähtien X on ollut käytössä
        # Soitessa' for a date: not for the methods of the actor they name.
        if kind.relation != "actorMethods" and not self.reader.types.fixes_fact(
                question) and asks_actor_methods(
                question, self.searcher.analyzer.word_forms(question), entities,
                kind.answer_type, self._word_class, STATUS_WORDS):
            kind = replace(kind, answer_type="method", relation="actorMethods")
            return self._methods_asked(aq, forms, kind, entities, pool, documents), kind
        actor = any(e.kind in ("Region", "Municipality", "Organisation") for e in entities)
        if not actor or kind.answer_type not in ("topic", "method"):
            return answers, kind
        if not answers and kind.relation == "topic" and self.says_done(question) \
                and not self._own_topic(aq, question, entities):
            kind = replace(kind, answer_type="method", relation="actorMethods")
            answers = self._with_evidence(self._from_graph(
                aq, forms, kind, entities, None, METHOD_STATUSES, documents).values())
            return answers or self._read_methods(pool, entities, METHOD_STATUSES), kind
        if answers and kind.relation == "actorMethods" \
                and detect_statuses(aq, forms) == METHOD_STATUSES:
            held = {a.iri for a in answers}
            answers = answers + [a for a in self._read_methods(pool, entities,
                                                               METHOD_STATUSES, True)
                                 if a.iri not in held]
        return answers, kind

    def _methods_asked(self, aq: AnalysedQuery, forms: dict[str, set[str]],
                       kind: QuestionKind, entities: list[EntityRef], pool: list[Hit],
                       documents: set[str] | None) -> list[Answer]:
        """The methods of the actor a question names, with the statuses it asks (tiers, or
        those of the one status said), else read from the passages about the actor; when a
        method the question names is among them ('What did Ylöjärvi establish for divorcing
        parents?' links eroauttaminen), that method alone."""
        statuses = detect_statuses(aq, forms)
        answers = self._with_evidence(self._from_graph(
            aq, forms, kind, entities, None, statuses, documents).values())
        if answers and statuses != METHOD_STATUSES:
            for a in answers:
                a.tier = tier(a.statuses, statuses)
            answers.sort(key=lambda a: (a.tier, -a.confidence, a.label))
            answers = strictly_as_said(answers, aq, forms)
        actors = [e for e in entities if e.kind != "Method"]
        if not answers:
            answers = self._read_methods(pool, actors, statuses)
        named = {self._iri(e) for e in entities if e.kind == "Method"}
        if named and not any(a.iri in named for a in answers):
            # the graph holds other methods of the actor: the passages about it may say it
            answers = [a for a in self._read_methods(pool, actors, statuses, True)
                       if a.iri in named] or answers
        return [a for a in answers if a.iri in named] or self._of_own_topic(
            answers, self._own_topic(aq, aq.text, entities))

    def _word_class(self, word: str) -> str | None:
        """How Voikko reads a (Finnish) word: "verb", "noun" (a common noun only) or "other";
        None for a word it cannot read."""
        voikko = self.searcher.analyzer.voikko
        classes = {a.get("CLASS") for a in voikko.analyze(word)} if voikko is not None else set()
        if not classes:
            return None
        return "verb" if "teonsana" in classes else "noun" if classes == {"nimisana"} else "other"


# The shortest status cue whose stem is read in derivations of it.
STEM = 7
# A method label read in a sentence's words has at least this many words (one word such as
# 'ryhmä' is in too many sentences to stand for the method).
MIN_LABEL_WORDS = 2
