"""Readers: one function per file format, each turning a file into raw text."""

from __future__ import annotations

import html as html_lib
import logging
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import EmptyDocumentError, ReadError

logger = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
# Files this big are refused before reading; PDFs with images can be large with little text,
# so the limit on text itself is in documents.py.
MAX_BYTES = 200 * 1024 * 1024
# lexbor's tree builder is quadratic in nesting depth (100k nested divs take ~30 s); real pages
# nest a few dozen levels, so deeper HTML is read as plain text instead.
MAX_HTML_DEPTH = 512
# Formats that are zip archives: checked by their central directory before any parsing.
ZIP_FORMATS = (".docx",)


@dataclass(frozen=True)
class ZipLimits:
    """What a zip-based document may declare: uncompressed bytes, compression ratio (over the
    whole archive, once it expands past `ratio_floor` bytes) and members."""

    max_bytes: int = 50 * 1024 * 1024
    max_ratio: float = 100.0
    max_entries: int = 10_000
    ratio_floor: int = 1024 * 1024


# The readers' own backstop for callers that did not check first (the builder checks with the
# configured limits, api.settings max_zip_*, before reading).
BACKSTOP = ZipLimits(max_bytes=500 * 1024 * 1024, max_ratio=1000.0, max_entries=100_000)


def check_archive(path: Path, limits: ZipLimits) -> None:
    """Refuse a zip whose central directory declares too much (a decompression bomb) before
    anything inflates it. A bad zip passes here and fails in its reader with the reader's
    message."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    hint = ("is it really a document? The limits are LAPEKG_MAX_ZIP_BYTES, LAPEKG_MAX_ZIP_RATIO "
            "and LAPEKG_MAX_ZIP_ENTRIES")
    if len(members) > limits.max_entries:
        raise ReadError(str(path), f"the archive has {len(members):,} members, over the limit "
                        f"of {limits.max_entries:,}", hint)
    expanded = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if expanded > limits.max_bytes:
        raise ReadError(str(path), f"the archive expands to {expanded // 2**20:,} MB, over "
                        f"the limit of {limits.max_bytes // 2**20:,} MB", hint)
    ratio = expanded / max(packed, 1)
    if expanded > limits.ratio_floor and ratio > limits.max_ratio:
        raise ReadError(str(path), f"the archive expands {ratio:,.0f} times "
                        f"({packed:,} to {expanded:,} bytes), over the limit of "
                        f"{limits.max_ratio:g} times", hint)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode text whose encoding is unknown: BOMs first, then UTF-8, then detection."""
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"starts with a {enc} byte-order mark but is not {enc} "
                                f"({exc.reason} at byte {exc.start})",
                                "re-save it as UTF-8") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Finnish and Swedish text that is not UTF-8 is nearly always Windows-1252 / Latin-1;
    # statistical detection confuses it with Central European code pages.
    try:
        text = data.decode("cp1252")
        if not _looks_binary(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ReadError(path, "the bytes are not text in any encoding detected", "is it binary?")
    logger.info("%s: decoded as %s", path, best.encoding)
    return data.decode(best.encoding, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: Latin-script text has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    head = text[:2048]
    # 16-bit binary data also has alternating NULs; it decodes to scattered CJK and symbols.
    latin = sum(1 for c in head if ord(c) < 0x250 or c.isspace())
    return text if latin >= 0.9 * len(head) else None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if c == "\x00" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bad / len(sample) > 0.05


def read_text(path: Path) -> str:
    text = decode_bytes(path.read_bytes(), str(path))
    if _looks_binary(text):
        raise ReadError(str(path), "file looks binary, not text")
    return text


_HTML_DROP = re.compile(
    r"<(script|style|noscript|svg|template|nav|head)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# Elements that never hold children, or whose end tag may be left out: neither nests.
_HTML_FLAT = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
              "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
              "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt", "rp"}
_HTML_HEADING = re.compile(r"<h[1-6]\b[^>]*>", re.IGNORECASE)
_HTML_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|section|article|main|aside|header|footer|h[1-6]|li|ul|ol|dl|dt|dd|table|tr|"
    r"td|th|blockquote|pre|br|hr|figure|figcaption|caption|form)\b[^>]*>", re.IGNORECASE)
_HTML_ANY_TAG = re.compile(r"<[^>]*>")
_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n)+")


def html_depth(html: str, limit: int) -> int:
    """Element nesting depth, estimated from tags in one linear scan; stops past `limit`."""
    depth = peak = 0
    for m in _HTML_TAG.finditer(_HTML_DROP.sub(" ", html)):
        if m.group(3) or m.group(2).lower() in _HTML_FLAT:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > peak:
                peak = depth
                if peak > limit:
                    break
    return peak


