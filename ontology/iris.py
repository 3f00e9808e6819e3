"""Mint instance IRIs from stable keys (official codes, slugs, content hashes) under one base."""

import hashlib
import re
import unicodedata

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/lapekg/id/"

# Keys go into IRIs verbatim, so they must be IRI-unreserved characters only.
_KEY = re.compile(r"[A-Za-z0-9._~-]+")
_REGION_CODE = re.compile(r"\d{2}")
_MUNICIPALITY_CODE = re.compile(r"\d{3}")
_FINNISH_LETTERS = str.maketrans({"ä": "a", "ö": "o", "å": "a"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Turn a label into a stable ASCII slug ("Siun sote" -> "siun-sote").

    Casefolds, maps ä/ö/å to a/o/a, strips other diacritics (é -> e), replaces every run of
    other characters with one '-' and trims '-' from both ends ("Lupa auttaa!" -> "lupa-auttaa").
    A label with no letters or digits gives "".
    """
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FINNISH_LETTERS)
    ascii_text = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    return _NON_ALNUM.sub("-", ascii_text).strip("-")


def content_hash(*parts: object) -> str:
    """First 20 hex digits of the SHA-1 of the parts' str() joined by the unit separator \\x1f."""
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:20]


class IriMinter:
    """Mints every instance IRI of the graph from stable keys under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not re.match(r"https?://", base):
            raise ValueError(f"IRI base must be an http(s) IRI, got {base!r}")
        self.base = base if base.endswith("/") else base + "/"

    def __repr__(self) -> str:
        return f"IriMinter({self.base!r})"

    def region(self, code: str) -> URIRef:
        """`{base}region/{code}` for a two-digit Statistics Finland region code ("12")."""
        return self._iri("region", _checked(code, _REGION_CODE, "region code"))

    def municipality(self, code: str) -> URIRef:
        """`{base}municipality/{code}` for a three-digit Statistics Finland municipality code."""
        return self._iri("municipality", _checked(code, _MUNICIPALITY_CODE, "municipality code"))

    def organisation(self, key: str) -> URIRef:
        """`{base}organisation/{key}`; key is the reference key or a slug() of the name."""
        return self._iri("organisation", _key(key))

    def project(self, key: str) -> URIRef:
        """`{base}project/{key}`."""
        return self._iri("project", _key(key))

    def method(self, key: str) -> URIRef:
        """`{base}method/{key}`; key is slug() of the Finnish prefLabel."""
        return self._iri("method", _key(key))

    def role(self, key: str) -> URIRef:
        """`{base}role/{key}`; key is slug() of the Finnish prefLabel."""
        return self._iri("role", _key(key))

    def person(self, key: str) -> URIRef:
        """`{base}person/{key}`."""
        return self._iri("person", _key(key))

    def document(self, key: str) -> URIRef:
        """`{base}document/{key}`; also the name of the document's named graph."""
        return self._iri("document", _key(key))

    def passage(self, doc_key: str, index: int) -> URIRef:
        """`{base}document/{doc_key}/passage/{index}`."""
        return URIRef(f"{self.document(doc_key)}/passage/{_index(index, 'passage index')}")

    def mention(self, doc_key: str, index: int, start: int, end: int) -> URIRef:
        """`{base}document/{doc_key}/passage/{index}/mention/{start}-{end}`."""
        span = f"{_index(start, 'mention start')}-{_index(end, 'mention end')}"
        return URIRef(f"{self.passage(doc_key, index)}/mention/{span}")

    def statement(self, *parts: object) -> URIRef:
        """`{base}statement/{hash}` where hash = content_hash(*parts)."""
        return self._iri("statement", content_hash(*parts))

    def result(self, *parts: object) -> URIRef:
        """`{base}result/{hash}` where hash = content_hash(*parts)."""
        return self._iri("result", content_hash(*parts))

    def extractor(self, name: str) -> URIRef:
        """`{base}extractor/{name}`."""
        return self._iri("extractor", _key(name))

    def graph(self, name: str) -> URIRef:
        """`{base}graph/{name}` for a named graph such as "reference"."""
        return self._iri("graph", _key(name))

    def scheme(self, name: str) -> URIRef:
        """`{base}scheme/{name}` for a SKOS concept scheme ("methods", "roles")."""
        return self._iri("scheme", _key(name))

    def _iri(self, kind: str, key: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{key}")


def _checked(value: str, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"invalid {what}: {value!r}")
    return value


def _key(key: str) -> str:
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ValueError(
            f"IRI key {key!r} must be non-empty and use only A-Z a-z 0-9 . _ ~ - ; "
            "pass names through slug() first"
        )
    return key


def _index(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a non-negative int, got {value!r}")
    return value
