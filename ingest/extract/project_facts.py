"""A project's own facts read from one sentence: which project it speaks of, its administrator,
partners, funding (ingest/extract/funding.py) and period."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.extract.actors import ActorRules
from ingest.extract.dates import RANGE_GAP, dateline, find_dates
from ingest.extract.facts import make_fact
from ingest.extract.funding import FundingRules
from ingest.extract.involvement import (
    answers_for_part,
    answers_for_project,
    involved_bodies,
    labelled_list,
    named_by_head_word,
    names_work,
    nominative,
    others_cooperation,
    verb_on_project,
    with_the_project,
    worked_with,
)
from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.syntax import clause_head, positions, verb_of
from ingest.project_identity import REGION_PROJECT
from ingest.records import Document, Fact, Mention, Token


def _regional(lex: Lexicon, sent: Sentence, start: int) -> bool:
    """A word right before the project word at `start` makes it the region's ("maakunnallinen
    LAPE-hanke", "maakunnan LAPE-hankkeen", "landskapets LAPE-projekt")."""
    before = [t for t in sent.tokens if t.end <= start]
    return bool(before) and bool({before[-1].lemma.lower(), before[-1].text.lower()} & set(
        lex.regional_words))


def _own_project_word(lemmas: set[str]) -> bool:
    """ "Hanke", or the project's consortium or one of its sub-projects ("Hankekonsortioon
    kuuluu kärkihankkeen lisäksi omalla osahankkeella X"): the document's own project, which a
    consortium always is, even beside the programme's "kärkihanke"."""
    return "hanke" in lemmas or any(lem.endswith(("konsortio", "osahanke")) for lem in lemmas)


def _governs_clause(sent: Sentence, tok: Token) -> bool:
    """The token is a verb with a complement clause or infinitive of its own ("päätti, että
    ...", "päätti lähteä"): a verb of deciding or saying."""
    if tok.pos not in ("VERB", "AUX") or not sent.heads:
        return False
    k = next((sent.first + i for i, t in enumerate(sent.tokens) if t is tok), None)
    return k is not None and any(
        sent.heads[j] == k and j != k and sent.passage.tokens[j].dep.split(":")[0] in (
            "ccomp", "xcomp") for j in range(sent.first, sent.first + len(sent.tokens)))


def _cue_near(sent: Sentence, dates: Sequence[tuple[int, int, str]], n: int,
              starts: Sequence[str], ends: Sequence[str]) -> str | None:
    """startDate or endDate for the n-th date of the sentence by the start or end word nearest
    before it since the previous date ("inleddes den 1 mars 2017 och avslutas den 31 december
    2018", "started on 1 February 2017 and will close ... on 31 December 2018"), or an end
    postposition right after it ("31.12.2018 saakka"); None when neither is there."""
    begin = dates[n - 1][1] if n else 0
    s1, e1 = dates[n][0], dates[n][1]
    after = [t for t in sent.tokens if sent.start + e1 <= t.start][:1]
    if any({t.lemma.lower(), t.text.lower()} & set(ends) for t in after):
        return "endDate"
    found = None
    for t in sent.tokens:
        if sent.start + begin <= t.start < sent.start + s1 and not _governs_clause(sent, t):
            forms = {t.lemma.lower(), t.text.lower()}
            found = ("startDate" if forms & set(starts) else "endDate" if forms & set(ends)
                     else found)
    return found


