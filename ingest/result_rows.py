"""Table rows as sentences of their own: the sentence splitter keeps a markdown or text table
("| Koulutuspäivät | 24 |" on each line) as one sentence, where each row is a figure of its own
and a row's number belongs to its own label, not to the row above."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.extract.segment import Sentence

_ROW = re.compile(r"[ \t]*\|[^\n]*\|[ \t]*$")
_RULE = re.compile(r"[\s|:\-]+")


def table_rows(sent: Sentence) -> list[Sentence]:
    """The rows of a sentence that is (or ends in) a table of two rows or more, each as a
    Sentence over its own tokens; the rule line ("|---|---|") is left out. [] for any other
    sentence."""
    text = sent.passage.passage.text
    rows = [(m.start() + sent.start, m.end() + sent.start)
            for m in re.finditer(r"[^\n]+", sent.text) if _ROW.fullmatch(m.group())]
    if len(rows) < 2:
        return []
    out = []
    for start, end in rows:
        if _RULE.fullmatch(text[start:end]):
            continue
        positions = [i for i, t in enumerate(sent.tokens) if start <= t.start < end]
        if not positions:
            continue
        tokens = tuple(sent.tokens[positions[0]:positions[-1] + 1])
        out.append(replace(sent, tokens=tokens, start=start, end=end,
                           first=sent.first + positions[0]))
    return out
