"""Sentences of an analysed passage: spaCy's sentences mended where it ran a sentence across a
line break, a bulleted list or a short title line, each with its tokens' syntactic heads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ingest.records import AnalysedPassage, Token

# A table of contents lists the report's headings, it reports nothing.
CONTENTS = re.compile(r"\s*(?:#+\s*)?(?:sisällys(?:luettelo)?|sisältö)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    passage: AnalysedPassage
    index: int
    tokens: tuple[Token, ...]
    start: int
    end: int
    first: int = 0  # position of tokens[0] in the passage's tokens
    heads: tuple[int, ...] = ()  # each passage token's syntactic head, as a passage position

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """Its tokens' lemmas and texts, lower case (made once: the rules ask for them often)."""
        return frozenset({t.lemma.lower() for t in self.tokens}
                         | {t.text.lower() for t in self.tokens})

    @property
    def text(self) -> str:
        return self.passage.passage.text[self.start:self.end]


def head_positions(ap: AnalysedPassage) -> tuple[int, ...]:
    """Each token's syntactic head as a position in `ap.tokens`.

    spaCy numbers its whitespace tokens ("\n", a second space) too, which the records leave
    out; they are counted back in from the gaps between tokens to map its head indices."""
    text = ap.passage.text
    position: dict[int, int] = {}
    doc_index = 1 if ap.tokens and ap.tokens[0].start > 0 else 0
    for k, tok in enumerate(ap.tokens):
        if k and text[ap.tokens[k - 1].end:tok.start] not in ("", " "):
            doc_index += 1
        position[doc_index] = k
        doc_index += 1
    return tuple(position.get(tok.head, k) for k, tok in enumerate(ap.tokens))



_SENTENCE_END = (".", "!", "?", ":", ";", "…")


def _continues(ap: AnalysedPassage, previous_last: int, first: int) -> bool:
    """Whether spaCy's sentence starting at token `first` goes on the sentence before it: no
    end punctuation and no line break between them. The parser starts a sentence at a
    capitalised name mid-sentence ("järjestettiin koulutusaamupäivä | Nimetty työntekijä
    mallista."), leaving the name in a fragment without its verb."""
    before, tok = ap.tokens[previous_last], ap.tokens[first]
    gap = ap.passage.text[before.end:tok.start]
    return before.text not in _SENTENCE_END and "\n" not in gap and before.text[-1:] not in \
        _SENTENCE_END




def sentences(ap: AnalysedPassage) -> Iterator[Sentence]:
    heads = list(head_positions(ap))
    groups: list[list[int]] = []
    for _, positions in sorted(_groups(ap).items()):
        if groups and _continues(ap, groups[-1][-1], positions[0]):
            # Hang the fragment's root(s) under the root of the sentence it continues.
            root = next((k for k in groups[-1] if heads[k] == k), groups[-1][0])
            for k in positions:
                if heads[k] == k:
                    heads[k] = root
            groups[-1].extend(positions)
        else:
            groups.append(list(positions))
    groups = [piece for positions in groups for piece in _paragraphs(ap, positions, heads)]
    groups = [piece for positions in groups for piece in _list_items(ap, positions, heads)]
    groups = [piece for positions in groups for piece in _title_line(ap, positions, heads)]
    fixed = tuple(heads)
    for index, positions in enumerate(groups):
        toks = tuple(ap.tokens[k] for k in positions)
        yield Sentence(ap, index, toks, toks[0].start, toks[-1].end, positions[0], fixed)


# A table row ("| Raahe | Lapset puheeksi | käytössä |") is an item of its own, as a bullet is.
_BULLETS = ("•", "-", "*", "–", "▪", "◦", "|")


