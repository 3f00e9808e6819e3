"""Reading the top passages for what the graph does not hold: candidates of the type a question
asks for (people, bodies, places, methods linked at ingest; amounts, counts and dates found here
with light patterns), scored by the passage's rank, nearness to the question's words and to the
relation's cue words, with a calibrated confidence."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from search.records import EntityRef, Hit

CUES = Path(__file__).parent / "data" / "reading_cues.json"
# The entity kinds that answer each answer type.
ENTITY_TYPES: dict[str, tuple[str, ...]] = {
    "person": ("Person",),
    "body": ("Organisation", "Municipality"),
    "municipality": ("Municipality",),
    "region": ("Region",),
    "method": ("Method",),
    "project": ("Project",),
}
_NUMBER = r"\d{1,3}(?:[  ]\d{3})+|\d+(?:[,.]\d+)?"
_AMOUNT = re.compile(rf"(?:{_NUMBER})\s*(?:milj\.?|miljoonaa|miljoona|million|M)?\s*"
                     r"(?:€|euroa|euron|eur\b|euro\b|e\b)", re.IGNORECASE)
_COUNT = re.compile(rf"(?<![\d.,/–-])(?:{_NUMBER})(?![\d.,/–-]?\d)(?:\s*%)?")
_MONTHS = ("tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu")
_DATE = re.compile(
    rf"\d{{1,2}}\.\d{{1,2}}\.(?:19|20)\d\d(?:\s*[–-]\s*\d{{1,2}}\.\d{{1,2}}\.(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})(?:kuu(?:ssa|sta|hun)?)?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d\s*[–-]\s*(?:19|20)\d\d"
    r"|(?:vuo(?:si|nna|den|desta|teen)\s+)?(?:19|20)\d\d", re.IGNORECASE)
_WORDS = re.compile(r"\w[\w\-]*")
# How far (characters) a question word or cue still tells about a candidate.
NEAR = 120.0
# Calibration of the confidence (logistic over the raw score), fitted on the labelled reading
# questions of tests/search/data/reading_labelled.jsonl by `python -m search.calibration`
# (26 questions with a candidate on the corpus + unseen build; the best candidate of any
# question about an absent thing reads .46, under the answer floor of text_answers.py).
CALIBRATION = (2.74, -2.09)


@dataclass(frozen=True)
class ReadCandidate:
    label: str
    type: str
    entity: EntityRef | None
    hit: Hit
    start: int
    end: int
    score: float
    confidence: float


def _stem(term: str) -> str:
    """A Finnish lemma's stable beginning: inflection changes the end ('vapaaehtoinen' →
    'vapaaehtoista', 'hanke' → 'hankkeen')."""
    term = term.casefold()
    return term if len(term) <= 4 else term[:max(4, min(len(term) - 2, 7))]


def content_stems(terms: Sequence[str], generic: frozenset[str]) -> list[str]:
    """The stems of the question's content words: no generic word in any inflection
    ('hankkeen' is 'hanke')."""
    generic_stems = [_stem(g) for g in generic if len(g) >= 4]
    out = []
    for t in terms:
        stem = _stem(t)
        if len(t) > 2 and t.casefold() not in generic \
                and not any(stem.startswith(g) for g in generic_stems):
            out.append(stem)
    return list(dict.fromkeys(out))


def _positions(text: str, stems: Sequence[str]) -> list[int]:
    low = text.casefold()
    out = []
    for m in _WORDS.finditer(low):
        word = m.group(0)
        if any(word.startswith(s) or (len(s) >= 5 and s in word) for s in stems):
            out.append(m.start())
    return out


def _nearness(start: int, end: int, positions: Sequence[int]) -> float:
    if not positions:
        return 0.0
    d = min(0 if start <= p <= end else min(abs(p - start), abs(p - end)) for p in positions)
    return math.exp(-d / NEAR)


def _label_span(text: str, label: str) -> tuple[int, int] | None:
    low = text.casefold()
    i = low.find(label.casefold())
    if i >= 0:
        return i, i + len(label)
    # An inflected name: the first word's beginning ('Päijät-Hämeen' for 'Päijät-Häme').
    first = label.split()[0].casefold()
    i = low.find(first[:max(4, len(first) - 2)])
    return (i, i + len(first)) if i >= 0 else None


class Reader:
    def __init__(self, cues: dict[str, list[str]] | None = None,
                 calibration: tuple[float, float] = CALIBRATION,
                 generic: frozenset[str] = frozenset()) -> None:
        data = json.loads(CUES.read_text(encoding="utf-8"))
        if cues is None:
            cues = {k: v for k, v in data.items() if not k.startswith("_")}
        self.cues = cues
        # Words of any question (hanke, maakunta …): no sign that a passage answers this one.
        self.generic = generic or frozenset(data.get("_generic", []))
        self.calibration = calibration

    def _spans(self, hit: Hit, answer_type: str) -> list[tuple[str, EntityRef | None, int, int]]:
        text = hit.passage.text
        if answer_type in ENTITY_TYPES:
            out = []
            kinds = ENTITY_TYPES[answer_type]
            for e in hit.passage.entities:
                if e.kind in kinds and (span := _label_span(text, e.label)) is not None:
                    out.append((e.label, e, *span))
            return out
        pattern = {"amount": _AMOUNT, "count": _COUNT, "date": _DATE}.get(answer_type)
        if pattern is None:
            return []
        spans = [(m.group(0).strip(), None, m.start(), m.end()) for m in pattern.finditer(text)]
        if answer_type == "count":
            # A count is no year, date or sum of money.
            taken = [(m.start(), m.end()) for p in (_AMOUNT, _DATE) for m in p.finditer(text)]
            spans = [s for s in spans if not any(a <= s[2] < b for a, b in taken)]
        return spans

    def read(self, hits: Sequence[Hit], answer_type: str, relation: str,
             terms: Sequence[str], named: set[EntityRef],
             keep: Callable[[Hit], bool] | None = None) -> list[ReadCandidate]:
        """Candidates by their best reading, most confident first. `terms` are the question's
        content words as Finnish lemmas; `named` the entities the question names (never an
        answer to itself)."""
        stems = content_stems(terms, self.generic)
        cue_stems = [c.casefold() for c in self.cues.get(relation, [])]
        # A role the question names is the cue for its holder ('muutosagentti', not any
        # '-agentti').
        roles = [_stem(e.label) for e in named if e.kind == "Role"]
        if roles and answer_type == "person":
            cue_stems = roles
        best: dict[str, ReadCandidate] = {}
        for rank, hit in enumerate(hits):
            if keep is not None and not keep(hit):
                continue
            text = hit.passage.text
            at = {s: _positions(text, [s]) for s in stems}
            near_terms = sorted(p for ps in at.values() for p in ps)
            near_cues = _positions(text, cue_stems)
            for label, entity, start, end in self._spans(hit, answer_type):
                if entity is not None and entity in named:
                    continue
                left, right = _sentence(text, start, end)
                covered = sum(1 for ps in at.values() if any(left <= p < right for p in ps))
                coverage = covered / len(stems) if stems else 0.0
                term_score = _nearness(start, end, near_terms)
                cue_score = _nearness(start, end, near_cues)
                unit = 0.0
                if answer_type == "count":
                    after = text[end:end + 40].casefold().split()[:2]
                    unit = 1.0 if any(w.startswith(s) or (len(s) >= 5 and s in w)
                                      for w in after for s in stems) else 0.0
                    if unit == 0.0 and term_score < 0.5:
                        continue  # a number with no word of the question beside it
                raw = (0.15 / (1 + rank) + 0.2 * term_score + 0.15 * cue_score
                       + 0.5 * coverage + 0.3 * unit)
                a, b = self.calibration
                confidence = 1 / (1 + math.exp(-(a * raw + b)))
                key = entity.key if entity is not None else label.casefold()
                found = ReadCandidate(label, answer_type, entity, hit, start, end, raw,
                                      round(confidence, 3))
                if key not in best or raw > best[key].score:
                    best[key] = found
        return sorted(best.values(), key=lambda c: (-c.score, c.label))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or list line) around a span."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for c in ".!?\n" if (i := text.find(c, end)) >= 0]
    return left, min(ends) if ends else len(text)
