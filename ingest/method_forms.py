"""Forms of a working model's name that no label spells out, found from the labels themselves:

- *a compound opened by the name*: a Finnish compound whose leading parts (Voikko's compound
  parts, in base form) are a one-word label of the model and whose head names the model's own
  work (ACTIVITY_HEADS): "perhekeskusvalmennuksissa" (perhe + keskus + valmennus) is training in
  the family centre, "perhekeskuspilotoinnissa" its pilot; "perhekeskusalue", "perhekeskusesite"
  or "perhekeskusagentti" name a place, a leaflet, a person;
- *an acronym before a hyphen*: the short form the labels write before a hyphen ("LP-keskustelu",
  "OT-keskus", "LAVA-malli") opens other compounds of the same model too ("LP-kouluttajiksi",
  "LAVA-kokeiluja"), written in its capitals;
- *a label that is itself an acronym* ("LAVA", "MARAK") opens compounds the same way
  ("LAVA-mallia", "MARAK-kokouksiin");
- *a short name the document itself gives*: an acronym in parentheses right after a method's
  name ("Lapset puheeksi -menetelmä (LP)", "the Let's Talk about Children method (LTC)",
  "Vahvuutta vanhemmuuteen -perheryhmät (VV-ryhmät)") or the name in parentheses after the
  acronym ("TLP-menetelmiin (Toimiva lapsi & perhe)") stands for that method in the rest of that
  document, alone or opening a compound ("LP-keskustelut", "LTC discussions", "VV-ryhmiin");
  `document_aliases`, which the pipeline runs over a document's linked mentions;
- *a word one letter away from a label word* in a language Voikko does not read (Swedish,
  English): "Familjecentren" for "familjecentret". Measured on the development status sets:
  one edit from words of at least MIN_FUZZY letters (the labels' Swedish and English words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.records import AnalysedPassage, Mention

from ingest.voikko_analyzer import one_edit

# The shortest label word a one-letter difference may stand for: below it, one letter turns a
# word into another ("modell"/"modellen" are ordinary words).
MIN_FUZZY = 9
# The shortest one-word label a compound's leading parts may be ("perheasema", "erotyö" is not).
MIN_COMPOUND = 7
# Heads of a compound that name the model's practice, or work done on it (its pilot, training,
# taking into use, services): the compound speaks of the model itself. Not its development:
# "perhekeskuskehittäminen" names the reform's field of work as a theme ("Perhekeskuskehittämisessä
# on tavoitteena ..."), and read as the model it gave two false statuses on the seeds.
ACTIVITY_HEADS = frozenset({
    "malli", "toimintamalli", "menetelmä", "toiminta", "työ", "työskentely", "pilotti",
    "pilotointi", "kokeilu", "koulutus", "valmennus",
    "käyttöönotto", "palvelu", "verkosto", "ryhmä"})
_ACRONYM = re.compile(r"^([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,5})[-–]\w")
# a label that is an acronym as a whole ("LAVA", "MARAK"): it opens compounds as one before a
# hyphen does
_WHOLE_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,6}$")
# A short name given in parentheses after a method's name, at most one word (a model word:
# "method", "-perheryhmät") between: "(LP)", "(LTC)", "(VV-ryhmät)".
_ALIAS_AFTER = re.compile(
    r"(?:[ \t]+[-–]?[^\W\d_][\w-]*)?[ \t]*\([ \t]*([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,5})(?:[-–][^\W\d_]+)?"
    r"[ \t]*\)")
# An acronym, alone or opening a compound, right before a parenthesis that holds only a method's
# name: "TLP-menetelmiin (Toimiva lapsi & perhe)".
_ALIAS_BEFORE = re.compile(r"(?:^|[\s(])([A-ZÅÄÖ]{2,6})(?:[-–][^\W\d_]+)?[ \t]*\([ \t]*$")


def acronym_of(label: str) -> str | None:
    """The short form a label writes before a hyphen, in capitals ("LP-keskustelu" → "LP",
    "KiVa-koulu" → "KiVa"), or the label itself where it is an acronym ("LAVA"); None for a
    label that opens otherwise."""
    if _WHOLE_ACRONYM.match(label):
        return label
    hit = _ACRONYM.match(label)
    if hit is None or sum(c.isupper() for c in hit.group(1)) < 2:
        return None
    return hit.group(1)


class MethodForms:
    """One-word labels, acronyms and foreign label words of methods, each mapped to the one
    entity that has it (a form two methods share is dropped: it tells neither)."""

    def __init__(self) -> None:
        self.words: dict[str, object] = {}  # one-word Finnish labels, lower case, in base form
        self.acronyms: dict[str, object] = {}  # as written
        self.foreign: dict[str, object] = {}  # label words in other languages, lower case
        self._deletions: dict[str, set[str]] = {}
        self._shared: set[tuple[str, str]] = set()

    def _put(self, table: dict[str, object], name: str, form: str, entity: object) -> None:
        if (name, form) in self._shared:
            return
        if table.get(form, entity) is not entity:
            del table[form]
            self._shared.add((name, form))
            return
        table[form] = entity

    def add(self, entity: object, label: str, lang: str, bases: Iterable[str]) -> None:
        """Enter `label` of `entity` in language `lang` (`bases`: the label's base forms when it
        is one Finnish word)."""
        acronym = acronym_of(label)
        if acronym is not None:
            self._put(self.acronyms, "acronym", acronym, entity)
        words = re.findall(r"[^\W\d_]+", label)
        if lang == "fi" and len(words) == 1 and len(label) >= MIN_COMPOUND and label.isalpha():
            for form in {label.lower(), *(b.lower() for b in bases)}:
                self._put(self.words, "word", form, entity)
        if lang != "fi":
            for word in words:
                if len(word) >= MIN_FUZZY:
                    low = word.lower()
                    self.foreign.setdefault(low, entity)
                    for d in _deletions(low):
                        self._deletions.setdefault(d, set()).add(low)

    def compound(self, parts: tuple[str, ...]) -> object | None:
        """The method whose one-word label the compound's leading parts spell, the longest
        first, before a head that names the model's work: perhe + keskus + valmennus →
        "perhekeskus"."""
        if not parts or parts[-1] not in ACTIVITY_HEADS:
            return None
        for k in range(len(parts) - 1, 0, -1):
            hit = self.words.get("".join(parts[:k]))
            if hit is not None:
                return hit
        return None

    def acronym_compound(self, text: str) -> object | None:
        """The method whose acronym opens a hyphenated word, in its capitals: "LAVA-kokeiluja"."""
        head, dash, rest = text.partition("-")
        return self.acronyms.get(head) if dash and rest[:1].isalpha() else None

    def near(self, word: str) -> set[str]:
        """Foreign label words one letter added, dropped or changed away from `word`; not a
        label word with a Swedish genitive "s" ("familjecentrets öppna mötesplats"): the name
        then modifies another thing, the meeting place of the family centre."""
        low = word.lower()
        if len(low) < MIN_FUZZY - 1 or low in self.foreign or low[:-1] in self.foreign:
            return set()
        found: set[str] = set()
        for d in (low, *_deletions(low)):
            found.update(w for w in self._deletions.get(d, ()) if one_edit(low, w))
            if d in self.foreign and one_edit(low, d):
                found.add(d)
        return found


def _alias_word(alias: str, text: str) -> bool:
    """The token is the alias, alone, with a case ending after a colon ("LP:n") or opening a
    hyphenated compound ("LP-keskustelut", "VV-ryhmiin"), in the alias's own capitals."""
    if text == alias or text.split(":", 1)[0] == alias:
        return True
    head, dash, rest = text.replace("–", "-").partition("-")
    return head == alias and bool(dash) and rest[:1].isalpha()


