"""/sparql: the SPARQL 1.1 Protocol (query, update, service description) and its query page.

Nothing here blocks the event loop: queries run in the worker pool, updates and the service
description in a thread (the description once per served store, then from a cache).
"""

from __future__ import annotations

import urllib.parse
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import Response

from api.pages import render
from api.served_graph import ServedGraph, UnauthorisedError, UpdatesDisabledError
from api.sparql_examples import EXAMPLES
from api.sparql_pool import MemoryLimitError, PoolBusyError, QueryTimeoutError, WorkerFailedError
from graph.sparql import (
    FORMAT_NAMES,
    GRAPH_TYPES,
    RESULT_TYPES,
    NotAcceptableError,
    QueryFailedError,
    SparqlError,
    choose_media,
)

router = APIRouter(tags=["SPARQL"])

_FORM = ("application/x-www-form-urlencoded", "multipart/form-data")
_DESCRIPTION_TYPES = ["text/turtle", "application/ld+json", "application/n-triples",
                      "application/rdf+xml"]
_RESULTS = {m: {} for m in [*RESULT_TYPES, *GRAPH_TYPES]}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "results (SELECT/ASK) or a graph (CONSTRUCT/DESCRIBE) by Accept or "
                         "format", "content": _RESULTS},
    400: {"description": "the query does not parse, is refused (SERVICE, LOAD), is over the "
                         "row cap, or `format` does not fit its form"},
    406: {"description": "no type the Accept header allows fits the query's form"},
    413: {"description": "the request is larger than LAPEKG_MAX_REQUEST_BYTES"},
    414: {"description": "the query string is larger than LAPEKG_MAX_REQUEST_BYTES: use POST"},
    502: {"description": "the engine could not evaluate the query (a generic message)"},
    503: {"description": "all query workers are busy (see Retry-After), or the query went past "
                         "a worker's memory limit"},
    504: {"description": "the query ran past the time limit and was stopped"},
}
_POST_BODY = {"requestBody": {"required": True, "content": {
    "application/sparql-query": {"schema": {"type": "string"}},
    "application/sparql-update": {"schema": {"type": "string"}},
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "properties": {"query": {"type": "string"},
                                         "update": {"type": "string"}}}},
}}}


def _graph(request: Request) -> ServedGraph:
    return request.app.state.graph  # type: ignore[no-any-return]


def wants_page(accept: str) -> bool:
    """True when a browser asks for /sparql (the query page rather than results)."""
    offered = ["text/html", *RESULT_TYPES, *GRAPH_TYPES]
    return choose_media(accept, offered) == "text/html" and "text/html" in accept


async def _answer(request: Request, query: str, fmt: str | None) -> Response:
    return await answer_query(request.app, query, request.headers.get("accept", "*/*"), fmt)


async def answer_query(app: Any, query: str, accept: str, fmt: str | None) -> Response:
    """Run a query in the pool and make its response; HTTPException with the status and the
    reason a client acts on otherwise (also the fast path's, api.sparql_fast)."""
    if fmt is not None and fmt not in FORMAT_NAMES:
        raise HTTPException(400, f"unknown format {fmt[:40]!r}; choose one of "
                                 f"{', '.join(FORMAT_NAMES)}")
    settings = app.state.settings
    try:
        body, media = await app.state.graph.pool.run("query", query, accept,
                                                     settings.sparql_max_rows, fmt)
    except NotAcceptableError as exc:
        raise HTTPException(406, str(exc)) from exc
    except QueryFailedError as exc:
        raise HTTPException(502, str(exc)) from exc
    except SparqlError as exc:
        raise HTTPException(400, str(exc)) from exc
    except PoolBusyError as exc:
        retry = max(1, round(settings.sparql_timeout_s))
        raise HTTPException(503, f"{exc}; try again in {retry} s",
                            headers={"Retry-After": str(retry)}) from exc
    except QueryTimeoutError as exc:
        raise HTTPException(504, str(exc)) from exc
    except MemoryLimitError as exc:
        raise HTTPException(503, str(exc)) from exc
    except WorkerFailedError as exc:
        raise HTTPException(503, f"the query could not be run: {exc}") from exc
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return Response(body, media_type=media + charset, headers={"Vary": "Accept"})


async def _description(request: Request) -> Response:
    """The service description, computed in a thread once per served generation and cached."""
    graph = _graph(request)
    media = choose_media(request.headers.get("accept", "*/*"), _DESCRIPTION_TYPES)
    if media is None:
        raise HTTPException(406, "the service description is offered as "
                                 f"{', '.join(_DESCRIPTION_TYPES)}")
    settings = request.app.state.settings
    # The configured server URL, never the request's Host header (no reflection).
    server = settings.server_url
    body = await anyio.to_thread.run_sync(
        graph.cached, ("sparql-description", media),
        lambda: _describe(graph, settings.base_iri, server, media))
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def _describe(graph: ServedGraph, base_iri: str, server: str, media: str) -> bytes:
    from graph.void import service_description

    g = service_description(graph.store, base_iri, server, graph.updatable)
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld",
           "application/n-triples": "nt", "application/rdf+xml": "xml"}[media]
    return g.serialize(format=fmt, encoding="utf-8")


