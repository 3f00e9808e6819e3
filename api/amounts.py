"""Amounts of money as people read them: per locale, with the euro sign and the kind of money
(a budget and a state grant of one project must not look alike, or summing double-counts).

The kinds and the words that name them are data (funding_kinds.tsv); the kind of an amount is
read from its own sentence in the evidence passage.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KINDS_FILE = Path(__file__).parent / "funding_kinds.tsv"
_NBSP = "\u00a0"


@dataclass(frozen=True)
class FundingKind:
    key: str
    fi: str
    en: str
    stems: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.fi


@lru_cache(maxsize=2)
def funding_kinds(path: Path = KINDS_FILE) -> tuple[FundingKind, ...]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for n, row in enumerate(rows, 2):
        if not row.get("stems") or not row.get("key"):
            raise ValueError(f"{path}: row {n} needs key, fi, en and stems (tab-separated)")
    return tuple(FundingKind(r["key"], r["fi"], r["en"],
                             tuple(s.strip() for s in r["stems"].split("|") if s.strip()))
                 for r in rows)


# The graph's lape:fundingKind values (ingest/patterns/project.toml) as the kinds above.
GRAPH_KINDS = {"grant": "state_grant", "total": "budget", "own": "own_funding"}


def kind_of(key: str | None) -> FundingKind | None:
    """A kind by its key here, or by the graph's lape:fundingKind value."""
    key = GRAPH_KINDS.get(key or "", key)
    return next((k for k in funding_kinds() if k.key == key), None)


# A sentence ends at . ! ? before a capital (so "n. 1,1 milj." stays whole) or at a line break.
_BOUNDARY = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ])|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end]."""
    left, right = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return text[left:right]


def detect_kind(text: str, start: int, end: int) -> FundingKind | None:
    """The kind of money the amount's sentence names, if it names one."""
    if not 0 <= start < end <= len(text):
        return None
    sentence = _sentence(text, start, end).lower()
    for kind in funding_kinds():
        if any(stem in sentence for stem in kind.stems):
            return kind
    return None


def parse_amount(label: str) -> float | None:
    """The number of an amount answer's label ("1100000", "1 100 000", "1.1e6")."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", label)
    try:
        return float(cleaned)
    except ValueError:
        return None


def format_euros(value: float, lang: str) -> str:
    """1 500 000 € in Finnish (no-break spaces), €1,500,000 in English; cents only if any."""
    whole = float(value).is_integer()
    digits = f"{value:,.0f}" if whole else f"{value:,.2f}"
    if lang == "en":
        return "€" + digits
    return digits.replace(",", _NBSP).replace(".", ",") + _NBSP + "€"


def describe_amount(value: float, kind: FundingKind | None, lang: str) -> str:
    """"1 500 000 €, valtionavustus" / "€1,500,000, state grant"."""
    text = format_euros(value, lang)
    return f"{text}, {kind.label(lang)}" if kind else text
