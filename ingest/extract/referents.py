"""Who a method fact belongs to where the sentence's grammar, not a name, says so (issue 13,
round 19): a body named as a partner ("yhdessä X:n kanssa", "together with X") does not act;
towns written as one coordinated run ("A, B ja C", "A and B") act together; a body named by
its kind ("kaupunki", "the city", "sairaanhoitopiirin") is the one of that kind named before;
"the project" and "the whole region" in English and Swedish are the document's own project and
region. The English and Swedish phrases are data (ingest/patterns/attachment.toml)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.syntax import clause_tokens
from ingest.records import Mention

# a Finnish partner phrase: the body in the genitive, up to three more genitive words of its
# name ("Setlementti Tampereen", "Lapin sairaanhoitopiirin", "MLL:n Lapin piirin"), then the
# postposition ("kanssa")
_GENITIVES = r"(?:\s+[\w:-]*\w*n)"
# what may stand between a comitative phrase and the body ("the", "the city of")
_BETWEEN = r"(?:[\w-]+\s+){0,2}"
# what joins the towns of one coordinated run
_JOINS = re.compile(r"\s*(?:,\s*(?:(?:ja|sekä|and|och)\s+)?|\s(?:ja|sekä|and|och|&)\s+)\s*")


def _phrases(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def has_phrase(text: str, words: Sequence[str]) -> bool:
    """One of the phrases `words` is in `text` as whole words (case-insensitive)."""
    return bool(words) and re.search(rf"(?<![\w-])(?:{_phrases(words)})(?![\w-])",
                                     text.lower()) is not None


def partner_phrase(lex: Lexicon, text: str, m: Mention) -> bool:
    """The body is named as whom the work was done with: a Finnish postposition of
    `with_words` after its genitive phrase ("yhdessä Setlementti Tampereen kanssa", "Keski-Suomen
    sairaanhoitopiirin kanssa"), or an English or Swedish comitative phrase of `partner_phrases`
    right before it ("together with the city of Kemi", "i samarbete med Torneå")."""
    after = text[m.end:m.end + 80]
    if lex.with_words and m.surface.lower().endswith("n") and re.match(
            rf"{_GENITIVES}{{0,3}}\s+(?:{_phrases(lex.with_words)})\b", after):
        return True
    before = text[max(0, m.start - 60):m.start].lower()
    return bool(lex.partner_phrases) and re.search(
        rf"(?<![\w-])(?:{_phrases(lex.partner_phrases)})\s+{_BETWEEN}$", before) is not None


def coordinated_run(text: str, near: Mention, towns: Sequence[Mention]) -> list[Mention]:
    """The towns written as one coordinated run with `near` ("Eura, Säkylä and Huittinen",
    "Kemissä ja Torniossa", "Salla och Savukoski"): only commas and a conjunction between
    them. What the parser's clauses miss (an English or Swedish sentence has no usable parse)
    the punctuation still tells."""
    ordered = sorted((m for m in towns if m.passage_index == near.passage_index),
                     key=lambda m: m.start)
    if near not in ordered:
        return [near]
    i = j = ordered.index(near)
    while i > 0 and _JOINS.fullmatch(text[ordered[i - 1].end:ordered[i].start]):
        i -= 1
    while j + 1 < len(ordered) and _JOINS.fullmatch(text[ordered[j].end:ordered[j + 1].start]):
        j += 1
    return ordered[i:j + 1]


def names_town_word(lex: Lexicon, sent: Sentence) -> bool:
    """The sentence names a town by its kind: a singular Finnish word of `town_words` in lower
    case (or opening the sentence: "Kaupunki aikoo ...", "kunnan neuvoloissa"), or an English or
    Swedish phrase of `town_phrases` ("the city", "kommunen")."""
    if any(t.lemma.lower() in lex.town_words and (t.text[:1].islower() or n == 0)
           and "Number=Plur" not in t.morph for n, t in enumerate(sent.tokens)):
        return True
    return has_phrase(sent.text, lex.town_phrases)


def last_town(before: Sequence[Mention], is_actor) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    """The town named last among `before` (the passage's mentions before the sentence)."""
    m = next((m for m in reversed(before) if m.kind == "Municipality" and is_actor(m)), None)
    return (m.kind, m.key) if m is not None else None


def head_words(before: Sequence[Mention], is_actor) -> set[str]:  # type: ignore[no-untyped-def]
    """The head nouns of the organisations named before, whose names are of several words
    ("Satakunnan sairaanhoitopiiri" → "sairaanhoitopiiri"): a lower-case word that is one of
    them names that body by its kind."""
    heads = set()
    for m in before:
        words = m.label.split()
        if m.kind == "Organisation" and len(words) > 1 and is_actor(m):
            head = words[-1].lower()
            if head.isalpha() and len(head) >= 5:
                heads.add(head)
    return heads


def names_region_scope(lex: Lexicon, sent: Sentence) -> bool:
    """An English or Swedish sentence places the work in the whole region ("for the whole
    region", "i hela landskapet"; `region_phrases`)."""
    return has_phrase(sent.text, lex.region_phrases)


def names_project_word(lex: Lexicon, sent: Sentence) -> bool:
    """An English or Swedish sentence speaks of "the project" (`project_phrases`: "the project
    team", "under projektet"), not of a project by its name."""
    return has_phrase(sent.text, lex.project_phrases)


def names_the_region(sent: Sentence, method: Mention, planned: bool = False,
                     lex: Lexicon | None = None) -> bool:
    """The sentence places the method in "the region", a common noun ("maakuntaan on tarkoitus
    perustaa", "koko maakunnassa", "koko maakunnan käyttöön"; "Maakuntaan suunnitellaan" for a
    plan): the document's own region, where nobody else is named."""
    if lex is not None and names_region_scope(lex, sent):
        return True  # "for the whole region", "i hela landskapet"
    words = [t for t in sent.tokens if t.pos not in ("PUNCT", "SYM")]
    for n, t in enumerate(words):
        if t.lemma.lower() != "maakunta" or not (t.text[:1].islower() or (n == 0 and planned)):
            # A capital inside a sentence starts a name. A sentence that opens with the region
            # plans for the region ("Maakuntaan suunnitellaan ..."); what was done there
            # ("Maakuntaan avattiin 11 kohtaamispaikkaa") the project did.
            continue
        if t.dep.startswith("obl") or (n and words[n - 1].lemma.lower() == "koko"):
            return True  # "Maakuntaan rakennettiin", "koko maakunnan käyttöön"
    return False


def names_own_project(sent: Sentence, method: Mention, whole: bool = False,
                      lex: Lexicon | None = None) -> bool:
    """The method's clause (`whole`: the sentence, where a clause beside the method's told its
    status) speaks of "the project" in lower case ("hankkeen aikana"), or by the bare word
    "hanke" opening the sentence ("Hankkeessa pilotoitiin X"), not by a name."""
    tokens = sent.tokens if whole else clause_tokens(sent, method.start, method.end)
    if lex is not None and names_project_word(lex, sent):
        return True  # "Under projektet utbildades ...", "the project team drew up ..."
    return any(t.lemma.lower().endswith("hanke") and (
        t.text[:1].islower() or t.lemma.lower() == "hanke") for t in tokens)
