"""Honest silence: what a question names that the corpus does not hold.

A question about a project, a region or a topic the corpus has nothing on is better met with "no
answer" and the best passages than with an answer about something else. Three classes of
wording lead to silence:

- a name the corpus never uses: the word before a project head ('Perhekompassi-hanke',
  'perhekompassi hankkeessa', 'the Perhetähti project', in English also a lower-case word that
  no glossary row translates and no passage holds: 'the Lapland reindeer project' is no project
  of Lapland's), or a capitalised word inside the question that no passage holds and no entity
  label covers;
- in a Finnish question, a content word no passage holds in any form ('jääkiekkokoulu',
  'perustulo'): the topic asked about is not in the corpus, however common its other words
  (a noun naming the kind of thing asked, 'Mitä työtapoja …', frames the question and is no
  topic: the heads of search/data/method_question_words.json). A topic is named by a noun:
  when the word's Voikko classes are known, only a noun or a proper name counts (a verb, an
  adjective or a participle the reports happen not to use, 'omisti', 'starttaa',
  'vieraskielistä', 'pidetty', says how the question is put, not what it is about). A compound
  noun whose parts the passages hold apart ('isäryhmä', 'jäähalli', 'perustulo') is still
  unknown: it names a thing of its own;
- a place the question names that none of the answers' evidence is about ('Lapin kunnissa',
  'Uudenmaan kunnissa'): answers from other regions are answers to another question;
- a year the question names that an answer's evidence does not reach ('rahoitusta vuodelle
  2020', 'in 2016'): the project's funding of 2017–2018 answers another year.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from search.answer_records import Answer
from search.data_files import read_json
from search.question_model import QuestionKind
from search.records import EntityRef

# Lemmas of the words that make the word before them a project's name.
PROJECT_HEADS = frozenset({"hanke", "projekti", "project", "projekt", "projektet", "hankkeen"})
# Content words this short are too often particles or abbreviations to judge by.
MIN_CONTENT = 5
FUNCTION_WORDS = Path(__file__).with_name("data") / "silence_function_words.json"


@functools.lru_cache(maxsize=4)
def function_words(path: Path = FUNCTION_WORDS) -> frozenset[str]:
    """The lemmas of Finnish pronouns: no content word of a question ('heidän' is 'he')."""
    return frozenset(read_json(path, "function words", "fi"))


@functools.lru_cache(maxsize=4)
def topic_classes(path: Path = FUNCTION_WORDS) -> frozenset[str]:
    """Voikko's word classes that name a thing: nouns and proper names."""
    return frozenset(read_json(path, "function words", "topic_classes"))


def names_topic(classes: Iterable[str]) -> bool:
    """A word every reading of which is a noun or a proper name can name a topic; a word that
    can also be read as a verb or an adjective ('vieraskielistä') says how the question is put."""
    found = set(classes)
    return bool(found) and found <= topic_classes()


# A question's word counts as held when it ends a passage's compound, from this length on.
MIN_HEAD = 6
# A question's word counts as held when it begins a passage's compound ('eroneuvonta' in
# 'eroneuvontapiste'), from this length on: the passage names the thing with a head added.
MIN_MODIFIER = 8
# Heads that name the kind of thing, not the thing: 'omatyöntekijämalli' is held when
# 'omatyöntekijä' is.
# The heads of a kind of body likewise: 'nuorisoseurajärjestö' is held when 'nuorisoseura' is.
GENERIC_HEADS = ("malli", "menetelmä", "toiminta", "palvelu", "kokeilu", "pilotti", "työ",
                 "järjestö", "organisaatio", "yhdistys", "toimija", "taho", "yhteisö")
_WORD = re.compile(r"[\w][\w\-:!]*\w!?|\w")
# English words that say which or what sort of project, not its name ('the whole project', 'the
# previous project'): words of order, time, size and extent. Service words that describe a
# project ('regional', 'development') are glossary rows and so are known. (In Swedish the name
# follows the head, 'projektet Perhesilta', and the word before it is often a verb.)
GENERIC_MODIFIERS = frozenset({
    "whole", "entire", "same", "previous", "original", "own", "main", "current", "former",
    "latter", "first", "second", "third", "last", "other", "another", "later", "earlier",
    "these", "those", "this", "that", "their", "its", "our", "your", "such", "each", "every",
    "large", "small", "larger", "smaller", "short", "shorter", "longer", "whole-region"})