def started_by_another(lex: Lexicon, sent: Sentence, offset: int,
                       mentions: Sequence[Mention]) -> bool:
    """The verb the date at passage offset `offset` belongs to has a subject that is not the
    project ("Nokian perhekeskuspilotti aloittaa 1.4.2018", "muutosagentin tehtävä jatkuu
    31.12.2019 saakka", "Kymsote aloitti 1.1.2019"): the date is that thing's start or end. The
    project's own subjects: a project or period word at the end of a compound ("hanke",
    "hankekausi"), a word of the project's work (`own-work-words`), the project named or the
    last word of its name ("Akatemia käynnistyy"); a name the text does not tell as another
    body (a bare proper noun) is given the benefit of the doubt. Finnish parses only."""
    from ingest.language import detect_language

    if not sent.heads or detect_language(sent.text) != "fi":
        return False
    k = next((j for j in positions(sent) if sent.passage.tokens[j].start >= offset), None)
    if k is None:
        return False
    head = clause_head(sent, k)
    tokens = sent.passage.tokens
    if tokens[head].pos not in ("VERB", "AUX"):
        return False
    subjects = [j for j in positions(sent) if j != head and sent.heads[j] == head
                and tokens[j].dep.startswith("nsubj")]
    if not subjects:
        return False
    subj = tokens[subjects[0]]
    named = [m for m in mentions if m.start <= subj.start < max(m.end, m.start + 1)]
    if any(m.kind == "Project" for m in named):
        return False
    if named:
        return True  # a body, a place or a person the text names
    if subj.pos != "NOUN":
        return False
    forms = (subj.lemma.lower(), subj.text.lower())
    heads = {re.split(r"[-\s]", m.label)[-1].lower() for m in mentions if m.kind == "Project"}
    if heads & set(forms):
        return False  # "LAPE-Akatemia ... Akatemia käynnistyy 20.3.2019": the project's name
    own = tuple(lex.project_words) + tuple(lex.period_words) + tuple(lex.own_work_words)
    return not any(f.endswith(own) for f in forms)


