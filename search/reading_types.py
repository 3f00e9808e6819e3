"""The answer type a question's interrogative fixes: 'when', 'milloin', 'när' ask for a date,
'how many', 'montako', 'hur många' for a count, 'how much', 'paljonko', 'vad kostade' for an
amount, and 'who', 'kuka', 'vem' for a person unless the question is about administering,
partnering or funding (which bodies do); 'who' with a verb of leading asks first for the person
who led, the body the model read being its other reading (`led_body`). The question model
reads the type from the whole question; where an unambiguous interrogative says otherwise
('Vad kostade försöket i Kuhmo?' read as a method question), the interrogative wins. The
patterns are data in search/data/reading_cues.json (`_interrogatives`)."""

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


# A person is asked as the holder of a role, never through the body that administered
# ('who led the X project' typed a person of relation administeredBy had the graph answer with
# the administering body): the person who led it is its manager.
PERSON_FROM = {"administeredBy": "roleHolder"}


def _agreeing(kind: QuestionKind) -> QuestionKind:
    """The question's kind with a relation its answer type can have."""
    if kind.answer_type in PLACE_TYPES and kind.relation == "quantity":
        return replace(kind, relation="methodActors")
    if kind.answer_type == "person" and kind.relation in PERSON_FROM:
        return replace(kind, relation=PERSON_FROM[kind.relation])
    relation = FACT_RELATIONS.get(kind.answer_type)
    return kind if relation in (None, kind.relation) else replace(kind, relation=relation)


# A group is led by a person ('Who led the steering group of X?' asks for its chair, not for
# the body that administered X): the Finnish head of a group word.
GROUP_HEAD = "ryhmä"
# The relations a body is asked through; any other becomes BODY_DEFAULT (a person's relations
# would have the graph answer with people), or a method's actors when
# the model read the actor's methods: 'Mikä kuntayhtymä pilotoi X?' asks who piloted X).
BODY_ASKED_RELATIONS = ("administeredBy", "partner", "fundingAmount", "methodActors")
BODY_FROM = {"actorMethods": "methodActors"}
BODY_DEFAULT = "partner"


def _inflected(word: str, noun: str) -> bool:
    """A word is the noun or the noun with a Finnish case ending (at most four letters more)."""
    return word == noun or (len(noun) >= 4 and word.startswith(noun) and len(word) - len(noun) <= 4)


class BodyOpeners:
    """An interrogative governing a noun of a kind of body within its next words asks for a body
    ('Mikä kuntayhtymä …', 'Which MLL district …', 'Vilken förening …'): the interrogatives, the
    prepositions before them and the nouns are data (reading_cues.json `_body_openers`,
    `_body_kinds`, `_body_asked`, `_body_nouns`)."""

    def __init__(self, data: dict | None = None) -> None:
        data = data if data is not None else json.loads(CUES.read_text(encoding="utf-8"))
        openers = data.get("_body_openers", {})
        self._asking = frozenset(openers.get("interrogatives", []))
        self._before = frozenset(openers.get("before", []))
        self._within = int(openers.get("within", 2))
        nouns = [n.casefold() for kinds in data.get("_body_kinds", {}).values() for n in kinds]
        nouns += [n.casefold() for n in data.get("_body_asked", []) + data.get("_body_nouns", [])]
        self._words = tuple(dict.fromkeys(n for n in nouns if " " not in n))
        self._phrases = tuple(dict.fromkeys(n for n in nouns if " " in n))

    def asks_body(self, question: str) -> bool:
        words = re.findall(r"\w[\w\-]*", question.casefold())
        first = 1 if words[:1] and words[0] in self._before else 0
        if len(words) <= first or words[first] not in self._asking:
            return False
        after = words[first + 1:first + 1 + self._within]
        # a noun of several words begins among the words counted and may run past them
        # ('which joint municipal authority'; not 'what did the X joint authority do')
        starts = [" ".join(words[i:i + 4]) for i in range(first + 1, first + 1 + self._within)]
        return (any(_inflected(w, n) for w in after for n in self._words)
                or any(s.startswith(p) for s in starts for p in self._phrases))


class InterrogativeTypes:
    def __init__(self, patterns: dict[str, list[str]] | None = None,
                 finnish: Callable[[str], list[str]] | None = None,
                 cues: dict | None = None) -> None:
        cues = cues if cues is not None else json.loads(CUES.read_text(encoding="utf-8"))
        data = patterns if patterns is not None else cues["_interrogatives"]
        # An interrogative governing a kind of body asks for a body.
        self.bodies = BodyOpeners(cues)
        self._patterns = [(kind, re.compile(rf"^\W*(?:{'|'.join(p)})\b", re.IGNORECASE))
                          for kind, p in data.items()]
        # The Finnish lemmas of a question's words (the glossary's, for English and Swedish).
        self._finnish = finnish
        # Verbs of leading ('johti', 'vetää', 'led', 'ledde'): who leads a project, a unit or a
        # group is a person, its manager, head or chair (reading_cues.json `_leading_verbs`).
        self._leading = frozenset(v.casefold() for v in cues.get("_leading_verbs", []))

    def _names_a_group(self, question: str) -> bool:
        words = re.findall(r"\w+", question.casefold())
        if self._finnish is not None:
            words += self._finnish(question)
        return any(GROUP_HEAD in w for w in words)

    def _names_leading(self, question: str) -> bool:
        return any(w in self._leading for w in re.findall(r"\w+", question.casefold()))

    def asked(self, question: str) -> str | None:
        """The type the question's opening interrogative fixes, if any."""
        for kind, pattern in self._patterns:
            if pattern.search(question):
                return kind
        return None

    def fixes_fact(self, question: str) -> bool:
        """The question's opening fixes a fact asked (a date, a count, an amount or a body),
        whatever else its words name ('mistä lähtien …', 'Mikä kuntayhtymä …')."""
        return self.bodies.asks_body(question) or self.asked(question) in FACT_RELATIONS

    def corrected(self, question: str, kind: QuestionKind, leading: bool = True) -> QuestionKind:
        return _agreeing(self._by_interrogative(question, kind, leading))

    def led_body(self, question: str, kind: QuestionKind) -> QuestionKind | None:
        """The body the model read for a who-question that a verb of leading asks as a person
        ('kuka vetää X-hanketta', 'Vem ledde projektet?'), or None: the answer is the person
        who led when one is found; where none is, the body that did ('Who leads the LAPE
        programme nationally?' is the ministry)."""
        body = self.corrected(question, kind, leading=False)
        return body if body != self.corrected(question, kind) else None

    def _by_interrogative(self, question: str, kind: QuestionKind,
                          leading: bool = True) -> QuestionKind:
        if self.bodies.asks_body(question):
            if kind.answer_type == "body":
                return kind
            relation = BODY_FROM.get(kind.relation, kind.relation)
            return replace(kind, answer_type="body", relation=relation
                           if relation in BODY_ASKED_RELATIONS else BODY_DEFAULT)
        asked = self.asked(question)
        if asked is None or asked == kind.answer_type or kind.answer_type in KEPT.get(asked, ()):
            return kind
        if asked == "person" and kind.answer_type == "body" and (
                self._names_a_group(question) or leading and self._names_leading(question)):
            return replace(kind, answer_type="person", relation="roleHolder")
        if asked == "person":
            if kind.relation in BODY_RELATIONS or kind.answer_type not in ("body",):
                return kind
            relation = kind.relation if kind.relation in ("roleHolder", "peopleOf") \
                else RELATIONS[asked]
            return replace(kind, answer_type="person", relation=relation)
        return replace(kind, answer_type=asked, relation=RELATIONS[asked])
