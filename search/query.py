"""Query understanding: language, Voikko lemmas and compound parts, entities named by label."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ingest.language import detect_language
from ingest.linking import Linker
from ingest.practices import practice_setting
from ingest.records import AnalysedPassage, Passage, Token
from ingest.voikko_analyzer import VoikkoAnalyzer
from search.records import EntityRef

_WORD = re.compile(r"[\w][\w\-:!]*\w!?|\w")
# Question words and fillers carry no content for the lexical index.
_STOP = {
    "mikä", "mitkä", "mitä", "missä", "kuka", "ketkä", "milloin", "kuinka", "paljon", "monta",
    "miten", "millä", "mille", "ja", "tai", "on", "olla", "oli", "ovat", "se", "ne", "joka",
    "the", "a", "an", "of", "in", "which", "what", "who", "whom", "when", "how", "many",
    "much", "did", "do", "does", "was", "were", "is", "are", "to", "for", "and", "or", "by", "with",
}


# Question words of Swedish and English: a short question ('När öppnade familjecentret i
# Pieksämäki?') has too few stop words for the vote of ingest.language, and a Finnish place
# name in it must not make it Finnish.
_QUESTION_WORDS = {
    "sv": {"när", "vem", "vilken", "vilket", "vilka", "vad", "hur", "många", "varför"},
    "en": {"when", "who", "whom", "which", "what", "how", "where", "why"},
}


def question_language(text: str) -> str:
    """The language of a question: the stop-word vote, unless a Swedish or English question
    word says otherwise."""
    detected = detect_language(text)
    words = set(re.findall(r"\w+", text.casefold()))
    for lang, markers in _QUESTION_WORDS.items():
        if words & markers and detected == "fi":
            return lang
    return detected


@dataclass(frozen=True)
class AnalysedQuery:
    text: str
    language: str
    terms: tuple[str, ...]
    entities: tuple[EntityRef, ...]


def _english_singular(word: str) -> str:
    """'coordinators' → 'coordinator', so English plurals meet singular labels."""
    low = word.lower()
    if len(low) > 4 and low.endswith("ies"):
        return word[:-3] + "y"
    if len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class QueryAnalyzer:
    """Analyses a query with Voikko (no spaCy: queries are short and latency counts)."""

    def __init__(self, voikko: VoikkoAnalyzer, linker: Linker,
                 preferred: Mapping[tuple[str, str], str] | None = None,
                 practices: Sequence[EntityRef] = (),
                 namesakes: Mapping[tuple[str, str], Sequence[EntityRef]] | None = None) -> None:
        self.voikko = voikko
        self.linker = linker
        # (kind, key) → the other entities of its kind under one of its names: one project
        # keyed by its region in one document and by its proper name in another ('Perhevoimala'
        # as kainuun-lape and as perhevoimala). A question naming it means them all.
        self.namesakes = dict(namesakes or {})
        # (kind, key) → Finnish preferred label: an entity named in English ("North Karelia")
        # is the same region as the passages' "Pohjois-Karjala".
        self.preferred = dict(preferred or {})
        # Local practices of several words ("perhetyö päiväkodeissa"), each with the forms of
        # its words: a question names one in another order and inflection ("perhetyötä
        # vietiin päiväkoteihin").
        self._practices = [(p, words) for p in practices
                           if len(words := self._label_words(p.label)) > 1]
        # By the forms of their first word, so a question checks only the practices it could
        # name (thousands at scale).
        self._by_first: dict[str, list[int]] = {}
        for i, (_, words) in enumerate(self._practices):
            for form in words[0]:
                self._by_first.setdefault(form, []).append(i)

    @property
    def stop_words(self) -> frozenset[str]:
        """Question words and fillers: no content of a question."""
        return frozenset(_STOP)

    def tokens(self, text: str) -> list[Token]:
        tokens = []
        for m in _WORD.finditer(text):
            word = m.group(0)
            bare = word.rstrip("!")
            # A verbal noun keeps its noun lemma ('verkostojohtamista' is verkostojohtaminen,
            # as in the passages), not Voikko's verb.
            lemma = (self.voikko.verbal_noun(bare) or self.voikko.baseform(bare)
                     or _english_singular(word))
            if word[:1].isupper() and lemma[:1].islower():
                lemma = lemma[0].upper() + lemma[1:]
            pos = "PROPN" if word[:1].isupper() else "X"
            tokens.append(Token(word, lemma, pos, m.start(), m.end(), 0,
                                self.voikko.compound_parts(word)))
        return tokens

    def word_forms(self, text: str) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """Each word (lower case) → (lemma, compound parts, verbs it derives from), so that cue
        words are found in 'on kokeiltu' (kokeilla) or 'kokonaisbudjetti' (budjetti)."""
        return {t.text.lower(): (t.lemma.lower(), t.parts,
                                 self.voikko.source_verbs(t.text.rstrip("!")))
                for t in self.tokens(text)}

    def _word_forms_of(self, word: str) -> frozenset[str]:
        return frozenset({word.lower(), *(b.lower() for b in self.voikko.baseforms(word))})

    def _label_words(self, label: str) -> tuple[frozenset[str], ...]:
        return tuple(self._word_forms_of(w) for w in _WORD.findall(label))

    def _practices_named(self, tokens: list[Token]) -> list[EntityRef]:
        """The local practices every word of which the question holds, in any order."""
        # "päiväkodeissa" holds the setting word of a practice in early education too
        held = [self._word_forms_of(t.text) | {t.lemma.lower()}
                | {s for s in [practice_setting(t.lemma)] if s} for t in tokens]
        candidates = sorted({i for h in held for form in h for i in self._by_first.get(form, ())})
        return [self._practices[i][0] for i in candidates
                if all(any(w & h for h in held) for w in self._practices[i][1])]

    def _link(self, text: str, tokens: list[Token]) -> list:  # type: ignore[type-arg]
        passage = AnalysedPassage(Passage("query", 0, 0, len(text), text), tuple(tokens), ())
        return self.linker.link("query", passage, require_case=False)

    def analyse(self, text: str) -> AnalysedQuery:
        tokens = self.tokens(text)
        terms: list[str] = []
        for tok in tokens:
            lemma = tok.lemma.lower()
            if lemma in _STOP or tok.text.lower() in _STOP:
                continue
            terms.append(lemma)
            if tok.text.lower() != lemma:
                terms.append(tok.text.lower())
            terms.extend(tok.parts)
            # the verb of an agent noun or participle, as the passages' spaCy lemmas give a
            # participle ('muuttaneiden' → muuttaa); the passages' index terms do not get
            # them (tried: more noise than reach, tests/eval/QUALITY_LOG.md round 16)
            terms.extend(b for b in self.voikko.derived_bases(tok.text.rstrip("!"))
                         if b != lemma and b not in _STOP)
        mentions = self._link(text, tokens)
        # English compounds are hyphenated ("named-worker model"); link the spaced form too,
        # where it finds what the text as written did not ("P-K LAPE" is one project, not
        # the national LAPE programme in "P K LAPE"). Offsets are the same in both forms.
        if "-" in text:
            spaced = text.replace("-", " ")
            mentions += [m for m in self._link(spaced, self.tokens(spaced))
                         if not any(m.start < o.end and o.start < m.end for o in mentions)]
        named = [EntityRef(m.kind, m.key, self.preferred.get((m.kind, m.key), m.label))
                 for m in mentions]
        named += [other for e in named for other in self.namesakes.get((e.kind, e.key), ())]
        entities = tuple(dict.fromkeys(named + self._practices_named(tokens)))
        return AnalysedQuery(text, question_language(text), tuple(terms), entities)
