"""Methods of an actor read from the best passages when the graph holds none of them: the
methods linked in the passages about the actor, or named in the sentences naming it, with the
status a question asks read in the sentence or in the key line above a list item."""

from __future__ import annotations

import re
from collections.abc import Callable

from search.answer_records import Answer, Evidence
from search.records import EntityRef, Hit
from search.topic_relevance import sentences

# The entities a sentence names (its places, bodies and methods, in any language).
Said = Callable[[str], list[EntityRef]]

# Passages read for the methods of an actor the graph holds none of. Calibrated on the
# development method questions (places sets and af19methods, main 6f7cf0b, /tmp/lead26-dev):
# of the methods read from the text alone, the right ones came from passages ranked 1-4 (23
# right, 13 wrong, 2 absent), none from ranks 5-8, where the two read (rank 6) were both false
# answers to absent things ('which anti-bullying programme did pello adopt').
READ_METHOD_DEPTH = 5


def _actors(entities: list[EntityRef]) -> set[tuple[str, str]]:
    """The (kind, key) of the question's entities that can act: regions, municipalities,
    organisations and projects."""
    return {(e.kind, e.key) for e in entities
            if e.kind in ("Region", "Municipality", "Organisation", "Project")}


def _about_actors(hits: list[Hit], actors: set[tuple[str, str]], entities: list[EntityRef],
                  areas: dict[tuple[str, str], str] | None,
                  document_town: Callable[[Hit], EntityRef | None] | None):  # type: ignore[no-untyped-def]
    """(rank, hit) of the first READ_METHOD_DEPTH passages that are about the actors: naming
    one, of a region named (or served by a regional body, `areas`), or of a town's own minutes
    or page that does not repeat its name (`document_town`). No actor, no passage."""
    if not actors:
        return
    regions = {e.label for e in entities if e.kind == "Region"}
    regions |= {area for e in entities if (area := (areas or {}).get((e.kind, e.key)))}
    for rank, hit in enumerate(hits[:READ_METHOD_DEPTH]):
        p = hit.passage
        about = actors & {(e.kind, e.key) for e in p.entities} or (p.region in regions)
        if not about and document_town is not None \
                and (town := document_town(hit)) is not None:
            about = (town.kind, town.key) in actors
        if about:
            yield rank, hit


def methods_read(hits: list[Hit], entities: list[EntityRef], iri_of, passage_iri,  # type: ignore[no-untyped-def]
                 document_iri, areas: dict[tuple[str, str], str] | None = None,
                 said: Said | None = None, sentences_only: bool = False,
                 says_status: Callable[[str], bool] | None = None,
                 document_town: Callable[[Hit], EntityRef | None] | None = None) -> list[Answer]:
    """Which methods an actor worked with, read from the best passages when the graph holds
    no statement of it (a Swedish summary the extraction read little of: 'I Jakobstad
    infördes metoden Föra barnen på tal (Lapset puheeksi)'): the methods linked in the
    passages about the actor (naming it, or of its region's documents; a regional body such as
    a joint authority, by `areas`, the documents of the region it serves), by their best rank.
    No actor named, or no passage about it, gives no answer. With `said` (the entities a
    sentence names, methods also in a foreign language), a passage naming the actor gives the
    methods of its sentences that name it ('Porvoo has offered the digital family centre …
    Lohja trialled remote appointments …' asked about Lohja gives remote appointments only):
    the methods linked in the passage are placed in its sentences by their words, those of a
    foreign sentence read through the glossary. `sentences_only` keeps only what a sentence
    naming the place says (beside the graph's answers: a passage of the region, or a project's,
    is not enough there). With `says_status` (a question asking a status: 'mitä Kajaanissa
    koulutettiin'), a method counts only in a sentence reading that status, or in a list item
    under a key line reading it ('Syksyn pilotoinnit:' / '- Iisalmi: perhekeskus'). With
    `document_town` (the one municipality a passage's document is of: its minutes or page), a
    passage of that document naming no municipality is about it ('Sähköinen perhekeskus avattiin
    asukkaiden käyttöön 3.9.2018' in Kuopio's city board minutes)."""
    actors = _actors(entities)
    named = {(e.kind, e.key) for e in entities if e.kind == "Method"}
    found: dict[tuple[str, str], Answer] = {}
    for rank, hit in _about_actors(hits, actors, entities, areas, document_town):
        p = hit.passage
        methods = [e for e in p.entities if e.kind == "Method"]
        places = {a for a in actors if a[0] != "Project"}
        if said is not None and places & {(e.kind, e.key) for e in p.entities}:
            # (a project's passages are about it whether a sentence names it or not)
            methods = _in_sentences_naming(p.text, places, said, methods, says_status)
        elif sentences_only:
            continue
        elif says_status is not None:
            methods = [e for e in methods if any(
                _holds_words(s, e.label) and says_status(s) for s in _with_key_lines(p.text))]
        for e in methods:
            if (e.kind, e.key) in named:
                continue
            at = p.text.casefold().find(e.label.casefold())
            start, end = (at, at + len(e.label)) if at >= 0 else (0, 0)
            confidence = round(0.5 / (1 + rank), 3)
            answer = found.setdefault((e.kind, e.key), Answer(
                iri_of(e), e.label, "Method", [], [p.region] if p.region else [], [], "text",
                confidence))
            if len(answer.evidence) < 3:
                answer.evidence.append(Evidence(passage_iri(hit), document_iri(hit), p.text,
                                                start, end, confidence))
    return sorted(found.values(), key=lambda a: (-a.confidence, a.label))


