"""The answer type a question's interrogative fixes: 'when', 'milloin', 'när' ask for a date,
'how many', 'montako', 'hur många' for a count, 'how much', 'paljonko', 'vad kostade' for an
amount, and 'who', 'kuka', 'vem' for a person unless the question is about administering,
partnering or funding (which bodies do). The question model reads the type from the whole
question; where an unambiguous interrogative says otherwise ('Vad kostade försöket i Kuhmo?'
read as a method question), the interrogative wins. The patterns are data in
search/data/reading_cues.json (`_interrogatives`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from search.question_model import QuestionKind

CUES = Path(__file__).parent / "data" / "reading_cues.json"
# The relation a corrected type is asked through.
RELATIONS = {"date": "period", "amount": "fundingAmount", "count": "quantity",
             "person": "peopleOf"}
# Relations whose answer is a body, whatever the interrogative ('Who administered X?').
BODY_RELATIONS = ("administeredBy", "partner", "fundingAmount")
# Types an interrogative never overrides: a count asked with 'how much' stays a count, a
# place or a method question is another kind of question ('Who in Kainuu piloted X?').
KEPT = {"amount": ("count",), "person": ("municipality", "region", "method", "project")}


# The only relation a date, a count or an amount is asked through: the model's two heads
# disagree now and then ('On what date did the ministry grant state aid to X?' typed a date
# of relation administeredBy), and the graph would then answer with a body.
FACT_RELATIONS = {"date": "period", "count": "quantity", "amount": "fundingAmount"}


# A place question is never answered by a count: 'Which regions trained staff in X?' read as
# relation quantity would reach neither the graph's facts nor the topic's places.
PLACE_TYPES = ("region", "municipality")


def _agreeing(kind: QuestionKind) -> QuestionKind:
    """The question's kind with a relation its answer type can have."""
    if kind.answer_type in PLACE_TYPES and kind.relation == "quantity":
        return replace(kind, relation="methodActors")
    relation = FACT_RELATIONS.get(kind.answer_type)
    return kind if relation in (None, kind.relation) else replace(kind, relation=relation)


# A group is led by a person ('Who led the steering group of X?' asks for its chair, not for
# the body that administered X): the Finnish head of a group word.
GROUP_HEAD = "ryhmä"


class InterrogativeTypes:
    def __init__(self, patterns: dict[str, list[str]] | None = None,
                 finnish: Callable[[str], list[str]] | None = None) -> None:
        data = patterns if patterns is not None else json.loads(
            CUES.read_text(encoding="utf-8"))["_interrogatives"]
        self._patterns = [(kind, re.compile(rf"^\W*(?:{'|'.join(p)})\b", re.IGNORECASE))
                          for kind, p in data.items()]
        # The Finnish lemmas of a question's words (the glossary's, for English and Swedish).
        self._finnish = finnish

    def _names_a_group(self, question: str) -> bool:
        words = re.findall(r"\w+", question.casefold())
        if self._finnish is not None:
            words += self._finnish(question)
        return any(GROUP_HEAD in w for w in words)

    def asked(self, question: str) -> str | None:
        """The type the question's opening interrogative fixes, if any."""
        for kind, pattern in self._patterns:
            if pattern.search(question):
                return kind
        return None

    def corrected(self, question: str, kind: QuestionKind) -> QuestionKind:
        return _agreeing(self._by_interrogative(question, kind))

    def _by_interrogative(self, question: str, kind: QuestionKind) -> QuestionKind:
        asked = self.asked(question)
        if asked is None or asked == kind.answer_type or kind.answer_type in KEPT.get(asked, ()):
            return kind
        if asked == "person" and kind.answer_type == "body" and self._names_a_group(question):
            return replace(kind, answer_type="person", relation="roleHolder")
        if asked == "person":
            if kind.relation in BODY_RELATIONS or kind.answer_type not in ("body",):
                return kind
            relation = kind.relation if kind.relation in ("roleHolder", "peopleOf") \
                else RELATIONS[asked]
            return replace(kind, answer_type="person", relation=relation)
        return replace(kind, answer_type=asked, relation=RELATIONS[asked])
