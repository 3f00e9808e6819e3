"""The extractor: walks a document's passages and sentences, keeps what a sentence hands on to
the next (the actor named, the method carried, the open sections), and asks the rule modules
for facts. Rules that are general to LAPE-style reports; nothing here names a region."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ingest.concept_descriptions import BACK_REFERENCE_SOURCE, REFERRED
from ingest.extract.actor_clauses import comes_from, dateline_place, owner_of_people
from ingest.extract.actors import ActorRules, Sections, regions_named_with
from ingest.extract.candidates import (
    refers_back,
    relative_on_model,
    taken_up_again,
    takes_up_model,
)
from ingest.extract.facts import make_fact, without_admin_partners
from ingest.extract.headings import from_heading, heading_method, is_heading
from ingest.extract.lexicon import Lexicon
from ingest.extract.line_facts import funding_lines, listed_partners, period_lines
from ingest.extract.lists import Lists
from ingest.extract.project_facts import ProjectFactRules
from ingest.extract.referents import names_own_project, partner_phrase
from ingest.extract.results import result_facts
from ingest.extract.roles import role_facts
from ingest.extract.segment import CONTENTS, Sentence, head_positions, new_item, sentences
from ingest.extract.status import (
    StatusDecision,
    StatusModel,
    carried_status,
    make_status_model,
    status_context,
)
from ingest.records import AnalysedPassage, Document, Fact, Mention
from ingest.result_layer import result_judge_for
from ingest.status_reference import head_word
from ingest.status_reference import refers_back as refers_back_to_method
from ontology.reference import ReferenceData

# the confidence of a status read from a clause that takes the method up with a pronoun or a
# model word, where the method's own clause has none (as sure as a method carried over)
_TAKEN_UP = 0.6


@dataclass
class _Flow:
    """What one sentence of a passage hands on to the next."""

    carried: list[Mention] = field(default_factory=list)  # methods of the sentence before
    named: list[Mention] = field(default_factory=list)  # the methods the paragraph named last
    previous: tuple[Sentence, list[Mention]] | None = None
    opens_list: bool = False
    context: Mention | None = None  # the actor named last
    # the actor a list's lead-in line names ("Loimaa:", "Kemissä:"): who acts in its items
    lead: Mention | None = None
    # the head noun of each method's name where it was named ("perhekeskuksessa" → "keskus")
    heads: dict[str, str] = field(default_factory=dict)
    # the bodies (towns, organisations) the sentence that named `named` names
    named_bodies: list[Mention] = field(default_factory=list)
    # the one method the section's heading names, and the nouns of that heading that may take
    # it up in the section's sentences ("Perhekeskus verkostona" → "verkosto", "keskus")
    heading: Mention | None = None
    heading_nouns: tuple[str, ...] = ()
    from_heading: bool = False  # the methods carried now came from the heading


def lead_in(sent: Sentence) -> int | None:
    """Where the lead-in line of a list ends, if the sentence has one: the sentence itself
    ending with a colon ("Loimaa:"), or its first line, which the splitter joined with the
    first item ("Loimaa:\n- eroauttamisen palveluja kehitetään"); None otherwise."""
    text = sent.text.rstrip()
    first = text.split("\n", 1)[0].rstrip()
    if first.endswith(":"):
        return sent.start + len(first)
    return None


class FactExtractor:
    """Facts of a document from its analysed passages and linked mentions."""

    def __init__(self, reference: ReferenceData, lexicon: Lexicon | None = None,
                 status_model: StatusModel | None = None) -> None:
        if lexicon is None:
            from ingest.extract.registry import load_lexicon

            lexicon = load_lexicon()
        self.reference = reference
        self.lex = lexicon
        self.status_model = status_model or make_status_model("rules")
        self.result_judge = result_judge_for(self.status_model)  # ingest/result_layer.py
        self.actors = ActorRules(reference, lexicon)
        self.project_facts = ProjectFactRules(lexicon, self.actors)

    def document_region(self, document: Document, mentions: Sequence[Mention]) -> str | None:
        return self.actors.document_region(document, mentions)

    def main_project(self, mentions: Sequence[Mention]) -> str | None:
        return self.actors.main_project(mentions)

    def extract(self, document: Document, passages: Sequence[AnalysedPassage],
                mentions: Sequence[Mention]) -> Iterator[Fact]:
        prime = getattr(self.status_model, "prime", None)
        if prime is not None:  # a learned model encodes the document's clauses in one batch
            prime(passages, mentions)
        region = self.document_region(document, mentions)
        project = self.main_project(mentions)
        by_passage: dict[int, list[Mention]] = {}
        for m in mentions:
            by_passage.setdefault(m.passage_index, []).append(m)
        first_project_passage = min((m.passage_index for m in mentions
                                     if m.kind == "Project" and m.key == project), default=0)
        if region:
            yield Fact("Document", document.key, "aboutRegion", "Region", region, None,
                       document.key, passages[0].passage.index if passages else 0, 0, 0,
                       "context:document-region", 0.8)
        if project and region:
            first = next(m for m in mentions if m.kind == "Project" and m.key == project)
            yield Fact("Project", project, "inRegion", "Region", region, None, document.key,
                       first.passage_index, first.start, first.end, "context:main-project", 0.8)
        named = {(project, region)}
        for p, key in regions_named_with(mentions):
            if (p.key, key) not in named and p.key not in self.actors.national:
                named.add((p.key, key))
                yield Fact("Project", p.key, "inRegion", "Region", key, None, document.key,
                           p.passage_index, p.start, p.end, "rule:region-in-name", 0.8)
        yield from without_admin_partners(self._extract(document, passages, region, project,
                                                        by_passage, first_project_passage))

    def _extract(self, document: Document, passages: Sequence[AnalysedPassage],
                 region: str | None, project: str | None,
                 by_passage: dict[int, list[Mention]], first_project_passage: int
                 ) -> Iterator[Fact]:
        seen: set[tuple] = set()  # type: ignore[type-arg]
        sections = Sections()
        # the town whose own document it is (its minutes, newsletter): the outermost section
        sections.open(0, self.actors.publisher(passages, [m for ms in by_passage.values()
                                                          for m in ms]))
        lists = Lists(self.lex)
        for ap in passages:
            if CONTENTS.match(ap.passage.text):
                continue  # a table of contents lists the report's headings, it reports nothing
            local = by_passage.get(ap.passage.index, [])
            # the bodies earlier passages named, which a body word may refer back to
            earlier = [m for i in sorted(by_passage) if i < ap.passage.index
                       for m in by_passage[i]]
            items = list(lists.items(ap))
            results = [(i.start, i.end) for i in items if i.kind == "result"]
            headings = [(h, self.actors.heading_actors(ap, h, local))
                        for h in ap.passage.headings]
            pending = [(h, a) for h, a in headings if a is not None]
            flow = _Flow()
            passage_facts: list[Fact] = []
            for sent in sentences(ap):
                while pending and pending[0][0].start < sent.end:
                    # A new section: what the passage said before it no longer gives the actor.
                    sections.open(pending[0][0].level, pending[0][1])
                    pending.pop(0)
                    flow = _Flow(previous=flow.previous)
                if flow.previous is not None and new_item(ap.passage.text, flow.previous[0].end,
                                                          sent.start):
                    # a new paragraph or bullet; the items of a list go on with the actor its
                    # lead-in line named ("Loimaa:" / "- nimetty työntekijä käytössä ...")
                    if "\n\n" in ap.passage.text[flow.previous[0].end:sent.start]:
                        flow.lead = None
                    flow.context, flow.named = flow.lead, []
                in_sent = [m for m in local if sent.start <= m.start < sent.end + 1]
                if is_heading(ap, sent):
                    flow.heading, flow.heading_nouns = heading_method(sent, in_sent)
                elif (flow.heading is not None
                      and all(m.key == flow.heading.key for m in (*flow.carried, *flow.named))
                      and not any(m.kind == "Method" for m in in_sent)
                      and (takes_up_model(sent, in_sent) or refers_back_to_method(
                          sent, in_sent, flow.heading_nouns))):
                    # "4.2 Perhekeskus verkostona" / ... / "Verkostoa kokeiltiin ensin
                    # Heinolassa": the section's sentence speaks of the heading's model (also
                    # where the sentence before described it: its fact is the heading's, not
                    # one carried from a description, which mark_inferred drops)
                    flow.carried, flow.from_heading = [flow.heading], True
                    if flow.heading_nouns:
                        flow.heads.setdefault(flow.heading.key, flow.heading_nouns[0])
                if not flow.carried and flow.named and (
                        takes_up_model(sent, in_sent) or refers_back_to_method(
                            sent, in_sent, [flow.heads[m.key] for m in flow.named
                                            if m.key in flow.heads])):
                    # "... toimintamalli. ... Sosterin alueella mallia"; "Kokkolan
                    # perhekeskuksessa on tungosta. Vauvaryhmä ... Keskus avattiin ..."
                    flow.carried = flow.named
                facts = list(self._sentence_facts(
                    document, sent, in_sent, project, region,
                    ap.passage.index >= first_project_passage, flow, local, sections.actors(),
                    any(sent.start <= a < sent.end or a <= sent.start < b
                        for a, b in results), earlier))
                if flow.previous is not None and not flow.carried and refers_back(self.lex, sent):
                    facts += self._named_after(document, sent, in_sent, flow.previous, project,
                                               region, flow.context)
                if flow.from_heading:
                    facts = from_heading(facts, flow.heading, in_sent)
                flow.previous = (sent, in_sent)
                flow.from_heading = flow.from_heading and not any(
                    m.kind == "Method" for m in in_sent)
                flow.carried = [m for m in in_sent if m.kind == "Method"]
                flow.named = flow.carried or flow.named
                for m in flow.carried:
                    if (h := head_word(sent, m)) is not None:
                        flow.heads[m.key] = h
                if flow.carried:
                    flow.named_bodies = [m for m in in_sent if m.kind in (
                        "Municipality", "Organisation") and self.actors.is_actor(m)]
                flow.opens_list = sent.text.rstrip().endswith(":")
                # the project's own bodies (its administrator, partners) and a dateline's place
                # are named as such, not as where the next sentence's work was done
                of_project = {(f.object_kind, f.object_key) for f in facts
                              if f.predicate in ("administeredBy", "partner")}
                for m in in_sent:
                    if (m.kind in ("Municipality", "Organisation") and self.actors.is_actor(m)
                            and not owner_of_people(self.lex, sent, m)
                            and not comes_from(ap.passage.text, m, in_sent)
                            and not partner_phrase(self.lex, ap.passage.text, m)
                            and (m.kind, m.key) not in of_project
                            and not dateline_place(sent)):
                        flow.context = m
                lead = lead_in(sent)
                if lead is not None:
                    flow.lead = next((m for m in reversed(in_sent) if m.end <= lead
                                      and m.kind in ("Municipality", "Organisation")
                                      and self.actors.is_actor(m)), None)
                passage_facts += facts
                for fact in facts:
                    key = (fact.subject_kind, fact.subject_key, fact.predicate, fact.object_key,
                           fact.value, fact.extra if fact.predicate == "hasResult" else ())
                    if key not in seen:
                        seen.add(key)
                        yield fact
            read = {(f.start, f.end) for f in passage_facts if f.predicate == "fundingAmount"}
            for fact in listed_partners(self.project_facts, document, ap, items, local, project):
                key = (fact.subject_key, fact.predicate, fact.object_key)
                if key not in seen:
                    seen.add(key)
                    yield fact
            for fact in period_lines(self.project_facts, document, ap, local, project):
                key = (fact.subject_kind, fact.subject_key, fact.predicate, fact.value)
                if key not in seen and not any(f.predicate == fact.predicate
                                               for f in passage_facts):
                    seen.add(key)
                    yield fact
            for fact in funding_lines(self.project_facts, document, ap, local, project):
                if (fact.start, fact.end) in read:
                    continue  # a sum its sentence gave already (perhaps to another project)
                key = (fact.subject_kind, fact.subject_key, fact.predicate, fact.object_key,
                       fact.value, ())
                if key not in seen:
                    seen.add(key)
                    yield fact
            # Roles sit beside names across line breaks ("Perhekeskuskoordinaattori\nSuvi
            # Pokela"), which the sentence splitter cuts: look at the whole passage.
            if ap.tokens:
                whole = Sentence(ap, 0, ap.tokens, 0, len(ap.passage.text),
                                 heads=head_positions(ap))
                for fact in role_facts(document, whole, local):
                    key = (fact.subject_key, fact.predicate, fact.extra)
                    if key not in seen:
                        seen.add(key)
                        yield fact
            for h, actors in pending:  # headings after the passage's last sentence
                sections.open(h.level, actors)

    def _named_after(self, doc: Document, sent: Sentence, in_sent: Sequence[Mention],
                     previous: tuple[Sentence, list[Mention]], project: str | None,
                     region: str | None, context: Mention | None) -> list[Fact]:
        """The methods a sentence names for "these methods" of the sentence before ("X on
        kouluttanut sata osaajaa. Näitä menetelmiä ovat A ja B."): the status and the actor
        are that sentence's, the evidence spans both."""
        before, before_in = previous
        status = carried_status(self.lex, before, before_in)
        if status is None:
            return []
        facts = []
        for method in (m for m in in_sent if m.kind == "Method"):
            actors, confidence = self.actors.actors(method, before_in, context, project, region,
                                                    sent=before)
            for actor in actors:
                facts.append(make_fact(doc, sent, actor, status, ("Method", method.key), None,
                                       "rule:method-status", min(confidence, 0.6),
                                       (before.start, sent.end)))
        return facts

    def _method_facts(self, doc: Document, sent: Sentence, in_sent: list[Mention],
                      project: str | None, region: str | None, flow: _Flow,
                      section: Sequence[tuple[str, str]], before: Sequence[Mention] = ()
                      ) -> Iterator[Fact]:
        """Methods and their status; a sentence with a status verb but no method continues the
        method of the sentence before ("käynnistettiin pilotteja: Lieto, Raisio, ..."), only
        when that one opened a list or this one names who acted ("Mikkelissä toimii nyt kaksi
        tiimiä")."""
        named = [m for m in in_sent if m.kind == "Method"]
        listed = flow.opens_list or any(self.actors.is_actor(m) for m in in_sent)
        # "Menetelmään on koulutettu 63 työntekijää": one method taken up by a model word; who
        # did it is the one body the sentence before named, else the section's, project's or
        # region's (not the last of a list: "Porissa, Ulvilassa ja Harjavallassa ...")
        heads = [flow.heads[m.key] for m in flow.carried if m.key in flow.heads]
        if flow.from_heading:
            heads += flow.heading_nouns
        by_model = refers_back_to_method(sent, in_sent)
        taken_up = (not named and not listed and len(flow.carried) == 1
                    and (by_model or refers_back_to_method(sent, in_sent, heads)))
        context = flow.context
        if taken_up:
            # the one body the sentence before names; where it names none, the one named where
            # the method was named ("Kokkolan perhekeskuksessa ... . Vauvaryhmä kokoontuu ... .
            # Keskus avattiin ...")
            bodies = {(m.kind, m.key): m for m in (flow.previous[1] if flow.previous else [])
                      if m.kind in ("Municipality", "Organisation") and self.actors.is_actor(m)}
            bodies = bodies or {(m.kind, m.key): m for m in flow.named_bodies}
            context = next(iter(bodies.values())) if len(bodies) == 1 else None
            # a head noun alone ("Ryhmä kokoontuu koululla") is a common word: it takes the
            # method up only where that names who acted
            taken_up = by_model or context is not None
        methods = named or (flow.carried if listed or taken_up else [])
        referred = self.actors.authority_referred(sent, before) if methods else None
        town = (self.actors.town_referred(sent, section, before) if methods and not referred
                else None)
        for method in methods:
            carried = method not in in_sent
            decision = self.status_model.predict(
                status_context(self.lex, sent, method, in_sent, carried, heads))
            again = None if carried else taken_up_again(self.lex, sent, method, in_sent)
            beside = decision.status is None and again is not None
            if beside:
                # the method's clause reports nothing, a clause beside it that takes it up does
                decision = StatusDecision(again, _TAKEN_UP, "rules")
            if decision.status is None:
                continue
            actors, confidence = self.actors.actors(
                method, in_sent, context, project, region,
                names_own_project(sent, method, beside, self.lex), section, sent, decision.status,
                referred, town)
            if carried and flow.from_heading and confidence < REFERRED:
                # the heading's model is itself inferred: as for a described one
                # (ingest/concept_descriptions.py), an actor named in the sentence, referred to
                # by a word of its kind or the body of its passage or section, not the
                # document's project or region taken because nothing nearer acts
                continue
            confidence = min(confidence, decision.confidence)
            extractor = "rule:method-status" if decision.source == "rules" else \
                f"{decision.source}:method-status"
            if carried and not flow.from_heading:
                # the sentence names no method: it takes up the one named before ("Mallia
                # kokeiltiin Sallassa"), so the link is inferred and no surer than that
                extractor = f"{BACK_REFERENCE_SOURCE}+{extractor}"
                confidence = min(confidence, _TAKEN_UP)
            for actor in actors:
                yield make_fact(doc, sent, actor, decision.status, ("Method", method.key), None,
                                extractor, confidence)
                if again is not None and again != decision.status:
                    yield make_fact(doc, sent, actor, again, ("Method", method.key), None,
                                    "rule:method-status", confidence)
            if not carried:
                for actor, st in relative_on_model(self.lex, sent, method, in_sent,
                                                   self.actors.is_actor):
                    yield make_fact(doc, sent, actor, st, ("Method", method.key), None,
                                    "rule:method-status", min(confidence, 0.7))

    def _sentence_facts(self, doc: Document, sent: Sentence, in_sent: list[Mention],
                        project: str | None, region: str | None, after_project: bool,
                        flow: _Flow, passage_mentions: Sequence[Mention],
                        section: Sequence[tuple[str, str]], listed: bool = False,
                        earlier: Sequence[Mention] = ()) -> Iterator[Fact]:
        before = [*earlier, *(m for m in passage_mentions if m.end <= sent.start)]
        yield from self._method_facts(doc, sent, in_sent, project, region, flow, section, before)
        subject, funded = self.project_facts.subject_project(sent, in_sent, passage_mentions,
                                                             project)
        if subject is None:
            return
        own = list(self.project_facts.facts(doc, sent, in_sent, passage_mentions, subject,
                                            funded, earlier))
        yield from own
        if after_project:
            # a sentence that gives the project's own start or end reports no result
            period = self.project_facts.is_period(sent) or any(
                f.predicate in ("startDate", "endDate") for f in own)
            yield from result_facts(self.lex, doc, sent, in_sent, subject, period, listed,
                                    self.result_judge)

