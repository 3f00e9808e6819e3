"""The kinds of body a question asks for ('Which university …', 'Mikä kuntayhtymä …', 'Vilken
förening …') and whether a body named so, or of a reference class, is of that kind. The words of
each kind (fi/en/sv) are data in search/data/reading_cues.json (`_body_kinds`), and the reference
classes each kind may hold (`_body_kind_classes`: a hospital district is a joint authority)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

CUES = Path(__file__).parent / "data" / "reading_cues.json"
# The class of a body the reference data does not class: it may be of any kind.
UNCLASSED = ("Organisation",)


def kinds_asked(question: str, body_kinds: Mapping[str, Sequence[str]]) -> list[str]:
    """The kinds of body the question names, in the order of the kinds' data, each phrase
    taken longest first ('university of applied sciences' is no university)."""
    low = question.casefold()
    forms = sorted(((f, kind) for kind, fs in body_kinds.items() for f in fs),
                   key=lambda x: -len(x[0]))
    asked: list[str] = []
    for form, kind in forms:
        pattern = rf"(?<!\w){re.escape(form)}\w*"
        if re.search(pattern, low):
            low = re.sub(pattern, " ", low)
            if kind not in asked:
                asked.append(kind)
    return asked


def names_kind(label: str, kinds: Sequence[Sequence[str]]) -> bool:
    """A name states one of the kinds ('Pesäpuu ry', 'Seinäjoen ammattikorkeakoulu')."""
    low = label.casefold()
    return any(re.search(rf"(?<!\w){re.escape(f)}", low) or len(f) >= 6 and f in low
               for fs in kinds for f in fs)


@dataclass(frozen=True)
class BodyKinds:
    words: Mapping[str, Sequence[str]]
    classes: Mapping[str, Sequence[str]]

    @classmethod
    def load(cls, path: Path = CUES) -> BodyKinds:
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            words, classes = data["_body_kinds"], data["_body_kind_classes"]
        except KeyError as e:
            raise ValueError(f"{path}: no {e} section; restore the file from git") from e
        if missing := sorted(set(words) - set(classes)):
            raise ValueError(f"{path}: _body_kind_classes lacks {missing}: list the reference "
                             "classes each kind of _body_kinds may hold ([] for none)")
        return cls(words, classes)

    def asked(self, question: str) -> list[str]:
        return kinds_asked(question, self.words)

    def may_be(self, label: str, body_class: str, kind: str) -> bool:
        """A body (its name and reference class) may be of the kind asked: its name states
        that kind; or it states no kind and its class is that kind's or no class at all."""
        if names_kind(label, [self.words[kind]]):
            return True
        if names_kind(label, list(self.words.values())):
            return False
        return body_class in UNCLASSED or body_class in self.classes[kind]
