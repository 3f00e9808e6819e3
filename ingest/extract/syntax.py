"""Walks over a sentence's dependency tree: the clause of a token, the clause a complement
clause completes, the head token of a mention's span. Shared by every rule module."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ingest.extract.segment import Sentence
from ingest.records import Mention, Token


def clause_head(sent: Sentence, k: int) -> int:
    """The verb whose clause holds passage token k (or the root of a clause without a verb)."""
    tokens, seen = sent.passage.tokens, set()
    while k not in seen and 0 <= k < len(tokens):
        seen.add(k)
        if tokens[k].pos == "VERB" and tokens[k].dep not in ("acl", "amod"):
            # a participle modifying a noun ("malliin orientoiviin koulutuksiin", "vakiintunut
            # käytäntö") is no clause
            return k
        k = sent.heads[k] if k < len(sent.heads) else k
    return k


def clause_tokens(sent: Sentence, start: int, end: int) -> list[Token]:
    """The tokens of the sentence in the same clause as the span [start, end), with the
    participles that modify the span ("kehitetty monitoimijamalli")."""
    inside = [sent.first + i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    if not inside or not sent.heads:
        return list(sent.tokens)
    heads = {clause_head(sent, k) for k in inside}
    positions = range(sent.first, sent.first + len(sent.tokens))
    modifiers = {k for k in positions if sent.heads[k] in inside
                 and sent.passage.tokens[k].dep == "acl"}
    return [sent.passage.tokens[k] for k in positions
            if clause_head(sent, k) in heads or clause_head(sent, k) in modifiers]


def governing_clause(sent: Sentence, start: int, end: int, way_words: tuple[str, ...] = ()
                     ) -> tuple[int, int] | None:
    """The span of the clause a complement clause of [start, end) belongs to: "Tavoitteena on,
    että perhekeskusverkosto kattaa ..." → the clause of "Tavoitteena"."""
    inside = [sent.first + i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    if not inside or not sent.heads:
        return None
    head = clause_head(sent, inside[0])
    tok = sent.passage.tokens[head]
    if sent.heads[head] == head:
        return None
    parent = sent.passage.tokens[sent.heads[head]]
    if tok.dep.split(":")[0] not in ("ccomp", "csubj", "xcomp") and not _describes_way(
            tok, parent, way_words):
        return None
    return parent.start, parent.end


def _describes_way(verb: Token, noun: Token, way_words: tuple[str, ...]) -> bool:
    """A relative clause that says what a way of working is ("kokeiltiin toimintatapaa, jossa
    perheelle nimetään oma työntekijä"): the method inside it is what the main clause did."""
    return verb.dep == "acl:relcl" and noun.pos == "NOUN" and noun.lemma.lower().endswith(
        way_words)


def span_head(sent: Sentence, start: int, end: int) -> int | None:
    """The passage position of the token of [start, end) whose head lies outside it."""
    inside = [sent.first + i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    for k in inside:
        if sent.heads[k] not in inside or sent.heads[k] == k:
            return k
    return inside[0] if inside else None


def ancestors(sent: Sentence, k: int) -> Iterator[int]:
    seen = {k}
    while (k := sent.heads[k]) not in seen:
        seen.add(k)
        yield k


def same_clause(sent: Sentence, near: Mention, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions in the clause of `near` (a list of municipalities shares one clause), not
    a town named inside another clause ("Asikkalassa alkoi ryhmä, joka toteutetaan Lahden
    ensi- ja turvakodin kanssa")."""
    def clause(m: Mention) -> int | None:
        k = span_head(sent, m.start, m.end)
        return None if k is None else clause_head(sent, k)

    own = clause(near)
    return [m for m in mentions if m is near or clause(m) == own]


def verb_of(sent: Sentence, offset: int) -> str | None:
    """The lemma of the verb whose clause holds the token at passage offset `offset`."""
    k = next((sent.first + i for i, t in enumerate(sent.tokens) if t.start >= offset), None)
    if k is None or not sent.heads:
        return None
    tok = sent.passage.tokens[clause_head(sent, k)]
    return tok.lemma.lower() if tok.pos in ("VERB", "AUX") else None




def positions(sent: Sentence) -> range:
    """The passage positions of the sentence's tokens."""
    return range(sent.first, sent.first + len(sent.tokens))
