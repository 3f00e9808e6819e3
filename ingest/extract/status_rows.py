"""The status a table row gives its method: the row's tokens, and the cue word of another cell
nearest to the method ("| Ii | perhekeskus | avattu 2018 |")."""

from __future__ import annotations

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.status_cues import cue_status
from ingest.records import Mention, Token


def table_row(sent: Sentence, method: Mention) -> list[Token] | None:
    """The tokens of the table row that holds the method ("| Ii | perhekeskus | avattu 2018 |"),
    or None when its line is no row of a table. The parser reads no clauses across cells."""
    text = sent.passage.passage.text
    begin = text.rfind("\n", 0, method.start) + 1
    end = text.find("\n", method.end)
    end = len(text) if end < 0 else end
    if not text[begin:end].lstrip().startswith("|"):
        return None
    return [t for t in sent.passage.tokens if begin <= t.start < end]


def row_status(lex: Lexicon, row: list[Token], method: Mention) -> tuple[str, bool] | None:
    """The status a table row gives its method: the cue word of another cell nearest to it
    ("käytössä", "kokeilussa", "suunnitteilla", "henkilöstö koulutettu"); none where a cell
    denies ("ei käytössä", "ei päätöstä")."""
    cells = [t for t in row if not method.start <= t.start < method.end]
    if any(t.lemma.lower() == "ei" or t.text.lower() in ("ei", "eivät") for t in cells):
        return None
    found = [(abs(t.start - method.start), lex.status_order.index(st), st) for t in cells
             if (st := cue_status(lex, t)) is not None]
    return (min(found)[2], True) if found else None
