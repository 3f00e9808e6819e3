"""Relation extraction by rules over lemmas, linked mentions and sentence context, with provenance."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ingest.records import AnalysedPassage, Document, Fact, Mention, Token
from ontology.reference import ReferenceData

# Status of an actor's work with a method, read from the lemmas near the method's mention.
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "piloted": ("kokeilla", "kokeilu", "pilotoida", "pilotointi", "pilotti", "testata", "kokeiltu"),
    "implemented": ("käyttöön", "käytössä", "käyttöönotto", "juurruttaa", "juurruttaminen",
                    "vakiinnuttaa", "vakiinnuttaminen", "ottaa", "käyttää", "toteuttaa", "aloittaa",
                    "avata", "avautua", "vakiintua", "vakiintunut", "kokoontua", "toimia"),
    "trained": ("kouluttaa", "koulutus", "koulutettu", "valmentaa", "valmennus", "koulutuspäivä"),
    "planned": ("suunnitella", "suunnitelma", "valmistella", "aikoa", "tavoite", "tarkoitus"),
    "created": ("luoda", "kehittää", "kehittäminen", "laatia", "rakentaa", "muodostaa",
                "muodostaminen", "kehitys", "kehittyä"),
}
_STATUS_ORDER = ("piloted", "trained", "implemented", "created", "planned")
_ACTOR_KINDS = ("Organisation", "Municipality", "Project", "Region")
_ADMIN_CUES = ("hallinnoija", "hallinnoida", "hallinnointi", "hallinnoi", "koordinoida",
               "koordinoima")
_PARTNER_CUES = ("konsortio", "hankekonsortio", "kumppani", "osatoteuttaja", "yhteistyökumppani")
_FUNDING_CUES = ("rahoitus", "valtionavustus", "avustus", "myöntää", "budjetti", "rahoittaa",
                 "myönnetty")
_NATIONAL = ("valtakunnallisesti", "valtakunnallinen", "kansallisesti")
_RESULT_VERBS = ("aloittaa", "avata", "perustaa", "käynnistyä", "käynnistää", "rekrytoida",
                 "tavoittaa", "osallistua", "valmistua", "avautua", "toimia", "kouluttaa",
                 "kuulla", "vastata", "soittaa", "hyväksyä", "käydä", "tavata", "kohdata",
                 "postittaa", "tuottaa", "jakaa", "julkaista", "kuvata", "tehdä")
_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka",
           "marras", "joulu")
_DATE_ANY = re.compile(r"\b(\d{1,2})\.\s?(?:(\d{1,2})\.|(" + "|".join(_MONTHS)
                       + r")kuuta\s)\s?(\d{4})\b", re.IGNORECASE)
_ROLE_GAP = re.compile(r"[\s,:–-]*(?:(?:on|oli|toimi|toimii|jatkaa|jatkoi|aloitti|toimivat|ovat)"
                       r"\s+)?")
_NUMBER_WORDS = {"yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6,
                 "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10}
_EUR = re.compile(
    r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?)\s*(milj(?:\.|oonaa|oona)?|miljoonaa|M)?\s*(euroa|€|e\b)",
    re.IGNORECASE)


@dataclass(frozen=True)
class _Sentence:
    passage: AnalysedPassage
    index: int
    tokens: tuple[Token, ...]
    start: int
    end: int

    @property
    def lemmas(self) -> set[str]:
        return {t.lemma.lower() for t in self.tokens} | {t.text.lower() for t in self.tokens}

    @property
    def text(self) -> str:
        return self.passage.passage.text[self.start:self.end]


def _sentences(ap: AnalysedPassage) -> Iterator[_Sentence]:
    groups: dict[int, list[Token]] = {}
    for tok in ap.tokens:
        groups.setdefault(tok.sent, []).append(tok)
    for index, toks in sorted(groups.items()):
        yield _Sentence(ap, index, tuple(toks), toks[0].start, toks[-1].end)


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 < y < 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _without_admin_partners(facts: Iterable[Fact]) -> Iterator[Fact]:
    """A project's administrator is not also its partner."""
    facts = list(facts)
    admins = {(f.subject_key, f.object_key) for f in facts if f.predicate == "administeredBy"}
    for f in facts:
        if not (f.predicate == "partner" and (f.subject_key, f.object_key) in admins):
            yield f


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Dates as (start, end, ISO): "1.12.2018" and "15. maaliskuuta 2017"."""
    found = []
    for m in _DATE_ANY.finditer(text):
        month = m.group(2) or str(_MONTHS.index(m.group(3).lower()) + 1)
        iso = _iso(m.group(1), month, m.group(4))
        if iso:
            found.append((m.start(), m.end(), iso))
    return found


def parse_eur(number: str, scale: str | None) -> float:
    value = float(number.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return value * 1_000_000 if scale else value


class FactExtractor:
    """Rules that are general to LAPE-style reports; nothing here names a particular region."""

    def __init__(self, reference: ReferenceData) -> None:
        self.reference = reference
        self._region_by_label = {}
        for entity in reference.by_kind("Region"):
            for label in reference.all_labels(entity):
                self._region_by_label[label.lower()] = entity.key
        self._national = {e.key for e in reference.by_kind("Project")}
        # The national reform the reports belong to: the first programme of the reference data.
        self._programme = next((e.key for e in reference.by_kind("Project")), None)
        self._region_of = {(e.kind, e.key): e.region_code for e in reference.entities
                           if e.region_code}

    # --- document context ------------------------------------------------------------------
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

    # --- extraction ---------------------------------------------------------------------------
    def extract(self, document: Document, passages: Sequence[AnalysedPassage],
                mentions: Sequence[Mention]) -> Iterator[Fact]:
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
            p_mentions = [m for m in mentions if m.kind == "Project" and m.key == project]
            first = p_mentions[0]
            yield Fact("Project", project, "inRegion", "Region", region, None, document.key,
                       first.passage_index, first.start, first.end, "context:main-project", 0.8)
        yield from _without_admin_partners(self._extract(document, passages, region, project,
                                                         by_passage, first_project_passage))

    def _extract(self, document: Document, passages: Sequence[AnalysedPassage],
                 region: str | None, project: str | None,
                 by_passage: dict[int, list[Mention]], first_project_passage: int
                 ) -> Iterator[Fact]:
        seen: set[tuple] = set()
        for ap in passages:
            local = by_passage.get(ap.passage.index, [])
            carried: list[Mention] = []
            context: Mention | None = None
            for sent in _sentences(ap):
                in_sent = [m for m in local if sent.start <= m.start < sent.end + 1]
                facts = list(self._sentence_facts(document, sent, in_sent, project, region,
                                                  ap.passage.index >= first_project_passage,
                                                  carried, context, local))
                carried = [m for m in in_sent if m.kind == "Method"]
                for m in in_sent:
                    if m.kind in ("Municipality", "Organisation") and self._is_actor(m):
                        context = m
                for fact in facts:
                    key = (fact.subject_kind, fact.subject_key, fact.predicate, fact.object_key,
                           fact.value)
                    if key not in seen:
                        seen.add(key)
                        yield fact
            # Roles sit beside names across line breaks ("Perhekeskuskoordinaattori\nSuvi Pokela"),
            # which the sentence splitter cuts: look at the whole passage.
            if ap.tokens:
                whole = _Sentence(ap, 0, ap.tokens, 0, len(ap.passage.text))
                for fact in self._roles(document, whole, local):
                    key = (fact.subject_key, fact.predicate, fact.extra)
                    if key not in seen:
                        seen.add(key)
                        yield fact

    def _fact(self, doc: Document, sent: _Sentence, subject: tuple[str, str], predicate: str,
              obj: tuple[str, str] | None, value: str | float | None, extractor: str,
              confidence: float, span: tuple[int, int] | None = None,
              extra: Iterable[tuple[str, str]] = ()) -> Fact:
        start, end = span or (sent.start, sent.end)
        return Fact(subject[0], subject[1], predicate, obj[0] if obj else None,
                    obj[1] if obj else None, value, doc.key, sent.passage.passage.index, start, end,
                    extractor, confidence, tuple(extra))

    def _is_actor(self, m: Mention) -> bool:
        # Generic groups written in lower case ("seurakunnat", "järjestöt") take part but do
        # not act on their own; national programmes are the frame, not the actor.
        return (m.kind in _ACTOR_KINDS and m.key not in self._national
                and not (m.kind == "Organisation" and m.label[:1].islower()))

    def _actors(self, method: Mention, in_sent: Sequence[Mention], context: Mention | None,
                project: str | None, region: str | None
                ) -> tuple[list[tuple[str, str]], float]:
        """Who worked with the method: the most specific actors named in the sentence (all of a
        list of municipalities), else the nearest actor earlier in the passage, else the
        document's project or region."""
        actors = [m for m in in_sent if self._is_actor(m)]
        if actors:
            rank = {"Municipality": 0, "Organisation": 1, "Project": 2, "Region": 3}
            best = min(rank[m.kind] for m in actors)
            chosen = [m for m in actors if rank[m.kind] == best]
            if best == 0 and len(chosen) >= 2:  # "Juvalla ja Puumalassa", "Lieto, Raisio, Kaarina"
                return list(dict.fromkeys((m.kind, m.key) for m in chosen)), 0.75
            near = min(chosen, key=lambda m: abs(m.start - method.start))
            return [(near.kind, near.key)], 0.85
        if context is not None:
            return [(context.kind, context.key)], 0.65
        if project:
            return [("Project", project)], 0.6
        if region:
            return [("Region", region)], 0.55
        return [], 0.0

    def _status(self, sent: _Sentence, method: Mention) -> str | None:
        found: list[tuple[int, int, str]] = []
        for tok in sent.tokens:
            forms = {tok.lemma.lower(), tok.text.lower()}
            for status, cues in STATUS_CUES.items():
                if forms & set(cues) or any(tok.lemma.lower().endswith(c) and len(c) > 5
                                            for c in cues):
                    found.append((abs(tok.start - method.start), _STATUS_ORDER.index(status),
                                  status))
        return min(found)[2] if found else None

    def _sentence_facts(self, doc: Document, sent: _Sentence, in_sent: list[Mention],
                        project: str | None, region: str | None, after_project: bool,
                        carried: list[Mention], context: Mention | None,
                        passage_mentions: Sequence[Mention] = ()) -> Iterator[Fact]:
        lemmas = sent.lemmas
        local_projects = [m for m in in_sent if m.kind == "Project" and m.key not in self._national]
        in_passage = [m for m in passage_mentions if m.kind == "Project"]
        local_in_passage = [m for m in in_passage if m.key not in self._national]
        if local_projects:
            subject_project = local_projects[0].key
        elif local_in_passage:
            # The passage's own project, named in its heading or an earlier line.
            subject_project = min(local_in_passage, key=lambda m: abs(m.start - sent.start)).key
        elif in_passage or lemmas & set(_NATIONAL):
            # A passage about the national programme ("LAPE", "valtakunnallisesti") speaks of
            # it, not of the document's own project.
            subject_project = in_passage[0].key if in_passage else self._programme
        else:
            subject_project = project
        # Methods and their status; a sentence with a status verb but no method continues the
        # method of the sentence before ("käynnistettiin pilotteja: Lieto, Raisio, ...").
        methods = [m for m in in_sent if m.kind == "Method"] or carried
        for method in methods:
            status = self._status(sent, method)
            if status is None:
                continue
            actors, confidence = self._actors(method, in_sent, context, project, region)
            if method not in in_sent:
                confidence = min(confidence, 0.6)
            for actor in actors:
                yield self._fact(doc, sent, actor, status, ("Method", method.key), None,
                                 "rule:method-status", confidence)
        if subject_project is None:
            return
        proj = ("Project", subject_project)
        # Administering organisation.
        if lemmas & set(_ADMIN_CUES):
            cue = next(t for t in sent.tokens if {t.lemma.lower(), t.text.lower()} & set(_ADMIN_CUES))
            bodies = [m for m in in_sent if m.kind in ("Organisation", "Municipality")
                      and self._is_actor(m)]
            if bodies:
                m = min(bodies, key=lambda b: abs(b.start - cue.start))
                yield self._fact(doc, sent, proj, "administeredBy", (m.kind, m.key), None,
                                 "rule:administered-by", 0.85, (m.start, m.end))
        # Partners of a consortium.
        together = bool(lemmas & {"yhteistyö", "yhteistyössä", "yhdessä", "yhteistyötä"}) and (
            "kanssa" in lemmas)
        if (lemmas & set(_PARTNER_CUES) or any(lem.endswith("konsortio") for lem in lemmas)
                or together):
            for m in in_sent:
                if m.kind == "Organisation" and self._is_actor(m):
                    yield self._fact(doc, sent, proj, "partner", (m.kind, m.key), None,
                                     "rule:partner", 0.8, (m.start, m.end))
        # Funding in euros.
        if lemmas & set(_FUNDING_CUES):
            for match in _EUR.finditer(sent.text):
                amount = parse_eur(match.group(1), match.group(2))
                if amount >= 1000:
                    span = (sent.start + match.start(), sent.start + match.end())
                    yield self._fact(doc, sent, proj, "fundingAmount", None, amount,
                                     "rule:funding", 0.85, span)
        # Project period: "Hankeaika: 1.3.2017-31.12.2018", "Hanke käynnistyi 15. maaliskuuta 2017".
        dates = find_dates(sent.text)
        period = lemmas & {"hankeaika", "toteutusaika", "kesto", "aika", "hankekausi"}
        for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:], strict=False):
            if period and re.fullmatch(r"\s*[-–]\s*", sent.text[e1:s2]):
                span = (sent.start + s1, sent.start + e2)
                yield self._fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.8, span)
                yield self._fact(doc, sent, proj, "endDate", None, d2, "rule:period", 0.8, span)
        if len(dates) == 1:
            s1, e1, d1 = dates[0]
            hanke = any(t.lemma.lower() in ("hanke", "hankeaika") for t in sent.tokens)
            if hanke and lemmas & {"käynnistyä", "alkaa", "aloittaa"}:
                yield self._fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.7,
                                 (sent.start + s1, sent.start + e1))
            elif hanke and lemmas & {"päättyä", "loppua"}:
                yield self._fact(doc, sent, proj, "endDate", None, d1, "rule:period", 0.7,
                                 (sent.start + s1, sent.start + e1))
        # Quantified results: "Neljä alueellista perhekeskusta on aloittanut toimintansa 1.12.2018."
        counted = re.search(r"\b\d[\d ]*\s?kpl\b", sent.text) is not None
        if after_project and (lemmas & set(_RESULT_VERBS) or counted):
            quantity = self._quantity(sent)
            dates = find_dates(sent.text)
            if quantity is not None or (dates and not period):
                extra = [("quantity", str(quantity[0]))] if quantity is not None else []
                if dates:
                    extra.append(("date", dates[0][2]))
                methods = [m.key for m in in_sent if m.kind == "Method"]
                if methods:
                    extra.append(("method", methods[0]))
                yield self._fact(doc, sent, proj, "hasResult", None, sent.text.strip(),
                                 "rule:result", 0.7, None, extra)
        # Roles of persons: "LAPE-muutosagentti Mikko Hulkkonen", "Perhekeskuskoordinaattori\nSuvi Pokela".

    @staticmethod
    def _quantity(sent: _Sentence) -> tuple[float, int] | None:
        for i, tok in enumerate(sent.tokens):
            low = tok.text.lower()
            if low in _NUMBER_WORDS:
                return float(_NUMBER_WORDS[low]), i
            if re.fullmatch(r"\d{1,6}(/\d{1,6})?", tok.text) and not re.fullmatch(
                    r"(19|20)\d\d", tok.text):
                nxt = sent.tokens[i + 1].text if i + 1 < len(sent.tokens) else ""
                if nxt == "." or nxt.startswith("."):
                    continue  # a date or list number, not a quantity
                value = tok.text.split("/")[0]
                # "1 300": thousands written with a space are split into two tokens.
                if re.fullmatch(r"\d{3}", nxt) and len(value) <= 3:
                    value += nxt
                return float(value), i
        return None

    def _roles(self, doc: Document, sent: _Sentence, in_sent: list[Mention]) -> Iterator[Fact]:
        persons = [m for m in in_sent if m.kind == "Person"]
        roles = [m for m in in_sent if m.kind == "Role"]
        text = sent.passage.passage.text
        previous: tuple[Mention, Mention] | None = None  # (role, person) just assigned
        for person in sorted(persons, key=lambda m: m.start):
            near = [r for r in roles
                    if (r.end <= person.start and _ROLE_GAP.fullmatch(text[r.end:person.start]))
                    or (r.start >= person.end and re.fullmatch(r"[ \t,]*", text[person.end:r.start]))]
            if not near and previous is not None and re.fullmatch(
                    r"\s*(,|ja|sekä|and)\s*", text[previous[1].end:person.start]):
                near = [previous[0]]  # "sihteereiksi Marita Moisander-Pohjonen ja Elina Stenvall"
            if not near:
                continue
            role = near[0]
            previous = (role, person)
            extra = [("role", role.key)]
            context = [m for m in in_sent if m.kind in ("Organisation", "Project", "Region")
                       and m.end <= role.start and role.start - m.end < 40]
            if context:
                extra += [("in_kind", context[-1].kind), ("in_key", context[-1].key)]
            yield self._fact(doc, sent, ("Person", person.key), "hasRole", None, None,
                             "rule:role", 0.8, (min(role.start, person.start),
                                                max(role.end, person.end)), extra)


