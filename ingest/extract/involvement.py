"""Who answers for, takes part in or works with a project, read from one sentence's parse:
"Hankkeesta vastaa X", "kehittämistyön tekevät A, B ja C", a list under "Mukana kehittämässä",
"yhteistyössä X:n kanssa"; negated clauses and foreign-language sentences apart."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.syntax import clause_head, span_head
from ingest.records import Mention, Token


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




def names_work(lex: Lexicon, lemma: str) -> bool:
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
            and names_work(lex, tokens[j].lemma.lower()) for j in positions))]
    # "Myrskylä ja Pukkila eivät olleet mukana": a clause that is negated takes no part
    cues = [k for k in cues if not _negated(sent, k)]
    # ... or whose subjects do its work: "Varsinaisen kehittämistyön tekevät A ja B" (the work
    # as object; a passive "Kehittämistyö tehtiin ..." has no subject to be a partner)
    doers = [k for k in positions if tokens[k].lemma.lower() in lex.doing_verbs
             and tokens[k].pos == "VERB" and not _negated(sent, k) and any(
                 sent.heads[j] == k and j != k and tokens[j].dep.startswith("obj")
                 and names_work(lex, tokens[j].lemma.lower()) for j in positions)]
    subjects = [m for m in in_sent if (j := span_head(sent, m.start, m.end)) is not None
                and _subject_of(lex, sent, j, doers)]
    if cues and (any("Foreign=Yes" in tokens[k].morph for k in cues) or _foreign(sent)):
        # a Swedish or English sentence ("I projektet deltog även A och B"), which the Finnish
        # parser cannot split into clauses: the bodies it names, unless it is negated
        # ("A and B took no part", "A deltog inte")
        if any(t.text.lower() in _FOREIGN_NEGATIONS for t in sent.tokens):
            return []
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


_FOREIGN_NEGATIONS = {"not", "no", "never", "inte", "ej", "aldrig", "icke"}


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


def nominative(sent: Sentence, m: Mention) -> bool:
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


_RELATIVE = ("joka", "mikä", "which", "who", "som")


def others_cooperation(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> bool:
    """Every "kanssa" (with) of the sentence is on a clause whose subject is someone other than
    the project: "järjestö jatkaa kehittämistä yhdessä Siun soten kanssa", "Lieksa kuuluu
    perhekeskukseen yhdessä Nurmeksen kanssa" speak of the subject's partners, not the
    project's. A clause with no subject (a passive: "Malli kehitettiin yhdessä X:n kanssa"),
    with the project as its subject, or with the project as what "kanssa" is on ("Pesäpuu
    kehitti yhdessä hankkeen kanssa") or as its object ("Muutosohjelmaa johtaa STM yhdessä OKM:n
    kanssa") is the project's cooperation."""
    if not sent.heads or _foreign(sent):
        return False
    tokens = sent.passage.tokens
    positions = range(sent.first, sent.first + len(sent.tokens))
    projects = [(m.start, m.end) for m in in_sent if m.kind == "Project"]

    def project_word(j: int) -> bool:
        return names_work(lex, tokens[j].lemma.lower()) or tokens[j].lemma.lower().endswith(
            lex.project_words) or any(s <= tokens[j].start < e for s, e in projects)

    withs = [k for k in positions if tokens[k].lemma.lower() in lex.with_words]
    if not withs:
        return False
    for k in withs:
        if project_word(sent.heads[k]):
            return False
        head = clause_head(sent, k)
        args = [j for j in positions if sent.heads[j] == head and j != head]
        # a relative pronoun stands for the noun its clause is on ("Perhepiha, joka kehitti
        # ... yhdessä X:n kanssa")
        subjects = [sent.heads[head] if tokens[j].lemma.lower() in _RELATIVE
                    and tokens[head].dep.startswith("acl") else j
                    for j in args if tokens[j].dep.startswith("nsubj")]
        if not subjects or any(project_word(j) for j in subjects):
            return False
        # the clause's object is the project itself ("Muutosohjelmaa johtaa STM yhdessä OKM:n
        # kanssa"): the body leads the project with its partner
        if any(tokens[j].dep.startswith("obj") and (
                tokens[j].lemma.lower().endswith(lex.project_words)
                or any(s <= tokens[j].start < e for s, e in projects)) for j in args):
            return False
    return True


def with_the_project(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> list[Mention]:
    """An English or Swedish sentence in which bodies work with the project itself ("HUS and
    the parishes worked closely with the project", "Föreningarna samarbetade med projektet"):
    the bodies named before "with" / "med" whose object is a project word or the project's
    name. (The Finnish parse of such a sentence means nothing; word order says it.)"""
    if not _foreign(sent):
        return []
    tokens = list(sent.tokens)
    projects = [(m.start, m.end) for m in in_sent if m.kind == "Project"]
    for i, tok in enumerate(tokens[:-1]):
        if tok.text.lower() not in lex.with_words:
            continue
        nxt = tokens[i + 2] if tokens[i + 1].text.lower() in ("the", "its", "our") and (
            i + 2 < len(tokens)) else tokens[i + 1]
        if nxt.text.lower().rstrip("'s’").endswith(lex.project_words) or any(
                s <= nxt.start < e for s, e in projects):
            return [m for m in in_sent if m.end <= tok.start and m.kind != "Project"]
    return []


def worked_with(lex: Lexicon, sent: Sentence, in_sent: Sequence[Mention]) -> list[Mention]:
    """ "Kehittämistyö tehtiin A:n ja B:n kanssa", "Hanke toteutettiin X:n kanssa": with the
    project or its work named, the bodies that "kanssa" (with) is on, or a conjunct of one."""
    if not sent.heads or not any(names_work(lex, t.lemma.lower()) for t in sent.tokens):
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
