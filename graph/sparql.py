"""SPARQL 1.1 queries and updates run natively on Oxigraph, serialised in the standard formats."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph as ox

# Media type -> pyoxigraph format name, for SELECT/ASK results and for CONSTRUCT/DESCRIBE graphs.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
    "text/plain": "N_TRIPLES",
}
# Short names a browser or a CLI user may pass instead of an Accept header.
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
PREFIXES = {
    "lape": "https://w3id.org/lapekg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# What cannot hold a keyword: comments, strings (long forms first), IRIs, variables, prefixed
# names. Removing them leaves the keywords, so "?service" or "ex:load" are not refused.
_NOT_KEYWORDS = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
    r'|[?$][\w\u00b7\u00c0-\uffff]+|[\w\u00c0-\uffff.-]*:[\w\u00c0-\uffff.%\\-]*',
    re.DOTALL)
_FETCHING = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
_UPDATE_KEYWORDS = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)


class SparqlError(ValueError):
    """A query the endpoint refuses or cannot parse; the message is the user's to read."""


class TooManyRowsError(SparqlError):
    """The result is larger than the configured cap."""


def keywords(text: str) -> str:
    """The query with comments, strings, IRIs, variables and prefixed names blanked out."""
    return _NOT_KEYWORDS.sub(" ", text)


def refuse_fetching(text: str) -> None:
    """SERVICE and LOAD would make the server fetch other hosts' URLs for the caller: refuse."""
    found = _FETCHING.search(keywords(text))
    if found:
        raise SparqlError(f"{found.group(1).upper()} is not allowed: this endpoint does not "
                          "fetch data from other hosts")


def looks_like_update(text: str) -> bool:
    """True when the text uses update keywords (a query sent where an update belongs)."""
    return bool(_UPDATE_KEYWORDS.search(keywords(text)))


def choose_media(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers most (q-values, wildcards); None if none."""
    ranked: list[tuple[float, int, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0 or not media:
            continue
        if media == "*/*":
            candidates = offered[:1]
        elif media.endswith("/*"):
            candidates = [o for o in offered if o.startswith(media[:-1])][:1]
        else:
            candidates = [o for o in offered if o == media]
        # Exact types beat wildcards at the same q; earlier entries beat later ones.
        ranked += [(q, 0 if "*" in media else 1, -order, c) for c in candidates]
    return max(ranked)[3] if ranked else None


def run_query(store: Any, query: str, accept: str = "application/sparql-results+json",
              max_rows: int | None = None) -> tuple[bytes, str]:
    """Run a read-only query over the union of all graphs; return (body, media type).

    `store` is a pyoxigraph Store or a GraphStore; `accept` is an Accept header value.
    """
    import pyoxigraph as ox

    store = getattr(store, "ox", store)
    refuse_fetching(query)
    result = _execute(store, query)
    out = io.BytesIO()
    if isinstance(result, ox.QueryTriples):
        media = choose_media(accept, list(GRAPH_TYPES)) or "text/turtle"
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        ox.serialize(_capped(result, max_rows), out, fmt, prefixes=_prefixes(fmt))
        return out.getvalue(), media
    media = choose_media(accept, list(RESULT_TYPES)) or "application/sparql-results+json"
    fmt = getattr(ox.QueryResultsFormat, RESULT_TYPES[media])
    if isinstance(result, ox.QuerySolutions) and max_rows is not None:
        for _ in _capped(result, max_rows):
            pass
        del result  # pyoxigraph results must be dropped on the thread that made them
        # Solutions are single-pass: counting consumed them, so run again to serialise.
        result = _execute(store, query)
    result.serialize(out, fmt)
    if media in ("application/json", "application/xml", "text/xml"):
        media = {"JSON": "application/sparql-results+json",
                 "XML": "application/sparql-results+xml"}[RESULT_TYPES[media]]
    return out.getvalue(), media


def run_update(store: ox.Store, update: str) -> None:
    """Apply a SPARQL 1.1 update (never LOAD or SERVICE) to a writable store and flush it."""
    refuse_fetching(update)
    try:
        store.update(update)
    except SyntaxError as exc:
        raise SparqlError(f"update parse error: {exc}") from exc
    except OSError as exc:
        raise SparqlError(f"update failed: {exc}") from exc
    store.flush()


def _execute(store: ox.Store, query: str):  # type: ignore[no-untyped-def]
    try:
        return store.query(query, use_default_graph_as_union=False)
    except SyntaxError as exc:
        hint = " (updates go in an 'update' parameter)" if looks_like_update(query) else ""
        raise SparqlError(f"query parse error: {exc}{hint}") from exc
    except OSError as exc:
        raise SparqlError(f"query failed: {exc}") from exc


def _prefixes(fmt: ox.RdfFormat) -> dict[str, str] | None:
    import pyoxigraph as ox

    return PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None


def _capped(iterable, limit: int | None):  # type: ignore[no-untyped-def]
    for n, item in enumerate(iterable):
        if limit is not None and n >= limit:
            raise TooManyRowsError(f"the result has more than {limit} rows or triples (the "
                              "endpoint's cap, LAPEKG_SPARQL_MAX_ROWS); add a LIMIT or narrow "
                              "the query")
        yield item
