"""Negation as a closed word class: the words that deny a sentence of a passage, and those that
make a question ask where something was NOT done (search/data/negation_words.json)."""

from __future__ import annotations

import re
from pathlib import Path

from search.data_files import read_json

# A closed class: a sentence under one of these words reports no use (fi, en, sv).
NEGATIONS = frozenset({"ei", "eikä", "eivät", "eivätkä", "emme", "ette", "not", "never", "no",
                       "inte", "ej", "aldrig", "icke"})
_DATA = Path(__file__).parent / "data" / "negation_words.json"
# The words that deny a question's clause, and the adverbs that only strengthen a denial, by
# the question's language.
QUESTION_NEGATIONS: dict[str, frozenset[str]] = {
    lang: frozenset(words) for lang, words in read_json(
        _DATA, "negation words", "negations").items()}
NEGATIVE_POLARITY: dict[str, frozenset[str]] = {
    lang: frozenset(words) for lang, words in read_json(
        _DATA, "negation words", "polarity").items()}
_WORD = re.compile(r"\w+(?:['’]\w+)?")


def denies(question: str, language: str) -> bool:
    """Whether a question asks where something was not done: a word of its language that
    denies a clause ('ei', 'eivät', 'not', 'never', 'didn't', 'inte', 'aldrig'). 'Ilman',
    'without' and English 'no' deny a noun ('with no appointment needed'), not the clause."""
    wanted = QUESTION_NEGATIONS.get(language, frozenset())
    return any(w in wanted or (language == "en" and w.endswith("n't"))
               for w in _WORD.findall(question.casefold()))


def negation_words(language: str) -> frozenset[str]:
    """The negation and polarity words of a language: no topic a passage must hold."""
    return QUESTION_NEGATIONS.get(language, frozenset()) | NEGATIVE_POLARITY.get(
        language, frozenset())


def denied_in(sentence: str) -> bool:
    """Whether a sentence holds a negation word ('ryhmiä ei toteutunut', 'never started',
    'didn't', 'kom aldrig i gång')."""
    return any(w in NEGATIONS or w.endswith("n't") for w in _WORD.findall(sentence.casefold()))