def html_to_text(html: str) -> str:
    """Text of HTML without building a tree, in linear time: the fallback for pathological pages."""
    text = _HTML_DROP.sub(" ", html)
    text = _HTML_HEADING.sub("\n\n# ", text)
    text = _HTML_ITEM.sub("\n\n- ", text)
    text = _HTML_BLOCK.sub("\n\n", text)
    text = _HTML_ANY_TAG.sub("", text)
    return _BLANK_RUN.sub("\n\n", html_lib.unescape(text))


def read_html(path: Path) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    html = decode_bytes(path.read_bytes(), str(path))
    depth = html_depth(html, MAX_HTML_DEPTH)
    if depth > MAX_HTML_DEPTH:
        logger.warning("%s: HTML nested over %d levels deep; read as plain text, without its "
                       "block structure", path, MAX_HTML_DEPTH)
        return html_to_text(html)
    tree = HTMLParser(html)
    for tag in ("script", "style", "noscript", "nav", "header", "footer", "svg", "form"):
        for node in tree.css(tag):
            node.decompose()
    blocks: list[str] = []
    body = tree.body or tree.root
    if body is None:
        return ""
    block_tags = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt",
                  "blockquote", "pre", "caption", "figcaption"}
    for node in body.traverse(include_text=False):
        if node.tag in block_tags:
            # Only leaf-level blocks, so nested lists do not repeat their text.
            if any(child.tag in block_tags for child in node.iter(include_text=False)):
                continue
            text = node.text(separator=" ", strip=True)
            if text:
                prefix = "# " if node.tag.startswith("h") and len(node.tag) == 2 else (
                    "- " if node.tag == "li" else "")
                blocks.append(prefix + text)
    if not blocks:
        blocks = [body.text(separator="\n", strip=True)]
    return "\n\n".join(blocks)


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for bad or unsupported crypto
                raise ReadError(str(path), f"encrypted PDF ({exc})",
                                "remove the password and add the file again") from exc
            if not ok:
                raise ReadError(str(path), "password-protected PDF",
                                "remove the password and add the file again")
        count = len(reader.pages)
    except ReadError:
        raise
    except Exception as exc:  # malformed PDFs make pypdf raise nearly any type, not only its own
        raise ReadError(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})",
                        "is the file complete? try opening and re-saving it") from exc
    pages: list[str] = []
    for number in range(count):
        try:
            pages.append(reader.pages[number].extract_text() or "")
        except Exception as exc:  # one broken page should not cost the others
            logger.warning("%s: page %d of %d unreadable (%s: %s); skipped", path, number + 1,
                           count, type(exc).__name__, exc)
            pages.append("")
    # Form feed marks page breaks; cleaning drops page-number lines around it.
    return "\n\f\n".join(pages)


def read_docx(path: Path) -> str:
    import docx

    check_archive(path, BACKSTOP)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # bad zips, bad XML, missing parts: python-docx passes them all up
        raise ReadError(str(path), f"not a readable .docx ({type(exc).__name__}: {exc})",
                        "is the file complete? try opening and re-saving it") from exc
    blocks: list[str] = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        if style.startswith("heading"):
            text = "# " + text
        elif "list" in style:
            text = "- " + text
        blocks.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                blocks.append(" | ".join(cells))
    return "\n\n".join(blocks)


_FORMAT_NAMES = {".htm": "html", ".markdown": "md"}

READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}


def read_file(path: Path) -> tuple[str, str]:
    """Read any supported file into (raw text, format name); raise ReadError naming the file."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(str(path), f"unsupported file type {suffix or '(none)'}",
                        f"supported: {', '.join(SUPPORTED)}")
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise ReadError(str(path), "file not found (moved or deleted?)") from exc
    except OSError as exc:
        raise ReadError(str(path), f"cannot open it ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the build forever; a directory cannot be read as one document.
        raise ReadError(str(path), "not a regular file")
    if info.st_size == 0:
        raise EmptyDocumentError(str(path), "file is empty")
    if info.st_size > MAX_BYTES:
        raise ReadError(str(path), f"file is {info.st_size // 2**20} MB, over the "
                        f"{MAX_BYTES // 2**20} MB limit", "split it into smaller documents")
    try:
        text = reader(path)
    except ReadError:
        raise
    except FileNotFoundError as exc:
        raise ReadError(str(path), "file vanished while reading") from exc
    except OSError as exc:
        raise ReadError(str(path), f"cannot read it ({exc.strerror or exc})") from exc
    except RecursionError as exc:
        raise ReadError(str(path), "document structure is nested too deeply") from exc
    except MemoryError as exc:
        raise ReadError(str(path), "not enough memory to read it",
                        "split it into smaller documents") from exc
    return text, _FORMAT_NAMES.get(suffix, suffix.lstrip("."))
