"""The entities a question or a sentence names, however written (a mixin of
search.answer.Answerer): inflected names, names the linker missed, common nouns that are no name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ontology.reference import ReferenceData
from search.entity_matcher import EntityMatcher, normalise
from search.label_index import LabelIndex
from search.query import AnalysedQuery
from search.records import EntityRef, StoredPassage
from search.searcher import Searcher

# A one-word body or project name that this many documents write in lower case is a common
# noun ('kuntayhtymä', 'ohjausryhmä'), not a name (QuestionEntities._common_name).
COMMON_DOCUMENTS = 3
# Sentences whose named places are remembered between questions.
MAX_REMEMBERED_SENTENCES = 20000


class QuestionEntities:
    """The entities a question names, and those a sentence names (mixed into Answerer)."""

    searcher: Searcher
    reference: ReferenceData
    matcher: EntityMatcher
    labels: LabelIndex | None
    _sentence_names: dict[str, set[tuple[str, str]]]
    _entity_label: dict[tuple[str, str], str]
    _methods_by_label: dict[str, EntityRef]
    _reference_keys: set[tuple[str, str]]
    _common: dict[str, int] | None

    def _topic_method(self, aq: AnalysedQuery, question: str,
                      entities: list[EntityRef]) -> EntityRef | None: ...

    def _names_in(self, sentence: str) -> set[tuple[str, str]]:
        """The places and bodies a sentence names, however inflected ('Ylöjärvellä'); the
        sentences of the corpus recur from question to question, so they are remembered."""
        if (named := self._sentence_names.get(sentence)) is None:
            named = {(f.entity.kind, f.entity.key)
                     for f in self.matcher.find(sentence, fuzzy=False)}
            if len(self._sentence_names) >= MAX_REMEMBERED_SENTENCES:
                self._sentence_names.clear()
            self._sentence_names[sentence] = named
        return named

    def _said(self, sentence: str) -> list[EntityRef]:
        """The entities a sentence names, and the methods its foreign service words stand for
        in the glossary's Finnish."""
        found = [EntityRef(kind, key, self._entity_label.get((kind, key), key))
                 for kind, key in sorted(self._names_in(sentence))]
        read = (self._methods_by_label.get(normalise(t))
                for t in self.searcher.glossary.finnish_terms(sentence))
        return found + [m for m in dict.fromkeys(read) if m is not None and m not in found]

    def _entities(self, aq: AnalysedQuery, question: str) -> list[EntityRef]:
        entities = list(aq.entities)
        # Names the linker missed for their spelling ('lupa auttaa hanketta'), of kinds the
        # linker found none of.
        linked = {e.kind for e in entities}
        keys = {(e.kind, e.key) for e in entities}
        words = normalise(question).split()
        for found in self.matcher.find(question):
            e = found.entity
            if (e.kind, e.key) in keys:
                continue
            if e.kind not in linked:
                entities.append(e)
                keys.add((e.kind, e.key))
                continue
            # A longer name holding the words of a linked one of its kind ('pk lape' holds
            # LAPE, the national programme the linker read): the longer name is the one meant.
            span = set(words[found.start:found.end])
            if found.end - found.start < 2:
                continue
            within = [x for x in entities if x.kind == e.kind and any(
                set(normalise(label).split()) < span for label in self._labels_of(x))]
            if within:
                entities = [x for x in entities if x not in within] + [e]
                keys = {(x.kind, x.key) for x in entities}
        # A name the build made both a person and a project or a body ('Oma Häme') is the
        # project or the body: a person is named by a first and a last name.
        entities = [next(iter(self.matcher.named_as(e.label, ("Project", "Organisation"))), e)
                    if e.kind == "Person" else e for e in entities]
        entities = [e for e in entities if not self._common_name(e)]
        if self.labels is not None and not any(e.kind == "Method" for e in entities):
            method = self._topic_method(aq, question, entities) or self.labels.match(
                self.searcher.encoder.encode_query(question))
            if method is not None:
                entities.append(method)
        return list(dict.fromkeys(entities))

    def _labels_of(self, e: EntityRef) -> list[str]:
        """Every label of a reference entity, else the entity's own."""
        ref = self.reference.get(e.kind, e.key) if (e.kind, e.key) in self._reference_keys \
            else None
        return list(self.reference.all_labels(ref)) if ref is not None else [e.label]

    def _common_name(self, e: EntityRef) -> bool:
        """A body or project the documents made of one word they also write in lower case as a
        common noun in COMMON_DOCUMENTS documents or more."""
        if (e.kind not in ("Organisation", "Project") or (e.kind, e.key) in self._reference_keys
                or " " in e.label.strip()):
            return False
        if self._common is None:
            self._common = common_words(self.searcher.passages)
        return self._common.get(e.label.casefold(), 0) >= COMMON_DOCUMENTS


def common_words(passages: Iterable[StoredPassage]) -> dict[str, int]:
    """Each word written in lower case → the number of documents that write it so."""
    seen: dict[str, set[str]] = {}
    for p in passages:
        for word in _LOWER_WORD.findall(p.text):
            seen.setdefault(word, set()).add(p.doc_key)
    return {w: len(docs) for w, docs in seen.items()}


_LOWER_WORD = re.compile(r"(?<![\w\-])[a-zåäö][\w\-]*")