class ProjectFactRules:
    """Administrator, partners, funding and period of the project a sentence speaks of."""

    def __init__(self, lex: Lexicon, actors: ActorRules) -> None:
        self.lex = lex
        self.actors = actors
        self.funding = FundingRules(lex)

    def subject_project(self, sent: Sentence, in_sent: Sequence[Mention],
                        passage_mentions: Sequence[Mention], project: str | None
                        ) -> tuple[str | None, str | None]:
        """The project the sentence's project facts belong to, and the project its funding
        goes to."""
        national = self.actors.national
        programme = self.actors.programme
        # the region's project a document that names none reports (ingest/project_identity.py)
        # stands behind "hanke" as the document's own project does, not as a project named here
        in_sent = [m for m in in_sent if m.source != REGION_PROJECT]
        passage_mentions = [m for m in passage_mentions if m.source != REGION_PROJECT]
        local_projects = [m for m in in_sent if m.kind == "Project" and m.key not in national]
        in_passage = [m for m in passage_mentions if m.kind == "Project"]
        local_in_passage = [m for m in in_passage if m.key not in national]
        regional = project is not None and (any(
            m.kind == "Project" and m.key in national and _regional(self.lex, sent, m.start)
            for m in in_sent) or any(
            t.lemma.lower().endswith(("hanke", "projekt", "project"))
            and _regional(self.lex, sent, t.start) for t in sent.tokens))
        if local_projects:
            subject = local_projects[0].key
        elif regional:
            # "Maakunnallinen LAPE-hanke päättyi 31.12.2018": the region's project, the
            # document's own, named by the programme's name and a word that makes it regional
            subject = project
        elif local_in_passage:
            # The passage's own project, named in its heading or an earlier line.
            subject = min(local_in_passage, key=lambda m: abs(m.start - sent.start)).key
        elif project and not any(m.kind == "Project" for m in in_sent) and not (
                sent.lemmas & set(self.lex.national)) and _own_project_word(sent.lemmas) and not (
                self.actors.national_bodies_only(in_sent)):
            # "Hanketta hallinnoi X", "Hankkeen kokonaisbudjetti oli ...": "the project" is the
            # document's own, even in a passage that names the programme it belongs to (but a
            # ministry "answers for the project" of a passage about the programme)
            subject = project
        elif in_passage or sent.lemmas & set(self.lex.national):
            # A passage about the national programme ("LAPE", "valtakunnallisesti") speaks of
            # it, not of the document's own project.
            subject = in_passage[0].key if in_passage else programme
        elif self.actors.national_bodies_only(in_sent):
            # Ministries and national agencies named without a regional project ("Työtä tehdään
            # yhdessä OKM:n, THL:n ... kanssa") work with the national programme.
            subject = programme
        else:
            subject = project
        # A sum the sentence says is national is the programme's ("Valtakunnallisesti ...
        # rahoitus oli 40 miljoonaa euroa"); a ministry's grant ("Rahoitus: STM:n avustus") or a
        # sum a passage about the programme gives without saying it is national
        # ("LAPE-muutostyöhön myönnettiin ...") goes to the document's own project.
        if local_projects or regional:
            funded = subject
        elif sent.lemmas & set(self.lex.national):
            funded = programme
        elif subject == programme and project:
            funded = project
        else:
            funded = subject
        return subject, funded

    def facts(self, doc: Document, sent: Sentence, in_sent: Sequence[Mention],
              passage_mentions: Sequence[Mention], subject_project: str, funded: str | None,
              earlier: Sequence[Mention] = ()) -> Iterator[Fact]:
        """`earlier`: the mentions of the document's earlier passages."""
        before = [*earlier, *(m for m in passage_mentions if m.end <= sent.start)]
        yield from self._administrator(doc, sent, in_sent, subject_project, before)
        yield from self._partners(doc, sent, in_sent, subject_project, before)
        if funded is not None:
            yield from self.funding.facts(doc, sent, funded)
        yield from self.period(doc, sent, passage_mentions, subject_project)

    def _administrator(self, doc: Document, sent: Sentence, in_sent: Sequence[Mention],
                       subject_project: str, before: Sequence[Mention] = ()
                       ) -> Iterator[Fact]:
        """ "hallinnoija", "koordinoima", "Hankkeesta vastaa X": the nearest acting body; a
        body word in lower case with no body named ("vastuuorganisaationa toimii kuntayhtymä
        itse") is the body of that kind the document named last (`before`: the mentions before
        the sentence, in order)."""
        cues = set(self.lex.admin_cues)
        cue: Token | None = next((t for t in sent.tokens
                                  if {t.lemma.lower(), t.text.lower()} & cues),
                                 None) or answers_for_project(self.lex, sent, in_sent) or (
            verb_on_project(self.lex, sent, in_sent))
        if cue is None:
            return
        # a ministry steers or funds a regional project ("Hanketta koordinoi sosiaali- ja
        # terveysministeriö"); it administers only the national programme
        bodies = [m for m in in_sent if m.kind in ("Organisation", "Municipality")
                  and self.actors.is_actor(m) and not (
                      subject_project not in self.actors.national and self._ministry(m))]
        if bodies:
            m = min(bodies, key=lambda b: abs(b.start - cue.start))
            yield make_fact(doc, sent, ("Project", subject_project), "administeredBy",
                            (m.kind, m.key), None, "rule:administered-by", 0.85, (m.start, m.end))
            return
        # only a word that names the administrator's post refers back ("vastuuorganisaationa
        # toimii kuntayhtymä itse"), not "vastata" ("Kuntayhtymä vastaa hankkeessa ... osuudesta"
        # answers for a part)
        named_post = any({t.lemma.lower(), t.text.lower()} & cues for t in sent.tokens)
        body = self._body_referred_to(sent, before) if named_post else None
        if body is not None:
            yield make_fact(doc, sent, ("Project", subject_project), "administeredBy",
                            (body.kind, body.key), None, "rule:administered-by", 0.7)

    def _body_referred_to(self, sent: Sentence, before: Sequence[Mention]) -> Mention | None:
        """The body a lower-case body word of the sentence refers back to ("kuntayhtymä" →
        "Päijät-Hämeen hyvinvointikuntayhtymä", "kaupunki" → the town named last): the last
        acting body before the sentence whose name ends in that word, or a town for "kaupunki"
        and "kunta"."""
        # the body word itself in the nominative, not a genitive on another noun ("kuntien
        # osuudesta"); lower case but for the sentence's first word
        words = [t.lemma.lower() for n, t in enumerate(sent.tokens)
                 if (t.text[:1].islower() or n == 0) and "Case=Nom" in t.morph
                 and t.lemma.lower() in self.lex.body_words]
        if not words:
            return None
        bodies = [m for m in before if self.actors.is_actor(m)
                  and m.kind in ("Organisation", "Municipality")]
        for m in reversed(bodies):
            if any((m.kind == "Organisation" and (m.label.lower().endswith(w)
                                                  or self._joint_authority(m, w)))
                   or (m.kind == "Municipality" and w in ("kaupunki", "kunta"))
                   for w in words):
                return m
        return None

    def _ministry(self, m: Mention) -> bool:
        entity = self.actors.reference.get(m.kind, m.key)
        return entity is not None and entity.cls == "Ministry"

    def _joint_authority(self, m: Mention, word: str) -> bool:
        """ "Kuntayhtymä" refers back to a joint municipal authority named by a name that does
        not end in the word ("Etelä-Karjalan sosiaali- ja terveyspiiri", "Eksote"): the
        reference data's class says what it is."""
        entity = self.actors.reference.get(m.kind, m.key)
        return word in ("kuntayhtymä", "yhtymä") and entity is not None and (
            entity.cls == "JointAuthority")

    def _partners(self, doc: Document, sent: Sentence, in_sent: Sequence[Mention],
                  subject_project: str, before: Sequence[Mention] = ()) -> Iterator[Fact]:
        """Partners of a consortium; "yhteistyössä X:n kanssa", a compound counts
        ("Järjestöyhteistyötä tehtiin X:n kanssa")."""
        lemmas = sent.lemmas
        proj = ("Project", subject_project)
        text = sent.passage.passage.text
        together = bool(lemmas & set(self.lex.cooperation) or any(
            lem.endswith("yhteistyö") for lem in lemmas)) and bool(
            lemmas & set(self.lex.with_words))
        # "Hankkeessa / Kehittämistyössä ovat mukana A ja B": the project or its work named
        # (not the programme's "kärkihanke"), the bodies in the clause of "mukana"
        # ... or joined it ("mukaan lähtivät myös A ja B")
        joined = "mukaan" in lemmas and bool(lemmas & set(self.lex.join_verbs))
        involved = involved_bodies(self.lex, sent, in_sent) if joined or any(
            names_work(self.lex, lem) for lem in lemmas) else []
        # a town taking part under its bare name, in the nominative ("Kehittämistyöhön
        # sitoutuivat Karkkila, Vihti ja Hanko"), is a body of the project, not a place
        participants = [m for m in involved if nominative(sent, m)]
        others = others_cooperation(self.lex, sent, in_sent)
        involved += [] if others else worked_with(self.lex, sent, in_sent)
        involved += with_the_project(self.lex, sent, in_sent)
        # a compound of a partner word is one too ("Hankekumppaneina ovat olleet A ja B",
        # "kehittämiskumppani", "samarbetspartner")
        cued = (any(lem.endswith(self.lex.partner_cues) for lem in lemmas)
                or (together and not others)
                or any(lem.endswith("konsortio") for lem in lemmas)
                or labelled_list(self.lex.taking_part, sent))
        if cued or involved:
            for m in in_sent:
                if m.kind == "Organisation" and subject_project not in self.actors.national \
                        and self._ministry(m):
                    continue  # a ministry funds or steers a regional project, no partner
                if (cued or m in involved) and self.actors.partner(
                        m, subject_project, text, involved=m in participants):
                    yield make_fact(doc, sent, proj, "partner", (m.kind, m.key), None,
                                    "rule:partner", 0.8, (m.start, m.end))
        # a partner word with no body named but a lower-case body word ("Kaupunki toimi
        # hankkeessa osatoteuttajana", "jossa kaupunki on ollut mukana osatoteuttajana"): the
        # body of that kind named before
        if any(lem.endswith(self.lex.partner_cues) for lem in lemmas) and not any(
                m.kind in ("Organisation", "Municipality") for m in in_sent):
            body = self._body_referred_to(sent, before)
            if body is not None and body.key != subject_project:
                yield make_fact(doc, sent, proj, "partner", (body.kind, body.key), None,
                                "rule:partner", 0.7)
        for m in answers_for_part(self.lex, sent, in_sent):
            if self.actors.partner(m, subject_project, text):
                yield make_fact(doc, sent, proj, "partner", (m.kind, m.key), None,
                                "rule:partner", 0.75, (m.start, m.end))

    def is_period(self, sent: Sentence) -> bool:
        """The sentence names a project period ("Hankeaika: ...", "toteutusaika")."""
        return bool(sent.lemmas & set(self.lex.period_words))

    def period(self, doc: Document, sent: Sentence, passage_mentions: Sequence[Mention],
                subject_project: str) -> Iterator[Fact]:
        """ "Hankeaika: 1.3.2017-31.12.2018", "Hanke käynnistyi 15. maaliskuuta 2017"."""
        proj = ("Project", subject_project)
        lemmas = sent.lemmas
        dates = [d for d in find_dates(sent.text) if not dateline(
            sent.passage.passage.text, sent.start + d[0], sent.start + d[1])]
        period = self.is_period(sent)
        starts, ends = self.lex.start_verbs, self.lex.end_verbs
        in_passage = [m for m in passage_mentions
                      if m.kind == "Project" and m.key == subject_project]
        # "Hanke käynnistyi ...", "Perhepolku-hanke alkoi ...", "Perhepolku alkoi ...",
        # "Hankekausi päättyy ..."
        hanke = any(t.lemma.lower().endswith(("hanke", "hankeaika"))
                    or t.text.lower() in self.lex.project_words for t in sent.tokens) or (
            named_by_head_word(sent, in_passage)) or any(
            sent.start <= m.start < sent.end for m in in_passage) or bool(
            # a named period; "aika" alone is too common ("samaan aikaan") to make it one
            lemmas & (set(self.lex.period_words) - {"aika"}))
        between = bool(lemmas & set(self.lex.period_between))
        in_range: set[int] = set()
        for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:], strict=False):
            gap = sent.text[e1:s2]
            # "Hankeaika: 1.3.2017–31.12.2018", "Hanke toteutetaan 1.3.2017–31.12.2018",
            # "toteutettiin 1.3.2017 ja 31.12.2018 välisenä aikana"
            if ((period or hanke) and RANGE_GAP.fullmatch(gap)) or (
                    between and re.fullmatch(r"\s+(?:ja|and|och)(?:\s+den)?\s+", gap)):
                span = (sent.start + s1, sent.start + e2)
                yield make_fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.8, span)
                yield make_fact(doc, sent, proj, "endDate", None, d2, "rule:period", 0.8, span)
                period = True
                in_range |= {s1, s2}
        # a verb that governs a clause of its own decides or says ("Hallitus päätti 3.11.2016,
        # että kuntayhtymä lähtee mukaan"): no start or end of the project
        cues = {lem for t in sent.tokens if not _governs_clause(sent, t)
                for lem in (t.lemma.lower(), t.text.lower())}
        if len(dates) == 1 and hanke:
            s1, e1, d1 = dates[0]
            # the verb the date belongs to, else the start or end word nearest before it
            # ("Hanke käynnistyi tammikuussa 2017, ja sen toteutusaika päättyy 31.12.2018")
            verb = verb_of(sent, sent.start + s1)
            predicate = ("startDate" if verb in starts and verb in cues
                         else "endDate" if verb in ends and verb in cues
                         else _cue_near(sent, dates, 0, starts, ends) or (
                             "startDate" if cues & set(starts)
                             else "endDate" if cues & set(ends) else None))
            if predicate and not started_by_another(self.lex, sent, sent.start + s1,
                                                    passage_mentions):
                yield make_fact(doc, sent, proj, predicate, None, d1, "rule:period", 0.7,
                                (sent.start + s1, sent.start + e1))
        elif len(dates) > 1 and hanke:
            # "Hanke käynnistyi 15. maaliskuuta 2017 ja päättyi 31.12.2018", "Hankekausi alkoi
            # 1.4.2017, ja työ jatkuu 31.12.2018 saakka", "Projektet inleddes den 1 mars 2017
            # och avslutas den 31 december 2018": each date not in a range is the start or the
            # end by the verb it belongs to, or by the start or end word nearest before it
            # since the previous date (a postposition after it: "31.12.2018 saakka")
            for n, (s1, e1, d1) in enumerate(dates):
                if s1 in in_range:
                    continue
                verb = verb_of(sent, sent.start + s1)
                # a start or end word between the previous date and this one is this date's
                # ("käynnistyi 1.3.2017 ja sen viimeinen toimintapäivä on 31.12.2018", where
                # the parse may join the second date to the first verb)
                near = _cue_near(sent, dates, n, starts, ends) if n else None
                predicate = near or ("startDate" if verb in starts else "endDate"
                                     if verb in ends else _cue_near(sent, dates, n, starts, ends))
                if predicate and not started_by_another(self.lex, sent, sent.start + s1,
                                                        passage_mentions):
                    yield make_fact(doc, sent, proj, predicate, None, d1, "rule:period", 0.7,
                                    (sent.start + s1, sent.start + e1))
