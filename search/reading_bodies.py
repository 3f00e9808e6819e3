"""Bodies named in a passage that the linker does not know, read by the shape of an
organisation's name: a proper-noun phrase that ends in a Finnish or Swedish head word
('Eskoon sosiaalipalvelujen kuntayhtymä', 'MLL:n Pohjanmaan piirin', 'Pesäpuu ry:n',
'Autismisäätiö') or an English capitalised phrase holding one ('University of Lapland').
The head words are data (search/data/body_heads.json); each span's label is the name in its
base form ('MLL:n Pohjanmaan piiri' for 'MLL:n Pohjanmaan piirin')."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

HEADS = Path(__file__).parent / "data" / "body_heads.json"
_TOKEN = re.compile(r"\w[\w\-:]*\w|\w")
# How many words before its head word a Finnish name may have.
MAX_LEFT = 6
# The longest case ending after a head's stem ('kuntayhtymässä', 'yliopistolle').
MAX_ENDING = 4


@dataclass(frozen=True)
class BodySpan:
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class _Head:
    base: str
    stem: str


class BodyShapes:
    """Reads organisation-shaped names from a passage's text."""

    def __init__(self, path: Path = HEADS) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            heads = [_Head(h["base"], h["stem"]) for h in data["suffix"]]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{path}: not a body head-word file ({e}); it needs 'suffix' "
                             "entries with 'base' and 'stem', 'english', 'connectors', "
                             "'stop'") from e
        # Longest stem first: 'seurakuntayhtym' before 'kuntayhtym'.
        self.heads = sorted(heads, key=lambda h: -len(h.stem))
        self.english = frozenset(data.get("english", []))
        self.connectors = frozenset(data.get("connectors", []))
        self.stop = frozenset(w.casefold() for w in data.get("stop", []))
        # A lower-case word with one of these endings is no genitive of a name ('kehitettiin').
        self.unnamed = tuple(e.casefold() for e in data.get("unnamed_endings", []))

    def spans(self, text: str) -> list[BodySpan]:
        tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        out = self._finnish(text, tokens) + self._english(text, tokens)
        out.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[BodySpan] = []
        for s in out:
            if not any(k.start < s.end and s.start < k.end for k in kept):
                kept.append(s)
        return kept

    def _head(self, token: str) -> tuple[int, _Head] | None:
        """Where a head word closes the token ('Lastensuojeluliiton' → 'liitto' at 13)."""
        core = token.split(":")[0]
        for h in self.heads:
            if len(h.stem) <= 3:
                if core == h.stem:  # 'ry', 'Oy' as words of their own, in their case
                    return 0, h
                continue
            low = core.casefold()
            i = low.rfind(h.stem.casefold())
            if i >= 0 and len(low) - i - len(h.stem) <= MAX_ENDING \
                    and low[i + len(h.stem):].isalpha() | (i + len(h.stem) == len(low)):
                return i, h
        return None

    def _finnish(self, text: str, tokens: list[tuple[str, int, int]]) -> list[BodySpan]:
        out = []
        for k, (token, start, end) in enumerate(tokens):
            found = self._head(token)
            if found is None:
                continue
            at, head = found
            left = []
            j = k - 1
            while j >= 0 and len(left) < MAX_LEFT:
                word, a, b = tokens[j]
                gap = text[b:tokens[j + 1][1]]
                joined = gap == "- " and tokens[j + 1][0].casefold() in ("ja", "och")
                if (gap.strip() and not joined) or "\n" in gap:
                    break
                if word.casefold() in ("ja", "och") and j > 0 and text[tokens[j - 1][2]] == "-":
                    left.append(j)  # 'Lapin Ensi- ja turvakoti ry'
                    j -= 1
                    continue
                hyphened = j > 1 and tokens[j - 1][0].casefold() in ("ja", "och") \
                    and text[tokens[j - 2][2]] == "-"
                lower = word.casefold()
                if lower in self.stop or not (
                        word[0].isupper() or lower.endswith("n") or hyphened) or (
                        not word[0].isupper() and self.unnamed and lower.endswith(self.unnamed)):
                    break
                left.append(j)
                j -= 1
            # The name begins with a capital: lower-case words before it are no part of it.
            left.reverse()
            while left and not tokens[left[0]][0][0].isupper():
                left.pop(0)
            if left and len(head.stem) > 3 and _opens_sentence(text, tokens[left[0]][1]) \
                    and not _name_like(tokens[left[0]][0]):
                left.pop(0)  # 'Lisäksi seurakunnat …': a sentence's first word, no name
                while left and not tokens[left[0]][0][0].isupper():
                    left.pop(0)
            if not left and not (token[0].isupper() and at > 0):
                continue  # a bare 'yliopisto' or 'ry' names nothing
            first = tokens[left[0]][1] if left else start
            label = text[first:start] + token[:at] + head.base
            out.append(BodySpan(" ".join(label.split()), first, end))
        return out

    def _english(self, text: str, tokens: list[tuple[str, int, int]]) -> list[BodySpan]:
        out = []
        k = 0
        while k < len(tokens):
            if not tokens[k][0][0].isupper():
                k += 1
                continue
            j = k
            while j + 1 < len(tokens) and not text[tokens[j][2]:tokens[j + 1][1]].strip() \
                    and "\n" not in text[tokens[j][2]:tokens[j + 1][1]] and (
                    tokens[j + 1][0][0].isupper() or tokens[j + 1][0] in self.connectors):
                j += 1
            while j > k and not tokens[j][0][0].isupper():
                j -= 1
            run = tokens[k:j + 1]
            if run and run[0][0] in ("The", "the"):
                run = run[1:]
            if run and any(t[0] in self.english for t in run) and len(run) >= 2:
                out.append(BodySpan(text[run[0][1]:run[-1][2]], run[0][1], run[-1][2]))
            k = j + 1
        return out


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?:\n•*-"


def _name_like(word: str) -> bool:
    """A sentence's first word that still reads as part of a name: a genitive ('Eskoon'), an
    abbreviation ('MLL:n', 'SOTE') or a hyphenated place ('Ylä-Savon')."""
    return word.casefold().endswith("n") or word.isupper() or ":" in word or "-" in word