def methods_labelled(sentence: str, labelled: list[tuple[str, EntityRef]]) -> list[EntityRef]:
    """The methods whose label's words a sentence holds, inflected or joined by a hyphen
    ('piloting the named-worker model' holds 'named worker model')."""
    bare = _JOINED.sub(" ", sentence)
    return list(dict.fromkeys(e for label, e in labelled if _holds_words(bare, label)))


def _in_sentences_naming(text: str, actors: set[tuple[str, str]], said: Said,
                         linked: list[EntityRef] = (),  # type: ignore[assignment]
                         says_status: Callable[[str], bool] | None = None) -> list[EntityRef]:
    """The methods named in the sentences (or lines) of a text that name one of the actors:
    those `said` finds (a foreign sentence's, through the glossary) and the passage's `linked`
    methods whose words the sentence holds in any inflection ('- Iisalmi: perhekeskus',
    'Nokialla systeeminen lastensuojelun toimintamalli on ollut käytössä'). A sentence naming
    no place goes on about the actor the sentence before it in its paragraph named ('Kuhmossa
    avattiin perhekeskus. Lisäksi vanhemmille järjestettiin Ihmeelliset vuodet -ryhmiä.')."""
    out: list[EntityRef] = []
    carried: set[tuple[str, str]] = set()
    last = -1
    for paragraph, sentence in _sentence_blocks(text):
        if paragraph != last:
            carried, last = set(), paragraph
        named = said(sentence)
        places = {(e.kind, e.key) for e in named if e.kind in PLACE_KINDS}
        if places:
            carried = actors & places
        about = bool(actors & places) or (not places and bool(carried))
        if says_status is not None and not says_status(sentence):
            continue
        if about:
            found = [e for e in named if e.kind == "Method"]
            found += [e for e in linked if _holds_words(sentence, e.label)]
            out += [e for e in found if e not in out]
    return out


# What names a place or a body a sentence is about.
PLACE_KINDS = ("Region", "Municipality", "Organisation", "Project")


_ITEM = re.compile(r"\s*[-–•*]\s")
# A hyphen joining two words of letters ('named-worker'), not a Finnish compound's dash before
# a head written apart ('Lapset puheeksi -menetelmä').
_JOINED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _with_key_lines(text: str) -> list[str]:
    """A text's sentences, a list item read with the key line it stands under ('Syksyn
    pilotoinnit:' gives its items their status), and a sentence read with the heading of its
    section ('### Kuhmo' over 'Perhekeskuksen toiminta käynnistyi …': what the section says is
    said of the place its heading names)."""
    return [sentence for _, sentence in _sentence_blocks(text)]


def _sentence_blocks(text: str) -> list[tuple[int, str]]:
    """`_with_key_lines`'s sentences, each with the number of its paragraph (a blank line or a
    heading begins one)."""
    out: list[tuple[int, str]] = []
    key = ""
    heading = ""
    paragraph = 0
    for line in text.split("\n"):
        if not line.strip():
            paragraph += 1
            continue
        if _HEADING.fullmatch(line.strip()):
            heading = _HEADING_MARKS.sub(" ", line).strip()
            key = ""
            paragraph += 1
            out.append((paragraph, heading))
            continue
        for sentence in sentences(line):
            if _ITEM.match(sentence):
                said = f"{key} {sentence}" if key else sentence
            else:
                key = sentence if sentence.rstrip().endswith(":") else ""
                said = sentence
            out.append((paragraph, f"{heading} {said}" if heading else said))
    return out


# A heading line: a markdown heading, or a short line all in bold ('**Kuhmo**').
_HEADING = re.compile(r"#{1,6}\s+\S.{0,80}|\*\*[^*\n]{1,60}\*\*")
_HEADING_MARKS = re.compile(r"[#*]+")


# A word's inflections share its first letters: all but the last few, and at least this many.
_STEM_MIN = 4
_WORD = re.compile(r"\w+")


