"""Parts of a sentence that report results of their own: the rows of a table, the items of a
list and the sentences the splitter ran together.

The sentence splitter keeps a markdown or text table ("| Koulutuspäivät | 24 |" on each line) as
one sentence, where each row is a figure of its own and a row's number belongs to its own label,
not to the row above. In English and Swedish text the Finnish splitter also runs sentences
together ("... 412 parents answered. Waiting fell from 30 days to 9."), and a sentence's second
count is then read as a part of its first."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.extract.segment import Sentence

_ROW = re.compile(r"[ \t]*\|[^\n]*\|[ \t]*$")
# a bullet or a numbered item opens a line of a list
_ITEM = re.compile(r"[ \t]*(?:[-•*–·▪]|\d{1,2}[.)])[ \t]")
_RULE = re.compile(r"[\s|:\-]+")
# A full stop, question or exclamation mark after a word of two letters or more (or a number)
# and white space before a capital letter: where a sentence the splitter missed ends.
_END = re.compile(r"(?<=[\w%)][.!?])\s+(?=[A-ZÅÄÖ])")
_WORD_BEFORE = re.compile(r"(\w+)[.!?]$")
# Abbreviations whose full stop ends no sentence ("esim. Kela", "bl.a. Vasa").
_ABBREVIATIONS = frozenset({"esim", "mm", "ym", "jne", "yms", "ks", "vrt", "tms", "klo", "puh",
                            "nro", "etc", "eg", "ie", "bl", "dvs", "osv", "ex", "resp", "kpl",
                            "milj", "noin", "ns", "engl", "ruots", "st", "nr", "tel"})


def table_rows(sent: Sentence) -> list[Sentence]:
    """The rows of a sentence that is (or ends in) a table of two rows or more, each as a
    Sentence over its own tokens; the rule line ("|---|---|") is left out. [] for any other
    sentence."""
    rows = [(m.start() + sent.start, m.end() + sent.start)
            for m in re.finditer(r"[^\n]+", sent.text) if _ROW.fullmatch(m.group())]
    if len(rows) < 2:
        return []
    text = sent.passage.passage.text
    return [part for start, end in rows if not _RULE.fullmatch(text[start:end])
            for part in [_part(sent, start, end)] if part is not None]


def list_lines(sent: Sentence) -> list[Sentence]:
    """The lines of a sentence that runs over the items of a bulleted or numbered list
    ("Perheneuvolan jono: 45 → 12 perhettä\n- 260 ammattilaista koulutettiin ..."), each as a
    Sentence over its own tokens: each item is a figure of its own. [] for a sentence of one
    line or without list items."""
    lines = [(m.start() + sent.start, m.end() + sent.start)
             for m in re.finditer(r"[^\n]+", sent.text) if m.group().strip()]
    if len(lines) < 2 or not any(_ITEM.match(sent.passage.passage.text, a) for a, _ in lines):
        return []
    return [part for start, end in lines for part in [_part(sent, start, end)]
            if part is not None]


def run_together(sent: Sentence) -> list[Sentence]:
    """The sentences a sentence holds where the splitter missed an end ("... answered. Waiting
    fell ..."), each as a Sentence over its own tokens; [] when it holds one."""
    cuts = [m.start() for m in _END.finditer(sent.text)
            if _ends_sentence(sent.text[:m.start()])]
    if not cuts:
        return []
    bounds = [0, *cuts, len(sent.text)]
    parts = [_part(sent, sent.start + a, sent.start + b)
             for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if p is not None]


def _ends_sentence(before: str) -> bool:
    m = _WORD_BEFORE.search(before)
    if m is None:
        return True  # "%)." or the like
    word = m.group(1)
    return word.isdigit() or (len(word) >= 2 and word.lower() not in _ABBREVIATIONS)


def _part(sent: Sentence, start: int, end: int) -> Sentence | None:
    positions = [i for i, t in enumerate(sent.tokens) if start <= t.start < end]
    if not positions:
        return None
    tokens = tuple(sent.tokens[positions[0]:positions[-1] + 1])
    while start < end and sent.passage.passage.text[start].isspace():
        start += 1
    return replace(sent, tokens=tokens, start=start, end=end, first=sent.first + positions[0])
