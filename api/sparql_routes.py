"""/sparql: the SPARQL 1.1 Protocol (query, update, service description) and its query page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import Response

from api.pages import render
from api.served_graph import ServedGraph, UnauthorisedError, UpdatesDisabledError
from api.sparql_examples import EXAMPLES
from api.sparql_pool import PoolBusyError, QueryTimeoutError, WorkerFailedError
from graph.sparql import (
    FORMAT_NAMES,
    GRAPH_TYPES,
    RESULT_TYPES,
    SparqlError,
    choose_media,
    refuse_fetching,
)

router = APIRouter(tags=["SPARQL"])

_FORM = ("application/x-www-form-urlencoded", "multipart/form-data")
_DESCRIPTION_TYPES = ["text/turtle", "application/ld+json", "application/n-triples",
                      "application/rdf+xml"]
_RESPONSES = {400: {"description": "the query does not parse, or is refused"},
              503: {"description": "all query workers are busy (see Retry-After), or the "
                                   "query ran past the time limit"}}


def _graph(request: Request) -> ServedGraph:
    return request.app.state.graph  # type: ignore[no-any-return]


def _wants_page(accept: str) -> bool:
    offered = ["text/html", *RESULT_TYPES, *GRAPH_TYPES]
    return choose_media(accept, offered) == "text/html" and "text/html" in accept


async def _answer(request: Request, query: str, fmt: str | None) -> Response:
    accept = request.headers.get("accept", "*/*")
    if fmt:
        if fmt not in FORMAT_NAMES:
            raise HTTPException(400, f"unknown format {fmt!r}; choose one of "
                                     f"{', '.join(FORMAT_NAMES)}")
        accept = FORMAT_NAMES[fmt]
    graph = _graph(request)
    settings = request.app.state.settings
    try:
        refuse_fetching(query)
        body, media = await graph.pool.run("query", query, accept, settings.sparql_max_rows)
    except SparqlError as exc:
        raise HTTPException(400, str(exc)) from exc
    except PoolBusyError as exc:
        retry = max(1, round(settings.sparql_timeout_s))
        raise HTTPException(503, f"{exc}; try again in {retry} s",
                            headers={"Retry-After": str(retry)}) from exc
    except QueryTimeoutError as exc:
        raise HTTPException(503, str(exc)) from exc
    except WorkerFailedError as exc:
        raise HTTPException(503, f"the query could not be run: {exc}") from exc
    charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
    return Response(body, media_type=media + charset, headers={"Vary": "Accept"})


def _description(request: Request) -> Response:
    from graph.void import service_description

    graph = _graph(request)
    media = choose_media(request.headers.get("accept", "*/*"), _DESCRIPTION_TYPES) or "text/turtle"
    g = service_description(graph.store, request.app.state.settings.base_iri,
                            str(request.base_url), graph.updatable)
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld",
           "application/n-triples": "nt", "application/rdf+xml": "xml"}[media]
    return Response(g.serialize(format=fmt, encoding="utf-8"), media_type=media,
                    headers={"Vary": "Accept"})


def _page(request: Request, query: str | None) -> Response:
    return render(request, "sparql.html", examples=EXAMPLES, query=query or EXAMPLES[0].query)


@router.get("/sparql", responses=_RESPONSES, summary="SPARQL 1.1 query (GET)")
async def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(max_length=100_000)] = None,
        default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
        named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
        format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, nt, "
                                                        "jsonld or rdfxml instead of Accept")]
        = None) -> Response:
    """Run a query (results by Accept). Without a query: the service description, or the query
    page for a browser. Queries see the union of all named graphs as their default graph."""
    accept = request.headers.get("accept", "*/*")
    if _wants_page(accept) and not format:
        return _page(request, query)
    if not query:
        return _description(request)
    _no_dataset(default_graph_uri, named_graph_uri)
    return await _answer(request, query, format)


@router.post("/sparql", responses={**_RESPONSES, 401: {"description": "update without token"},
                                   403: {"description": "updates are disabled"},
                                   415: {"description": "unsupported content type"}},
             summary="SPARQL 1.1 query or update (POST)")
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
        form = await request.form()
        q, u = form.get("query"), form.get("update")
        query = q if isinstance(q, str) else None
        update = u if isinstance(u, str) else None
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
        return _update(request, update, authorization)
    assert query is not None
    if not query.strip():
        raise HTTPException(400, "empty query")
    return await _answer(request, query, format)


def _update(request: Request, update: str, authorization: str | None) -> Response:
    graph = _graph(request)
    try:
        graph.check_token(authorization)
        graph.update(update)
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
        raise HTTPException(400, "the request body is not UTF-8") from exc


def _no_dataset(default: list[str] | None, named: list[str] | None) -> None:
    # Every query runs over the whole dataset (default graph = union of the named graphs);
    # name graphs with FROM / FROM NAMED / GRAPH inside the query instead.
    if default or named:
        raise HTTPException(400, "default-graph-uri and named-graph-uri are not supported: "
                                 "use FROM, FROM NAMED or GRAPH in the query")
