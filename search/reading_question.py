"""What a question asks the reader for: the event a date question dates, the noun a count
counts, the names a passage must hold, the kinds of body asked, whether the graph's project dates
answer it. A mixin of search.reading.Reader, which holds the cue data it reads."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from search.entity_matcher import name_forms
from search.glossary import Glossary
from search.reading_kinds import kinds_asked, names_kind
from search.reading_values import FOREIGN_MONTHS
from search.reading_words import (
    _long_stem,
    _matches,
    _stem,
    is_generic,
    question_stems,
)
from search.records import EntityRef

_WORDS = re.compile(r"\w[\w\-]*")
CUES = Path(__file__).parent / "data" / "reading_cues.json"
# A Finnish agent noun ('valmistelija', 'pöytäkirjanpitäjä', 'esittelijänä'): what stands before
# -ja/-jä and a case ending (the stem of a verb's past form: 'valmisteli', 'esitteli').
_AGENT = re.compile(r"([\w\-]{3,}?)j[aä](?:n|na|nä|ksi|t|lla|llä|lle|lta|ltä|a|ä)?")
# The plural that ends the noun an English or Swedish count counts ('how many municipalities',
# 'hur många frivilliga', 'hur många familjer').
_PLURAL_ENDINGS = ("s", "ar", "er", "or", "iga", "na")
_PLURAL_NOUNS = frozenset({"people", "children", "men", "women", "barn", "personer"})


def _name_stems(named: set[EntityRef]) -> list[str]:
    """The Finnish label words of the entities a question names ('Kajana' in a Swedish question
    is Kajaani, which the passages say)."""
    return list(dict.fromkeys(_stem(w) for e in named if e.kind != "Role"
                              for w in _WORDS.findall(e.label) if len(w) > 3))


def _names_happening(words: list[str], i: int, stems: Sequence[str],
                     happenings: tuple[str, ...]) -> bool:
    """The i-th word matches an event word only as the first part of a happening's name: a
    compound with a happening noun (`happenings`: 'seminaari', 'event', 'konferens') after the
    event word, or a happening noun next ('loppuseminaari', 'closing event' are dated as any
    happening is, not asked for their start or end)."""
    word = words[i]
    if any(n in word[len(s):] for s in stems if word.startswith(s) for n in happenings):
        return True
    return bool(happenings) and i + 1 < len(words) and words[i + 1].startswith(happenings)


def asked_event(question: str, cues: dict[str, list[str]],
                happenings: tuple[str, ...] = ()) -> str | None:
    """What a date question asks to date: start, end, opening, decision, publication or the
    period; a question naming both a start and an end asks for the period."""
    words = [w.casefold() for w in _WORDS.findall(question)]
    found = [e for e, stems in cues.items()
             if any(_matches(w, stems) and not _names_happening(words, i, stems, happenings)
                    for i, w in enumerate(words))]
    if "start" in found and "end" in found:
        return "period"
    if "period" in found and ("start" in found) != ("end" in found):
        # 'Mihin asti hanke kesti?', 'since when has it lasted': the end or the start of it
        return "start" if "start" in found else "end"
    for event in ("period", "launch", "closing", "opening", "decision", "publication", "start",
                  "end"):
        if event in found:
            return event
    return None


# The case endings of a Finnish noun in the singular (a plural adds t, i or j) and the Swedish
# definite singular: after a word of _body_asked they keep the question asking for one.
SINGULAR_ENDINGS = frozenset({"n", "a", "ä", "ta", "tä", "sta", "stä", "ssa", "ssä", "lla",
                              "llä", "lta", "ltä", "lle", "ksi", "on", "ön", "hon", "en", "et"})


class QuestionReading:
    """The question side of reading; the attributes come from search.reading.Reader."""

    # The verbs a Finnish agent noun is made from (VoikkoAnalyzer.derived_bases), set by the
    # answerer that has Voikko; None without it.
    derived: Callable[[str], tuple[str, ...]] | None = None

    generic: frozenset[str]
    project_words: frozenset[str]
    glossary: Glossary
    date_asked: dict[str, list[str]]
    event_nouns: tuple[str, ...]
    count_words: list[str]
    roles: list[str]
    body_kinds: dict[str, list[str]]
    leading_verbs: list[str]
    count_asked: frozenset[str]
    body_asked: list[str]
    subset_asked: dict[str, list[str]]
    subset_said: list[str]

    def _agent_of(self, word: str, verbs: frozenset[str]) -> bool:
        """Whether a passage's word is the agent noun of one of the question's verbs, inflected
        or in a compound: the verb's past form with -ja/-jä ('valmisteli' → 'valmistelija',
        'esitteli' → 'esittelijä'), or the verb Voikko derives it from ('pöytäkirjanpitäjä' →
        pitää, 'kirjoittaja' → kirjoittaa)."""
        m = _AGENT.fullmatch(word)
        if m is None:
            return False
        if m.group(1) in verbs:
            return True
        derived = self.derived
        return derived is not None and bool(set(derived(word)) & verbs)

    def _leads(self, question: str, terms: Sequence[str]) -> bool:
        """A person question asking who led something that is no group ('Who ran the X
        project?', 'Vem ledde projektet?'; not 'Who led the steering group?', a chair)."""
        words = [w.casefold() for w in _WORDS.findall(question)]
        groups = words + [t.casefold() for t in terms]
        return (any(w in self.leading_verbs for w in words)
                and not any("ryhmä" in w or "group" in w or "grupp" in w for w in groups))

    def _asks_body(self, question: str, singular: bool = False) -> bool:
        """The question names an organisation as what it asks for ('which organisation',
        'mistä järjestöstä', 'vilken förening'): a word of _body_asked, alone or inflected
        (at most four letters more), never the first part of a compound ('järjestöagentti');
        `singular`: in the singular ('organisation', 'järjestöstä'; not 'organisations',
        'järjestöt', 'järjestöistä')."""
        ends = SINGULAR_ENDINGS if singular else None
        return any(w == b or (len(b) >= 4 and w.startswith(b) and len(w) - len(b) <= 4
                              and (ends is None or w[len(b):] in ends))
                   for w in _WORDS.findall(question.casefold()) for b in self.body_asked)

    def _asks_part(self, question: str) -> bool:
        """A count of a part of a set ('how many of the methods …', 'hur många av …', 'kuinka
        moni työmenetelmistä …': a word after 'moni' in the elative plural; 'montako
        ammattilaista' counts a whole set)."""
        low = " ".join(_WORDS.findall(question.casefold()))
        if any(p in low for p in self.subset_asked.get("phrases", [])):
            return True
        words = low.split()
        at = next((i for i, w in enumerate(words)
                   if w in self.subset_asked.get("finnish_count_words", [])), None)
        ends = tuple(self.subset_asked.get("finnish_endings", []))
        return at is not None and any(w.endswith(ends) for w in words[at + 1:at + 4])

    def _counts_part(self, text: str, start: int) -> bool:
        """The words right before a number say it counts a part of the set just named
        ('14 työmenetelmää, joista 3', 'of which 3', 'varav 3')."""
        before = " ".join(_WORDS.findall(text[max(0, start - 24):start].casefold()))
        return any(before.endswith(w) for w in self.subset_said)

    def _asks_count(self, question: str) -> bool:
        """The question holds a word of counting ('kuinka monta', 'how many', 'antal',
        'kävijämäärä', 'what percentage')."""
        return any(w in self.count_asked or any(len(c) >= 5 and c in w for c in self.count_asked)
                   or w.startswith(tuple(c for c in self.count_asked if len(c) >= 7))
                   for w in _WORDS.findall(question.casefold()))

    def project_dates_asked(self, question: str, terms: Sequence[str],
                            named: Sequence[EntityRef]) -> bool:
        """Whether the graph's project start and end dates answer a date question: it asks
        for a start, an end or the period, and names nothing but the project, its place or body
        ('Milloin Perhepolku-hanke alkoi?'), not another event ('Milloin Pieksämäen perhekeskus
        avattiin?', 'when did the project hold its closing seminar')."""
        asked = asked_event(question, self.date_asked, self.event_nouns)
        if asked not in ("start", "end", "period", None):
            return False
        names = _name_stems(set(named)) + [
            _stem(w) for w in re.findall(r"\b[A-ZÅÄÖ][\w\-!]*", question)[1:]]
        event_words = [s for stems in self.date_asked.values() for s in stems]
        for stem in question_stems(terms, self.generic | self.project_words):
            if not (_matches(stem, names) or any(n.startswith(stem) for n in names)
                    or _matches(stem, event_words)):
                return False
        return True

    def passage_words(self, terms: Sequence[str], question: str) -> list[str]:
        """The terms a passage can hold: an English or Swedish question's words that no glossary
        row translates and that it writes in lower case ('roughly', 'registered', 'blog') are
        in no Finnish passage, so they would only dilute how much of the question a passage
        covers; names stay (they are in the passages as written)."""
        from search.query import question_language

        if not question or question_language(question) == "fi":
            return list(terms)
        written = {w.casefold() for w in _WORDS.findall(question) if w[:1].islower()}
        _, rest = self.glossary.translate(question)
        foreign = {w for w in rest if w in written} | {
            w for w in written if w in rest or w.rstrip("s") in rest}
        return [t for t in terms if t.casefold() not in foreign]

    def as_named(self, named: set[EntityRef], question: str) -> set[EntityRef]:
        """The entities whose label's words tell of a passage: not a project the question names
        by an acronym the passages use in compounds ('LAPE' for the national programme, where
        the passages say 'LAPE-hanketta')."""
        if not question:
            return set(named)
        asked = [w.casefold() for w in _WORDS.findall(question)]
        skip = self.generic | self.project_words

        def by_label(e: EntityRef) -> bool:
            words = [w for w in _WORDS.findall(e.label.casefold()) if w not in skip and len(w) > 3]
            return all(any(a.startswith(_stem(w)) for a in asked) for w in words)

        return {e for e in named if e.kind != "Project" or by_label(e)}

    def dates_asked(self, question: str) -> list[str]:
        """The project dates a date question asks when the question model's cue words name
        neither or both: its start or its end by the event words of any language ('När
        startade …', 'when did … finish'), else both."""
        event = asked_event(question, self.date_asked, self.event_nouns)
        return {"start": ["startDate"], "end": ["endDate"]}.get(event, ["startDate", "endDate"])

    def counted_stems(self, question: str) -> list[str]:
        """The stems of the noun a count question counts: the words after 'kuinka monta',
        'how many', 'hur många' ('montako perheasemaa' → perheas), in Finnish."""
        words = [w.casefold() for w in _WORDS.findall(question)]
        at = next((i for i, w in enumerate(words) if w in self.count_words), None)
        if at is None:
            return []
        from search.query import question_language

        finnish_question = question_language(question) == "fi"
        if not finnish_question and (head := self._foreign_head(words[at + 1:at + 6])):
            return question_stems(head, frozenset(self.count_words))
        out: list[str] = []
        for i, word in enumerate(words[at + 1:at + 4]):
            finnish, rest = self.glossary.translate(word)
            # The first word is the noun counted even when it is a common one ('kuntaa').
            out += [w for w in finnish + rest if i == 0 or not is_generic(w, self.generic)]
            if finnish_question and word.endswith(("a", "ä")):
                # The counted noun is partitive; words after it say something else ('montako
                # käyntiä Kuhmon nuorten vastaanotolla').
                break
        return question_stems(out, frozenset(self.count_words))

    def _foreign_head(self, words: Sequence[str]) -> list[str]:
        """The Finnish of the noun an English or Swedish count counts: the last glossary phrase
        of the noun phrase after 'how many' / 'number of' / 'hur många', which ends at the
        first word of any question ('family centre meeting places were …' counts meeting
        places, kohtaamispaikka)."""
        phrase: list[str] = []
        for word in words:
            if word in ("of", "av", "the"):
                if not phrase:
                    continue
                break
            if word in self.generic and phrase:
                break
            phrase.append(word)
            if word in _PLURAL_NOUNS or word.endswith(_PLURAL_ENDINGS):
                break  # the counted noun is plural: 'municipalities (take part)
        located = self.glossary.located(" ".join(phrase))
        if not located:
            return []
        last = max(p for p, _ in located)
        return [lemma for p, lemma in located if p == last]

    def name_groups(self, question: str, named: set[EntityRef]) -> list[list[str]]:
        """The names a question holds, each as the stems of its words: the entities it names
        (not roles or methods, which passages paraphrase) and its capitalised words that no
        glossary row translates ('Perhetaival', 'Espoo'). A passage lacking one is about
        another thing."""
        return [stems for _, stems in self._names(question, named, fact=False)]

    def _names(self, question: str, named: set[EntityRef], fact: bool = True
               ) -> list[tuple[EntityRef | None, list[str]]]:
        skip = self.generic | self.project_words
        groups: list[tuple[EntityRef | None, list[str]]] = []
        chosen = self.as_named(named, question) if fact else named
        for e in sorted(chosen, key=lambda e: (e.kind, e.key)):
            # A fact about a method is read where the method is ('When did the family centre in
            # Kuopio open?' is not answered by a seminar in Kuopio); for a topic's places and
            # methods it is what is being looked for, and its paraphrases count.
            if e.kind == "Role" or e.kind == "Method" and not fact:
                continue
            words = [w for w in _WORDS.findall(e.label.casefold())
                     if w not in skip and len(w) > 1]
            if words:
                groups.append((e, [_long_stem(w) for w in words]))
        # Words of a phrase the glossary translates ('South Karelia') are no names of their own.
        untranslated = set(self.glossary.translate(question)[1])
        # Nor is a named entity's word inflected with its consonant gradation ('Lapissa' is
        # Lappi, 'Saarikan' Saarikka): the stems its inflected forms are built on.
        graded = [st for e in named for w in _WORDS.findall(e.label.casefold())
                  for st in name_forms().name_stems(w) if len(st) >= 4]
        for word in re.findall(r"(?<=\s)[A-ZÅÄÖ][\w\-]{3,}", question):
            # 'Perhetaival-hankkeen' names Perhetaival: a generic word after a hyphen is the
            # compound's head in any inflection ('LAPE-hankkeessa').
            parts = word.casefold().split("-")
            low = "-".join(part for i, part in enumerate(parts)
                           if not is_generic(part, skip)
                           and not (i > 0 and _generic_head(part, skip)))
            if (len(low) < 4 or low in skip or self.glossary.translate(low)[0]
                    or any(low.startswith(st) for st in graded)
                    or word.casefold() not in untranslated
                    or _matches(low, self.roles) or low in FOREIGN_MONTHS):
                continue  # a month ('February 2019') names no project or place either
            stem = _long_stem(low)
            # A name written without its letters' dots ('Oma Hame' for 'Oma Häme').
            if not any(_plain(stem).startswith(_plain(n)) or _plain(n).startswith(_plain(stem))
                       for _, g in groups for n in g):
                groups.append((None, [stem]))
        return groups

    def kinds_asked(self, question: str) -> list[list[str]]:
        """The words of each kind of body the question asks for, longest phrase first
        ('university of applied sciences' is no university)."""
        return [list(self.body_kinds[k]) for k in kinds_asked(question, self.body_kinds)]

    def _of_kind(self, label: str, kinds: Sequence[Sequence[str]],
                 entity_kind: str | None = None) -> bool:
        """Whether a body named so is of a kind asked. A town ('Kotka') is no joint authority
        or university; a linked organisation whose name states no kind at all ('Carea',
        'Siun sote') may be of the kind asked, as a name stating another kind is not."""
        if not kinds:
            return True
        if names_kind(label, kinds):
            return True
        if entity_kind != "Organisation":
            return False
        return not names_kind(label, list(self.body_kinds.values()))


def _generic_head(part: str, generic: frozenset[str]) -> bool:
    """A compound's part after a hyphen is a generic word inflected however far its stem allows
    ('hankkeessa', 'hankkeeseen' are hanke)."""
    return any(len(g) >= 4 and _stem(part).startswith(_stem(g)) for g in generic)


def _plain(word: str) -> str:
    """A word without its letters' diacritics ('häme' → 'hame', 'österbotten' → 'osterbotten')."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
