"""The one registry of extraction patterns: the TOML files under ingest/patterns/, each pattern
a named word list with what it yields and example sentences, validated and gathered into the
`Lexicon` the rules read.

A pattern is a `[[pattern]]` table:

    name = "status-piloted"          # unique over all files
    fills = "status_cues.piloted"    # the Lexicon field it fills; a table field takes a key:
                                     # status_cues.<status>, funding_kinds.<kind>
    yields = "piloted"               # the relation (predicate) its match sentences yield
    description = "..."
    lemmas = ["kokeilla", ...]       # or a [pattern.numbers] table of word = value
    match = ["..."]                  # sentences that must yield `yields` (at least one)
    no_match = ["..."]               # sentences that must not (at least one)
    subject = "kemi"                 # optional: the yielded fact's subject key
    effect = "blocks"                # optional: a match sentence does NOT yield `yields`
    context = false                  # optional: examples run without the project paragraph

tests/ingest/test_pattern_specs.py runs every example through the whole pipeline.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ingest.errors import LapekgError
from ingest.extract.lexicon import FUNDING_KINDS, Lexicon
from ingest.extract.status import STATUSES

PATTERN_DIR = Path(__file__).resolve().parent.parent / "patterns"
_KEYS = {"name", "fills", "yields", "description", "lemmas", "numbers", "match", "no_match",
         "subject", "effect", "context"}
_REQUIRED = ("name", "fills", "yields", "description", "match", "no_match")


class PatternError(LapekgError):
    """A pattern file that cannot be read into the lexicon."""

    prefix = "bad pattern"
    hint = "fix the entry; ingest/extract/registry.py describes a pattern's keys"


@dataclass(frozen=True)
class Pattern:
    """One validated pattern entry."""

    name: str
    fills: str
    yields: str
    description: str
    lemmas: tuple[str, ...]
    numbers: tuple[tuple[str, int], ...]
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    source: str
    subject: str | None = None
    blocks: bool = False
    context: bool = True


def load_patterns(directory: Path = PATTERN_DIR) -> tuple[Pattern, ...]:
    """Every pattern of the directory's *.toml files, in file-name then file order."""
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise PatternError(f"{directory}: no *.toml pattern files")
    patterns: list[Pattern] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise PatternError(f"{path}: not valid TOML: {exc}") from exc
        for n, entry in enumerate(data.get("pattern", [])):
            pattern = _pattern(path, n, entry)
            if pattern.name in seen:
                raise PatternError(f"{path}: pattern {pattern.name!r}: the name is taken by "
                                   f"{seen[pattern.name]}")
            seen[pattern.name] = str(path)
            patterns.append(pattern)
    return tuple(patterns)


def _pattern(path: Path, n: int, entry: dict[str, Any]) -> Pattern:
    name = entry.get("name", f"#{n + 1}")

    def bad(reason: str) -> PatternError:
        return PatternError(f"{path}: pattern {name!r}: {reason}")

    unknown = set(entry) - _KEYS
    if unknown:
        raise bad(f"unknown keys {sorted(unknown)}")
    for key in _REQUIRED:
        if key not in entry:
            raise bad(f"missing {key!r}")
    lemmas, numbers = entry.get("lemmas", []), entry.get("numbers", {})
    if not (lemmas or numbers):
        raise bad("needs 'lemmas' or a 'numbers' table")
    if not all(isinstance(w, str) and w and w == w.lower() for w in lemmas):
        raise bad("'lemmas' must be non-empty lower-case strings")
    if not all(isinstance(v, int) for v in numbers.values()):
        raise bad("'numbers' values must be integers")
    for key in ("match", "no_match"):
        if not entry[key] or not all(isinstance(s, str) and s.strip() for s in entry[key]):
            raise bad(f"{key!r} needs at least one example sentence")
    _check_fills(entry["fills"], bad)
    effect = entry.get("effect")
    if effect not in (None, "blocks"):
        raise bad(f"'effect' is {effect!r}; the only effect is 'blocks'")
    return Pattern(name, entry["fills"], entry["yields"], entry["description"].strip(),
                   tuple(lemmas), tuple(numbers.items()), tuple(entry["match"]),
                   tuple(entry["no_match"]), str(path), entry.get("subject"),
                   effect == "blocks", bool(entry.get("context", True)))


# Lexicon fields that are tables, and the keys each allows.
_KEYED = {"status_cues": STATUSES, "funding_kinds": FUNDING_KINDS}


def _check_fills(fills: str, bad: Any) -> None:
    names = {f.name for f in fields(Lexicon)} - {"status_order"}
    field_name, _, key = fills.partition(".")
    if field_name not in names:
        raise bad(f"'fills' is {fills!r}; a Lexicon field is one of {sorted(names)}")
    if (field_name in _KEYED) != bool(key):
        raise bad(f"'fills' is {fills!r}: {' and '.join(sorted(_KEYED))} take a key "
                  "('status_cues.piloted'), other lists a field name alone")
    if key and key not in _KEYED[field_name]:
        raise bad(f"'fills' names {key!r}; {field_name} takes one of "
                  f"{', '.join(_KEYED[field_name])}")


def build_lexicon(patterns: tuple[Pattern, ...]) -> Lexicon:
    """The lexicon the patterns fill; two patterns of one list add up."""
    lists: dict[str, list[str]] = {}
    tables: dict[str, dict[str, list[str]]] = {name: {} for name in _KEYED}
    numbers: dict[str, dict[str, int]] = {"number_words": {}}
    for p in patterns:
        field_name, _, key = p.fills.partition(".")
        if key:
            tables[field_name].setdefault(key, []).extend(p.lemmas)
        elif p.numbers:
            numbers.setdefault(field_name, {}).update(p.numbers)
        else:
            lists.setdefault(field_name, []).extend(p.lemmas)
    return Lexicon(**numbers,
                   **{name: {k: tuple(w) for k, w in table.items()}
                      for name, table in tables.items()},
                   **{k: tuple(v) for k, v in lists.items()})


def load_lexicon(directory: Path = PATTERN_DIR) -> Lexicon:
    """The lexicon of the pattern files of `directory` (default: ingest/patterns/)."""
    return build_lexicon(load_patterns(directory))
