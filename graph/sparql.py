"""SPARQL 1.1 queries and updates run natively on Oxigraph, serialised in the standard formats."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from graph.sparql_guard import (
    SparqlError,
    inspect_query,
    inspect_update,
    parse_hint,
    refuse_fetching,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["SparqlError", "refuse_fetching", "run_query", "run_update"]

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
# names. Only for hints and for guessing a remote query's form: never a security decision.
_NOT_KEYWORDS = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
    r'|[?$][\w\u00b7\u00c0-\uffff]+'
    # A prefixed name starts where no name character precedes (linear, not quadratic).
    r'|(?<![\w\u00c0-\uffff.-])[\w\u00c0-\uffff.-]*:[\w\u00c0-\uffff.%\\-]*',
    re.DOTALL)
_UPDATE_KEYWORDS = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)
_OX_POSITION = re.compile(r"error at (\d+):(\d+)")


class TooManyRowsError(SparqlError):
    """The result is larger than the configured cap."""


class NotAcceptableError(SparqlError):
    """No media type the client accepts fits the query's form (HTTP 406)."""


class QueryFailedError(SparqlError):
    """The engine failed while evaluating; the message is generic (never a remote's text)."""


def keywords(text: str) -> str:
    """The query with comments, strings, IRIs, variables and prefixed names blanked out."""
    return _NOT_KEYWORDS.sub(" ", text)


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
              max_rows: int | None = None, format_name: str | None = None) -> tuple[bytes, str]:
    """Run a read-only query once; return (body, media type).

    `store` is a pyoxigraph Store or a GraphStore; `accept` is an Accept header value, or
    `format_name` (a FORMAT_NAMES key) names the one format wanted. The default graph is the
    RDF merge of the document graphs, unless the query names its dataset (FROM, FROM NAMED).
    """
    import pyoxigraph as ox

    store = getattr(store, "ox", store)
    inspect_query(query)
    result = _execute(store, query)
    graph_form = isinstance(result, ox.QueryTriples)
    media = _media(accept, format_name, graph_form, result)
    out = io.BytesIO()
    if graph_form:
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        _guarded(lambda: ox.serialize(_capped(result, max_rows), out, fmt,
                                      prefixes=_prefixes(fmt)))
        return out.getvalue(), media
    fmt_name = RESULT_TYPES[media]
    if isinstance(result, ox.QuerySolutions) and max_rows is not None:
        # One pass, natively: written and counted up to the cap, then converted or refused.
        from graph.sparql_results import capped_solutions

        capped = _guarded(lambda: capped_solutions(result, max_rows, fmt_name))
        del result  # pyoxigraph results must be dropped on the thread that made them
        if capped is None:
            raise _too_many(max_rows)
        body = capped
    else:
        _guarded(lambda: result.serialize(out, getattr(ox.QueryResultsFormat, fmt_name)))
        body = out.getvalue()
    if media in ("application/json", "application/xml", "text/xml"):
        media = {"JSON": "application/sparql-results+json",
                 "XML": "application/sparql-results+xml"}[fmt_name]
    return body, media


def run_update(store: ox.Store, update: str) -> None:
    """Apply a SPARQL 1.1 update (never LOAD or SERVICE) to a writable store and flush it."""
    inspect_update(update)
    try:
        store.update(update)
    except SyntaxError as exc:
        raise SparqlError(f"update parse error: {_with_hint(exc)}") from exc
    except OSError as exc:
        raise SparqlError(f"update failed: {exc}") from exc
    store.flush()


def query_form_name(graph_form: bool, result: Any) -> str:
    """SELECT, ASK or CONSTRUCT/DESCRIBE, from the type of a pyoxigraph result."""
    if graph_form:
        return "CONSTRUCT/DESCRIBE"
    return "SELECT" if type(result).__name__ == "QuerySolutions" else "ASK"


def _media(accept: str, format_name: str | None, graph_form: bool, result: Any) -> str:
    offered = list(GRAPH_TYPES if graph_form else RESULT_TYPES)
    form = query_form_name(graph_form, result)
    if format_name is not None:
        media = FORMAT_NAMES.get(format_name)
        if media is None or media not in offered:
            fits = [n for n, m in FORMAT_NAMES.items() if m in offered]
            raise SparqlError(f"format={format_name[:40]} does not fit a {form} query; choose "
                              f"one of {', '.join(fits)}")
        return media
    media = choose_media(accept or "*/*", offered)
    if media is None:
        raise NotAcceptableError(f"cannot answer a {form} query in any type the Accept header "
                                 f"allows ({accept[:100]!r}); offered: {', '.join(offered)}")
    return media


def _execute(store: ox.Store, query: str):  # type: ignore[no-untyped-def]
    try:
        # The default graph is the RDF merge of the document graphs (GraphStore keeps it), so
        # a query without FROM reads it, and FROM / FROM NAMED define the dataset natively.
        return store.query(query, use_default_graph_as_union=False)
    except SyntaxError as exc:
        hint = " (updates go in an 'update' parameter)" if looks_like_update(query) else ""
        raise SparqlError(f"query parse error: {_with_hint(exc)}{hint}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise _failed(exc) from None


def _guarded(step):  # type: ignore[no-untyped-def]
    """Run a step that evaluates the lazy result; engine errors become a generic message."""
    try:
        return step()
    except SparqlError:
        raise
    except (OSError, RuntimeError, ValueError) as exc:
        raise _failed(exc) from None


def _failed(exc: Exception) -> QueryFailedError:
    import logging

    # The engine's text may quote a remote reply: log its start, never return it.
    logging.getLogger(__name__).warning("SPARQL evaluation failed: %s: %.200s",
                                        type(exc).__name__, exc)
    return QueryFailedError("the query engine could not evaluate this query; this endpoint "
                            "answers from its own graph only (no SERVICE, no LOAD)")


def _with_hint(exc: SyntaxError) -> str:
    message = str(exc)
    found = _OX_POSITION.search(message)
    if not found:
        return message
    return parse_hint(message, int(found.group(1)), int(found.group(2)))


def _prefixes(fmt: ox.RdfFormat) -> dict[str, str] | None:
    import pyoxigraph as ox

    return PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None


def _capped(iterable, limit: int | None):  # type: ignore[no-untyped-def]
    for n, item in enumerate(iterable):
        if limit is not None and n >= limit:
            raise _too_many(limit)
        yield item


def _too_many(limit: int) -> TooManyRowsError:
    return TooManyRowsError(f"the result has more than {limit} rows or triples (the endpoint's "
                            "cap, LAPEKG_SPARQL_MAX_ROWS); add a LIMIT or narrow the query")
