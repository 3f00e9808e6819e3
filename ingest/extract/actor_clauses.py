"""Where a mention stands in its sentence towards a method: in which clause, in which case,
whose it is, and whether it acts there at all (syntax tests of ingest.extract.actors)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.syntax import clause_head, span_head
from ingest.records import Mention

_FROM_ENDINGS = ("sta", "stä", "lta", "ltä")  # elative and ablative: from where


def owns(sent: Sentence, owner: Mention, unit: Mention) -> bool:
    """`owner` is a genitive on the noun that `unit` names in apposition ("Tampereen
    yliopiston tutkimusryhmän (Sparg)"): the unit is part of the owner."""
    k, u = span_head(sent, owner.start, owner.end), span_head(sent, unit.start, unit.end)
    if k is None or u is None or not sent.heads or sent.passage.tokens[u].dep != "appos":
        return False
    target = sent.heads[u]
    tokens = sent.passage.tokens
    while tokens[k].dep.startswith("nmod") and sent.heads[k] != k:
        k = sent.heads[k]
        if k == target:
            return True
    return False


def in_other_relative(sent: Sentence, method: Mention, actor: Mention) -> bool:
    """The actor is named inside a relative clause the method is not in ("laadittiin malli,
    jota Kempeleen kunta on käyttänyt"): it acts in that clause, not in the method's."""
    k, a = span_head(sent, method.start, method.end), span_head(sent, actor.start, actor.end)
    if k is None or a is None or not sent.heads:
        return False
    own, theirs = clause_head(sent, k), clause_head(sent, a)
    return theirs != own and sent.passage.tokens[theirs].dep == "acl:relcl"


def acting_bodies(sent: Sentence, method: Mention, actors: Sequence[Mention]) -> list[Mention]:
    """The organisations that are the subject of the method's clause (or of the verb it
    completes): "Kuntayhtymä X pilotoi mallia Kemissä ja Torniossa", "Savonlinnassa Sosteri
    ryhtyi käyttämään mallia" name the body that acted besides the places it acted in."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return []
    tokens = sent.passage.tokens
    own = [clause_head(sent, k)]
    # "Sosteri ryhtyi käyttämään mallia", "X alkoi kokeilla ...": the verb the method's clause
    # completes has the subject
    while tokens[own[-1]].dep.startswith("xcomp") and sent.heads[own[-1]] not in own:
        own.append(sent.heads[own[-1]])
    found = []
    for m in actors:
        j = span_head(sent, m.start, m.end)
        if m.kind != "Organisation" or j is None:
            continue
        if sent.heads[j] in own and tokens[j].dep.startswith("nsubj"):
            found.append(m)
        elif tokens[j].dep.startswith("nmod") and (h := sent.heads[j]) != j and (
                sent.heads[h] in own and tokens[h].dep.startswith(("nsubj", "obl"))
                and tokens[h].pos == "NOUN"):
            # the genitive owner of the clause's subject or of the unit where it was done:
            # "MLL:n piirin vapaaehtoiset pitävät perhekahvilaa", "Sosterin perheneuvolassa
            # Savonlinnassa pilotoitiin ...": its people or its unit did it
            found.append(m)
    return found


def in_other_clauses(sent: Sentence, method: Mention, towns: Sequence[Mention]) -> bool:
    """Every town is named in a clause of its own verb, neither the method's nor one the
    method's clause completes ("Siun sote perustaa perhekeskuksia, ja Lieksa kuuluu ...";
    not "Savonlinnassa Sosteri ryhtyi käyttämään mallia", nor a town the parser left as a
    fragment of its own)."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return False
    tokens = sent.passage.tokens
    chain = [clause_head(sent, k)]
    while tokens[chain[-1]].dep.startswith("xcomp") and sent.heads[chain[-1]] not in chain:
        chain.append(clause_head(sent, sent.heads[chain[-1]]))
    for m in towns:
        j = span_head(sent, m.start, m.end)
        head = clause_head(sent, j) if j is not None else None
        if head is None or head in chain or tokens[head].pos not in ("VERB", "AUX"):
            return False
    return True


def from_where(sent: Sentence, m: Mention) -> bool:
    """A town in the elative or ablative ("heistä Kaustiselta 19", "Kemistä"): where people
    came from, when a body is the subject of the sentence's clause."""
    k = span_head(sent, m.start, m.end)
    return (m.kind == "Municipality" and k is not None
            and any(c in sent.passage.tokens[k].morph for c in ("Case=Ela", "Case=Abl")))


def owner_of_people(lex: Lexicon, sent: Sentence, m: Mention) -> bool:
    """The mention is the genitive owner of people ("hykyn työntekijät", "kunnan
    asiakkaat"): it says whose they are, not who acts in the sentences after it."""
    k = span_head(sent, m.start, m.end)
    tokens = sent.passage.tokens
    # climb the genitive chain ("Tornion kaupungin työntekijät"), from a later conjunct too
    # ("Heinolan ja Sysmän edustus")
    while k is not None and sent.heads and tokens[k].dep.startswith(("nmod", "conj")) \
            and sent.heads[k] != k:
        k = sent.heads[k]
        if tokens[k].lemma.lower().endswith(lex.people_words):
            return True
    return False


def comes_from(text: str, m: Mention, mentions: Sequence[Mention]) -> bool:
    """The organisation follows a person's name in the elative or ablative ("Elina Stenvall
    SOS-lapsikyläsäätiöstä"): it says where the person comes from, it does not act."""
    return m.kind == "Organisation" and m.surface.lower().endswith(_FROM_ENDINGS) and any(
        p.kind == "Person" and text[p.end:m.start] == " " for p in mentions)


# "Tampere 12.9.2018": a place and a date alone on a line, where a news item was written
_DATELINE = re.compile(r"\s*[A-ZÅÄÖ][\w-]+,?[ \t]+\d{1,2}\.\d{1,2}\.\d{4}\s*")


def dateline_place(sent: Sentence) -> bool:
    """The sentence is a dateline: its place wrote the text, it acts in none of it."""
    return _DATELINE.fullmatch(sent.text) is not None


def in_illative(sent: Sentence, m: Mention) -> bool:
    """The mention is in the illative: where into, not who ("Kainuuseen"). The allative is
    left out: "Keski-Pohjanmaalle on kehittymässä" tells the region's own development."""
    k = span_head(sent, m.start, m.end)
    return k is not None and "Case=Ill" in sent.passage.tokens[k].morph