def _holds_words(sentence: str, label: str) -> bool:
    """Whether a sentence holds each word of a label, inflected or compounded ('Lapset puheeksi
    -menetelmää' holds 'Lapset puheeksi -menetelmä')."""
    words = _WORD.findall(sentence.casefold())
    stems = [w[:max(_STEM_MIN, len(w) - 3)] for w in _WORD.findall(label.casefold())]
    return bool(stems) and all(any(w.startswith(s) for w in words) for s in stems)


# A sentence shorter than this describes nothing (a heading, a fragment).
MIN_DESCRIBED_CHARS = 25

# The description classifier's probability a sentence read for an actor's described model
# needs. Calibrated on the development method questions (places sets and af19methods,
# /tmp/lead26-dev): of the 6 questions the reading reached, the right models were read at .568
# and .986, the wrong ones at .112 and below; no absent-thing question reached it. (Ingest's own
# threshold, .775 for precision .95 on single sentences, reads one of the two right ones; here
# the sentence has also named the actor and read the status asked.)
DESCRIBED_MIN_PROBABILITY = 0.5

# Sentences read for described models per question at most, the best passages' first: the
# classifier encodes each, so a long regional passage costs a bounded time.
MAX_DESCRIBED_SENTENCES = 16

# A model described (its sentences, in a batch) -> each one's (method key, label, probability).
Describe = Callable[[list[str]], list[tuple[str, str, float]]]


def methods_described(hits: list[Hit], entities: list[EntityRef], describe: Describe,
                      threshold: float, iri_of, passage_iri, document_iri,  # type: ignore[no-untyped-def]
                      said: Said, areas: dict[tuple[str, str], str] | None = None,
                      says_status: Callable[[str], bool] | None = None,
                      document_town: Callable[[Hit], EntityRef | None] | None = None,
                      negated: Callable[[str], bool] | None = None) -> list[Answer]:
    """The working models an actor worked with that the best passages about it describe
    without naming ('Inom barnskyddet har vi sedan september prövat ett arbetssätt där varje
    familj får en egen kontaktperson …' in Korsholm's newsletter is the named-worker model): read
    when neither the graph nor the named methods of those passages answer. The passages are
    `methods_read`'s (the first READ_METHOD_DEPTH about the actor); their sentences naming it,
    or naming no place where the paragraph named none before or named it last (a sentence
    about another place is not read); a sentence counts when it holds the words of no method
    its passage links and no negation, reads the status asked (`says_status`) and the
    description classifier reads it as a model with at least `threshold` probability
    (DESCRIBED_MIN_PROBABILITY)."""
    actors = _actors(entities)
    places = {a for a in actors if a[0] != "Project"}
    picked: list[tuple[int, Hit, str]] = []
    for rank, hit in _about_actors(hits, actors, entities, areas, document_town):
        p = hit.passage
        linked_methods = [e for e in p.entities if e.kind == "Method"]
        # a sentence naming no place is about the place the paragraph last named, or, before
        # any, about what the passage is about
        current: set[tuple[str, str]] | None = None
        last = -1
        for paragraph, sentence in _sentence_blocks(p.text):
            if paragraph != last:
                current, last = None, paragraph
            here = {(e.kind, e.key) for e in said(sentence) if e.kind in PLACE_KINDS}
            if here:
                current = here
            if current is not None and not places & current \
                    and {k for k, _ in current} & {k for k, _ in places}:
                continue  # a sentence about another place of the kind asked
            if len(sentence.strip()) < MIN_DESCRIBED_CHARS \
                    or any(_holds_words(sentence, e.label) for e in linked_methods) \
                    or (says_status is not None and not says_status(sentence)) \
                    or (negated is not None and negated(sentence)):
                continue
            picked.append((rank, hit, sentence))
    picked = picked[:MAX_DESCRIBED_SENTENCES]
    if not picked:
        return []
    found: dict[str, Answer] = {}
    for (rank, hit, sentence), (key, label, probability) in zip(
            picked, describe([s for _, _, s in picked]), strict=True):
        if probability < threshold:
            continue
        e = EntityRef("Method", key, label)
        at = hit.passage.text.find(sentence)
        start, end = (at, at + len(sentence)) if at >= 0 else (0, 0)
        confidence = round(0.5 / (1 + rank) * probability, 3)
        answer = found.setdefault(key, Answer(
            iri_of(e), label, "Method", [], [hit.passage.region] if hit.passage.region else [],
            [], "text", confidence))
        if len(answer.evidence) < 3:
            answer.evidence.append(Evidence(passage_iri(hit), document_iri(hit),
                                            hit.passage.text, start, end, confidence))
    return sorted(found.values(), key=lambda a: (-a.confidence, a.label))
