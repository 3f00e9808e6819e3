"""The status of a method named in an English or Swedish sentence, read from cue words.

The Finnish tagger gives such sentences no usable lemmas or dependencies, so the Finnish rules
(ingest/extract/status.py) find nothing in them. Here the cues are word forms and short phrases
of ingest/patterns/foreign/status_cues.toml, found as whole words in the method's clause:
a negation gives no status, a plan or future marker gives planned, otherwise the cue nearest to
the method decides (ties by the file's order of statuses).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ingest.errors import LapekgError

CUES = Path(__file__).parent / "patterns" / "foreign" / "status_cues.toml"
LANGUAGES = ("en", "sv")
ORDER = ("piloted", "trained", "developing", "implemented", "created")
OPTIONAL = ("reference", "language", "permanent")
# a clause ends at these marks; "and" is no break ("opened X, bringing ... and Y")
_BREAKS = re.compile(r"[.;:!?]|,\s+(?:but|men|while|medan|although|fast)\b")


class ForeignCueError(LapekgError):
    prefix = "foreign status cues"
    hint = "fix ingest/patterns/foreign/status_cues.toml"


@dataclass(frozen=True)
class ForeignCues:
    """Compiled cue patterns by section and language."""

    patterns: dict[str, dict[str, re.Pattern[str]]]

    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def listed(self, section: str, lang: str) -> tuple[str, ...]:
        """The words of an optional section as written (Finnish ones are lemmas)."""
        return self.words.get(section, {}).get(lang, ())

    def find(self, section: str, lang: str, text: str) -> list[int]:
        pattern = self.patterns.get(section, {}).get(lang)
        return [m.start() for m in pattern.finditer(text)] if pattern else []


@cache
def load_cues(path: Path = CUES) -> ForeignCues:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ForeignCueError(f"{path}: {exc}") from exc
    wanted = ("negation", "planned", *ORDER)
    missing = [s for s in wanted if s not in data]
    if missing:
        raise ForeignCueError(f"{path}: no section {', '.join(missing)}")
    patterns: dict[str, dict[str, re.Pattern[str]]] = {}
    # [reference] (optional): the words that take up a method named in the sentence before;
    # its Finnish words are lemmas, read by ingest/status_reference.py
    listed = {s: {lang: tuple(w) for lang, w in data[s].items()} for s in OPTIONAL if s in data}
    for section in (*wanted, *(s for s in OPTIONAL if s in data)):
        patterns[section] = {}
        for lang, words in data[section].items():
            if lang == "fi" and section in OPTIONAL:
                continue
            if lang not in LANGUAGES or not isinstance(words, list) or not words:
                raise ForeignCueError(f"{path}: [{section}] {lang!r}: expected a non-empty "
                                      f"list under one of {', '.join(LANGUAGES)}")
            whole = [w for w in words if not w.startswith("-")]
            alternatives = "|".join(re.escape(w.lower()) for w in sorted(whole, key=len,
                                                                           reverse=True))
            glued = r"|n't\b" if section == "negation" else ""  # "hasn't", "didn't"
            # "-kurs": also the last part of a compound whose first part has at least four
            # letters ("tvådagarskurs", "pilotförsök"; not "diskurs")
            heads = "|".join(re.escape(w[1:].lower()) for w in words if w.startswith("-"))
            ends = rf"|\w{{4,}}(?:{heads})(?!\w)" if heads else ""
            patterns[section][lang] = re.compile(
                rf"(?<![\w'])(?:{alternatives or '(?!)'})(?!\w){glued}{ends}")
    return ForeignCues(patterns, listed)


def sentence_language(text: str, cues: ForeignCues | None = None) -> str:
    """"en" or "sv" for a sentence of at least five words in that language, else "fi": the
    query-side stop-word vote, and where it says Finnish, the function words of [language]
    (a Swedish sentence of names and verbs, "Familjecentret i Smedsby öppnade sina dörrar",
    has none of the vote's words): at least two of one language and more than its Finnish
    ones."""
    from ingest.language import detect_language

    if len(text.split()) < 5:
        return "fi"
    lang = detect_language(text)
    if lang != "fi":
        return lang
    cues = cues or load_cues()
    words = re.findall(r"[a-zåäö]+", text.lower())
    listed = {k: set(cues.listed("language", k)) for k in ("fi", *LANGUAGES)}
    votes = {k: sum(w in listed[k] for w in words) for k in listed}
    best = max(LANGUAGES, key=lambda k: votes[k])
    return best if votes[best] >= 2 and votes[best] > votes["fi"] else "fi"


def clause_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The text of the clause holding [start, end) and its offset in `text`."""
    begin = max((m.end() for m in _BREAKS.finditer(text, 0, start)), default=0)
    after = _BREAKS.search(text, end)
    return text[begin:after.start() if after else len(text)], begin


def foreign_status(text: str, start: int, end: int, lang: str,
                   cues: ForeignCues | None = None) -> str | None:
    """The status of the method at [start, end) of an English or Swedish sentence `text`, or
    None when its clause reports none (or denies it)."""
    if lang not in LANGUAGES:
        return None
    cues = cues or load_cues()
    clause, offset = clause_around(text, start, end)
    low = clause.lower()
    # the method's own words are no cue ("the Incredible Years training" trains, "a pilot
    # model" is named so)
    span = (start - offset, end - offset)

    def outside(positions: list[int]) -> list[int]:
        return [p for p in positions if not span[0] <= p < span[1]]

    if outside(cues.find("negation", lang, low)):
        return None
    if outside(cues.find("planned", lang, low)):
        return "planned"
    found = [(min(abs(p - span[0]), abs(p - span[1])), ORDER.index(st), st) for st in ORDER
             for p in outside(cues.find(st, lang, low))]
    status = min(found)[2] if found else None
    # [permanent] (optional): a trial the sentence says became permanent is in use ("was
    # piloted in 2018 and became permanent", "blev permanent verksamhet"), unless it denies it
    whole = text.lower()
    if (status == "piloted" and cues.find("permanent", lang, whole)
            and not cues.find("negation", lang, whole)):
        return "implemented"
    return status
