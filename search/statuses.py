"""Statuses of what an answer did with a method, strongest first, as the answer contract
gives them: {"status", "year", "evidence"}; and the tiers of an "in use" answer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.statuses import STATUSES

# Strength order of the contract (COMMON.md), from the one status registry: implemented >
# developing > piloted > trained > planned > created.
STATUS_ORDER = tuple(s.key for s in STATUSES)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass
class Status:
    status: str
    year: int | None = None
    evidence: list[str] = field(default_factory=list)


def status_predicate(status: str) -> str:
    """The predicate IRI of a status (lape:<key>, as the registry mints it)."""
    from graph.statuses import LAPE

    return LAPE + status


def status_of(predicate: str) -> str | None:
    """'…#piloted' → 'piloted'; None for a predicate that is no status."""
    name = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return name if name in STATUS_ORDER else None


def year_in_sentence(text: str, start: int, end: int) -> int | None:
    """The year the statement's sentence gives, the nearest to the span; None when it gives
    none (the contract's year is the text's, not the document's)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    years = [(abs(m.start() - start), int(m.group(0)))
             for m in _YEAR.finditer(text, left, right)]
    return min(years)[1] if years else None


def merge(found: Iterable[tuple[str, str, int | None]]) -> list[Status]:
    """(status, passage, year) readings → one Status each, strongest first; the earliest year
    stated for it, its passages in the order given."""
    out: dict[str, Status] = {}
    for status, passage, year in found:
        s = out.setdefault(status, Status(status))
        if passage not in s.evidence:
            s.evidence.append(passage)
        if year is not None and (s.year is None or year < s.year):
            s.year = year
    return sorted(out.values(), key=lambda s: STATUS_ORDER.index(s.status))


def tier(statuses: list[Status], asked: tuple[str, ...]) -> int:
    """An answer's tier for a question asking some statuses ("in use": implemented, then
    developing, then piloted and trained): the position of its strongest asked status; answers
    with none of them come last."""
    held = [s.status for s in statuses]
    ranks = [asked.index(s) for s in held if s in asked]
    return min(ranks) if ranks else len(asked)


def of_status_asked(answers: list[Any], asked: int) -> list[Any]:
    """Places asked for by a status ("where was it piloted", "missä avattiin"): those holding
    an asked status (tier below `asked`, as `tier` ranks them) when any does; a region that
    only planned it is no answer to where it was opened."""
    held = [a for a in answers if a.tier < asked]
    return held or answers


def in_use_asked(answers: list[Any], said: list[str]) -> list[Any]:
    """Places asked only where a method is in use ('missä … on otettu käyttöön', 'vakiintunut
    käyttöön', 'I vilka kommuner infördes …'): those holding it in use (tier 0). A place that
    only piloted it or trained staff in it has not taken it into use, and when no place holds
    it in use the graph has no answer (the text is read, else silence). A question naming
    another status beside it ('käytetty tai koulutettu', 'suunnitellaan avaamista') keeps the
    tiers."""
    if said != ["implemented"]:
        return answers
    return [a for a in answers if getattr(a, "tier", None) == 0]


def beyond_plans(answers: list[Any]) -> list[Any]:
    """Places asked with no status named ('Which regions set up a phone line …', 'missä
    kunnissa kohtaamispaikka on kirjaston tiloissa'): where something was done, so a place the
    graph says only planned it is no answer when any place did more; a place whose statement
    carries no status stays (nothing says it only planned)."""
    done = [a for a in answers
            if not a.statuses or any(s.status != "planned" for s in a.statuses)]
    return done or answers
