"""The qualifier of a fact question and whether an answer carries it: the kind of amount asked
(own funding, EU funding, the state grant, the whole budget), the event a date belongs to (a
start or an end), the year asked, a person in a role rather than a body. An answer whose
evidence states another kind than the one asked is not an answer to the question, whether it
came from the graph or from the text; when none carries the qualifier, the question gets the
text's answer or silence, never the broader fact. Vocabulary: search/data/fact_qualifiers.json."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from search.answer_records import Answer, Evidence
from search.data_files import read_json
from search.reading_kinds import BodyKinds
from search.reading_spans import AMOUNT

DATA = Path(__file__).with_name("data") / "fact_qualifiers.json"
# How far before a value its kind word may stand ('valtionavustusta kokonaisuudessaan n.'), and
# after it ('1,1 miljoonan euron valtionavustuksen').
BEFORE = 80
AFTER = 40
BODY_TYPES = ("Organisation", "JointAuthority", "Ministry", "Agency", "NGO", "University",
              "Church", "Municipality", "Region")
# A sentence ends at a stop before a capital: 'n. 2,1 milj. €' does not end one.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ])")
_AFTER_END = re.compile(r"[,.;:\n(]")
_DATE = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}")
_RANGE_DASH = re.compile(r"\s?[–-]\s?$")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")

# word (lower case) → (lemma, compound parts, verbs it derives from): Analyzer.word_forms
WordForms = Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]]
Analyse = Callable[[str], WordForms]
# The (kind, key) of the places and bodies a sentence names, however inflected.
NamesIn = Callable[[str], set[tuple[str, str]]]
PLACE_SCOPED = ("date", "count", "amount")
# The answer types of a place question.
PLACE_ASKED = ("region", "municipality")


@dataclass(frozen=True)
class Cue:
    """Words that name one kind: equal to a form ('own'), or a form starting with a stem."""
    words: frozenset[str]
    stems: tuple[str, ...]

    def meets(self, forms: Iterable[str]) -> bool:
        return any(f in self.words or f.startswith(self.stems) for f in forms)


@dataclass(frozen=True)
class Weak:
    """Kind words naming the whole an amount is a share of, or who pays it, not its kind:
    Finnish elative endings, the words before such a word ('of', 'av'), verbs of paying."""
    endings: tuple[str, ...] = ()
    after_words: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()

    def of(self, word: str, lemma: str, previous: tuple[str, ...]) -> bool:
        """`previous`: the two words before ('of the costs')."""
        return (word.endswith(self.endings) or bool(self.after_words.intersection(previous))
                or word in self.verbs or lemma in self.verbs)


@dataclass(frozen=True)
class Vocabulary:
    amount_kinds: tuple[tuple[str, Cue], ...]   # narrowest first
    amount_same: Mapping[str, str]
    amount_strict: frozenset[str]
    events: tuple[tuple[str, Cue], ...]
    person_roles: Cue
    body_asked: Cue
    quantity_asked: Cue
    organs: tuple[tuple[str, Cue], ...]   # narrowest first
    weak: Weak = field(default_factory=lambda: Weak())

    @classmethod
    def load(cls, path: Path = DATA) -> Vocabulary:
        raw = read_json(path, "fact qualifiers")

        def cue(entry: dict) -> Cue:  # type: ignore[type-arg]
            return Cue(frozenset(w.casefold() for w in entry.get("words", [])),
                       tuple(s.casefold() for s in entry.get("stems", [])))

        try:
            return cls(tuple((k, cue(v)) for k, v in raw["amount_kinds"].items()),
                       dict(raw.get("amount_same", {})), frozenset(raw.get("amount_strict", [])),
                       tuple((k, cue(v)) for k, v in raw["events"].items()),
                       cue(raw["person_roles"]), cue(raw["body_asked"]),
                       cue(raw["quantity_asked"]),
                       tuple((k, cue(v)) for k, v in raw["organs"].items()),
                       _weak(raw.get("amount_weak", {})))
        except (KeyError, AttributeError, TypeError) as e:
            raise ValueError(f"{path}: missing or malformed section {e}; amount_kinds, events, "
                             "person_roles, body_asked, quantity_asked and organs each need "
                             "words/stems lists") from e


def _weak(entry: dict) -> Weak:  # type: ignore[type-arg]
    return Weak(tuple(entry.get("endings", [])),
                frozenset(w.casefold() for w in entry.get("after_words", [])),
                frozenset(w.casefold() for w in entry.get("verbs", [])))


def _forms(word: str, analysis: tuple[str, tuple[str, ...], tuple[str, ...]]) -> set[str]:
    lemma, parts, verbs = analysis
    return {f.casefold() for f in (word, lemma, *parts, *verbs) if f}


def _kind_of(forms: set[str], kinds: tuple[tuple[str, Cue], ...]) -> str | None:
    return next((kind for kind, cue in kinds if cue.meets(forms)), None)


def _asked(words: WordForms, kinds: tuple[tuple[str, Cue], ...]) -> set[str]:
    return {k for w, a in words.items() if (k := _kind_of(_forms(w, a), kinds)) is not None}


def _nearest(window: str, analyse: Analyse, kinds: tuple[tuple[str, Cue], ...], *,
             last: bool) -> str | None:
    """The kind of the kind word nearest the value: the last one in a window before it, the
    first one after it."""
    best: tuple[int, str] | None = None
    lower = window.lower()
    for word, analysis in analyse(window).items():
        if (kind := _kind_of(_forms(word, analysis), kinds)) is None:
            continue
        spots = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", lower)]
        if not spots:
            continue
        pos = spots[-1] if last else spots[0]
        if best is None or (pos > best[0] if last else pos < best[0]):
            best = (pos, kind)
    return best[1] if best else None


def _before(text: str, start: int) -> str:
    window = text[max(0, start - BEFORE):start].rsplit("\n", 1)[-1]
    return _SENTENCE_END.split(window)[-1]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (on its line) holding text[start:end]."""
    head = _SENTENCE_END.split(text[:start].rsplit("\n", 1)[-1])[-1]
    tail = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n", text[end:], maxsplit=1)[0]
    return head + text[start:end] + tail


