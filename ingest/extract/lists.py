"""Lists that a heading or a key line opens, read item by item: the partners listed under
"Osatoteuttajat", "Hankekonsortio" or "Kumppanit:" (bullets, the rows of a table), and the
results listed under "Keskeiset tulokset", "Tuloksia lukuina" or "Mitä on saatu aikaan?". A list
runs on over passage breaks until the next heading of a section or a line of running text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.extract.lexicon import Lexicon
from ingest.records import AnalysedPassage

_KEY_WORDS = 8  # a key line ("Kärkihankkeen lisäksi omalla osahankkeella mukana:") is short
_ITEM_WORDS = 15  # a longer line is running text, which ends the list
_SECTION_KINDS = ("markdown", "numbered")
_ENUMERATION = re.compile(r",|\b(?:ja|sekä|och|samt|and)\b")  # a list written in a line
_BOLD = re.compile(r"[ \t]*(\*\*|__)[^*_\n]+\1[ \t]*:?[ \t]*")


@dataclass(frozen=True)
class ListItem:
    """One item line of an open list: what the list holds ("partner" or "result") and the
    line's passage offsets."""

    kind: str
    start: int
    end: int


class Lists:
    """Walks a document's passages in order and hands out the item lines of open lists."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._open: str | None = None

    def _key_kind(self, words: list[tuple[str, str]]) -> str | None:
        """What a heading or key line announces: partners or results."""
        forms = {f for pair in words for f in pair}
        # "Osatoteuttajat", "Kumppanit", "Mukana kehittämässä", "I projektet deltar"
        if forms & set(self.lex.partner_cues) or forms & set(self.lex.taking_part) or any(
                f.endswith(("konsortio", "toteuttaja", "kumppani")) for f in forms):
            return "partner"
        if forms & set(self.lex.result_headings):
            return "result"
        return None

    def items(self, ap: AnalysedPassage) -> Iterator[ListItem]:
        text = ap.passage.text
        sections = {h.start for h in ap.passage.headings if h.kind in _SECTION_KINDS}
        # a short line of its own ("Saavutukset", "Osatoteuttajat") opens a list when it names
        # one; other such lines (a table's cells) do not end a list
        lines = {h.start for h in ap.passage.headings if h.kind == "line"}
        for line in re.finditer(r"[^\n]+", text):
            start, end = line.start(), line.end()
            words = [(t.lemma.lower(), t.text.lower()) for t in ap.tokens
                     if start <= t.start < end and t.pos not in ("PUNCT", "SYM")]
            if not words:
                continue
            heading = start in sections or (line.group().lstrip("#").strip() and
                                            line.group().startswith("#"))
            # a line in bold ("**Hankkeen toteuttajat**") is a key line too
            key = (line.group().rstrip().endswith(":") or start in lines
                   or _BOLD.fullmatch(line.group()) is not None) and len(words) <= _KEY_WORDS
            if heading or key:
                kind = self._key_kind(words) if len(words) <= _KEY_WORDS else None
                if kind is not None or heading:
                    self._open = kind
                    continue
            if self._open is None:
                continue
            if len(words) > _ITEM_WORDS:
                kind, self._open = self._open, None
                # a sentence that leads into its list after a colon ("Hakemukseen on liitetty
                # sitoumukset seuraavilta tahoilta: A, B ja C"): what follows the colon is the list
                colon = line.group().find(": ")
                if colon >= 0 and _ENUMERATION.search(line.group(), colon):
                    yield ListItem(kind, start + colon + 1, end)
                continue
            yield ListItem(self._open, start, end)
