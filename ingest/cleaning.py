"""Cleaning of extracted text: whitespace, page numbers, site navigation, related-document lists, broken words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Lines that document sites and web pages wrap around the content.
_NOISE_LINES = re.compile(
    r"^(hyppää sisältöön|siirry sisältöön|sivun alkuun|takaisin ylös|lue lisää|jaa sivu|tulosta|"
    r"koko: ?px|aloita esitys sivulta:?|transkriptio|download \".*\"|lataa \".*\"|media|uutinen|"
    r"skip to (main )?content|back to top)$",
    re.IGNORECASE,
)
# Breadcrumbs: "Soite ➔ Kehittämistoiminta ➔", "Etusivu > Palvelut > Perheet".
_CRUMB = re.compile(r"^[^.!?]{0,120}(➔|»|›|>)\s*([^.!?]{0,60}(➔|»|›|>)\s*)*[^.!?]{0,60}$")
_RELATED = re.compile(r"^(lisätiedot|lisätietoja|katso myös|aiheeseen liittyvät)$", re.IGNORECASE)
_CONNECTIVES = {"ja", "tai", "sekä", "että", "eli", "kuin", "ynnä", "and", "or", "och", "eller"}
_HYPHEN_GAP = re.compile(r"\b(\w{2,})- (\w+)")
_LINEBREAK_HYPHEN = re.compile(r"(\w{2,})-\n(\w+)")


def normalise_whitespace(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _is_crumb(line: str) -> bool:
    return ("➔" in line or "»" in line or " > " in line) and bool(_CRUMB.match(line))


def drop_noise_lines(text: str) -> str:
    lines = [ln for ln in text.split("\n") if not (_NOISE_LINES.match(ln.strip()) or _is_crumb(ln))]
    return "\n".join(lines)


def cut_related_documents(text: str) -> str:
    """Cut a document site's trailing list of related documents ("title, excerpt, Lisätiedot" × n)."""
    blocks = text.split("\n\n")
    marks = [i for i, b in enumerate(blocks) if _RELATED.match(b.strip())]
    if len(marks) < 2:
        return text
    first = marks[0]
    # Each entry is a title block followed by an excerpt block that repeats the title.
    cut = first - 1
    if first >= 2 and blocks[first - 1].strip().startswith(blocks[first - 2].strip()[:40]):
        cut = first - 2
    return "\n\n".join(blocks[: max(cut, 0)])


def strip_page_numbers(text: str) -> str:
    """Remove page numbers: a run of paragraphs starting 1, 2, 3 ... and their repeated footers."""
    blocks = text.split("\n\n")
    numbered = [(i, int(m.group(1))) for i, b in enumerate(blocks)
                if (m := re.match(r"^(\d{1,3})(?: |$)", b))]
    keep_runs: set[int] = set()
    run: list[tuple[int, int]] = []
    for item in numbered:
        if run and item[1] == run[-1][1] + 1:
            run.append(item)
        else:
            if len(run) >= 3:
                keep_runs.update(i for i, _ in run)
            run = [item]
    if len(run) >= 3:
        keep_runs.update(i for i, _ in run)
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i in keep_runs:
            num = re.match(r"^(\d{1,3})", block).group(1)  # type: ignore[union-attr]
            block = block[len(num):].strip()
            block = re.sub(rf"\s+{num}$", "", block)
            if not block or block == num:
                continue
        elif re.fullmatch(r"\d{1,3}|sivu \d{1,3}( / \d{1,3})?|\d{1,3} ?/ ?\d{1,3}", block.strip(),
                          flags=re.IGNORECASE):
            continue
        out.append(block)
    return "\n\n".join(out)


def join_broken_words(text: str, is_word: Callable[[str], bool] | None = None) -> str:
    """Join words split by extraction: "Päijät- Häme" → "Päijät-Häme", "perhe-\\npalvelut" → "perhepalvelut"."""

    def gap(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if right.lower() in _CONNECTIVES:
            return m.group(0)
        return f"{left}-{right}"

    def linebreak(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if right.lower() in _CONNECTIVES:
            return f"{left}- {right}"
        joined = left + right
        if right[:1].islower() and is_word is not None and is_word(joined):
            return joined
        return f"{left}-{right}"

    text = _LINEBREAK_HYPHEN.sub(linebreak, text)
    return _HYPHEN_GAP.sub(gap, text)


def clean(text: str, is_word: Callable[[str], bool] | None = None) -> str:
    """The whole cleaning chain; `is_word` (e.g. Voikko's spell check) decides hyphen joins."""
    text = normalise_whitespace(text)
    text = join_broken_words(text, is_word)
    text = drop_noise_lines(text)
    text = normalise_whitespace(text)
    text = cut_related_documents(text)
    text = strip_page_numbers(text)
    return normalise_whitespace(text)
