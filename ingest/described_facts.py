"""The facts of models recognised by description (ingest.concept_descriptions): which are kept
and marked inferred, which dropped, and the use a describing sentence reports of its places."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from ingest.concept_descriptions import (
    CONFIDENCE,
    HEADING_SOURCE,
    PRACTICE,
    REFERRED,
    SOURCE,
    sentence_spans,
)
from ingest.extract.lexicon import Lexicon
from ingest.extract.referents import partner_phrase
from ingest.records import AnalysedPassage, Fact, Mention

# A closed class: a negated sentence ("perheillä ei ole yhteistä työntekijää") reports no use.
NEGATIONS = frozenset({"ei", "eikä", "not", "never", "no", "inte", "ej", "aldrig", "icke"})
IN_USE = "implemented"
IN_USE_CONFIDENCE = 0.4  # below a described model whose status the rules read (CONFIDENCE)
IN_USE_ACTORS = ("Municipality", "Region")


def _negated_main_clause(ap: AnalysedPassage, start: int, end: int) -> bool:
    """A negation in the sentence's main clause (attached to its root): "Kunnassa ei ole
    yhteistä työntekijää", not "..., jolloin pitkiä ajomatkoja ei tarvita"."""
    from ingest.extraction import head_positions

    heads = head_positions(ap)
    inside = {k for k, t in enumerate(ap.tokens) if start <= t.start < end}
    roots = {k for k in inside if heads[k] == k or heads[k] not in inside}
    return any((k in roots or heads[k] in roots) for k in inside
               if ap.tokens[k].text.lower() in NEGATIONS
               or ap.tokens[k].lemma.lower() in NEGATIONS)


def described_in_use(passages: Sequence[AnalysedPassage], inferred: Sequence[Mention],
                     mentions: Sequence[Mention], facts: Sequence[Fact],
                     lex: Lexicon | None = None) -> list[Fact]:
    """Facts for described models the rules gave no status: a sentence that names a
    municipality or region and describes how a working model runs there reports it as in use
    ("Janakkalassa perheet voivat nyt tavata psykologin kuvapuhelun välityksellä", "Forssassa
    järjestettiin vanhempainryhmiä, joissa ..."); a plan, trial or training carries a cue the
    rules read, so it is not left here. A sentence whose main clause is negated adds nothing;
    a place named as a partner ("yhdessä Setlementti Tampereen kanssa"; with `lex`) is none of
    the places it runs in."""
    by_index = {ap.passage.index: ap for ap in passages}
    out: list[Fact] = []
    for m in inferred:
        ap = by_index.get(m.passage_index)
        if ap is None:
            continue
        span = next(((s, e) for s, e in sentence_spans(ap) if s <= m.start < e), None)
        if span is None or any(
                f.object_key == m.key and f.passage_index == m.passage_index
                and f.start <= m.start < f.end for f in facts):
            continue
        s, e = span
        if _negated_main_clause(ap, s, e):
            continue
        actors = {(a.kind, a.key) for a in mentions if a.passage_index == m.passage_index
                  and a.kind in IN_USE_ACTORS and s <= a.start < e
                  and not (lex is not None and partner_phrase(lex, ap.passage.text, a))}
        out.extend(Fact(kind, key, IN_USE, "Method", m.key, None, m.doc_key, m.passage_index,
                        s, e, f"{SOURCE}+in-use", IN_USE_CONFIDENCE)
                   for kind, key in sorted(actors))
    return out


def _carried(fact: Fact, inferred: Sequence[Mention], named: Sequence[Mention]) -> bool:
    """A fact about a method in a later sentence that names it no more: extraction carried the
    model over from the sentence before, and the nearest earlier mention of it in the passage
    is a description, not a name."""
    before = [m for m in (*inferred, *named)
              if m.kind == "Method" and m.key == fact.object_key
              and m.passage_index == fact.passage_index and m.start < fact.start]
    return bool(before) and max(before, key=lambda m: m.start).source == SOURCE


def mark_inferred(facts: Iterable[Fact], inferred: Sequence[Mention],
                  named: Sequence[Mention]) -> Iterator[Fact]:
    """A fact about a method whose sentence only describes it (an `inferred` mention in the
    fact's span and no `named` mention of it there) gets the inferred extractor and at most
    CONFIDENCE; it is kept only where extraction was sure of the rest (REFERRED: an actor named
    in the sentence, referred to by a word of its kind, or the body the passage or its section
    is about, and a clause with a verb), since the model itself is uncertain. A
    fact carried over from a described model into a later sentence is dropped: the next
    sentence's actor and status need not be about that model. A local practice the sentence
    names where it describes a model ("kokeiltiin yhteistä puhelinnumeroa") is that model: its
    facts go to the model only."""
    read_as_model = {(m.passage_index, m.start, m.end) for m in inferred}
    practices = [m for m in named if m.source == PRACTICE
                 and (m.passage_index, m.start, m.end) in read_as_model]
    for fact in facts:
        if fact.object_kind != "Method":
            yield fact
            continue
        if any(m.passage_index == fact.passage_index and m.key == fact.object_key
               and fact.start <= m.start < fact.end for m in practices):
            continue
        here = any(m.passage_index == fact.passage_index and m.key == fact.object_key
                   and fact.start <= m.start < fact.end for m in inferred)
        said = any(m.passage_index == fact.passage_index and m.key == fact.object_key
                   and m.kind == "Method" and fact.start <= m.start < fact.end for m in named)
        if (not here and not said and not fact.extractor.startswith(HEADING_SOURCE)
                and _carried(fact, inferred, named)):
            continue
        if here and not said:
            if fact.confidence < REFERRED:
                continue
            fact = replace(fact, extractor=f"{SOURCE}+{fact.extractor}",
                           confidence=min(fact.confidence, CONFIDENCE))
        yield fact