def _alias_fits(alias: str, name: str) -> bool:
    """An acronym of at least two capitals whose first letter opens the name it stands for
    ("LTC" for "Let's Talk about Children"; not "(Turenki)" after "perhekeskus")."""
    letters = [c for c in name if c.isalpha()]
    return (sum(c.isupper() for c in alias) >= 2 and bool(letters)
            and alias[0].lower() == letters[0].lower())


def _minted_practice(m: Mention) -> bool:
    """A method the reference data does not hold, found by the shape of its words
    (ingest/new_entities.py): "IV-ryhmiä" as a practice of its own until the alias says which
    method it is."""
    return m.kind == "Method" and m.source.startswith("pattern:")


def with_document_aliases(analysed: Sequence[AnalysedPassage], mentions: list[Mention]
                          ) -> list[Mention]:
    """`mentions` with the document's aliases (document_aliases) in place, in passage order; a
    local practice minted on an alias's words is that method's mention instead."""
    aliases = list(document_aliases(analysed, mentions))
    if not aliases:
        return mentions
    spans = {(a.passage_index, a.start, a.end) for a in aliases}
    kept = [m for m in mentions if not (_minted_practice(m) and any(
        p == m.passage_index and s < m.end and m.start < e for p, s, e in spans))]
    return sorted(kept + aliases, key=lambda m: (m.passage_index, m.start))


