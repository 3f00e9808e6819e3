"""English and Swedish service words as Finnish lemmas, so a question in either language meets
Finnish passages in the lexical index: the bilingual glossary of ontology/reference/ and the
fi/en/sv labels of the reference entities."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "ontology" / "reference" / "glossary.csv"
_WORD = re.compile(r"[\w][\w\-]*")
MAX_PHRASE = 4
# Swedish endings of plural, definite and verb forms ('frivilliga' is frivillig, 'styrgruppen'
# styrgrupp, 'prövats' pröva), tried on a single word the glossary lacks as written.
_SV_ENDINGS = ("erna", "arna", "orna", "ades", "ats", "ade", "na", "en", "et", "er", "ar", "or",
               "ts", "at", "as", "a", "e", "n", "s")


# English plurals that add -es to a sibilant ('classes', 'churches', 'wishes', 'boxes'): the
# singular drops both letters, so 'online antenatal classes' meets the entry 'online antenatal
# class' (other plurals drop the -s alone: 'services', 'places').
_ES_PLURALS = ("sses", "shes", "ches", "xes")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith(_ES_PLURALS):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(phrase: str) -> str:
    return " ".join(_singular(w) for w in _WORD.findall(phrase.casefold()))


class Glossary:
    """Foreign phrase (lower case, English plurals made singular) → Finnish lemmas."""

    def __init__(self, pairs: Iterable[tuple[str, str]],
                 languages: dict[str, set[str]] | None = None) -> None:
        # the languages a phrase is written in ('same' is Swedish for Sámi, not English);
        # a phrase not listed (an ontology label) is of any language
        self._languages = dict(languages or {})
        self._fi: dict[str, list[str]] = {}
        for foreign, finnish in pairs:
            key = _key(foreign)
            lemmas = [w for w in _WORD.findall(finnish.casefold()) if len(w) > 1]
            if key and lemmas:
                known = self._fi.setdefault(key, [])
                known.extend(lemma for lemma in lemmas if lemma not in known)

    @classmethod
    def load(cls, path: Path = GLOSSARY, labels: Iterable[tuple[str, str]] | None = None
             ) -> Glossary:
        """The glossary file plus (foreign label, Finnish label) pairs of the ontology: by
        default the English and Swedish labels of the reference entities ('North Karelia',
        'Kajana', 'family centre'), so a question in either language names them in Finnish."""
        if not path.exists():
            raise FileNotFoundError(f"{path}: no glossary; it ships in ontology/reference/")
        pairs: list[tuple[str, str]] = []
        languages: dict[str, set[str]] = {}
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), 2):
                if not row.get("fi"):
                    raise ValueError(f"{path}:{n}: a glossary row needs its Finnish lemma (fi)")
                for column in ("en", "sv"):
                    words = [w for w in (row.get(column) or "").split("|") if w]
                    pairs += [(w, row["fi"]) for w in words]
                    for w in words:
                        languages.setdefault(_key(w), set()).add(column)
        others = reference_labels() if labels is None else labels
        for foreign, _ in others:
            languages.pop(_key(foreign), None)
        return cls([*pairs, *others], languages)

    def __len__(self) -> int:
        return len(self._fi)

    def finnish_terms(self, text: str) -> list[str]:
        """The Finnish lemmas of the phrases the text holds, longest phrases first; a word
        counts in one phrase only."""
        return self.translate(text)[0]

    def translate(self, text: str, parts: bool = False,
                  language: str | None = None) -> tuple[list[str], list[str]]:
        """(the Finnish lemmas of the phrases the text holds, the words no phrase covers).
        With parts, a phrase adds to what its words translate to rather than replacing it:
        after the phrase's lemmas come those of the shorter phrases and words inside it
        ('family services' is perhepalvelut, and still perhe and palvelu), so a lexical query
        keeps meeting the passages that write the parts apart. `language` ('en', 'sv'): only
        the phrases of that language (and the ontology's labels of any)."""
        words = [_singular(w) for w in _WORD.findall(text.casefold())]
        out: list[str] = []
        taken: set[int] = set()
        inside: list[str] = []
        for i, n, lemmas in self._phrases(words, language=language):
            taken |= set(range(i, i + n))
            out.extend(lemma for lemma in lemmas if lemma not in out)
            if parts and n > 1:
                inside += [lemma for _, _, found in self._phrases(words[i:i + n], n - 1)
                           for lemma in found]
        out.extend(lemma for lemma in dict.fromkeys(inside) if lemma not in out)
        return out, [w for i, w in enumerate(words) if i not in taken]

    def located(self, text: str) -> list[tuple[int, str]]:
        """(position, Finnish lemma) of each phrase of an English or Swedish text the glossary
        translates, at the phrase's first word: a passage in either language then holds the
        Finnish words a question is read by ('state aid' is valtionavustus, 'projektkoordinator'
        hankekoordinaattori), where they stand."""
        found = [(m.start(), _singular(m.group(0))) for m in _WORD.finditer(text.casefold())]
        return sorted((found[i][0], lemma) for i, _, lemmas in self._phrases(
            [w for _, w in found]) for lemma in lemmas)

    def _phrases(self, words: list[str], longest: int = MAX_PHRASE,
                 language: str | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
        """(first word, length, Finnish lemmas) of the glossary phrases of at most `longest`
        words among the words, longest first, none overlapping; `language`: of that language
        only (a phrase of the other language is no phrase of this text)."""
        taken: set[int] = set()
        out: list[tuple[int, int, tuple[str, ...]]] = []
        for n in range(min(longest, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if taken & set(range(i, i + n)):
                    continue
                key = " ".join(words[i:i + n])
                lemmas = self._fi.get(key) if self._written_in(key, language) else None
                if lemmas is None and n == 1 and language != "en":
                    lemmas = self._inflected(words[i])
                if lemmas:
                    taken |= set(range(i, i + n))
                    out.append((i, n, tuple(lemmas)))
        return out

    def _written_in(self, key: str, language: str | None) -> bool:
        """Whether a phrase may be read in a text of `language` (any, when not given or when
        the phrase's language is not known)."""
        return language is None or language not in ("en", "sv") or (
            langs := self._languages.get(key)) is None or language in langs

    def _inflected(self, word: str) -> list[str] | None:
        """A single word's Finnish by its base form without a Swedish ending."""
        for ending in _SV_ENDINGS:
            if len(word) - len(ending) >= 4 and word.endswith(ending):
                base = word[:-len(ending)]
                # a verb's ending leaves its stem: 'prövats', 'prövades' are pröva
                for form in (base, base + "a"):
                    if (lemmas := self._fi.get(form)) is not None:
                        return lemmas
        return None


def reference_labels() -> list[tuple[str, str]]:
    """(English or Swedish label, Finnish preferred label) of every reference entity whose
    foreign label differs from its Finnish one."""
    from ontology.reference import load_reference

    pairs = []
    for e in load_reference().entities:
        foreign = [e.pref_en, e.pref_sv] + [label for label in (*e.alt_labels, *e.hidden_labels)
                                            if e.lang_of(label) in ("en", "sv")]
        pairs += [(label, e.pref_fi) for label in foreign
                  if label and label.casefold() != e.pref_fi.casefold()]
    return pairs