Forms = Mapping[str, tuple[str, tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class Unknown:
    word: str
    why: str  # "name" | "content"


class Vocabulary:
    """Every index term of the passages (lemmas, lower-case words, compound parts), and the
    same reversed and sorted, so that a question's word that is the head of a passage's
    compound ('perhevalmennus' in 'verkkoperhevalmennus') is found without a scan."""

    def __init__(self, terms: Iterable[Iterable[str]]) -> None:
        self.words: set[str] = set()
        for ts in terms:
            self.words.update(t.lower() for t in ts)
        self._reversed = sorted(w[::-1] for w in self.words)
        self._sorted = sorted(self.words)

    def ends_some_word(self, stem: str) -> bool:
        key = stem[::-1]
        i = bisect.bisect_left(self._reversed, key)
        return i < len(self._reversed) and self._reversed[i].startswith(key)

    def begins_some_word(self, stem: str) -> bool:
        i = bisect.bisect_left(self._sorted, stem)
        return i < len(self._sorted) and self._sorted[i].startswith(stem)

    def holds(self, forms: Iterable[str]) -> bool:
        forms = [f.lower() for f in forms if f]
        return any(f in self.words for f in forms) or any(
            len(f) >= MIN_HEAD and self.ends_some_word(f) for f in forms) or any(
            len(f) >= MIN_MODIFIER and self.begins_some_word(f) for f in forms)


def _covered(word: str, label_words: set[str]) -> bool:
    return word.lower() in label_words


# A frame noun is a head with at most an inflection's letters after it ('työtapa', 'keinoja').
_FRAME_EXTRA = 3


def _frames_question(word: str, lemma: str) -> bool:
    """Whether the word is itself a noun naming a kind of working model or means ('työtapoja',
    'menetelmiä', 'keinoja'), not a compound with a topic ('palveluohjaus')."""
    from search.method_questions import question_words

    heads = [h for h in question_words().heads if len(h) >= 4]
    return any(f.startswith(h) and len(f) - len(h) <= _FRAME_EXTRA
               for f in {word.lower(), lemma.lower()} - {""} for h in heads)


def unknown_words(question: str, forms: Forms, vocabulary: Vocabulary, language: str,
                  label_words: set[str], stop: frozenset[str],
                  baseforms: Callable[[str], Iterable[str]],
                  translated: Callable[[str], bool] | None = None,
                  classes: Callable[[str], Iterable[str]] | None = None) -> list[Unknown]:
    """The question's names and (for Finnish) content words that no passage holds.
    `label_words` are the words of the entity labels the question was found to name and of
    every reference label; `baseforms` gives all of a word's readings; `translated` whether the
    glossary has the Finnish of an English or Swedish word (without it, a lower-case English
    word before a project head is never taken for a name); `classes` a word's Voikko classes
    (with it, a Finnish content word is unknown only when it can name a topic, see
    `names_topic`)."""
    out: list[Unknown] = []
    stop = stop | function_words()
    written_words = _WORD.findall(question)
    first = written_words[0].lower() if written_words else ""
    originals = {w.lower(): w for w in written_words}
    # In the question's order, repeated words too ('the project manager of the X project').
    words = [(w.lower(), forms.get(w.lower(), (w.lower(), (), ()))) for w in written_words]

    def known(word: str, lemma: str = "", verbs: Iterable[str] = ()) -> bool:
        bare = word.strip("!?")
        if bare != word and bare and known(bare, lemma, verbs):
            return True  # 'YHDESSÄ!-ohjelmassa', 'Lupa auttaa!': the passages drop the '!'
        if ":" in word and known(word.split(":")[0]):
            return True  # an abbreviation's case ending ('MLL:n', 'THL:stä') after a colon
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1:
            # A hyphenated name the passages hold whole ('Perheneuvo-linjalle') is held.
            return vocabulary.holds([word, lemma, *baseforms(word)]) or all(
                known(p) for p in parts)
        forms = [word, lemma, *verbs, *baseforms(word)]
        bodies = [f.lower()[:-len(h)] for f in forms if f for h in GENERIC_HEADS
                  if f.lower().endswith(h) and len(f) - len(h) >= 4]
        return (_covered(word, label_words) or word.lower() in stop
                or vocabulary.holds(forms) or bool(bodies) and vocabulary.holds(bodies))

    def topic(word: str) -> bool:
        return classes is None or names_topic(classes(word))

    for i, (word, (lemma, _parts, verbs)) in enumerate(words):
        bare = word.strip("!-")
        if not bare or bare in stop or lemma in stop:
            continue
        written = originals.get(word, word)
        capital = written[:1].isupper() and not written.isupper() and word != first
        pieces = bare.split("-")
        if len(pieces) > 1 and _is_head(pieces[-1]):
            name = "-".join(pieces[:-1])
            if name and not known(name):
                out.append(Unknown(name, "name"))
            continue
        if known(bare, lemma, verbs):
            continue
        nxt = words[i + 1][0].lstrip("-") if i + 1 < len(words) else ""
        before_head = bool(nxt) and (_is_head(nxt.split("-")[0]) or words[i + 1][1][0]
                                     in PROJECT_HEADS)
        finnish = bool(list(baseforms(bare)))  # a word Voikko reads: not a foreign word
        if language == "fi":
            if capital or before_head and finnish:
                out.append(Unknown(bare, "name"))
            elif (finnish and len(bare) >= MIN_CONTENT and not any(c.isdigit() for c in bare)
                  and not _frames_question(bare, lemma) and topic(bare)):
                out.append(Unknown(bare, "content"))
        elif before_head and (capital or finnish):
            # An English or Swedish question names a project by its Finnish name, capitalised
            # or not ('the perheapu project'): a word Voikko reads is no English word.
            out.append(Unknown(bare, "name"))
        elif (before_head and language == "en" and translated is not None
              and _foreign_name(bare, translated)):
            # 'the Lapland reindeer project': a word that says what the project is about, in
            # no passage and no glossary row, names a project the corpus does not hold.
            out.append(Unknown(bare, "name"))
    return out


def _foreign_name(word: str, translated: Callable[[str], bool]) -> bool:
    """An English or Swedish word before a project head that can only be part of its name: no
    word of order or extent, no number, no glossary word."""
    return (len(word) >= MIN_CONTENT and word not in GENERIC_MODIFIERS
            and not any(c.isdigit() for c in word) and "year" not in word
            and not translated(word))


def project_names(question: str) -> list[str]:
    """The words the question gives as a project's name: before a project head, joined by a
    hyphen ('Perhetaival-hanketta') or not ('perhetaival hankkeen', 'the Perhetaival project')."""
    words = _WORD.findall(question)
    out = []
    for i, word in enumerate(words):
        pieces = word.split("-")
        if len(pieces) > 1 and _is_head(pieces[-1]) and pieces[0]:
            out.append("-".join(pieces[:-1]).lower())
        elif i + 1 < len(words) and _is_head(words[i + 1].lstrip("-").split("-")[0]) \
                and len(word) >= MIN_CONTENT:
            out.append(word.lower())
    return [w for w in out if w not in ("lape", "the")]


def _is_head(part: str) -> bool:
    low = part.lower()
    return low in PROJECT_HEADS or low.startswith(("hank", "projekt"))


def named_regions(entities: Iterable[EntityRef]) -> list[EntityRef]:
    return [e for e in entities if e.kind == "Region"]


def about_places(answers: list[Answer], regions: list[EntityRef], target: str | None,
                 passage_region: Callable[[str], str | None],
                 passage_entities: Callable[[str], set[str]],
                 region_iri: Callable[[EntityRef], str],
                 municipality_region: Mapping[str, str]) -> list[Answer]:
    """The answers about the regions the question names: by their own region, a municipality's
    region, or an evidence passage of the region's documents or naming the region. A question
    asking for regions is not narrowed (it names a region as an example, not as a scope)."""
    if not regions or target == "Region":
        return answers
    labels = {r.label.casefold() for r in regions}
    iris = {region_iri(r) for r in regions}

    def about(a: Answer) -> bool:
        if {g.casefold() for g in a.regions} & labels:
            return True
        if a.iri and municipality_region.get(a.iri, "").casefold() in labels:
            return True
        # A passage of another region's document that names the region in passing ('vaihdettiin
        # kokemuksia Kainuun ja Lapin hankkeiden kanssa') is not about it.
        return any((region := passage_region(e.passage)) is not None
                   and region.casefold() in labels
                   or region is None and passage_entities(e.passage) & iris
                   for e in a.evidence)

    return [a for a in answers if about(a)]


def within_named_region(kind: QuestionKind, entities: Iterable[EntityRef]) -> QuestionKind:
    """'Where in Satakunta was X tried?' asks for places within the region it names: a
    question for regions that names one region is a question for its municipalities."""
    regions = named_regions(entities)
    if kind.answer_type != "region" or len(regions) != 1:
        return kind
    return replace(kind, answer_type="municipality")


_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d,])")
_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*[–-]\s*(?:\d{1,2}\.\d{1,2}\.)?((?:19|20)\d\d)")


def years_of(text: str) -> set[int]:
    """The years a text states, a range's years between its ends included ('2017–2019',
    '1.3.2017–31.12.2019')."""
    years = {int(y) for y in _YEAR.findall(text)}
    for a, b in _YEAR_RANGE.findall(text):
        if int(a) <= int(b) <= int(a) + 10:
            years |= set(range(int(a), int(b) + 1))
    return years


# The answer types a named year scopes: a fact. A place or method question naming a year
# ('missä maakunnissa perhekeskus avattiin vuonna 2018') is answered by its topic passages.
YEAR_SCOPED = ("Date", "Amount", "Count", "Person", "Organisation")


def years_held(answers: list[Answer], question: str, target: str | None = None
               ) -> list[Answer]:
    """The answers of a fact question whose label or evidence reaches every year the question
    names; a question naming no year, or asking for places or methods, keeps all."""
    asked = years_of(question)
    if not asked or target not in YEAR_SCOPED:
        return answers
    return [a for a in answers
            if asked <= years_of(" ".join([a.label, *(e.text for e in a.evidence)]))]