def document_aliases(analysed: Sequence[AnalysedPassage], mentions: Sequence[Mention]
                     ) -> Iterator[Mention]:
    """Mentions of the short names a document gives its methods in parentheses, from the
    definition on (see the module docstring): each word that is the alias, outside the spans
    already linked. An alias that a linked mention of another entity also spells, or that the
    document gives two methods, is left alone."""
    from ingest.records import Mention

    texts = {ap.passage.index: ap.passage.text for ap in analysed}
    defined: dict[str, tuple[Mention, int, int]] = {}  # alias -> method, where it was given
    shared: set[str] = set()
    for m in mentions:
        if m.kind != "Method" or m.passage_index not in texts:
            continue
        text = texts[m.passage_index]
        after = _ALIAS_AFTER.match(text, m.end)
        before = _ALIAS_BEFORE.search(text[:m.start])
        alias = None
        if after is not None:
            alias = after.group(1)
        elif before is not None and re.match(r"[ \t]*\)", text[m.end:]):
            alias = before.group(1)
        if alias is None or not _alias_fits(alias, m.surface):
            continue
        if alias in defined and defined[alias][0].key != m.key:
            shared.add(alias)
        defined.setdefault(alias, (m, m.passage_index, m.start))
    others = {m.surface for m in mentions if m.kind != "Method"}
    aliases = {a: d for a, d in defined.items() if a not in shared and a not in others}
    if not aliases:
        return
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if not _minted_practice(m):  # a local practice found by its shape gives way
            taken.setdefault(m.passage_index, []).append((m.start, m.end))
    for ap in analysed:
        spans = taken.get(ap.passage.index, [])
        for tok in ap.tokens:
            for alias, (method, index, start) in aliases.items():
                if (ap.passage.index, tok.start) <= (index, start) or not _alias_word(
                        alias, tok.text) or any(s < tok.end and tok.start < e for s, e in spans):
                    continue
                # the definition's own parenthesis is no use of the alias
                if ap.passage.index == index and ap.passage.text[start:tok.start].count(
                        "(") > ap.passage.text[start:tok.start].count(")"):
                    continue
                yield Mention(method.doc_key, ap.passage.index, tok.start, tok.end, tok.text,
                              "Method", method.key, method.label, "document:alias")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def hyphen_parts(text: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The words of a hyphenated token Voikko does not read ("family-centre" → family, centre),
    for matching labels written with a space; () for a Finnish word or no hyphen."""
    if "-" not in text.strip("-") or known(text):
        return ()
    parts = tuple(p.lower() for p in text.split("-") if p)
    return parts if len(parts) > 1 and all(p.isalpha() for p in parts) else ()
