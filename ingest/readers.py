"""Readers: one function per file format, each turning a file into raw text."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ingest.errors import EmptyDocumentError, ReadError

logger = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
MAX_BYTES = 200 * 1024 * 1024


def decode_bytes(data: bytes, path: str) -> str:
    """Decode text whose encoding is unknown: BOMs first, then UTF-8, then detection."""
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc)
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


def read_html(path: Path) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    html = decode_bytes(path.read_bytes(), str(path))
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
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for bad crypto
                raise ReadError(str(path), f"encrypted PDF ({exc})",
                                "remove the password and add the file again") from exc
            if not ok:
                raise ReadError(str(path), "password-protected PDF",
                                "remove the password and add the file again")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})",
                        "is the file complete? try opening and re-saving it") from exc
    # Form feed marks page breaks; cleaning drops page-number lines around it.
    return "\n\f\n".join(pages)


def read_docx(path: Path) -> str:
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(str(path), f"not a readable .docx ({exc})") from exc
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
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ReadError(str(path), "file not found (moved or deleted?)") from exc
    if size == 0:
        raise EmptyDocumentError(str(path), "file is empty")
    if size > MAX_BYTES:
        raise ReadError(str(path), f"file is {size // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit",
                        "split it into smaller documents")
    try:
        text = reader(path)
    except ReadError:
        raise
    except FileNotFoundError as exc:
        raise ReadError(str(path), "file vanished while reading") from exc
    except RecursionError as exc:
        raise ReadError(str(path), "document structure is nested too deeply") from exc
    return text, _FORMAT_NAMES.get(suffix, suffix.lstrip("."))
