"""A section's heading that names one working model lends it to the sentences of its section
that take it up by a model word or a noun of the heading ("4.2 Perhekeskus verkostona" /
"Verkostoa kokeiltiin ensin Heinolassa"): the heading's method, its nouns, and the marking of
the facts so read as inferred from the heading (used by FactExtractor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ingest.concept_descriptions import HEADING_SOURCE
from ingest.extract.segment import Sentence
from ingest.records import AnalysedPassage, Fact, Mention
from ingest.status_reference import head_word

# A sentence of a section whose heading names one method ("4.2 Perhekeskus verkostona") that
# names no method but takes up a model word or a noun of the heading ("Verkostoa kokeiltiin
# kolmella alueella"): its facts are about the heading's method, inferred, and less certain than
# a method carried from the sentence before.
HEADING_CONFIDENCE = 0.55
_HEADING_NOUN_MIN = 5  # a shorter noun of a heading ("työ", "tuki") is too common to refer


def is_heading(ap: AnalysedPassage, sent: Sentence) -> bool:
    """The sentence is a heading line of the passage (a numbered, markdown or line heading; an
    inline candidate inside running text is not)."""
    return any(h.kind != "inline" and h.start <= sent.start and sent.end <= h.end
               for h in ap.passage.headings)


def heading_method(sent: Sentence, in_sent: Sequence[Mention]
                    ) -> tuple[Mention | None, tuple[str, ...]]:
    """The one method a heading names, and the nouns that may take it up in its section: the
    head noun of the method's name and the heading's other nouns ("Perhekeskus verkostona" →
    "keskus", "verkosto"; none where the name is one short-headed word, "Etävastaanotot": model
    words still take it up); (None, ()) for a heading that names no method or several."""
    methods = {m.key: m for m in in_sent if m.kind == "Method"}
    if len(methods) != 1:
        return None, ()
    method = next(iter(methods.values()))
    nouns = [head_word(sent, method)] + [
        t.lemma.lower() for t in sent.tokens if t.pos == "NOUN" and "Number=Plur" not in t.morph
        and not any(m.start <= t.start < m.end for m in in_sent)]
    nouns = [n for n in dict.fromkeys(nouns) if n and len(n) >= _HEADING_NOUN_MIN]
    return method, tuple(nouns)


def from_heading(facts: Sequence[Fact], heading: Mention | None,
                  in_sent: Sequence[Mention]) -> list[Fact]:
    """A sentence's facts about the heading's method, which the sentence does not name: marked
    inferred from the heading, at most HEADING_CONFIDENCE (FactExtractor._method_facts keeps
    them only where it was sure of the actor)."""
    if heading is None:
        return list(facts)
    named = {m.key for m in in_sent if m.kind == "Method"}
    return [replace(f, extractor=f"{HEADING_SOURCE}+{f.extractor}",
                    confidence=min(f.confidence, HEADING_CONFIDENCE))
            if f.object_kind == "Method" and f.object_key == heading.key
            and f.object_key not in named else f for f in facts]
