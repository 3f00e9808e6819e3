"""Voikko: base forms, spell check and compound parts of Finnish words."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable

from ingest.errors import LapekgError

logger = logging.getLogger(__name__)


class VoikkoMissingError(LapekgError):
    prefix = "Voikko is not available"
    hint = "install Debian's libvoikko1 and voikko-fi (make setup does it)"


class VoikkoAnalyzer:
    """A thin, cached wrapper over libvoikko for one process, safe to share between threads.

    libvoikko's handle must not be used by two threads at once, and the server's request
    threads share one analyzer: every call into the handle holds a lock (calls take
    microseconds and the caches in front of them answer most words)."""

    def __init__(self, language: str = "fi", cache_size: int = 200_000) -> None:
        try:
            import libvoikko

            self._voikko = libvoikko.Voikko(language)
        except (ImportError, OSError) as exc:
            raise VoikkoMissingError(str(exc)) from exc
        self._handle_lock = threading.Lock()
        self.analyze = functools.lru_cache(maxsize=cache_size)(self._analyze)
        self.is_word = functools.lru_cache(maxsize=cache_size)(self._is_word)
        self.corrections = functools.lru_cache(maxsize=cache_size)(self._corrections)
        # Asked for every noun, adjective and proper noun the pipeline converts (12,600 times
        # in six 10x documents), most of them words seen before.
        self.compound_parts = functools.lru_cache(maxsize=cache_size)(self._compound_parts)
        self.derived_bases = functools.lru_cache(maxsize=cache_size)(self._derived_bases)

    def _analyze(self, word: str) -> tuple[dict[str, str], ...]:
        with self._handle_lock:
            return tuple(self._voikko.analyze(word))

    def _is_word(self, word: str) -> bool:
        with self._handle_lock:
            return bool(self._voikko.spell(word))

    def _corrections(self, word: str) -> tuple[str, ...]:
        """Voikko's spelling suggestions for a word it does not know that differ from it by one
        letter added, dropped or changed ("Systemiseen" → "Systeemiseen"); () for a known word."""
        if self.analyze(word):
            return ()
        with self._handle_lock:
            suggestions = self._voikko.suggest(word)
        return tuple(s for s in suggestions if one_edit(word, s))

    def baseforms(self, word: str) -> list[str]:
        """All base forms Voikko proposes, most likely first, without duplicates."""
        seen: list[str] = []
        for analysis in self.analyze(word):
            base = analysis.get("BASEFORM")
            if base and base not in seen:
                seen.append(base)
        return seen

    def is_first_name(self, word: str) -> bool:
        """Voikko reads the word as a first name (its lexicon's class 'etunimi')."""
        return any(a.get("CLASS") == "etunimi" for a in self.analyze(word))

    def baseform(self, word: str) -> str | None:
        forms = self.baseforms(word)
        return forms[0] if forms else None

    def _compound_parts(self, word: str) -> tuple[str, ...]:
        """Parts of a compound in base form:
        perhekeskustoimintamalli → perhe, keskus, toiminta, malli."""
        analyses = self.analyze(word)
        if not analyses:
            return ()
        analysis = analyses[0]
        structure = analysis.get("STRUCTURE", "")
        base = analysis.get("BASEFORM", "")
        if structure.count("=") < 2:
            return ()
        # STRUCTURE aligns with the surface word: '=' opens each compound part, '-' marks a hyphen.
        parts: list[str] = []
        current = ""
        i = 0
        for ch in structure:
            if ch == "=":
                if current:
                    parts.append(current)
                current = ""
                continue
            if i >= len(word):
                break
            if ch != "-":
                current += word[i]
            elif current:
                parts.append(current)
                current = ""
            i += 1
        if current:
            parts.append(current)
        if len(parts) < 2:
            return ()
        # Non-final parts are usually already base forms; the last one takes the base form's tail.
        prefix = "".join(parts[:-1]).lower()
        tail = base.lower().replace("-", "")
        last = (tail[len(prefix):] if tail.startswith(prefix) and len(tail) > len(prefix)
                else parts[-1])
        result = []
        for part in [*parts[:-1], last]:
            part = part.lower()
            lemma = self.baseform(part) if part != last else part
            result.append((lemma or part).lower())
        return tuple(p for p in result if p)

    def verbal_noun(self, word: str) -> str | None:
        """The -minen noun of a MINEN-infinitive ('verkostojohtamista' → 'verkostojohtaminen'),
        which is how the reports' nouns are lemmatised; Voikko's base form is the verb."""
        for analysis in self.analyze(word):
            if analysis.get("MOOD") != "MINEN-infinitive":
                continue
            verb_stem = _VERB_STEM.findall(analysis.get("FSTOUTPUT", ""))
            base = analysis.get("BASEFORM", "")
            if verb_stem and base.endswith(verb_stem[-1][0]):
                verb, stem = verb_stem[-1]
                return base[: len(base) - len(verb)] + stem + "minen"
        return None

    def source_verbs(self, word: str) -> tuple[str, ...]:
        """The verbs a participle or a -minen noun comes from ('kokeiltu' → 'kokeilla',
        'kouluttamisesta' → 'kouluttaa'): a question says 'on kokeiltu' for 'kokeiltiin'."""
        verbs: list[str] = []
        for analysis in self.analyze(word):
            if analysis.get("PARTICIPLE") or analysis.get("MOOD") == "MINEN-infinitive":
                found = _VERB_STEM.findall(analysis.get("FSTOUTPUT", ""))
                if found and found[-1][0] not in verbs:
                    verbs.append(found[-1][0])
        return tuple(verbs)

    def _derived_bases(self, word: str) -> tuple[str, ...]:
        """The verbs an agent noun or a participle is made from, also inside a compound
        ('auttajat' → auttaa, 'palveluohjaaja' → ohjata, 'maahanmuuttajaperheet' → muuttaa,
        'muuttaneiden' → muuttaa), besides its lemma: a question's 'auttaja' meets a passage's
        'auttaa', its 'maahanmuuttajaperheet' a passage's 'maahan muuttaneiden perheiden' (the
        passages' spaCy lemma of a participle is its verb already). The question's terms and
        topic words take them (search.query, search.topic_answer.topic_words); the passages'
        index terms do not (measured: more noise than reach, tests/eval/QUALITY_LOG.md).
        Only these derivations (DERIVED_BASE_SUFFIXES, PARTICIPLES_FOLLOWED) keep the verb's
        meaning: -us, -u, -nta, -o nouns often name another thing ('vanhemmuus' is no 'vanha',
        'palvelu' no 'palvella', 'toiminta' would be every 'toimia')."""
        bases: list[str] = []
        for analysis in self.analyze(word):
            for base in _derived(analysis, self._lexicalised_part):
                if base not in bases and base != analysis.get("BASEFORM", "").lower():
                    bases.append(base)
        return tuple(bases)

    def _lexicalised_part(self, part: str) -> list[str]:
        """The agent noun's verb of the last word of a part Voikko knows as one lexeme
        ('maahan=muuttaja' → muuttaja → muuttaa), one level deep."""
        return [b for a in self.analyze(part) for b in _derived(a, None)]


# Voikko's FSTOUTPUT marks a verb part as "[Lt][Xp]<infinitive>[X]<stem>".
_VERB_STEM = re.compile(r"\[Lt\]\[Xp\]([^\[]+)\[X\]([^\[]+)")


def one_edit(a: str, b: str) -> bool:
    """a and b differ by exactly one inserted, deleted or replaced letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# The derivational suffixes (Voikko's WORDBASES '(+ja)') whose word is followed to its verb:
# the agent noun, the one who does what the verb says.
DERIVED_BASE_SUFFIXES = frozenset({"+ja", "+jä"})
# Participles that say the verb was or is being done (not 'negation', -maton: the opposite).
PARTICIPLES_FOLLOWED = frozenset({"past_active", "past_passive", "present_active",
                                  "present_passive", "agent"})
# One WORDBASES entry: '+surface(base)' or a bare '+surface' (a base Voikko does not give).
_WORDBASE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


def _derived(analysis: dict[str, str],
             lexicalised: Callable[[str], list[str]] | None) -> list[str]:
    """The verbs one Voikko analysis derives from: the base before each agent suffix, the verb
    of a participle, and (with `lexicalised`) the agent noun's verb at the end of a part Voikko
    holds as one lexeme ('maahan=muuttaja')."""
    found: list[str] = []
    entries = _WORDBASE.findall(analysis.get("WORDBASES", ""))
    for i, (_, base) in enumerate(entries):
        if base in DERIVED_BASE_SUFFIXES:
            # the nearest base before the suffix ('+ohja(ohjata)+a+ja(+ja)' → ohjata); a verb
            # of two words is one ('vastaan=ottaa' → vastaanottaa)
            before = [b for _, b in entries[:i] if b and not b.startswith("+")]
            if before:
                found.append(before[-1].replace("=", "").lower())
        elif lexicalised is not None and "=" in base and not base.startswith("+"):
            found.extend(lexicalised(base.rsplit("=", 1)[-1]))
    if analysis.get("PARTICIPLE") in PARTICIPLES_FOLLOWED:
        verbs = _VERB_STEM.findall(analysis.get("FSTOUTPUT", ""))
        if verbs:
            found.append(verbs[-1][0].replace("=", "").lower())
    return [f for f in found if f.isalpha()]