def _list_items(ap: AnalysedPassage, positions: list[int], heads: list[int]) -> list[list[int]]:
    """The pieces of a sentence that spaCy ran across the lines of a bulleted list or the rows
    of a table, one per item: after an item, a token that opens a line with a bullet (or a
    table row's "|") starts a new piece (a heading before the first item stays with it;
    `heads` is changed in place)."""
    pieces: list[list[int]] = [[]]
    text = ap.passage.text

    def opens_line(n: int) -> bool:
        tok = ap.tokens[positions[n]]
        return tok.text[:1] in _BULLETS and (tok.text in _BULLETS or tok.text[0] == "|") and (
            n == 0 or "\n" in text[ap.tokens[positions[n - 1]].end:tok.start])

    for n, k in enumerate(positions):
        if n and opens_line(n) and any(opens_line(positions.index(j)) for j in pieces[-1]):
            pieces.append([])
        pieces[-1].append(k)
    if len(pieces) > 1:
        for piece in pieces:
            _reroot(ap, piece, heads)
    return [piece for piece in pieces if piece]


def _reroot(ap: AnalysedPassage, piece: list[int], heads: list[int]) -> None:
    """Hang each token of `piece` whose head lies outside it, and each stray root that is no
    verb (a name the parser hung on the line break), under the piece's own verb root, else (a
    table row) its first verb (or make it a root where the piece has no verb), in place."""
    inside = set(piece)
    root = next((k for k in piece if heads[k] == k and ap.tokens[k].pos in ("VERB", "AUX")),
                None)
    if root is None and ap.tokens[piece[0]].text.startswith("|"):
        # the parser hung a table row's verb on another row ("| Salla | perhekeskus | otettiin
        # käyttöön |"): the row's first verb heads it
        root = next((k for k in piece if ap.tokens[k].pos == "VERB"), None)
        if root is not None:
            heads[root] = root
    for k in piece:
        stray = heads[k] == k and ap.tokens[k].pos not in ("VERB", "AUX")
        if heads[k] not in inside or stray:
            heads[k] = k if root is None or k == root else root


def _paragraphs(ap: AnalysedPassage, positions: list[int], heads: list[int]
                ) -> list[list[int]]:
    """The pieces of a sentence that spaCy ran across a blank line ("§ 4 Lapsibudjetointi\n\n
    Oulun kaupunki on ...", "... församlingen.\n\nI Karleby har ..."): a blank line ends a
    paragraph, so each side is a piece of its own (`heads` is changed in place)."""
    text = ap.passage.text
    pieces: list[list[int]] = [[]]
    for n, k in enumerate(positions):
        if n and "\n\n" in text[ap.tokens[positions[n - 1]].end:ap.tokens[k].start].replace(
                " ", "").replace("\t", ""):
            pieces.append([])
        pieces[-1].append(k)
    if len(pieces) > 1:
        for piece in pieces:
            _reroot(ap, piece, heads)
    return pieces


_TITLE_WORDS = 6


def _title_line(ap: AnalysedPassage, positions: list[int], heads: list[int]) -> list[list[int]]:
    """A sentence that spaCy started with a short title line ("Yksi työntekijä perheen
    tukena\nKuusamossa kokeiltiin ..."): a first line of at most six words without end
    punctuation, followed by a line that opens with a capital letter, is a piece of its own
    (`heads` is changed in place)."""
    text = ap.passage.text
    for n in range(1, min(len(positions), _TITLE_WORDS + 1)):
        before, tok = ap.tokens[positions[n - 1]], ap.tokens[positions[n]]
        if "\n" not in text[before.end:tok.start]:
            continue
        if before.text[-1:] in _SENTENCE_END or not tok.text[:1].isupper() or not \
                ap.tokens[positions[0]].text[:1].isupper():
            return [positions]
        pieces = [positions[:n], positions[n:]]
        for piece in pieces:
            _reroot(ap, piece, heads)
        return pieces
    return [positions]


def _groups(ap: AnalysedPassage) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for k, tok in enumerate(ap.tokens):
        groups.setdefault(tok.sent, []).append(k)
    return groups


def new_item(text: str, end: int, start: int) -> bool:
    """Between two sentences a blank line or a line that opens with a bullet or a table row's
    "|": a new paragraph, list item or row."""
    gap = text[end:start + 2]
    return "\n\n" in text[end:start] or re.search(r"\n[ \t]*[-•*–|]\s", gap) is not None

