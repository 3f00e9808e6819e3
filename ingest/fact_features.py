"""What the fact verifier (ingest/fact_verifier.py) reads of one extracted fact: the shape of the
sentence it was read from and how its subject and object stand there, computed from what ingest
knows of any document (the AnalysedDocument), never from the words of a particular report.

`fact_rows(ad)` gives one FactRow per fact of the document: its categorical parts (predicate,
extractor, subject kind) and NUMERIC, a fixed list of numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.records import AnalysedDocument, AnalysedPassage, Fact, Mention, Token

ACTORS = ("Region", "Municipality", "Organisation", "Project")
NUMERIC = (
    "confidence",          # the extractor's own confidence
    "finite_verb",         # a finite verb (or auxiliary) in the sentence
    "any_verb",            # any verb or auxiliary
    "negation",            # "ei", Polarity=Neg
    "conditional",         # Mood=Cnd
    "passive",             # Voice=Pass
    "list_line",           # the line of the span starts with a bullet or "1." / "a)"
    "table_row",           # the line holds "|"
    "heading",             # the span overlaps a heading of the passage
    "log_sentence_tokens",
    "log_span_chars",
    "multi_sentence",      # the span runs over more than one sentence
    "log_methods",         # method mentions in the sentence
    "log_actors",          # region, municipality, organisation, project mentions in the sentence
    "log_people",          # person mentions in the sentence
    "subject_in_sentence",
    "object_in_sentence",  # for an entity object; a value object counts as present
    "object_is_entity",
    "log_distance",        # characters between the nearest subject and object mentions
    "subject_is_own",      # the subject is the document's most named region or project
    "position",            # passage index / number of passages
    "foreign",             # an English or Swedish document
    "log_span_facts",      # facts read from the same span
    "log_passage_same",    # facts of the same predicate in the same passage
    "money",               # a sum of money in the sentence
    "year",                # a year in the sentence
    "percent",
    "question_or_colon",   # the sentence ends in "?" or ":"
    "quote",               # quotation marks in the sentence (a parent's or worker's words)
)
_BULLET = re.compile(r"\s*([-•*–·]|\d{1,2}[.)]|[a-z][)])\s")
_MONEY = re.compile(r"€|\beur(o|oa|on|ia|ot)?\b|\bEUR\b|\bmilj|\bkr\b|\bkronor", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_PERCENT = re.compile(r"%|\bprosent|\bper ?cent\b|\bprocent", re.I)


@dataclass(frozen=True)
class FactRow:
    """One fact as the verifier sees it."""

    predicate: str
    extractor: str
    subject_kind: str
    numeric: tuple[float, ...]


def _log(n: float) -> float:
    return math.log1p(max(n, 0.0))


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:] if end < 0 else text[start:end]


def _sentence(ap: AnalysedPassage, start: int, end: int) -> tuple[list[Token], int, int, int]:
    """The tokens of the sentences the span touches, their character range and how many."""
    ids = {t.sent for t in ap.tokens if t.start < end and start < t.end}
    if not ids:
        return [], start, end, 0
    toks = [t for t in ap.tokens if t.sent in ids]
    return toks, toks[0].start, toks[-1].end, len(ids)


def _own(mentions: Sequence[Mention]) -> set[str]:
    """The document's most named region and project (its own, as a report names them)."""
    own: set[str] = set()
    for kind in ("Region", "Project"):
        counts = Counter(m.key for m in mentions if m.kind == kind)
        if counts:
            own.add(counts.most_common(1)[0][0])
    return own


def _distance(subject: list[Mention], obj: list[Mention]) -> float:
    if not subject or not obj:
        return 300.0
    return float(min(max(0, max(s.start, o.start) - min(s.end, o.end))
                     for s in subject for o in obj))


def fact_row(fact: Fact, ap: AnalysedPassage | None, mentions: Sequence[Mention],
             own: set[str], n_passages: int, foreign: bool, span_facts: int,
             passage_same: int) -> FactRow:
    """The row of one fact; `mentions` are those of its passage."""
    text = ap.passage.text if ap is not None else ""
    toks, s0, s1, n_sent = _sentence(ap, fact.start, fact.end) if ap is not None else \
        ([], fact.start, fact.end, 0)
    sentence = text[s0:s1]
    here = [m for m in mentions if s0 <= m.start < s1] if toks else []
    morph = [t.morph for t in toks]
    subject = [m for m in here if m.key == fact.subject_key]
    obj = [m for m in here if fact.object_key is not None and m.key == fact.object_key]
    line = _line(text, fact.start) if text else ""
    headings = ap.passage.headings if ap is not None else ()
    values = (
        fact.confidence,
        any(t.pos in ("VERB", "AUX") and "VerbForm=Fin" in t.morph for t in toks),
        any(t.pos in ("VERB", "AUX") for t in toks),
        any("Polarity=Neg" in m for m in morph) or any(t.lemma == "ei" for t in toks),
        any("Mood=Cnd" in m for m in morph),
        any("Voice=Pass" in m for m in morph),
        bool(_BULLET.match(line)),
        "|" in line,
        any(h.start < fact.end and fact.start < h.end for h in headings),
        _log(len(toks)),
        _log(fact.end - fact.start),
        n_sent > 1,
        _log(sum(m.kind == "Method" for m in here)),
        _log(sum(m.kind in ACTORS for m in here)),
        _log(sum(m.kind == "Person" for m in here)),
        bool(subject),
        bool(obj) if fact.object_key is not None else True,
        fact.object_key is not None,
        _log(_distance(subject, obj)) if fact.object_key is not None else 0.0,
        fact.subject_key in own,
        fact.passage_index / max(n_passages, 1),
        foreign,
        _log(span_facts - 1),
        _log(passage_same - 1),
        bool(_MONEY.search(sentence)),
        bool(_YEAR.search(sentence)),
        bool(_PERCENT.search(sentence)),
        sentence.rstrip()[-1:] in ("?", ":"),
        any(q in sentence for q in ('"', "”", "“", "»")),
    )
    return FactRow(fact.predicate, fact.extractor, fact.subject_kind,
                   tuple(float(v) for v in values))


def fact_sentences(ad: AnalysedDocument) -> list[str]:
    """The text of the sentences each fact's span touches, in the order of `ad.facts`."""
    passages = {ap.passage.index: ap for ap in ad.passages}
    out = []
    for f in ad.facts:
        ap = passages.get(f.passage_index)
        if ap is None:
            out.append("")
            continue
        _, s0, s1, _ = _sentence(ap, f.start, f.end)
        out.append(ap.passage.text[s0:s1])
    return out


def fact_rows(ad: AnalysedDocument) -> list[FactRow]:
    """One row per fact of the document, in the order of `ad.facts`."""
    passages = {ap.passage.index: ap for ap in ad.passages}
    by_passage: dict[int, list[Mention]] = {}
    for m in ad.mentions:
        by_passage.setdefault(m.passage_index, []).append(m)
    spans = Counter((f.passage_index, f.start, f.end) for f in ad.facts)
    same = Counter((f.passage_index, f.predicate) for f in ad.facts)
    own = _own(ad.mentions)
    foreign = ad.document.language != "fi"
    return [fact_row(f, passages.get(f.passage_index), by_passage.get(f.passage_index, []), own,
                     len(ad.passages), foreign, spans[(f.passage_index, f.start, f.end)],
                     same[(f.passage_index, f.predicate)]) for f in ad.facts]
