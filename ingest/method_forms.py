"""Forms of a working model's name that no label spells out, found from the labels themselves:

- *a compound opened by the name*: a Finnish compound whose leading parts (Voikko's compound
  parts, in base form) are a one-word label of the model and whose head names the model's own
  work (ACTIVITY_HEADS): "perhekeskusvalmennuksissa" (perhe + keskus + valmennus) is training in
  the family centre, "perhekeskuspilotoinnissa" its pilot; "perhekeskusalue", "perhekeskusesite"
  or "perhekeskusagentti" name a place, a leaflet, a person;
- *an acronym before a hyphen*: the short form the labels write before a hyphen ("LP-keskustelu",
  "OT-keskus", "LAVA-malli") opens other compounds of the same model too ("LP-kouluttajiksi",
  "LAVA-kokeiluja"), written in its capitals;
- *a word one letter away from a label word* in a language Voikko does not read (Swedish,
  English): "Familjecentren" for "familjecentret". Measured on the development status sets:
  one edit from words of at least MIN_FUZZY letters (the labels' Swedish and English words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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


def acronym_of(label: str) -> str | None:
    """The short form a label writes before a hyphen, in capitals ("LP-keskustelu" → "LP",
    "KiVa-koulu" → "KiVa"); None for a label that opens otherwise."""
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


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def hyphen_parts(text: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The words of a hyphenated token Voikko does not read ("family-centre" → family, centre),
    for matching labels written with a space; () for a Finnish word or no hyphen."""
    if "-" not in text.strip("-") or known(text):
        return ()
    parts = tuple(p.lower() for p in text.split("-") if p)
    return parts if len(parts) > 1 and all(p.isalpha() for p in parts) else ()
