"""Whether a question asks what an actor did, by the question's structure rather than by the
kind the question model read: an interrogative asking for a thing ('mitä', 'what', 'vad'),
followed by a noun naming a kind of working model ('Mihin toimintamalleihin …', 'Vilken
barnskyddsmodell …'), or by the actor itself or a verb ('mitä jyväskylän kaupunki testasi',
'What did Ylöjärvi establish …', 'Vad planerar Närpes?') in a question that says something was
done. The words are data (search/data/method_question_words.json)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.entity_matcher import normalise

WORDS = Path(__file__).parent / "data" / "method_question_words.json"
# Kinds of entity that can have done something.
ACTORS = frozenset({"Region", "Municipality", "Organisation", "Project"})
# Answer types the question model may give a question that asks what an actor did: a person,
# an amount or a count is never one.
OVERRIDABLE = frozenset({"municipality", "region", "topic", "method", "body", "date"})
# Answer types the question model may misread from a number in a question asking what an actor
# did ('… vuoden 2018 talousarviossa', '… a single phone number').
COUNTABLE = frozenset({"amount", "count"})
# A stem shorter than this must match a whole word ('tog', 'run'), a longer one may begin it.
_PREFIX_MIN = 4
# The interrogative is one of the question's first words ('Entä mitä …', 'And what …').
_FIRST_WORDS = 2
# The noun asked for is among the words after the interrogative ('Which working practices …',
# 'Mitä uusia toimintamalleja …'), before any other noun.
_ASKED_WORDS = 2
_WORD = re.compile(r"[\w\-]+")

# word → (lemma, compound parts, source verbs), as search.query.Analyzer.word_forms gives them
Forms = dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class QuestionWords:
    what: frozenset[str]
    heads: tuple[str, ...]
    auxiliaries: frozenset[str]
    doing: tuple[str, ...]
    places: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    one: frozenset[str] = frozenset()
    many: frozenset[str] = frozenset()
    being: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = WORDS) -> QuestionWords:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(frozenset(data["what"]), tuple(data["heads"]),
                       frozenset(data["auxiliaries"]), tuple(data["doing"]),
                       frozenset(data.get("places", ())), frozenset(data.get("kinds", ())),
                       frozenset(data.get("one", ())), frozenset(data.get("many", ())),
                       frozenset(data.get("being", ())))
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"{path}: cannot read the method question words ({exc}); restore "
                             "the file from the repository") from exc


@lru_cache(maxsize=1)
def question_words() -> QuestionWords:
    return QuestionWords.load()


def _begins(word: str, stems: Iterable[str]) -> bool:
    return any(word == s or (len(s) >= _PREFIX_MIN and word.startswith(s)) for s in stems)


def names_method_kind(word: str, lemma: str, parts: tuple[str, ...],
                      heads: Iterable[str]) -> bool:
    """Whether a word names a kind of working model: it begins with a head ('models',
    'arbetsmodeller') or its base form or last compound part does ('toimintamalleihin',
    'barnskyddsmodell')."""
    heads = tuple(heads)
    last = parts[-1].casefold() if parts else ""
    return _begins(word, heads) or _begins(last, heads) or any(
        h in lemma[-len(h) - 2:] or h in word[-len(h) - 4:] for h in heads if len(h) >= 5)


def says_doing(forms: Forms, status_words: Iterable[str], words: QuestionWords) -> bool:
    """Whether a question says something was done, started, offered or planned: a word, its
    lemma or the verb it derives from begins with a stem of doing or is a status word."""
    status = frozenset(status_words)
    stems = words.doing + tuple(w[:max(7, len(w) - 2)] for w in status if len(w) >= 7)
    return any({w, lemma, *verbs} & status or any(_begins(x, stems) for x in (w, lemma, *verbs))
               for w, (lemma, _, verbs) in forms.items())


def _asks_places(tokens: list[str], forms: Forms, word_class: Callable[[str], str | None],
                 status_words: Iterable[str], words: QuestionWords) -> bool:
    """Whether a noun asking for places comes before the question's verb ('Which Kainuu
    municipalities tried out …', 'Mitkä Kainuun kunnat …'): the question asks for the places
    of the actor it names, not for the actor's methods."""
    for word in tokens:
        if word in words.places:
            return True
        lemma, parts, _ = forms.get(word, (word, (), ()))
        if word in words.auxiliaries or word_class(word) == "verb" or says_doing(
                {word: (lemma, parts, ())}, status_words, words):
            return False
    return False


