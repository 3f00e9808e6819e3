"""What a question names and how far its answer may reach: the words no passage holds (honest
silence), the documents a project name no entity stands for is in, the question's nouns and
its entities' label words (a mixin of search.answer.Answerer; the rules are search.silence's)."""

from __future__ import annotations

import re
from dataclasses import replace

from ontology.iris import IriMinter
from ontology.reference import ReferenceData
from search.answer_topics import TOPIC_GENERIC
from search.entity_matcher import EntityMatcher, normalise
from search.query import AnalysedQuery
from search.question_cues import DOING_WORDS, STATUS_CUES, STATUS_WORDS
from search.question_model import QUESTION_WORDS, QuestionKind
from search.reading_words import is_generic
from search.records import EntityRef
from search.searcher import Searcher
from search.silence import Unknown, Vocabulary, project_names, unknown_words
from search.topic_answer import TopicAnswerer

QUESTION_WORD_SET = frozenset(QUESTION_WORDS)
# Kinds the reference data holds (with labels in every language).
REFERENCE_KINDS = ("Region", "Municipality", "Organisation", "Method", "Role")
# Who can have done something: a question naming only these and a verb asks what they did.
ACTOR_KINDS = frozenset({"Region", "Municipality", "Organisation"})
# Passages read for a project name no entity stands for (bounded at scale).
MAX_NAME_PASSAGES = 50
# Spoken Finnish drops a case ending's last vowel ('maakunnas', 'kunnist', 'kunnil', 'kunnilt'):
# the written endings each clipped ending may stand for, tried when a word is weighed as unknown.
SPOKEN_ENDINGS = (("st", ("a", "ä")), ("lt", ("a", "ä")), ("s", ("sa", "sä")),
                  ("l", ("la", "lä")))

# The nouns a place question names its answer with (Finnish lemmas), and their English and
# Swedish plural forms: a question naming them in the plural asks for every place, not one.
PLACE_NOUNS = frozenset({"maakunta", "kunta", "kaupunki", "seutukunta", "alue", "paikkakunta"})
PLACE_PLURALS = frozenset({"regions", "municipalities", "towns", "cities", "areas", "places",
                           "sub-regions", "counties", "provinces", "kommuner", "städer",
                           "regioner", "orter", "områden", "landskapen", "kommunerna",
                           "städerna", "regionerna"})


# 'Which' in the plural where the place noun has one form for both numbers (Swedish 'landskap').
PLURAL_WHICH = frozenset({"vilka"})
# The same nouns in the singular (English, Swedish): with the plurals, a question naming none of
# them ('Where were parents heard …', 'Var gjorde man …') asks for a place of any kind.
PLACE_SINGULARS = frozenset({"region", "municipality", "town", "city", "area", "place",
                             "sub-region", "county", "province", "kommun", "stad", "ort",
                             "område", "landskap", "landskapet", "kommunen", "staden"})


# The answer types of places, and the relations a place question is asked through.
PLACE_KINDS = ("region", "municipality")
PEOPLE_RELATIONS = ("roleHolder", "peopleOf")
BODY_RELATIONS = ("administeredBy", "partner", "fundingAmount")
# The words of a question its interrogative's noun is among ('I vilka kommuner …').
ASKED_PLACE_WORDS = 4


def names_place_kind(question: str, analyze) -> bool:  # type: ignore[no-untyped-def]
    """Whether the question names the kind of place it asks for (a region, a municipality …)
    among its first words, where the interrogative's noun stands ('In which city …', 'Mitkä
    Kainuun kunnat …'), rather than only 'where' ('… at the openings of meeting places' names
    no place asked); `analyze` gives a word's Voikko analyses."""
    for word in re.findall(r"[\w\-]+", question.lower())[:ASKED_PLACE_WORDS]:
        if word in PLACE_PLURALS or word in PLACE_SINGULARS or any(
                a.get("BASEFORM") in PLACE_NOUNS for a in analyze(word)):
            return True
    return False


# The kind of place each place noun asks for (English and Swedish forms; Finnish lemmas): a
# noun naming an area of no fixed kind ('alue', 'area', 'område') fixes none.
PLACE_KIND_WORDS = {
    "region": frozenset({"maakunta", "region", "regions", "county", "counties", "province",
                         "provinces", "landskap", "landskapet", "landskapen", "regioner",
                         "regionen", "regionerna"}),
    "municipality": frozenset({"kunta", "kaupunki", "paikkakunta", "municipality",
                               "municipalities", "town", "towns", "city", "cities", "kommun",
                               "kommuner", "kommunen", "kommunerna", "stad", "städer", "staden",
                               "städerna"}),
}
# Interrogatives that choose among things of a kind named by the noun after them (English and
# Swedish; a Finnish one is any case of 'mikä', read by Voikko), and how many words may stand
# between them and that noun ('which pilot municipality', 'which two regions').
CHOOSING = frozenset({"which", "what", "vilken", "vilket", "vilka"})
CHOOSING_REACH = 2