def _after(text: str, end: int) -> str:
    return _AFTER_END.split(text[end:end + AFTER], maxsplit=1)[0]


class Qualifiers:
    """Filters the answers of a fact question by what the question qualifies them with."""

    def __init__(self, analyse: Analyse, names_in: NamesIn | None = None,
                 vocabulary: Vocabulary | None = None,
                 body_kinds: BodyKinds | None = None) -> None:
        self.analyse = analyse
        self.names_in = names_in
        self.vocabulary = vocabulary or Vocabulary.load()
        self.body_kinds = body_kinds or BodyKinds.load()

    def amount_asked(self, words: WordForms) -> str | None:
        """The narrowest kind of amount the question names (None: it names none)."""
        kinds = self.vocabulary.amount_kinds
        asked = _asked(words, kinds)
        kind = next((k for k, _ in kinds if k in asked), None)
        return self.vocabulary.amount_same.get(kind, kind) if kind else None

    def amount_stated(self, text: str, start: int, end: int) -> str | None:
        """The kind the text states for the amount at text[start:end]: the kind word nearest
        before it on its line and in its sentence, after the amount before it if any ('kustannus-
        arvio 1 320 000 €, valtionavustus 1 056 000 €'), else one right after it in its clause,
        else a word naming the whole it is a share of or who pays it ('Valtionavustuksen osuus
        kustannuksista oli … 566 080 euroa' is the grant; 'ministeriö maksaa siitä 700 000')."""
        kinds = self.vocabulary.amount_kinds
        before = _before(text, start)
        if prior := list(AMOUNT.finditer(before)):
            before = before[prior[-1].end():]
        strong, weak = self._kinds_before(before)
        kind = (strong or _nearest(_after(text, end), self.analyse, kinds, last=False)
                or weak)
        return self.vocabulary.amount_same.get(kind, kind) if kind else None

    def _kinds_before(self, window: str) -> tuple[str | None, str | None]:
        """The kind of the last kind word of the window that names the amount's own kind, and
        of the last one naming a whole or a payer (Vocabulary.weak)."""
        kinds, weak = self.vocabulary.amount_kinds, self.vocabulary.weak
        analysed = self.analyse(window)
        strong_kind = weak_kind = None
        previous: tuple[str, ...] = ()
        for m in re.finditer(r"\w[\w:-]*", window):
            word = m.group(0).casefold()
            analysis = analysed.get(word) or analysed.get(m.group(0)) or (word, (), ())
            if (kind := _kind_of(_forms(word, analysis), kinds)) is not None:
                if weak.of(word, analysis[0].casefold(), previous):
                    weak_kind = kind
                else:
                    strong_kind = kind
            previous = (*previous[-1:], word)
        return strong_kind, weak_kind

    def amount_fits(self, question: str, answer_type: str | None
                    ) -> Callable[[str, int, int], bool] | None:
        """For an amount question naming a kind, whether an amount at text[start:end] is of
        that kind as the text states it (a reading of another kind is no candidate, so it is
        no rival either); None when the question names no kind."""
        if answer_type != "amount":
            return None
        kind = self.amount_asked(self.analyse(question))
        if kind is None:
            return None
        strict = kind in self.vocabulary.amount_strict
        return lambda text, start, end: _as_stated(self.amount_stated(text, start, end),
                                                   kind, strict)

    def event_asked(self, words: WordForms) -> str | None:
        asked = _asked(words, self.vocabulary.events)
        return asked.pop() if len(asked) == 1 else None

    def event_stated(self, text: str, start: int, end: int) -> str | None:
        """start or end for the date at text[start:end]: a range's first or second date, else
        the event word nearest before it in its sentence."""
        before = text[max(0, start - 14):start]
        if _RANGE_DASH.search(before) and _DATE.search(before):
            return "end"
        if re.match(r"\s?[–-]\s?\d", text[end:end + 4]) and _DATE.fullmatch(text[start:end]):
            return "start"
        return _nearest(_before(text, start), self.analyse, self.vocabulary.events, last=True)

    def person_asked(self, words: WordForms) -> bool:
        """The question names a person's role ('financial manager', 'puheenjohtaja') and no
        body asked for ('which organisation coordinated')."""
        v = self.vocabulary
        forms = [_forms(w, a) for w, a in words.items()]
        return any(v.person_roles.meets(f) for f in forms) \
            and not any(v.body_asked.meets(f) for f in forms)

    def filter(self, answers: list[Answer], question: str, answer_type: str | None,
               municipalities: Iterable[str] = (), place_named: bool = False) -> list[Answer]:
        """The answers that carry what the question qualifies: each answer keeps the evidence
        that states the kind or event asked (or states none, where that is allowed), and for
        a date, count or amount of the municipalities named (keys), the evidence whose
        sentence names one of them or no municipality at all. `place_named`: the question's
        interrogative asks for a place by its noun ('which regions', 'missä kunnissa')."""
        if not answers:
            return answers
        words = self.analyse(question)
        # A place question asks for places whatever role its topic names ('where did a project
        # recruit volunteer secret agents'), and whatever amount when its interrogative asks for
        # the place by its noun ('which regions show in their budget how much goes to
        # children'; 'how big a subsidy did the soite region get' asks an amount).
        place = answer_type in PLACE_ASKED
        if self.person_asked(words) and not place:
            answers = [a for a in answers if a.type not in BODY_TYPES]
        if answer_type == "body" and (kinds := self.body_kinds.asked(question)):
            # 'Which university evaluated X': a body of the first kind named, by its name or
            # its class; another kind's body answers nothing ('Which cooperative …' is not
            # answered with a hospital district), so no such body leaves silence.
            answers = [a for a in answers if a.type not in BODY_TYPES
                       or self.body_kinds.may_be(a.label, a.type, kinds[0])]
        if answer_type == "person" and (organ := self.organ_asked(words)) is not None:
            answers = _kept(answers, lambda ev: self._of_organ(ev, organ))
        kind = self.amount_asked(words)
        if kind is not None and self.quantity_asked(words) and not (place and place_named):
            # 'What was the own financing share of X': an amount, not the body that ran X
            answers = [a for a in answers if a.type == "Amount"]
        if answer_type in PLACE_SCOPED and (towns := set(municipalities)) and self.names_in:
            answers = _kept(answers, lambda ev: self._of_towns(ev, towns))
        if answer_type == "amount" and kind is not None:
            # own or EU funding only where the text says so; a grant or a cost also where the
            # amount's kind goes unsaid
            strict = kind in self.vocabulary.amount_strict
            answers = _kept(answers, lambda ev: _as_stated(
                self.amount_stated(ev.text, ev.start, ev.end), kind, strict))
        if answer_type == "date":
            if (event := self.event_asked(words)) is not None:
                answers = _kept(answers, lambda ev: _as_stated(
                    self.event_stated(ev.text, ev.start, ev.end), event, strict=False))
            answers = _in_years(answers, question)
        return answers

    def organ_asked(self, words: WordForms) -> str | None:
        """The group whose member or chair is asked ('youth council', 'ohjausryhmän')."""
        organs = self.vocabulary.organs
        asked = _asked(words, organs)
        return next((k for k, _ in organs if k in asked), None)

    def _of_organ(self, ev: Evidence, asked: str) -> bool:
        """The person's sentence names the group asked or names none ('Ohjausryhmän
        puheenjohtaja oli X' is no youth council's chair)."""
        named = _asked(self.analyse(_sentence(ev.text, ev.start, ev.end)),
                       self.vocabulary.organs)
        return not named or asked in named

    def quantity_asked(self, words: WordForms) -> bool:
        return any(self.vocabulary.quantity_asked.meets(_forms(w, a)) for w, a in words.items())

    def _of_towns(self, ev: Evidence, asked: set[str]) -> bool:
        """'How many were trained in Pori': not the count of a sentence about Rauma only."""
        named = {key for kind, key in self.names_in(_sentence(ev.text, ev.start, ev.end))
                 if kind == "Municipality"} if self.names_in else set()
        return not named or bool(named & asked)


def _as_stated(stated: str | None, asked: str, strict: bool) -> bool:
    return stated == asked or (stated is None and not strict)


def _kept(answers: list[Answer], keep: Callable[[Evidence], bool]) -> list[Answer]:
    """The answers with the evidence that carries the qualifier; an answer none of whose
    evidence does is dropped."""
    kept = []
    for a in answers:
        if evidence := [e for e in a.evidence if keep(e)]:
            a.evidence = evidence
            kept.append(a)
    return kept


def _in_years(answers: list[Answer], question: str) -> list[Answer]:
    """A date asked 'in 2017' is a date of 2017: an answer whose own label states years none
    of which is asked is another event's date."""
    asked = {int(y) for y in _YEAR.findall(question)}
    if not asked:
        return answers
    return [a for a in answers
            if not (years := {int(y) for y in _YEAR.findall(a.label)}) or asked & years]
