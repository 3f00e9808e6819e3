"""Cleaning of extracted text: whitespace, page numbers, navigation, related lists, broken words."""

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
# A hyphen after two word characters, then a space or a line break, then a word. The hyphen
# comes first so the scan is fast on 50 MB; the right-hand word is a lookahead so that chains
# ("perhe- ja- palvelu-\nkeskus") are all seen in one pass and a second run changes nothing.
_HYPHEN_GAP = re.compile(r"-(?<=\w\w-) (?=(\w+))")
_LINEBREAK_HYPHEN = re.compile(r"-\n(?<=\w\w-\n)(?=(\w+))")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\t[ \t]*| [ \t]+")  # runs of blanks, but not the single spaces


def normalise_whitespace(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = _CONTROL.sub("", text)  # category Cc except newline and tab
    text = _SPACES.sub(" ", text)
    # Spaces around line breaks go; str methods, not a regex that matches every newline.
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = re.sub(r"\n\n\n+", "\n\n", text)
    return text.strip()


def _is_crumb(line: str) -> bool:
    return ("➔" in line or "»" in line or " > " in line) and bool(_CRUMB.match(line))


def drop_noise_lines(text: str) -> str:
    lines = [ln for ln in text.split("\n") if not (_NOISE_LINES.match(ln.strip()) or _is_crumb(ln))]
    return "\n".join(lines)


def _repeats_title(entry: list[str]) -> bool:
    """A related-document entry: a title block, then an excerpt block that starts with it."""
    return 2 <= len(entry) <= 3 and entry[-1].strip().startswith(entry[0].strip()[:40])


def split_related_documents(text: str) -> tuple[str, str]:
    """(body, related): a document site's trailing list of related documents (title, excerpt,
    "Lisätiedot") apart from the text it follows; `related` is "" when there is none."""
    blocks = text.split("\n\n")
    marks = [i for i, b in enumerate(blocks) if _RELATED.match(b.strip())]
    # Only a list that runs to the end of the text and whose entries repeat their titles is cut:
    # "Lisätietoja" sections inside a report are content.
    if len(marks) < 2 or len(blocks) - 1 - marks[-1] > 2:
        return text, ""
    chain = len(marks) - 1
    while chain > 0 and _repeats_title(blocks[marks[chain - 1] + 1:marks[chain]]):
        chain -= 1
    if chain == len(marks) - 1:
        return text, ""
    first = marks[chain]
    cut = first - 1
    if first >= 2 and _repeats_title(blocks[first - 2:first]):
        cut = first - 2
    cut = max(cut, 0)
    related = [b for b in blocks[cut:] if not _RELATED.match(b.strip())]
    return "\n\n".join(blocks[:cut]), "\n\n".join(related)


def cut_related_documents(text: str) -> str:
    """The text without a document site's trailing list of related documents."""
    return split_related_documents(text)[0]


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


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):  # what \w is
        start -= 1
    return text[start:end]


def join_broken_words(text: str, is_word: Callable[[str], bool] | None = None) -> str:
    """Join words split by extraction: "Päijät- Häme" → "Päijät-Häme", "perhe-\\npalvelut" → one."""

    def gap(m: re.Match[str]) -> str:
        return m.group(0) if m.group(1).lower() in _CONNECTIVES else "-"

    def linebreak(m: re.Match[str]) -> str:
        right = m.group(1)
        if right.lower() in _CONNECTIVES:
            return "- "
        if right[:1].islower() and is_word is not None:
            if is_word(_word_before(m.string, m.start()) + right):
                return ""
        return "-"

    text = _LINEBREAK_HYPHEN.sub(linebreak, text)
    return _HYPHEN_GAP.sub(gap, text)


def clean(text: str, is_word: Callable[[str], bool] | None = None) -> str:
    """The whole cleaning chain; `is_word` (e.g. Voikko's spell check) decides hyphen joins.

    Dropping a noise line can bring a hyphenated line end next to the word that continues it
    ("perhe-" / "➔-" / "perhe"), so the chain runs to a fixed point: cleaning is idempotent.
    """
    return clean_with_related(text, is_word)[0]


def clean_with_related(text: str, is_word: Callable[[str], bool] | None = None
                       ) -> tuple[str, str]:
    """(body, related): `clean(text)`, and the cleaned related-documents list cut from its end
    (other documents' titles and excerpts: worth searching, not facts of this document)."""
    related: list[str] = []
    for _ in range(4):
        cleaned, tail = _clean_once(text, is_word)
        if tail:
            related.insert(0, tail)
        if cleaned == text:
            break
        text = cleaned
    tail = "\n\n".join(related)
    return text, normalise_whitespace(strip_page_numbers(tail)) if tail else ""


def _clean_once(text: str, is_word: Callable[[str], bool] | None) -> tuple[str, str]:
    text = normalise_whitespace(text)
    text = join_broken_words(text, is_word)
    text = drop_noise_lines(text)
    text = normalise_whitespace(text)
    text, related = split_related_documents(text)
    text = strip_page_numbers(text)
    return normalise_whitespace(text), related