def _place_kind(word: str, analyses: list) -> str | None:  # type: ignore[type-arg]
    word = word.removesuffix("'s").removesuffix("'")
    for kind, nouns in PLACE_KIND_WORDS.items():
        # A Swedish genitive ('vilket landskaps projekt') names the kind of its noun.
        if word in nouns or word.removesuffix("s") in nouns or any(
                str(a.get("BASEFORM", "")).endswith(tuple(nouns)) and a.get("CLASS") == "nimisana"
                for a in analyses):
            return kind
    return None


def asked_place(question: str, analyze) -> str | None:  # type: ignore[no-untyped-def]
    """The kind of place the question's opening interrogative asks for by the noun it governs:
    'Missä maakunnassa …', 'Minkä maakunnan hankkeen …', 'In which municipality …', 'Which
    region's project …', 'I vilket landskap …' ask for a region or a municipality whatever the
    rest of the question is about (a person, a body). A Finnish interrogative governs the noun
    after it only in the same case and number ('Mikä kunnan hanke …' asks for a project);
    'how many municipalities' asks for a count; `analyze` gives a word's Voikko analyses."""
    words = re.findall(r"[\w\-']+", question.lower())[:ASKED_PLACE_WORDS]
    for i, word in enumerate(words):
        # 'mikä' has one form for both numbers in every case but the nominative ('missä
        # kunnissa', 'minkä kuntien'; 'mikä'/'mitkä'), where Voikko reads only the singular
        finnish = [_case_number(a) for a in analyze(word) if a.get("BASEFORM") == "mikä"]
        if finnish:
            if i + 1 < len(words):
                after = [a for a in analyze(words[i + 1]) if _case_number(a) in finnish]
                return _place_kind("", after) if after else None
            return None
        if word in CHOOSING:
            for noun in words[i + 1:i + 1 + CHOOSING_REACH]:
                if kind := _place_kind(noun, []):
                    return kind
            return None
        if word in QUESTION_WORD_SET:  # 'who', 'how many', 'när' ask for something else
            return None
    return None


def _case_number(analysis: dict) -> tuple[str | None, str | None]:
    """A word's case, and its number in the nominative only (the one case where the
    interrogative 'mikä' tells its number: 'mikä', 'mitkä')."""
    case = analysis.get("SIJAMUOTO")
    return case, analysis.get("NUMBER") if case == "nimento" else None


def in_plural(question: str, analyze) -> bool:  # type: ignore[no-untyped-def]
    """Whether the question names the places it asks for in the plural ('missä maakunnissa',
    'which regions', 'vilka kommuner'); `analyze` gives a word's Voikko analyses."""
    words = question.lower().replace("?", " ").split()
    if PLURAL_WHICH & set(words) and (PLACE_SINGULARS | PLACE_PLURALS) & set(words):
        return True  # 'i vilka landskap': the noun is the same in both numbers, the 'which' not
    for word in words:
        if word in PLACE_PLURALS or any(
                a.get("BASEFORM") in PLACE_NOUNS and a.get("NUMBER") == "plural"
                for a in analyze(word)):
            return True
    return False


def with_spoken(baseforms):  # type: ignore[no-untyped-def]
    """A word's readings (`baseforms`), and those of its written form when it ends in a
    clipped spoken case ending ('maakunnas' → maakunnassa → maakunta)."""
    def readings(word: str) -> list[str]:
        found = list(baseforms(word))
        for clipped, endings in SPOKEN_ENDINGS:
            if word.endswith(clipped):
                found += [b for e in endings for b in baseforms(word + e)]
                break
        return found
    return readings


def analyses_of(searcher):  # type: ignore[no-untyped-def]
    """The searcher's Voikko `analyze` (a word's analyses), read through spoken endings
    (`spoken`), or one that finds none where the searcher has no Voikko."""
    voikko = searcher.analyzer.voikko
    return spoken(voikko.analyze) if voikko is not None else lambda w: []


