"""Attachment of a fact to its actors: who worked with a method (the most specific actor of the
sentence, the paragraph, the section or the document), which bodies act at all, and the
document's own region and project."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from ingest.extract.actor_clauses import (
    acting_bodies,
    comes_from,
    from_where,
    in_illative,
    in_other_clauses,
    in_other_relative,
    owns,
)
from ingest.extract.lexicon import Lexicon
from ingest.extract.referents import (
    coordinated_run,
    head_words,
    last_town,
    names_the_region,
    names_town_word,
    partner_phrase,
)
from ingest.extract.segment import Sentence
from ingest.extract.syntax import same_clause
from ingest.records import AnalysedPassage, Document, Heading, Mention
from ontology.reference import ReferenceData

_ACTOR_KINDS = ("Organisation", "Municipality", "Project", "Region")
# "Kemin kaupunki", "Sallan kunnan": the town as a body (not "kuntalaiset", "kuntayhtymä")
# and in Swedish ("Vasa stad", "Korsholms kommun")
_TOWN_BODIES = re.compile(r"(?:kaupun(?:ki|gin|gilla|gille|gista|gin)|kun(?:ta|nan|nalla|nalle|"
                          r"nasta)|stad|staden|kommun|kommunen)[,.;:]?")
_TOWN_BEFORE = re.compile(r"(?:City|Town|Municipality) of\s+$")  # "the City of Rovaniemi"
# where a document's own town may be named as its publisher: the first characters (after a
# preamble line) and title lines no longer than this
_OPENING = 400
_TITLE_LINE = 120
# the town as the body that writes, in the nominative ("NOKIAN KAUPUNKI", "Borgå stad –")
_PUBLISHER = re.compile(r"(?:kaupunki|kunta|stad|kommun)[,.;:]?")


def regions_named_with(mentions: Sequence[Mention]) -> Iterator[tuple[Mention, str]]:
    """Each project with the region its name holds ("Kymenlaakson LAPE") or a genitive right
    before it gives ("Central Finland's KEPA project", "Kainuun Perhevoimala-hanke")."""
    regions = [m for m in mentions if m.kind == "Region"]
    for p in (m for m in mentions if m.kind == "Project"):
        for r in regions:
            inside = p.start <= r.start and r.end <= p.end
            before = r.end <= p.start and p.start - r.end <= 3 and r.surface.endswith(
                ("n", "'s", "’s"))
            if r.passage_index == p.passage_index and (inside or before):
                yield p, r.key


class Sections:
    """The open sections of a document, outermost first: each heading's level and actors. A
    heading closes the sections of its own level and deeper; the innermost section that names
    an actor gives it."""

    def __init__(self) -> None:
        self._open: list[tuple[int, tuple[tuple[str, str], ...]]] = []

    def open(self, level: int, actors: tuple[tuple[str, str], ...]) -> None:
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, actors))

    def actors(self) -> tuple[tuple[str, str], ...]:
        return next((a for _, a in reversed(self._open) if a), ())


class ActorRules:
    """Which mentions act, and who a fact belongs to; reads the reference data."""

    def __init__(self, reference: ReferenceData, lex: Lexicon) -> None:
        self.reference = reference
        self.lex = lex
        self._region_by_label = {}
        for entity in reference.by_kind("Region"):
            for label in reference.all_labels(entity):
                self._region_by_label[label.lower()] = entity.key
        self.national = {e.key for e in reference.by_kind("Project")}
        # The national reform the reports belong to: the first programme of the reference data.
        self.programme = next((e.key for e in reference.by_kind("Project")), None)
        self._region_of = {(e.kind, e.key): e.region_code for e in reference.entities
                           if e.region_code}
        self._genitives: dict[str, str] | None = None

    def document_region(self, document: Document, mentions: Sequence[Mention]) -> str | None:
        if document.meta.region:
            key = self._region_by_label.get(document.meta.region.lower())
            if key:
                return key
        counts = Counter(m.key for m in mentions if m.kind == "Region")
        for m in mentions:  # municipalities and regional bodies vote for their region too
            region = self._region_of.get((m.kind, m.key))
            if region and m.kind != "Region":
                counts[region] += 0.5  # type: ignore[assignment]
        if not counts:
            return None
        (best, n), *rest = counts.most_common()
        # A document about several regions (a national news item) has no single region.
        if rest and rest[0][1] >= n * 0.6:
            return None
        return best

    def main_project(self, mentions: Sequence[Mention]) -> str | None:
        """The document's own project: the most named project that is no national programme."""
        national = {e.key for e in self.reference.by_kind("Project")}
        counts: Counter[str] = Counter()
        for m in mentions:
            if m.kind == "Project" and m.key not in national:
                # A project named in the opening passages (title page, first lines) is the
                # document's own; one named often later may be a neighbour.
                counts[m.key] += 4 if m.passage_index <= 1 else 1
        return counts.most_common(1)[0][0] if counts else None

    def heading_actors(self, ap: AnalysedPassage, heading: Heading,
                        local: Sequence[Mention]) -> tuple[tuple[str, str], ...] | None:
        """Who a section's passages speak of by default: the municipalities, else the
        organisation or project, that its heading names (the most specific kind); () for a
        heading that names none of them, None for what is no heading at all.

        An inline candidate is a heading only where one actor's name, in its base form, covers
        it (a parenthesis after the name may add a place): "Asikkala Asikkalan pilotissa ..."
        opens the section of Asikkala; "Lisäksi Asikkalassa ..." and "Siun Soten ..." are
        sentences. A title at the very start of the document names what the document is
        about, which the document's own project and region already stand for."""
        inside = [m for m in local if heading.start <= m.start and m.end <= heading.end
                  and m.kind in ("Municipality", "Organisation", "Project") and self.is_actor(m)]
        if heading.kind == "inline":
            name = re.sub(r"\s*\([^()]*\)$", "", heading.text)
            whole = [m for m in inside if m.start == heading.start
                     and m.end == heading.start + len(name) and self.base_form(m)]
            if not whole:
                return None
            inside = whole
        if ap.passage.start + heading.start == 0 and inside:
            # a document that opens with a town as a body ("PETÄJÄVEDEN KUNTA –
            # PERUSTURVALAUTAKUNTA 14.5.2019", "Kemin kaupunki / Perusturvalautakunta"): its
            # minutes speak of that town's own work
            text = ap.passage.text
            return tuple(dict.fromkeys(
                (m.kind, m.key) for m in inside if m.kind == "Municipality" and any(
                    _TOWN_BODIES.fullmatch(w) for w in text[m.end:m.end + 12].lower().split()[:1])))
        if not inside:
            return ()
        rank = {"Municipality": 0, "Organisation": 1, "Project": 2}
        best = min(rank[m.kind] for m in inside)
        return tuple(dict.fromkeys((m.kind, m.key) for m in inside if rank[m.kind] == best))

    def publisher(self, passages: Sequence[AnalysedPassage],
                  mentions: Sequence[Mention]) -> tuple[tuple[str, str], ...]:
        """The town whose own document this is: a short line among the document's first
        lines that opens with the town named as a body ("NOKIAN KAUPUNKI", "Korsholms kommun –
        nyhetsbrev", "Lieksan kaupunki › Ajankohtaista"); its minutes, newsletters and news
        speak of its own work where a sentence names nobody else. () when there is none."""
        for ap in passages:
            if ap.passage.start >= _OPENING:
                break
            text = ap.passage.text
            for line in re.finditer(r"[^\n]+", text[:max(0, _OPENING - ap.passage.start)]):
                if len(line.group().strip()) > _TITLE_LINE or line.group().rstrip()[-1:] in ".!?":
                    continue  # a sentence ("Kemin kaupungin työntekijät kertoivat ...") is no title
                lead = line.start() + len(line.group()) - len(line.group().lstrip("#* \t"))
                for m in mentions:
                    if (m.passage_index == ap.passage.index and m.start == lead
                            and m.kind == "Municipality" and self.is_actor(m)
                            and any(_PUBLISHER.fullmatch(w) for w in
                                    text[m.end:m.end + 12].lower().split()[:1])):
                        return (("Municipality", m.key),)
                # a name in capitals the linker leaves ("KORSHOLMS KOMMUN"): its genitive
                words = text[lead:line.end()].lower().split()[:2]
                if len(words) == 2 and _PUBLISHER.fullmatch(words[1]):
                    key = self._town_by_genitive().get(words[0])
                    if key is not None:
                        return (("Municipality", key),)
        return ()

    def _town_by_genitive(self) -> dict[str, str]:
        """Municipalities by the genitive of each label ("nokian", "korsholms")."""
        if self._genitives is None:
            self._genitives = {}
            for e in self.reference.by_kind("Municipality"):
                for label in self.reference.all_labels(e):
                    for form in (label.lower() + "n", label.lower() + "s"):
                        self._genitives.setdefault(form, e.key)
        return self._genitives

    def authority_referred(self, sent: Sentence, before: Sequence[Mention]) -> Mention | None:
        """The joint authority a word of its kind refers back to ("Kuntayhtymä on kouluttanut
        ...", "koulutettu kuntayhtymän alueella", "hyvinvointiyhtymä valmistelee"): the last
        acting organisation before the sentence (`before`, in document order) that is a joint
        authority or whose name ends in the word, the one named most often. A word in lower case
        (or the sentence's first) and in the singular; None where the sentence has no such word."""
        singular = [t for n, t in enumerate(sent.tokens)
                    if (t.text[:1].islower() or n == 0) and "Number=Plur" not in t.morph]
        words = [t.lemma.lower() for t in singular
                 if any(t.lemma.lower().endswith(w) for w in self.lex.authority_words)]
        # the head noun of a body named before, of its kind ("Satakunnan sairaanhoitopiiri" ...
        # "Sairaanhoitopiirin lastenpsykiatriassa"): that body, as "kuntayhtymä" is the
        # authority's (round 19)
        heads = head_words(before, self.is_actor)
        kinds = [t.lemma.lower() for t in singular if t.pos == "NOUN" and t.lemma.lower() in heads]
        if not words and not kinds:
            return None
        named = [m for m in before if m.kind == "Organisation" and self.is_actor(m) and (
            (words and (e := self.reference.get(m.kind, m.key)) is not None
             and e.cls == "JointAuthority")
            or any(m.label.lower().endswith(w) for w in (*words, *kinds)))]
        if not named:
            return None
        # the document's own authority, named most ("Essote" in Essote's minutes that also
        # name Sosteri); of as many, the one named last
        counts = Counter(m.key for m in named)
        return max(reversed(named), key=lambda m: counts[m.key])

    def town_referred(self, sent: Sentence, section: Sequence[tuple[str, str]],
                      before: Sequence[Mention] = ()) -> tuple[str, str] | None:
        """The one town of the section (or of the document, its publisher) that a word of its
        kind refers to ("kunnan varhaiskasvatuksessa", "kaupungin neuvoloissa"): a singular word of
        `town_words` in lower case (or the sentence's first); None where there is none or the
        section has not one town."""
        towns = [a for a in section if a[0] == "Municipality"]
        if len(towns) > 1 or not names_town_word(self.lex, sent):
            return None
        if towns:
            return towns[0]
        # outside a section of one town: the town the passage named last ("Savonlinnassa ... .
        # Essote ... . Kaupunki aikoo ...", "the city"), not a body named after it (round 19)
        return last_town([m for m in before if m.passage_index == sent.passage.passage.index
                          and m.end <= sent.start], self.is_actor)

    def base_form(self, m: Mention) -> bool:
        """The mention is written in its base form (a heading names, it does not inflect)."""
        surface = m.surface.lower()
        if surface == m.label.lower():
            return True
        entity = self.reference.get(m.kind, m.key)
        return entity is not None and surface in {label.lower() for label in
                                                  self.reference.all_labels(entity)}

    def is_actor(self, m: Mention) -> bool:
        # Generic groups written in lower case ("seurakunnat", "järjestöt") take part but do
        # not act on their own; national programmes are the frame, not the actor.
        if m.kind not in _ACTOR_KINDS or m.key in self.national:
            return False
        entity = self.reference.get(m.kind, m.key)
        if entity is None:
            return not (m.kind == "Organisation" and m.label[:1].islower())
        # Ministries are written in lower case too ("sosiaali- ja terveysministeriö").
        return not (m.kind == "Organisation" and entity.pref_fi[:1].islower()
                    and entity.cls != "Ministry")

    def actors(self, method: Mention, in_sent: Sequence[Mention], context: Mention | None,
                project: str | None, region: str | None, names_project: bool = False,
                section: Sequence[tuple[str, str]] = (), sent: Sentence | None = None,
                status: str | None = None, referred: Mention | None = None,
                town: tuple[str, str] | None = None
                ) -> tuple[list[tuple[str, str]], float]:
        """Who worked with the method: the most specific actors named in the sentence (all of a
        list of municipalities), else the joint authority a word of its kind refers back to
        (`referred`), else the nearest actor earlier in the passage, else the actor the
        section's heading names, else the document's project or region."""
        text = sent.passage.passage.text if sent is not None else ""
        actors = [m for m in in_sent if self.is_actor(m) and not (
            # "Päijät-Hämeen perhekeskusmalli": a region naming the model does not act (a
            # genitive; "Kainuussa Lapset puheeksi -menetelmää ..." says where it was done).
            m.kind == "Region" and method.start - m.end in (0, 1)
            and m.surface.lower().endswith("n"))
            and not comes_from(text, m, in_sent)
            and not partner_phrase(self.lex, text, m)
            and not (sent is not None and in_other_relative(sent, method, m))]
        if sent is not None and acting_bodies(sent, method, actors):
            # "Soite on kouluttanut 86 työntekijää ..., heistä Kaustiselta 19": the body acts,
            # the town says where its trainees came from
            actors = [m for m in actors if not from_where(sent, m)]
        if referred is not None and not actors:
            # "Kuntayhtymä aikoo koota ...", "koulutettu hankkeen aikana kuntayhtymän alueella":
            # the authority the word stands for, not the project or the town named last (not
            # where a place is named: "käytössä koko Päijät-Hämeessä, ... siirtyi yhtymälle")
            return [(referred.kind, referred.key)], 0.7
        if town is not None and not actors:
            # "kunnan varhaiskasvatuksessa otetaan ... käyttöön" in the town's own minutes: the
            # town, not the body the sentence before named
            return [town], 0.7
        if names_project and project and all(m.kind == "Region" for m in actors):
            # "Maakunnassa on hankkeen aikana koulutettu ...": the project did it.
            return [("Project", project)], 0.75
        if (project and actors and sent is not None and status != "planned"
                and all(m.kind == "Region" and in_illative(sent, m) for m in actors)):
            # "Kainuuseen muodostettiin kolme perheasemaa": what was brought into the region,
            # its project made (as "Maakuntaan avattiin 11 kohtaamispaikkaa", names_the_region)
            return [("Project", project)], 0.7
        if actors:
            rank = {"Municipality": 0, "Organisation": 1, "Project": 2, "Region": 3}
            best = min(rank[m.kind] for m in actors)
            chosen = [m for m in actors if rank[m.kind] == best]
            if sent is not None:
                # "Tampereen yliopiston ... tutkimusryhmän (Sparg)": the unit, not its owner
                chosen = [m for m in chosen
                          if not any(o is not m and owns(sent, m, o) for o in chosen)]
            # "Kuhmossa koulutettiin ... LP-menetelmään, ja Suomussalmella on kokeiltu ...": of
            # the places of joined clauses, the one in the method's own clause
            own = same_clause(sent, method, chosen) if sent is not None else []
            near = min(chosen, key=lambda m: (m not in own, abs(m.start - method.start)))
            if best == 0 and len(chosen) >= 2:
                # "Juvalla ja Puumalassa", "Lieto, Raisio, Kaarina": the list the nearest
                # municipality stands in; not a town named in another phrase ("Asikkalassa
                # alkoi ryhmä, joka toteutetaan Lahden ensi- ja turvakodin kanssa"). The towns
                # written as one run with it ("Eura, Säkylä and Huittinen") are in the list
                # whatever the parse says (round 19).
                listed = same_clause(sent, near, chosen) if sent is not None else chosen
                run = coordinated_run(text, near, chosen) if text else []
                chosen = [m for m in chosen if m in listed or m in run]
            acting = acting_bodies(sent, method, actors) if best == 0 and sent else []
            if acting and not own and in_other_clauses(sent, method, chosen):
                # "Siun sote perustaa neljä perhekeskusta, ja Lieksa kuuluu ...": the body acts
                # in the method's clause, the towns are named in another clause
                return list(dict.fromkeys((m.kind, m.key) for m in acting)), 0.85
            if best == 0 and len(chosen) >= 2:
                return list(dict.fromkeys((m.kind, m.key) for m in chosen + acting)), 0.75
            return list(dict.fromkeys((m.kind, m.key) for m in [near] + acting)), 0.85
        if region and sent is not None and names_the_region(sent, method, status == "planned",
                                                            self.lex):
            return [("Region", region)], 0.6  # "laajennetaan koko maakuntaan"
        if context is not None:
            return [(context.kind, context.key)], 0.65
        if section:
            return list(section), 0.65
        if project:
            return [("Project", project)], 0.6
        if region:
            return [("Region", region)], 0.55
        return [], 0.0

    def partner(self, m: Mention, project: str, text: str, involved: bool = False) -> bool:
        """Who can work with a project: an organisation, a city named as a body ("Kemin
        kaupunki"), or another regional project ("yhteistyössä Revontuli-hankkeen kanssa").
        `involved`: the mention is a participant of a taking-part clause ("Kehittämistyöhön
        sitoutuivat Karkkila, Vihti ja Hanko"), where a bare town's name names the town as a
        body too."""
        if m.kind == "Project":
            return m.key != project and m.key not in self.national
        if m.kind == "Municipality" and involved:
            return self.is_actor(m)
        if m.kind == "Municipality":
            after = text[m.end:m.end + 12].lower().split()
            named = [*m.surface.lower().split()[1:], *after[:1]]
            return (any(_TOWN_BODIES.fullmatch(w) for w in named) or bool(
                _TOWN_BEFORE.search(text[max(0, m.start - 20):m.start]))) and self.is_actor(m)
        return m.kind == "Organisation" and self.is_actor(m)

    def national_bodies_only(self, in_sent: Sequence[Mention]) -> bool:
        """The sentence names organisations, all of them national (no region of their own) and
        none of them an NGO: an NGO still works with the regional projects ("Pesäpuu ry
        kehitti yhdessä hankkeen kanssa")."""
        bodies = [m for m in in_sent if m.kind in ("Organisation", "Municipality")
                  and self.is_actor(m)]
        return bool(bodies) and all(
            m.kind == "Organisation" and (e := self.reference.get(m.kind, m.key)) is not None
            and (m.kind, m.key) not in self._region_of and e.cls != "NGO" for m in bodies)

