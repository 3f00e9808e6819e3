"""What a reading of the text yields: a candidate answer with its evidence span, its score and
the reading's parts, and its calibrated confidence (a logistic over the score and the margin over
the best candidate of another value, or the learned confidence of search.reading_confidence)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from search.reading_confidence import LearnedConfidence, features
from search.reading_values import dates_of, number_of
from search.records import EntityRef, Hit

# The answer types read as facts (the rest are places, methods and projects of a topic).
FACT_TYPES = ("date", "count", "amount", "person", "body")
# The floor of a read answer's confidence (search.text_answers.READ_MIN_CONFIDENCE) unless the
# learned confidence sets its own; a person question naming no role reads bodies too unless a
# person reads at the floor.
PERSON_FIRST = 0.578
# Calibration of the confidence (logistic over the raw score and its margin over the best
# candidate of another value: weights and intercept), fitted by `python -m search.calibration`
# on our own labelled reading questions (tests/search/data/reading_labelled.jsonl and
# tests/eval/dev_questions_facts.jsonl, 150 with a candidate) over the corpus + unseen + dev2 +
# devq build. Checked on tests/eval/dev_questions_facts2.jsonl, which it was not fitted on.
CALIBRATION = (2.31, 3.35, -1.92)
# Methods and projects read for a topic keep the score-only calibration (a lone method
# candidate has no rival, so its margin says nothing), as fitted before the margin was added.
TOPIC_CALIBRATION = (3.32, 0.0, -1.34)


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
    margin: float = 0.0  # the score's lead over the best candidate of another value
    # The reading's parts (search.reading_confidence.FEATURES), for the learned confidence.
    parts: tuple[float, ...] = ()
    # The confidence this candidate needs to be an answer (search.text_answers).
    floor: float = PERSON_FIRST


def _value_of(c: ReadCandidate) -> frozenset[str]:
    """What a candidate states: its dates, its number, or its entity or label."""
    if c.type == "date":
        return frozenset(dates_of(c.label)) or frozenset({c.label.casefold()})
    if c.type in ("count", "amount"):
        number = number_of(c.label)
        return frozenset({str(number)}) if number is not None else frozenset({c.label})
    return frozenset({c.entity.key if c.entity is not None else c.label.casefold()})


def _same_value(a: frozenset[str], b: frozenset[str]) -> bool:
    """One states (part of) the other: a period and its end date, '3 900' and '3900'; a year
    is another answer than a day in it."""
    return bool(a & b)


def _vaguer(rival: frozenset[str], value: frozenset[str]) -> bool:
    """Every date of the rival is a year or a month that a day of the value falls in: the
    vaguer reading of the same time ('toimeenpano 2017' beside '13.1.2017') is no rival of the
    exact day (though the day stays a rival of the vaguer, and a month is no exact reading)."""
    return bool(rival) and all(_dated(r) and any(len(v) == DAY and v.startswith(r + "-")
                                                 for v in value) for r in rival)


# The length of a whole day written yyyy-mm-dd: only a day is the exact reading of a time.
DAY = 10


def _dated(value: str) -> bool:
    """A value of dates_of: a year, a month or a day written yyyy[-mm[-dd]]."""
    return len(value) in (4, 7, 10) and value[:4].isdigit()


class CalibratedReading:
    """The confidence of read candidates; `calibration` and `learned` come from
    search.reading.Reader."""

    calibration: tuple[float, float, float]
    learned: LearnedConfidence | None

    def _calibrated(self, ranked: list[ReadCandidate]) -> list[ReadCandidate]:
        """Each candidate with its confidence: a logistic over its score and its margin over
        the best candidate of another value (the top one's lead; for the rest, how far behind
        the top they are). A reading that barely beats another answer is a guess."""
        out = []
        for c in ranked:
            a, m, b = self.calibration if c.type in FACT_TYPES else TOPIC_CALIBRATION
            value = _value_of(c)
            rival = next((o.score for o in ranked
                          if o is not c and not _same_value(_value_of(o), value)
                          and not _vaguer(_value_of(o), value)), 0.0)
            margin = c.score - rival
            if len(c.parts) > 5 and c.parts[5] >= 1:
                # A reading in a passage lacking a whole name of the question (another town's
                # survey for 'the survey in Lieksa') leads no rival: it is about another thing.
                margin = min(margin, 0.0)
            confidence = 1 / (1 + math.exp(-(a * c.score + m * margin + b)))
            out.append(replace(c, confidence=round(confidence, 3), margin=round(margin, 3)))
        if self.learned is not None and out and out[0].type in FACT_TYPES:
            return self._learned(out)
        return out

    def _learned(self, ranked: list[ReadCandidate]) -> list[ReadCandidate]:
        """The candidates by the learned probability that each is the answer, which is
        their confidence, against the learned model's floor."""
        assert self.learned is not None
        top = ranked[0].score
        out = [replace(c, confidence=round(self.learned.probability(features(
            c.score, c.margin, top, i, len(ranked), c.parts, c.type)), 3),
            floor=self.learned.floor) for i, c in enumerate(ranked)]
        return sorted(out, key=lambda c: (-c.confidence, -c.score, c.label))

