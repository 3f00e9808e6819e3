"""A project's own facts read from one sentence: which project it speaks of, its administrator,
partners, funding (ingest/extract/funding.py) and period."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.extract.actors import ActorRules
from ingest.extract.facts import make_fact
from ingest.extract.funding import FundingRules
from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.syntax import clause_head, span_head, verb_of
from ingest.records import Document, Fact, Mention, Token

_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka",
           "marras", "joulu")
_DATE_ANY = re.compile(r"\b(\d{1,2})\.\s?(?:(\d{1,2})\.|(" + "|".join(_MONTHS)
                       + r")kuuta\s)\s?(\d{4})\b", re.IGNORECASE)
# "1 March 2017", "March 1, 2017", "1 mars 2017": English and Swedish summaries
_MONTH_NAMES = {name: n for n, names in enumerate((
    ("january", "januari"), ("february", "februari"), ("march", "mars"), ("april",),
    ("may", "maj"), ("june", "juni"), ("july", "juli"), ("august", "augusti"),
    ("september",), ("october", "oktober"), ("november",), ("december",)), 1) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + ")"
_DATE_WORDS = re.compile(r"\b(\d{1,2})\.?\s+" + _MONTH + r"\s+((?:19|20)\d\d)\b"
                         r"|\b" + _MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# what joins the two dates of a period: a dash, "to", "till", "until", "–" with "from ... to"
_RANGE_GAP = re.compile(r"\s*[-–]\s*|\s+(?:to|till|until|through|-)\s+", re.IGNORECASE)


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 < y < 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


# "2017-03-01"; "1.3.–31.12.2018": a range whose first date takes the year of the second
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_SHORT_START = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.[ \t]?"
                          r"(?=[-–][ \t]?\d{1,2}\.\d{1,2}\.[ \t]?((?:19|20)\d\d)\b)")


# A dateline: a line that holds a date and at most a place ("Kuopio 16.5.2017"), the day a
# text was written, not a day of the project.
_DATELINE = re.compile(r"(?:^|\n)[ \t]*(?:[A-ZÅÄÖ][\w-]+,?[ \t]+)?$")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")


def dateline(text: str, start: int, end: int) -> bool:
    """The date at [start, end) of the text stands on a line of its own, with at most a place
    before it."""
    return bool(_DATELINE.search(text, 0, start) and _DATELINE.search(text[:start])
                and _LINE_END.match(text, end))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Dates as (start, end, ISO): "1.12.2018", "15. maaliskuuta 2017", "2017-03-01", "1 March
    2017", "March 1, 2017", "1 mars 2017", and the first of "1.3.–31.12.2018" in the year of
    the second."""
    found = []
    for m in _DATE_ANY.finditer(text):
        month = m.group(2) or str(_MONTHS.index(m.group(3).lower()) + 1)
        iso = _iso(m.group(1), month, m.group(4))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_ISO.finditer(text):
        iso = _iso(m.group(3), m.group(2), m.group(1))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _SHORT_START.finditer(text):
        iso = _iso(m.group(1), m.group(2), m.group(3))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_WORDS.finditer(text):
        day, month, year = ((m.group(1), m.group(2), m.group(3)) if m.group(1)
                            else (m.group(5), m.group(4), m.group(6)))
        iso = _iso(day, str(_MONTH_NAMES[month.lower()]), year)
        if iso:
            found.append((m.start(), m.end(), iso))
    return sorted(found)


def named_by_head_word(sent: Sentence, projects: Sequence[Mention]) -> bool:
    """The sentence's subject is the last word of a project's name ("LAPE-Akatemian ...
    Akatemia käynnistyy 20.3.2019"): it speaks of that project."""
    heads = {re.split(r"[-\s]", m.label)[-1].lower() for m in projects}
    return any(t.dep.startswith("nsubj") and t.lemma.lower() in heads for t in sent.tokens)


