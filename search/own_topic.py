"""The question's own topic beside the actor it names ('for divorcing parents'), and the methods
whose label or evidence sentence holds it (a base of search.method_answers.MethodAnswers)."""

from __future__ import annotations

import re
from collections.abc import Callable

from search.answer_records import Answer
from search.entity_matcher import EntityMatcher, normalise
from search.method_questions import names_method_kind, question_words
from search.query import AnalysedQuery
from search.question_cues import detect_statuses
from search.records import EntityRef, Hit
from search.searcher import Searcher
from search.topic_answer import TopicAnswerer
from search.topic_answer import _positions as positions

_SENTENCE_END = re.compile(r"[.!?\n]")

# A question's word whose first letters are these of a word the label of an entity it names
# has is that entity's name in another inflection, no topic of its own.
NAME_PREFIX = 5
# A word in more of the passages than this is the whole domain's, no topic of its own.
TOPIC_SHARE = 0.1
# Passages a word's share is estimated on (the whole corpus when smaller).
SHARE_SAMPLE = 4000
# The top passages read for an actor's methods of the question's own topic when none of the
# graph's methods of the actor is in a sentence holding its words.
READ_OWN_DEPTH = 5


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or line) a span lies in."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left:right.start() if right else len(text)]


class OwnTopic:
    """The words of the question's own topic, and the answers holding them."""

    _shares_sample: list[str] | None = None
    _shares: dict[str, float]
    searcher: Searcher
    matcher: EntityMatcher
    topics: TopicAnswerer

    # TopicTerms.place_topic_terms in Answerer: annotated, not stubbed, so that MethodAnswers
    # alone holds no such method
    place_topic_terms: Callable[[AnalysedQuery, str, list[EntityRef]], list[str]]
    def _read_methods(self, pool: list[Hit], entities: list[EntityRef],
                      statuses: tuple[str, ...], sentences_only: bool = False) -> list[Answer]: ...

    @staticmethod
    def _holds_own(answers: list[Answer], own: list[str]) -> bool:
        """Whether any answer's label or the sentence of its evidence holds a word of the
        question's own topic (`own` stems)."""
        return any(positions(a.label.casefold(), [st]) or any(
            positions(sentence_of(e.text, e.start, e.end).casefold(), [st]) for e in a.evidence)
            for a in answers for st in own)

    def _read_of_own_topic(self, pool: list[Hit], entities: list[EntityRef],
                           aq: AnalysedQuery, forms: dict[str, set[str]],
                           own: list[str]) -> list[Answer]:
        """The methods the top READ_OWN_DEPTH passages about the actor name with the status
        asked, kept where a sentence of their evidence holds the question's own topic."""
        actors = [e for e in entities if e.kind != "Method"]
        read = self._read_methods(pool[:READ_OWN_DEPTH], actors, detect_statuses(aq, forms))
        return [a for a in read if self._holds_own([a], own)]

    @staticmethod
    def _of_own_topic(answers: list[Answer], own: list[str]) -> list[Answer]:
        """An actor's methods narrowed to those whose label or the sentence of whose evidence
        holds the most of the question's own topic words ('mistä mallista Asikkalassa pidettiin
        koulutusaamupäivä': the model the training morning was about, not every model of
        Asikkala; 'What has Kajaani made standard practice in child protection?': the models
        the sentence about child protection names); all of them when none holds any."""
        if len(answers) < 2 or not own:
            return answers
        held = [sum(1 for st in own if positions(a.label.casefold(), [st]) or any(
            positions(sentence_of(e.text, e.start, e.end).casefold(), [st])
            for e in a.evidence)) for a in answers]
        best = max(held)
        return [a for a, n in zip(answers, held, strict=True) if n == best] if best else answers

    def _own_topic(self, aq: AnalysedQuery, question: str,
                   entities: list[EntityRef]) -> list[str]:
        """The question's words that make a topic of its own besides the actor it names: held by
        some passages but not by many ('ero' in 'What did Ylöjärvi establish for divorcing
        parents?'); a word of the whole domain ('lasten', 'palveluissa': in more than
        TOPIC_SHARE of the passages) or of none (a foreign function word) is no topic."""
        named = tuple(w for e in entities for w in normalise(e.label).split() if len(w) > 2)
        # the question's words that name an entity, in their forms ('turun', 'turku')
        words = normalise(question).split()
        spans = {w for f in self.matcher.find(question) for w in words[f.start:f.end]}
        naming = set(spans)
        for w, (lemma, parts, _) in self.searcher.analyzer.word_forms(" ".join(spans)).items():
            naming |= {w.casefold(), lemma.casefold(), *(x.casefold() for x in parts)}
        terms = [t for t in self.place_topic_terms(aq, question, entities)
                 if t.casefold() not in naming and not self._names_no_topic(t, named)]
        stems = [st for st in self.topics.topic_stems(terms)
                 if st not in self.topics.verb_stems and not st.startswith(named)]
        return [st for st in stems if 0 < self._share(st) <= TOPIC_SHARE]

    def _names_no_topic(self, term: str, named: tuple[str, ...]) -> bool:
        """Whether a question's word says what is asked rather than what about: a noun naming a
        kind of working model ('menetelmiä', 'toimintamalleja', 'approach'), or a word of an
        entity the question names, in another inflection ('Satakunnassa' of Satakunta,
        'Oulunkaaren' of Oulunkaaren kuntayhtymä)."""
        word = term.casefold()
        lemma, parts, _ = self.searcher.analyzer.word_forms(term).get(word, (word, (), ()))
        if names_method_kind(word, lemma.casefold(), parts, question_words().heads):
            return True
        return any(w[:NAME_PREFIX] == word[:NAME_PREFIX] for w in named
                   if len(w) >= NAME_PREFIX and len(word) >= NAME_PREFIX)

    def _share(self, stem: str) -> float:
        """The share of the passages whose words a stem begins, estimated on at most
        SHARE_SAMPLE passages spread over the corpus (read once), so a new stem costs the same
        at any corpus size."""
        if (share := self._shares.get(stem)) is None:
            if (texts := self._shares_sample) is None:
                passages = list(self.searcher.passages)
                step = max(1, len(passages) // SHARE_SAMPLE)
                texts = self._shares_sample = [p.text.casefold() for p in passages[::step]]
            share = sum(1 for t in texts if positions(t, [stem])) / max(1, len(texts))
            self._shares[stem] = share
        return share
