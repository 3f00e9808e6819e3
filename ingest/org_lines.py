"""Organisations named one per line, as the items of a list or the cells of a table ("* Eskoon
sosiaalipalvelujen kuntayhtymä", "Autismisäätiö"), which the NER model often misses without a
sentence around them: a capitalised line of at most five words, no verb among them, whose last
word is an organisation's head noun."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.records import AnalysedPassage

_ITEM = re.compile(r"^[ \t]*(?:[-*•–][ \t]+)?([A-ZÅÄÖ][^\n]{1,80}?)[ \t.,;]*$", re.MULTILINE)
_MAX_WORDS = 5


def org_lines(ap: AnalysedPassage, heads: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each line that names an organisation and nothing else."""
    for line in _ITEM.finditer(ap.passage.text):
        start, end = line.start(1), line.end(1)
        words = [t for t in ap.tokens if start <= t.start < end and t.pos not in ("PUNCT", "SYM")]
        if not words or len(words) > _MAX_WORDS:
            continue
        if any(t.pos in ("VERB", "AUX") for t in words):
            continue
        last = words[-1].lemma.lower()
        if not last.endswith(heads) or last in heads and len(words) == 1:
            continue  # the head noun ends the name ("… kuntayhtymä", "Autismisäätiö")
        if len(words) > 1 and words[-1].text != words[-1].text.lower():
            continue  # a capitalised last word starts another name
        yield start, end, line.group(1)