def answers_for_project(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> Token | None:
    """ "Hankkeesta vastaa X", "Hankkeen toteutuksesta vastasi X": 'vastata' with the project,
    or the project's whole work, as its elative complement."""
    projects = [(m.start, m.end) for m in in_sent if m.kind == "Project"]
    for i, tok in enumerate(sent.tokens):
        if tok.lemma.lower() != "vastata" or not sent.heads:
            continue
        k = sent.first + i
        for j, dep in enumerate(sent.tokens):
            if sent.heads[sent.first + j] != k or not dep.dep.startswith("obl"):
                continue
            if dep.lemma.lower() in lex.project_words or any(
                    s <= dep.start < e for s, e in projects):
                return tok
            # "Hankkeen toteutuksesta vastasi X", "hanke, jonka kehittämistyöstä vastasi X":
            # the project's whole work, owned by the project or by a relative pronoun on it
            if dep.lemma.lower() in lex.project_work and any(
                    sent.heads[sent.first + n] == sent.first + j and (
                        own.lemma.lower() in ("joka", *lex.project_words)
                        or any(s <= own.start < e for s, e in projects))
                    for n, own in enumerate(sent.tokens)):
                return tok
    return None


def verb_on_project(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> Token | None:
    """ "Hanketta koordinoi X", "Muutosohjelmaa johtaa X", "X:n vetämä hanke": an administering
    verb with the project (its name or a project word) as its object, or its agent participle
    on the project."""
    if not sent.heads:
        return None
    projects = [(m.start, m.end) for m in in_sent if m.kind == "Project"]
    tokens, positions = sent.passage.tokens, range(sent.first, sent.first + len(sent.tokens))
    for k in positions:
        if tokens[k].lemma.lower() not in lex.admin_verbs:
            continue
        def names_project(t: Token) -> bool:
            return t.lemma.lower().endswith(lex.project_words) or any(
                s <= t.start < e for s, e in projects)

        # "Carean johtama hanke", "Kouvolan vetämässä hankkeessa": the agent participle on it
        if tokens[k].dep == "acl" and names_project(tokens[sent.heads[k]]):
            return tokens[k]
        for j in positions:
            if sent.heads[j] == k and j != k and tokens[j].dep.startswith("obj") and (
                    names_project(tokens[j])):
                return tokens[k]
    return None


def answers_for_part(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> list[Mention]:
    """ "Arviointitutkimuksesta vastasi X": the bodies that answer for a part of the project's
    work (an elative complement of 'vastata' that is no project and no funding), its
    subjects."""
    if not sent.heads:
        return []
    names = [(m.start, m.end) for m in in_sent]  # a project or a place is no task
    tokens, positions = sent.passage.tokens, range(sent.first, sent.first + len(sent.tokens))
    found: list[Mention] = []
    for k in positions:
        if tokens[k].lemma.lower() != "vastata" or tokens[k].pos != "VERB":
            continue
        args = [j for j in positions if sent.heads[j] == k and j != k]
        part = [j for j in args if tokens[j].dep.startswith("obl")
                and tokens[j].pos in ("NOUN", "PROPN")
                and tokens[j].text.lower().endswith(("sta", "stä"))
                and not tokens[j].lemma.lower().endswith(lex.project_words)
                # "Rahoituksesta vastasi ministeriö": who pays is a funder, no partner
                and not tokens[j].lemma.lower().endswith(lex.funding_suffixes)
                and tokens[j].lemma.lower() not in lex.funding_cues
                and not any(s <= tokens[j].start < e for s, e in names)]
        if not part:
            continue
        subjects = [tokens[j] for j in args if tokens[j].dep.startswith("nsubj")]
        found += [m for m in in_sent if m.kind == "Organisation"
                  and any(m.start <= t.start < m.end for t in subjects)]
    return found




def _names_work(lex: Lexicon, lemma: str) -> bool:
    """A word for the project or its work, a compound too ("kehittämistyö", "LAPE-hanke"); not
    the programme's "kärkihanke"."""
    return lemma.endswith(lex.work_words) and lemma != "kärkihanke"


def involved_bodies(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> list[Mention]:
    """The mentions in the clause of a "taking part" word ("ovat mukana myös A ja B",
    "Hankkeeseen osallistuivat A ja B")."""
    if not sent.heads:
        return []
    tokens = sent.passage.tokens
    positions = range(sent.first, sent.first + len(sent.tokens))
    # a verb ("osallistua") takes part in the project only with the project as its complement
    # ("Hankkeeseen osallistuivat A ja B", not "Hankkeen seminaariin osallistui X")
    cues = [k for k in positions if {tokens[k].lemma.lower(), tokens[k].text.lower()} & set(
        lex.taking_part) and (tokens[k].pos != "VERB" or any(
            sent.heads[j] == k and j != k and tokens[j].dep.startswith("obl")
            and _names_work(lex, tokens[j].lemma.lower()) for j in positions))]
    # "Myrskylä ja Pukkila eivät olleet mukana": a clause that is negated takes no part
    cues = [k for k in cues if not _negated(sent, k)]
    # ... or whose subjects do its work: "Varsinaisen kehittämistyön tekevät A ja B" (the work
    # as object; a passive "Kehittämistyö tehtiin ..." has no subject to be a partner)
    doers = [k for k in positions if tokens[k].lemma.lower() in lex.doing_verbs
             and tokens[k].pos == "VERB" and not _negated(sent, k) and any(
                 sent.heads[j] == k and j != k and tokens[j].dep.startswith("obj")
                 and _names_work(lex, tokens[j].lemma.lower()) for j in positions)]
    subjects = [m for m in in_sent if (j := span_head(sent, m.start, m.end)) is not None
                and _subject_of(lex, sent, j, doers)]
    if cues and (any("Foreign=Yes" in tokens[k].morph for k in cues) or _foreign(sent)):
        # a Swedish or English sentence ("I projektet deltog även A och B"), which the Finnish
        # parser cannot split into clauses: the bodies it names
        return list(in_sent)
    own = {clause_head(sent, k) for k in cues}
    found = [m for m in in_sent if (j := span_head(sent, m.start, m.end)) is not None
             and clause_head(sent, j) in own]
    return found + [m for m in subjects if m not in found]


def _subject_of(lex: Lexicon, sent: Sentence, j: int, verbs: Sequence[int]) -> bool:
    """The token at passage position j is a subject of one of the verbs, or a conjunct of one
    ("A, B ja C tekevät ..."), or the town's genitive on a body word that is ("Lappeenrannan
    kaupunki")."""
    tokens, seen = sent.passage.tokens, set()
    while j not in seen and (tokens[j].dep in ("conj", "flat", "flat:name", "appos") or (
            tokens[j].dep == "nmod:poss"
            and tokens[sent.heads[j]].lemma.lower() in lex.body_words)):
        seen.add(j)
        j = sent.heads[j]
    return tokens[j].dep.startswith("nsubj") and sent.heads[j] in verbs


# English and Swedish function words: a sentence with two of them is no Finnish one, and the
# Finnish parser's clauses mean nothing there
_FOREIGN_WORDS = {"the", "and", "of", "in", "to", "with", "has", "have", "was", "were", "is",
                  "och", "av", "för", "med", "har", "var", "är", "som", "till", "den", "det"}


def _foreign(sent: Sentence) -> bool:
    """The sentence is English or Swedish (two of their function words, or words the parser
    marks foreign)."""
    return sum(t.text.lower() in _FOREIGN_WORDS or "Foreign=Yes" in t.morph
               for t in sent.tokens) >= 2


def _negated(sent: Sentence, k: int) -> bool:
    """The clause of the token at passage position k is negated ("eivät olleet mukana")."""
    tokens = sent.passage.tokens
    head = clause_head(sent, k)
    return any((sent.heads[j] in (k, head)) and (
        "Polarity=Neg" in tokens[j].morph or tokens[j].lemma.lower() in ("ei", "inte", "not"))
        for j in range(sent.first, sent.first + len(sent.tokens)))


def _nominative(sent: Sentence, m: Mention) -> bool:
    """The mention's head word is in the nominative (or in a language the parser does not
    know)."""
    j = span_head(sent, m.start, m.end) if sent.heads else next(
        (sent.first + i for i, t in enumerate(sent.tokens) if m.start <= t.start < m.end), None)
    if j is None:
        return False
    morph = sent.passage.tokens[j].morph
    return "Case=Nom" in morph or "Foreign=Yes" in morph


def labelled_list(words: Sequence[str], sent: Sentence) -> bool:
    """The sentence is a list under one of the words as its label ("Mukana: A, B",
    "Kumppanit: A, B"): the label and a colon open it."""
    tokens = [t for t in sent.tokens if t.pos != "PUNCT" or t.text == ":"]
    return len(tokens) > 2 and tokens[1].text == ":" and bool(
        {tokens[0].lemma.lower(), tokens[0].text.lower()} & set(words))


def worked_with(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> list[Mention]:
    """ "Kehittämistyö tehtiin A:n ja B:n kanssa", "Hanke toteutettiin X:n kanssa": with the
    project or its work named, the bodies that "kanssa" (with) is on, or a conjunct of one."""
    if not sent.heads or not any(_names_work(lex, t.lemma.lower()) for t in sent.tokens):
        return []
    tokens = sent.passage.tokens
    positions = range(sent.first, sent.first + len(sent.tokens))
    with_heads = {sent.heads[k] for k in positions if tokens[k].lemma.lower() in lex.with_words}
    found = []
    for m in in_sent:
        j = span_head(sent, m.start, m.end)
        seen = set()
        # "A:n ja B:n kanssa": "kanssa" is on the first conjunct; "Pietarsaaren kaupungin
        # kanssa": on the noun the name is the genitive of
        while j is not None and j not in with_heads and j not in seen and (
                tokens[j].dep == "conj" or tokens[j].dep.startswith(("nmod", "flat"))):
            seen.add(j)
            j = sent.heads[j]
        if j in with_heads:
            found.append(m)
    return found


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
        if sent.start + begin <= t.start < sent.start + s1:
            forms = {t.lemma.lower(), t.text.lower()}
            found = ("startDate" if forms & set(starts) else "endDate" if forms & set(ends)
                     else found)
    return found


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
        yield from self._partners(doc, sent, in_sent, subject_project)
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
                  subject_project: str) -> Iterator[Fact]:
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
            _names_work(self.lex, lem) for lem in lemmas) else []
        # a town taking part under its bare name, in the nominative ("Kehittämistyöhön
        # sitoutuivat Karkkila, Vihti ja Hanko"), is a body of the project, not a place
        participants = [m for m in involved if _nominative(sent, m)]
        involved += worked_with(self.lex, sent, in_sent)
        cued = (lemmas & set(self.lex.partner_cues) or together
                or any(lem.endswith("konsortio") for lem in lemmas)
                or labelled_list(self.lex.taking_part, sent))
        if cued or involved:
            for m in in_sent:
                if (cued or m in involved) and self.actors.partner(
                        m, subject_project, text, involved=m in participants):
                    yield make_fact(doc, sent, proj, "partner", (m.kind, m.key), None,
                                    "rule:partner", 0.8, (m.start, m.end))
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
            if ((period or hanke) and _RANGE_GAP.fullmatch(gap)) or (
                    between and re.fullmatch(r"\s+ja\s+", gap)):
                span = (sent.start + s1, sent.start + e2)
                yield make_fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.8, span)
                yield make_fact(doc, sent, proj, "endDate", None, d2, "rule:period", 0.8, span)
                period = True
                in_range |= {s1, s2}
        if len(dates) == 1 and hanke:
            s1, e1, d1 = dates[0]
            if lemmas & set(starts):
                yield make_fact(doc, sent, proj, "startDate", None, d1, "rule:period", 0.7,
                                (sent.start + s1, sent.start + e1))
            elif lemmas & set(ends):
                yield make_fact(doc, sent, proj, "endDate", None, d1, "rule:period", 0.7,
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
                predicate = ("startDate" if verb in starts else "endDate" if verb in ends
                             else _cue_near(sent, dates, n, starts, ends))
                if predicate:
                    yield make_fact(doc, sent, proj, predicate, None, d1, "rule:period", 0.7,
                                    (sent.start + s1, sent.start + e1))
