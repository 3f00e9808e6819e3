"""/api/export (streamed exports) and /.well-known/void (the dataset's VoID/DCAT description)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse

from api.sparql_pool import PoolBusyError, QueryTimeoutError, WorkerFailedError
from graph.export import (
    FORMATS,
    ExportError,
    NotFoundError,
    export,
    jsonld_context,
    normalise_format,
)
from graph.sparql import SparqlError, choose_media

router = APIRouter(tags=["Export"])

_VOID_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
               "application/n-triples": "nt", "application/rdf+xml": "xml"}


@router.get("/api/export", summary="Export the graph, a document, an entity or a CONSTRUCT",
            responses={200: {"content": {m: {} for m, _ in FORMATS.values()}},
                       400: {"description": "bad format, IRI or query"},
                       404: {"description": "unknown document or entity"},
                       503: {"description": "query workers busy or the query timed out"}})
async def api_export(
        request: Request,
        format: Annotated[str, Query(description=", ".join(FORMATS))] = "turtle",
        document: Annotated[str | None, Query(max_length=2000,
                                              description="a document IRI")] = None,
        entity: Annotated[str | None, Query(max_length=2000,
                                            description="an entity IRI")] = None,
        construct: Annotated[str | None, Query(max_length=100_000,
                                               description="a CONSTRUCT query")] = None,
) -> Response:
    """Streamed: the whole graph (trig, nquads, jsonld and csv keep each triple's named graph,
    i.e. its source document; JSON-LD is compacted with /context.jsonld), one document's
    graph, an entity's neighbourhood with the statements about it, or the result of a
    CONSTRUCT/DESCRIBE query (under the SPARQL endpoint's limits)."""
    if sum(x is not None for x in (document, entity, construct)) > 1:
        raise HTTPException(400, "choose one of document, entity or construct")
    for name, value in (("document", document), ("entity", entity), ("construct", construct)):
        if value is not None and not value.strip():
            raise HTTPException(400, f"{name}= is empty: give a{'n' if name == 'entity' else ''} "
                                     f"{name} {'query' if name == 'construct' else 'IRI'}, or "
                                     "leave the parameter out to export the whole graph")
    try:
        fmt = normalise_format(format)
    except ExportError as exc:
        raise HTTPException(400, str(exc)) from exc
    media, ext = FORMATS[fmt]
    headers = {"Content-Disposition": f'attachment; filename="lapekg.{ext}"'}
    if construct is not None:
        settings = request.app.state.settings
        try:
            body, media = await request.app.state.graph.pool.run(
                "export", construct, fmt, settings.sparql_max_rows)
        except SparqlError as exc:
            raise HTTPException(400, str(exc)) from exc
        except PoolBusyError as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "1"}) from exc
        except (QueryTimeoutError, WorkerFailedError) as exc:
            raise HTTPException(503, str(exc)) from exc
        return Response(body, media_type=media, headers=headers)
    from starlette.concurrency import run_in_threadpool

    try:
        # export() looks the document or entity up in the store before it returns: a thread.
        chunks = await run_in_threadpool(export, request.app.state.graph.store, fmt,
                                         document=document, entity=entity,
                                         base_iri=request.app.state.settings.base_iri)
    except ExportError as exc:
        raise HTTPException(400, str(exc)) from exc
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    return StreamingResponse(chunks, media_type=media, headers=headers)


@router.get("/context.jsonld", summary="The JSON-LD @context every JSON-LD export uses",
            responses={200: {"content": {"application/ld+json": {}}}})
def context_jsonld(request: Request) -> Response:
    import json

    body = json.dumps(jsonld_context(request.app.state.settings.base_iri), ensure_ascii=False,
                      indent=1)
    return Response(body, media_type="application/ld+json",
                    headers={"Access-Control-Allow-Origin": "*"})


@router.get("/.well-known/void", summary="VoID/DCAT description of the dataset with its counts",
            responses={200: {"content": {m: {} for m in _VOID_TYPES}}})
def void(request: Request) -> Response:
    from graph.void import void_graph

    graph = request.app.state.graph
    settings = request.app.state.settings
    media = choose_media(request.headers.get("accept", "*/*"), list(_VOID_TYPES)) or "text/turtle"
    # Counted once per served generation (a sync route: this runs in a worker thread); the
    # IRIs come from settings, never from the request's Host header.
    g = graph.cached("void", lambda: void_graph(graph.store, settings.base_iri,
                                                settings.server_url, graph.modified()))
    body = graph.cached(("void", media),
                        lambda: g.serialize(format=_VOID_TYPES[media], encoding="utf-8"))
    return Response(body, media_type=media, headers={"Vary": "Accept"})