def _page(request: Request, query: str | None) -> Response:
    return render(request, "sparql.html", examples=EXAMPLES, query=query or EXAMPLES[0].query)


@router.get("/sparql", responses=_RESPONSES, summary="SPARQL 1.1 query (GET)")
async def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description="the SPARQL query")] = None,
        default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
        named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
        format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt, "
                                                        "jsonld or rdfxml instead of Accept")]
        = None) -> Response:
    """Run a query (results by Accept). Without a query: the service description, or the query
    page for a browser. The default graph is the union of all named graphs, unless the query
    names its own dataset with FROM / FROM NAMED."""
    accept = request.headers.get("accept", "*/*")
    if wants_page(accept) and not format:
        return _page(request, query)
    if not query:
        return await _description(request)
    _no_dataset(default_graph_uri, named_graph_uri)
    return await _answer(request, query, format)


@router.head("/sparql", include_in_schema=False)
async def sparql_head(request: Request, query: str | None = None,
                      format: str | None = None) -> Response:
    """The GET response's status and headers, without its body."""
    response = await sparql_get(request, query, request.query_params.getlist(
        "default-graph-uri") or None, request.query_params.getlist("named-graph-uri") or None,
        format)
    return response


@router.post("/sparql", responses={**_RESPONSES, 401: {"description": "update without token"},
                                   403: {"description": "updates are disabled"},
                                   415: {"description": "unsupported content type"}},
             summary="SPARQL 1.1 query or update (POST)", openapi_extra=_POST_BODY)
async def sparql_post(request: Request, format: str | None = None,
                      authorization: Annotated[str | None, Header()] = None) -> Response:
    """POST a query as `application/sparql-query` or as a form field `query`; POST an update as
    `application/sparql-update` or a form field `update` (with the operator's bearer token)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    query = update = None
    if ctype == "application/sparql-query":
        query = await _text(request)
    elif ctype == "application/sparql-update":
        update = await _text(request)
    elif ctype in _FORM:
        fields = await _form(request, ctype)
        query, update = fields.get("query"), fields.get("update")
        if query is None and update is None:
            raise HTTPException(400, "missing form field 'query' (or 'update')")
        if query is not None and update is not None:
            raise HTTPException(400, "send either 'query' or 'update', not both")
    else:
        raise HTTPException(415, "send application/sparql-query, application/sparql-update or "
                                 "an application/x-www-form-urlencoded form")
    _no_dataset(request.query_params.getlist("default-graph-uri")
                or request.query_params.getlist("using-graph-uri"),
                request.query_params.getlist("named-graph-uri")
                or request.query_params.getlist("using-named-graph-uri"))
    if update is not None:
        return await _update(request, update, authorization)
    assert query is not None
    if not query.strip():
        raise HTTPException(400, "empty query")
    return await _answer(request, query, format)


async def _update(request: Request, update: str, authorization: str | None) -> Response:
    graph = _graph(request)
    try:
        graph.check_token(authorization)
        # The store write and its lock run in a thread, never on the event loop.
        await anyio.to_thread.run_sync(graph.update, update)
    except UpdatesDisabledError as exc:
        raise HTTPException(403, str(exc)) from exc
    except UnauthorisedError as exc:
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc
    except SparqlError as exc:
        raise HTTPException(400, str(exc)) from exc
    return Response(status_code=204)


async def _text(request: Request) -> str:
    try:
        return (await request.body()).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the request body is not UTF-8 (byte {exc.start})") from exc


async def _form(request: Request, ctype: str) -> dict[str, str]:
    """The form's text fields; a urlencoded body must percent-encode valid UTF-8."""
    if ctype == "multipart/form-data":
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    raw = await request.body()
    try:
        pairs = urllib.parse.parse_qsl(raw.decode("ascii"), keep_blank_values=True,
                                       encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, "the form is not valid percent-encoded UTF-8: encode each "
                                 "field's UTF-8 bytes as %XX") from exc
    return dict(pairs)


def _no_dataset(default: list[str] | None, named: list[str] | None) -> None:
    # Name graphs with FROM / FROM NAMED / GRAPH inside the query instead.
    if default or named:
        raise HTTPException(400, "default-graph-uri and named-graph-uri are not supported: "
                                 "use FROM, FROM NAMED or GRAPH in the query")

