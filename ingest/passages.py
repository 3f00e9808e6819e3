"""Split cleaned text into passages (paragraphs, bullet groups, a few sentences) with offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ingest.records import Heading, Passage

MIN_CHARS = 160
TARGET_CHARS = 700
MAX_CHARS = 1000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”•-])")


def _blocks(text: str, begin: int = 0) -> Iterator[tuple[int, int]]:
    """Blank-line separated blocks as (start, end), trimmed of surrounding whitespace."""
    for m in re.compile(r"(?:[^\n]|\n(?!\s*\n))+").finditer(text, begin):
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


# Headings. A line heading is a line of its own (a whole block, or the first line of one).
_LINE = re.compile(r"(?:(?<=\n\n)|\A)[^\n]+(?=\n)")
_MARKDOWN = re.compile(r"(#{1,6})[ \t]+(\S(?:.*\S)?)")
_LINE_MAX = 80
_LINE_WORDS = 10
LINE_LEVEL = 7  # an unnumbered heading: below every numbered or markdown level
# A section number at a line start or after a sentence end, before a capitalised word:
# "3.3 Viestinnän ja resurssien merkitys", "2. Pilottien rajaukset". Parts have one or two
# digits, so years and dates ("1.12.2018") are no section numbers.
_NUMBER = re.compile(r"(?:(?<=[.!?])[ \t]+|^)(\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+(?=[A-ZÅÄÖ])",
                     re.MULTILINE)
# A name glued before the next sentence: capitalised words (and a parenthesis) after a sentence
# end, then a capitalised word that opens a sentence going on in lower case.
_WORD = r"(?:[A-ZÅÄÖ][\w-]*|\([^()\n]{1,40}\))"
_INLINE = re.compile(r"(?:(?<=[.!?])[ \t]+|^)(" + _WORD + r"(?:[ \t]" + _WORD + r"){0,3})"
                     r"[ \t][A-ZÅÄÖ][\w-]*[ \t]+(?=[a-zåäö])", re.MULTILINE)


def _line_heading(text: str, start: int, end: int) -> Heading | None:
    """A short line without sentence punctuation that opens its block; markdown and numbered
    lines carry their level."""
    line = text[start:end]
    if m := _MARKDOWN.fullmatch(line):
        return Heading(start + m.start(2), start + m.end(2), len(m.group(1)), m.group(2),
                       "markdown")
    if (len(line) > _LINE_MAX or len(line.split()) > _LINE_WORDS or not line[:1].isupper()
            and not line[:1].isdigit() or line.rstrip()[-1:] in ".,:;" or line != line.strip()):
        return None
    if m := _NUMBER.match(line):
        return Heading(start, end, m.group(1).count(".") + 1, line, "numbered")
    if not line[:1].isupper() or not any(c.isalpha() for c in line[1:]):
        return None
    return Heading(start, end, LINE_LEVEL, line, "line")


def find_headings(text: str) -> list[Heading]:
    """Headings of a cleaned text in order, offsets relative to the text.

    Lines of their own (markdown, numbered or short unpunctuated lines), section numbers at a
    sentence start, and inline candidates: a name between a sentence end and a sentence that
    opens with a capitalised word ("... liittyä. Asikkala Asikkalan pilottihankkeen ...")."""
    found: dict[int, Heading] = {}
    lines: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if (h := _line_heading(text, m.start(), m.end())) is not None:
            found[m.start()] = h
            lines.append((m.start(), m.end()))

    starts = [s for s, _ in lines]

    def in_line(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < lines[k][1]

    for m in _NUMBER.finditer(text):
        if not in_line(m.start(1)):
            found.setdefault(m.start(1), Heading(m.start(1), m.end(1),
                                                 m.group(1).count(".") + 1, m.group(1),
                                                 "numbered"))
    for m in _INLINE.finditer(text):
        if not in_line(m.start(1)):
            found.setdefault(m.start(1), Heading(m.start(1), m.end(1), LINE_LEVEL, m.group(1),
                                                 "inline"))
    return [found[k] for k in sorted(found)]


def _attach(passages: list[Passage], headings: list[Heading]) -> list[Passage]:
    """Each heading on the passage that holds it, with offsets relative to that passage."""
    out, k = [], 0
    for p in passages:
        while k < len(headings) and headings[k].start < p.start:
            k += 1  # a heading between passages (not possible after trimming) is dropped
        inside = []
        while k < len(headings) and headings[k].start < p.end:
            h = headings[k]
            if h.end <= p.end:
                inside.append(Heading(h.start - p.start, h.end - p.start, h.level, h.text,
                                      h.kind))
            k += 1
        out.append(Passage(p.doc_key, p.index, p.start, p.end, p.text, tuple(inside))
                   if inside else p)
    return out


def split_passages(doc_key: str, text: str, related_start: int | None = None) -> list[Passage]:
    """Passages covering the text; short blocks (a heading, a bullet) merge with the next.
    Each passage carries the headings that start in it. No passage spans `related_start` (where
    a document's related material begins)."""
    cut = len(text) if related_start is None else related_start
    spans = list(_spans(text, 0, cut))
    if cut < len(text):
        spans.extend(_spans(text, cut, len(text)))
    passages = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        if end > start:
            passages.append(Passage(doc_key, len(passages), start, end, text[start:end]))
    return _attach(passages, find_headings(text))


def _spans(text: str, begin: int, end_of_part: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for start, end in _blocks(text[:end_of_part], begin):
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
    return spans
