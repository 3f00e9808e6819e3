"""Stand-ins shared by the search specification tests (no real model needed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def names_by_spelling(spelled: Mapping[str, Any]) -> Callable[[str], set[tuple[str, str]]]:
    """A stand-in for the entity matcher: the (kind, key) of every entity whose spelling in
    `spelled` is a word of the sentence (case-folded; commas and full stops are no part of a
    word)."""

    def names(sentence: str) -> set[tuple[str, str]]:
        words = sentence.casefold().replace(",", " ").replace(".", " ").split()
        return {(e.kind, e.key) for w, e in spelled.items() if w in words}

    return names