def spoken(analyze):  # type: ignore[no-untyped-def]
    """A word's analyses (`analyze`), and for a word Voikko does not know, those of its
    written form when it ends in a clipped spoken case ending ('mis kunnis' → missä kunnissa:
    the interrogative and the place it asks for)."""
    def analyses(word: str) -> list[dict]:
        found = list(analyze(word))
        if found:
            return found
        for clipped, endings in SPOKEN_ENDINGS:
            if word.endswith(clipped):
                return [a for e in endings for a in analyze(word + e)]
        return []
    return analyses


class QuestionScope:
    searcher: Searcher
    reference: ReferenceData
    minter: IriMinter
    matcher: EntityMatcher
    topics: TopicAnswerer
    vocabulary: Vocabulary
    _label_words: set[str]

    def topic_terms(self, aq: AnalysedQuery, question: str) -> list[str]: ...

    def _without_scope(self, terms: list[str], question: str,
                       entities: list[EntityRef]) -> list[str]: ...

    def _thing_stems(self, aq: AnalysedQuery, question: str) -> list[str]:
        """The stems of the question's nouns, status words left out ('otettu käyttöön',
        'avattiin' say what was done, not to what) and the words of the place asked in any
        inflection ('kunnissa' of 'kunta', a list's heading 'Mitä kunnissa on tekeillä?' is no
        focus): the words a place's focus can be."""
        voikko = self.searcher.analyzer.voikko
        cues = {w for words in STATUS_CUES.values() for w in words}

        def thing(term: str) -> bool:
            # a word naming only a kind of work or whom it was for ('staff', 'henkilöstö',
            # 'perhe': search/data/question_topic_generic.json) is no focus either: the
            # places trained in a method are not those whose passage says 'staff'
            if is_generic(term, TOPIC_GENERIC):
                return False
            classes = {a.get("CLASS") for a in voikko.analyze(term)} if voikko else set()
            return term not in cues and (not classes or "nimisana" in classes)

        terms = self._without_scope(self.topic_terms(aq, question), question, [])
        return self.topics.topic_stems([t for t in terms if thing(t)])

    def names_place_kind(self, question: str) -> bool:
        return names_place_kind(question, analyses_of(self.searcher))

    def place_asked(self, kind: QuestionKind, question: str) -> QuestionKind:
        """The question's kind, a place when its opening interrogative asks for one by its noun
        (`asked_place`) and the model read another answer type (a person, a body, a topic),
        with a relation a place question can be asked through."""
        analyze = analyses_of(self.searcher)
        asked = asked_place(question, analyze)
        # A town administering, partnering or funding is a body ('Mikä kaupunki hallinnoi …').
        # Places asked in the plural ('Vilka kommuner utvecklade …') are places, whatever
        # relation the model read.
        if asked is not None and kind.answer_type not in PLACE_KINDS \
                and (kind.relation not in BODY_RELATIONS or in_plural(question, analyze)):
            kind = replace(kind, answer_type=asked)
        if kind.answer_type not in PLACE_KINDS:
            return kind
        if kind.relation == "actorMethods":
            # The model's heads disagree: places are asked of a method's actors, not of an
            # actor's methods ('missä kunnassa … kokeillaan myös seurakunnan kerhossa').
            return replace(kind, relation="methodActors")
        if asked is not None and kind.relation in PEOPLE_RELATIONS:
            # A place asked by its noun where the model read a person's role ('missä
            # maakunnassa hankepäällikön esimies oli …') asks for the places of the topic.
            return replace(kind, relation="topic")
        return kind

    def governed_place(self, placed: QuestionKind, corrected: QuestionKind,
                       question: str) -> QuestionKind:
        """A place the opening interrogative asks for by its own noun stays the answer when a
        body noun later in the question made the opening read as asking for a body ('missä
        kunnissa seurakunta oli mukana …': 'kunnissa' is what 'missä' governs, the parish is
        the clause's subject). `placed` is the kind `place_asked` gave, `corrected` the
        interrogative reading's; a town administering, partnering or funding in the singular
        is still a body, as in `place_asked`."""
        if corrected.answer_type != "body" or placed.answer_type not in PLACE_KINDS:
            return corrected
        analyze = analyses_of(self.searcher)
        if asked_place(question, analyze) == placed.answer_type and (
                placed.relation not in BODY_RELATIONS or in_plural(question, analyze)):
            return placed
        return corrected

    def asks_one(self, question: str) -> bool:
        """Whether the question names the kind of place it asks for in the singular."""
        return self.names_place_kind(question) and not self.asks_many(question)

    def asks_many(self, question: str) -> bool:
        return in_plural(question, analyses_of(self.searcher))

    def _named_words(self, entities: list[EntityRef]) -> list[str]:
        """The words of every label of the entities the question names, lower case."""
        words = []
        for e in entities:
            ref = self.reference.get(e.kind, e.key) if e.kind in REFERENCE_KINDS else None
            for label in (self.reference.all_labels(ref) if ref is not None else (e.label,)):
                words += normalise(label).split()
        return list(dict.fromkeys(w for w in words if len(w) >= 3))

    def _name_scope(self, question: str, entities: list[EntityRef],
                    documents: set[str] | None) -> set[str] | None:
        """A project the question names that no entity stands for ('Perhetaival-hanketta'
        when the build linked no such project) is still a name the passages hold: the answer
        comes from the documents holding it, not from other projects' reports."""
        if any(e.kind == "Project" for e in entities):
            return documents
        scope: set[str] = set()
        for name in project_names(question):
            for pid, _ in self.searcher.bm25.search([name], MAX_NAME_PASSAGES):
                scope.add(str(self.minter.document(self.searcher.passages.get(pid).doc_key)))
        if not scope:
            return documents
        return scope if documents is None else (documents & scope) or documents

    def unknown_words(self, question: str, aq: AnalysedQuery, words,  # type: ignore[no-untyped-def]
                      entities: list[EntityRef], by_class: bool = True) -> list:
        """The names and Finnish content words of the question no passage holds (see
        search.silence), words of the entities found exactly not counted; a content word counts
        only when Voikko reads it as a noun or a name (`by_class`, off only to measure)."""
        exact = normalise(question).split()
        named = {w for e in entities for w in normalise(e.label).split()}
        named |= {w for f in self.matcher.find(question) if f.score >= 1.0
                  for w in exact[f.start:f.end]}
        stop = self.searcher.analyzer.stop_words | QUESTION_WORD_SET
        voikko = self.searcher.analyzer.voikko
        glossary = self.searcher.glossary
        # A word a glossary phrase of the question covers ('centre' of 'family centre') is known.
        rest = set(glossary.translate(question)[1])
        found = unknown_words(question, words, self.vocabulary, aq.language,
                              named | self._label_words, stop,
                              with_spoken(voikko.baseforms) if voikko is not None
                              else (lambda w: ()),
                              lambda w: bool(glossary.translate(w)[0])
                              or not set(glossary.translate(w)[1]) <= rest,
                              (lambda w: [a.get("CLASS", "") for a in voikko.analyze(w)])
                              if voikko is not None and by_class else None)
        # An entity the question names by label that no passage is linked to (a region with
        # no documents, a reference method nobody reported on).
        index = self.searcher.entity_index
        named_entities = list(aq.entities) + [f.entity for f in self.matcher.find(question)
                                              if f.score >= 1.0]
        found += [Unknown(e.label, "entity") for e in dict.fromkeys(named_entities)
                  if not index.get((e.kind, e.key)) and e.kind != "Role"
                  and not self.vocabulary.holds(normalise(e.label).split() or [""])]
        return found

    def _what_was_done(self, kind: QuestionKind, question: str, words,  # type: ignore[no-untyped-def]
                       entities: list[EntityRef]) -> QuestionKind:
        """'What was done in Raahe?', 'mitä lahdessa tehtiin': a question naming only an actor
        (a place or a body) besides question, doing and status words has no topic of its own;
        what was done there is the methods the actor worked with, with their statuses."""
        if kind.relation != "topic" or kind.answer_type not in ("topic", "method"):
            return kind
        kinds = {e.kind for e in entities}
        if not kinds & ACTOR_KINDS or kinds - ACTOR_KINDS:
            return kind
        exact = normalise(question).split()
        named = {w for f in self.matcher.find(question) if f.entity.kind in ACTOR_KINDS
                 for w in exact[f.start:f.end]}
        named |= {w for e in entities for w in normalise(e.label).split()}
        skip = self.searcher.analyzer.stop_words | QUESTION_WORD_SET
        said = self.topics.generic | STATUS_WORDS | DOING_WORDS
        own = [w for w, (lemma, _, verbs) in words.items()
               if not set(normalise(w).split()) <= named and w not in skip and len(w) > 2
               and not {w, lemma, *verbs} & said]
        return kind if own else replace(kind, answer_type="method", relation="actorMethods")

    def says_done(self, question: str) -> bool:
        """Whether the question asks what was done ('tehtiin', 'was done', 'gjordes', or a
        status word: 'kokeiltiin', 'introduced')."""
        said = DOING_WORDS | STATUS_WORDS
        return any({w, lemma, *verbs} & said for w, (lemma, _, verbs)
                   in self.searcher.analyzer.word_forms(question).items())
