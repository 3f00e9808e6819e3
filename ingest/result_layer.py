"""How the learned result sentences (ingest/result_model.py) and the result rules
(ingest/extract/results.py) are combined.

The rules say a sentence reports a result when a result verb, a "kpl" count, a received training
or a list of results cues it. The classifier reads the whole sentence, so it also hears results
said in words no list holds ("326 perhettä sai apua", "tuloksena syntyi", "were opened", a table
row) and hears that a cued sentence is a plan, a goal or a byline ("aikoo avata kaksi",
"Tavoitteena oli kouluttaa 400", "Julkaistu 14.12.2018"):
  - a sentence with a count or a date that no rule cues is a result when the classifier is at
    least ADD_AT sure;
  - a cued sentence is dropped when the classifier gives it less than DROP_BELOW, or less than
    PRESENT_AT when its result verbs are all in the present tense (a plan said in the present:
    "Siun sote perustaa vielä tänä vuonna neljä perhekeskusta", "avataan syksyllä kaksi").
Thresholds calibrated pooled over every development set with result gold (seeds, unseen, dev2 ..
dev6x, dev5w, dev5w2, dev6w, dev8w; 240 gold results): on a build whose result statements carry
the classifier's probability, ADD_AT .6 and DROP_BELOW .2 give the highest pooled F0.5 (P .931,
R .958 before the rules of where and scope in ingest/result_context.py; .7/.2: P .934, R .942;
.95/.4: P .953, R .846). PRESENT_AT changed no development result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.result_model import ResultClassifier

ADD_AT = 0.6
DROP_BELOW = 0.2
PRESENT_AT = 0.5
SOURCE = "learned:result"


@dataclass
class ResultJudge:
    """Decides, from a sentence's text and whether a rule cued it, whether it reports a
    result; `learned` says the classifier, not a rule, made it one."""

    classifier: ResultClassifier
    add_at: float = ADD_AT
    drop_below: float = DROP_BELOW
    present_at: float = PRESENT_AT

    def decide(self, text: str, cued: bool, present: bool = False) -> tuple[bool, float]:
        p = self.classifier.probability(text)
        floor = max(self.drop_below, self.present_at) if present else self.drop_below
        return (p >= floor if cued else p >= self.add_at), p


def result_judge_for(status_model: object) -> ResultJudge | None:
    """The judge over the encoder a learned status model already holds; None (the rules alone)
    for the rule status model, which loads no encoder."""
    encoder = getattr(getattr(status_model, "classifier", None), "encoder", None)
    if encoder is None:
        return None
    from ingest.result_model import ResultClassifier

    return ResultJudge(ResultClassifier(encoder))