def asks_actor_methods(question: str, forms: Forms, entities: Iterable,  # type: ignore[type-arg]
                       answer_type: str | None, word_class: Callable[[str], str | None],
                       status_words: Iterable[str],
                       words: QuestionWords | None = None) -> bool:
    """Whether the question asks which methods the actor it names worked with, whatever
    answer type the question model read: it names an actor, asks with a thing's interrogative,
    and the word asked for names a kind of working model, or the interrogative is followed by
    the actor or a verb in a question saying something was done. 'Mitkä kunnat …' (a place
    noun), 'What year …' (another noun) or 'Mikä oli hankkeen budjetti' (nothing done) is no
    such question; nor is one asking for a person, an amount or a count. `word_class` tells
    whether a word is a "verb", a "noun" or "other", None when it cannot read the word."""
    words = words or question_words()
    actors = [e for e in entities if e.kind in ACTORS]
    if not actors:
        return False
    tokens = [t.casefold() for t in _WORD.findall(question)]
    at = next((i for i, t in enumerate(tokens[:_FIRST_WORDS]) if t in words.what), None)
    if at is None or at + 1 >= len(tokens):
        return False
    # 'what kind of assessment', 'vilken typ av modell': the noun asked for comes after them
    while at + 2 < len(tokens) and tokens[at + 1] in words.kinds:
        at += 1
    if answer_type not in OVERRIDABLE:
        # a person, an amount or a count, unless the interrogative's own noun names a kind of
        # working model ('Mistä mallista …', read as an amount by the model)
        lemma, parts, _ = forms.get(tokens[at + 1], (tokens[at + 1], (), ()))
        if names_method_kind(tokens[at + 1], lemma.casefold(), parts, words.heads):
            return True
        # an amount or a count read where the actor follows the interrogative and a status
        # word says what it did ('mitä seinäjoella kokeiltiin vuoden 2018 talousarviossa')
        status = frozenset(status_words)
        return answer_type in COUNTABLE and _of_actor(tokens[at + 1], actors) and any(
            {w, lemma, *verbs} & status for w, (lemma, _, verbs) in forms.items())
    if _asks_places(tokens[at + 1:], forms, word_class, status_words, words):
        return False
    for word in tokens[at + 1:at + 1 + _ASKED_WORDS]:
        lemma, parts, _ = forms.get(word, (word, (), ()))
        if names_method_kind(word, lemma.casefold(), parts, words.heads):
            return True
        if word_class(word) == "noun":
            break  # 'Mitkä kunnat toimintamallia kokeilivat?' asks for the municipalities
    asked = tokens[at + 1]
    lemma, parts, _ = forms.get(asked, (asked, (), ()))
    of_actor = _of_actor(asked, actors)
    # a verb: an auxiliary, one Voikko reads as a verb, or, a word it cannot read (English,
    # Swedish), a doing or status word as written ('Vad planerar Närpes?'; 'järjestö' is read)
    read = word_class(asked)
    verb = asked in words.auxiliaries or read == "verb" or read is None and says_doing(
        {asked: (lemma, parts, ())}, status_words, words)
    # a verb of its own says it too when the actor or an auxiliary follows the interrogative
    # ('mitä imatran … sovelletaan', 'what did eksote look into'), not after a word only read
    # as a verb ('minkä ajan … toimi': 'ajan' is also a form of 'ajaa')
    return (of_actor or verb) and (says_doing(forms, status_words, words) or (
        of_actor or asked in words.auxiliaries) and acts(tokens, at, forms, actors, word_class,
                                                         words))


def acts(tokens: list[str], at: int, forms: Forms, actors: list,  # type: ignore[type-arg]
         word_class: Callable[[str], str | None], words: QuestionWords) -> bool:
    """Whether the question after its interrogative (at `at`) has a verb of its own, other
    than 'to be': a Finnish verb as Voikko reads it ('sovelletaan', 'siirsi'), a participle
    after 'on' ('on liitetty'), or, in an English or Swedish question, the word right after an
    auxiliary and the actor's name ('what is kankaanpää extending', 'what did eksote look
    into'). By the question's grammar, not by a list of verbs of doing."""
    after = tokens[at + 1:]
    for i, word in enumerate(after):
        lemma, _, verbs = forms.get(word, (word, (), ()))
        if word_class(word) == "verb" and lemma.casefold() not in words.being \
                and word not in words.being:
            return True
        if verbs and i and forms.get(after[i - 1], ("",))[0].casefold() in words.being:
            return True
    if not after or after[0] not in words.auxiliaries:
        return False
    named = [w for w in after[1:] if _of_actor(w, actors)]
    j = 1
    while j < len(after) and after[j] in named:
        j += 1
    if j == 1 or j >= len(after):
        return False
    verb = after[j]
    return len(verb) > 3 and verb not in words.auxiliaries and verb not in words.places \
        and verb not in words.kinds and not _of_actor(verb, actors)


def _of_actor(word: str, actors: list) -> bool:  # type: ignore[type-arg]
    """Whether a question's word is a word of an actor's name in some inflection."""
    named = {w for e in actors for w in normalise(e.label).split() if len(w) > 1}
    return any(word == w or word.startswith(w[:max(_PREFIX_MIN, len(w) - 2)]) for w in named)


def asks_one_method(question: str, forms: Forms, analyze: Callable[[str], list[dict]],
                    words: QuestionWords | None = None) -> bool:
    """Whether the question asks for one working model ('Mitä mallia …', 'Which approach …',
    'Vilken tankemodell …', 'What kind of assessment …'), not several ('Mitä malleja …',
    'Which methods …', 'Vilka metoder …'): by a Swedish interrogative of one, else by the
    number of the noun asked for (Voikko's reading of a Finnish one, a plural ending of an
    English one). `analyze` gives a word's Voikko analyses."""
    words = words or question_words()
    tokens = [t.casefold() for t in _WORD.findall(question)]
    at = next((i for i, t in enumerate(tokens[:_FIRST_WORDS]) if t in words.what), None)
    if at is None or tokens[at] in words.many:
        return False
    while at + 2 < len(tokens) and tokens[at + 1] in words.kinds:
        at += 1
    # an English compound's head comes after its modifiers ('which child protection approach')
    for word in tokens[at + 1:at + 2 + _ASKED_WORDS]:
        lemma, parts, _ = forms.get(word, (word, (), ()))
        if not names_method_kind(word, lemma.casefold(), parts, words.heads):
            continue
        if tokens[at] in words.one:
            return True
        numbers = {a.get("NUMBER") for a in analyze(word)}
        return numbers == {"singular"} if numbers - {None} else not word.endswith("s")
    return False
