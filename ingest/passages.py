"""Split cleaned text into passages (paragraphs, bullet groups, a few sentences) with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.records import Passage

MIN_CHARS = 160
TARGET_CHARS = 700
MAX_CHARS = 1000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”•-])")


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Blank-line separated blocks as (start, end), trimmed of surrounding whitespace."""
    for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def _split_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a long block at sentence (or line) boundaries into pieces of about TARGET_CHARS.

    No piece is longer than MAX_CHARS: where boundaries are too far apart, the piece ends at the
    last boundary passed, else at the last space, else anywhere.
    """
    cuts = [m.start() for m in _SENTENCE_END.finditer(text, start, end)]
    cuts += [start + m.start() for m in re.finditer(r"\n", text[start:end])]
    cuts = sorted(set(cuts))
    piece_start = start
    passed: int | None = None
    for cut in cuts:
        while cut - piece_start > MAX_CHARS:
            if passed is not None and passed - piece_start >= MIN_CHARS:
                yield piece_start, passed
                piece_start, passed = passed, None
                continue
            hard = _hard_cut(text, piece_start)
            yield piece_start, hard
            piece_start, passed = hard, None
        if cut - piece_start >= TARGET_CHARS:
            yield piece_start, cut
            piece_start, passed = cut, None
        elif cut > piece_start:
            passed = cut
    while end - piece_start > MAX_CHARS:
        # No sentence boundary: cut at the last space before MAX_CHARS.
        cut = _hard_cut(text, piece_start)
        yield piece_start, cut
        piece_start = cut
    yield piece_start, end


def _hard_cut(text: str, piece_start: int) -> int:
    space = text.rfind(" ", piece_start, piece_start + MAX_CHARS)
    return space if space > piece_start + MIN_CHARS else piece_start + MAX_CHARS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_passages(doc_key: str, text: str) -> list[Passage]:
    """Passages covering the text; short blocks (a heading, a bullet) merge with the next."""
    spans: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for start, end in _blocks(text):
        if pending is not None:
            start = pending[0]
            pending = None
        if end - start < MIN_CHARS:
            pending = (start, end)
            continue
        if end - start > MAX_CHARS:
            spans.extend(_split_long(text, start, end))
        else:
            spans.append((start, end))
    if pending is not None:
        if spans and pending[1] - spans[-1][0] <= MAX_CHARS:
            spans[-1] = (spans[-1][0], pending[1])
        else:
            spans.append(pending)
    passages = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        if end > start:
            passages.append(Passage(doc_key, len(passages), start, end, text[start:end]))
    return passages
