"""The FastAPI app: search and ask, the SPARQL 1.1 endpoint, entity pages, exports and pages."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import FastAPI, HTTPException, Query, Request

from api.schemas import AskResponse, SearchResponse, ask_response, search_response
from api.settings import Settings

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings, services=None, *,  # type: ignore[no-untyped-def]
               loader=None, follow: bool | None = None) -> FastAPI:
    """The app; services load in the lifespan (or come in from a test) — never at import.

    The app follows CURRENT (switching to each new generation between requests) unless it was
    handed its services; `loader(settings, previous services)` loads them (default:
    api.components.load_next_services), `follow` overrides whether it follows.
    """
    from fastapi.exceptions import RequestValidationError
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.staticfiles import StaticFiles

    from api import (
        docs_routes,
        entity_routes,
        export_routes,
        matrix_routes,
        page_routes,
        sparql_routes,
    )
    from api.follow import Follower, InFlight
    from api.security import RequestSizeLimit, SecurityHeaders, cors_options, validation_problem

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from api.components import load_next_services

        load = loader or load_next_services
        follower = Follower(settings, app.state, load, settings.follow_interval_s)
        if services is None:
            served = await anyio.to_thread.run_sync(load, settings, None)
            # Load the encoder and embed the entity labels now, not in the first user's request.
            await anyio.to_thread.run_sync(served.warm_up)
        else:
            served = services
        await follower.start(served, owned=services is None,
                             follow=services is None if follow is None else follow)
        app.state.follower = follower
        try:
            yield
        finally:
            app.state.follower = None
            await follower.close()

    # /docs and /redoc come from docs_routes, with Swagger UI and ReDoc served locally.
    app = FastAPI(title="lapekg", version="0.1.0", lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="Knowledge graph and semantic search over Finnish LAPE reports.")
    app.state.settings = settings
    app.state.predicate_labels = {}

    # Encoding a query is CPU-bound and torch already uses every core: running more than a
    # couple at once only thrashes, so further requests queue here instead.
    compute = anyio.CapacityLimiter(max(1, os.cpu_count() or 1))

    @app.get("/api/search", response_model=SearchResponse, tags=["Search"])
    async def api_search(request: Request,
                         q: Annotated[str, Query(min_length=1, max_length=1000)],
                         k: Annotated[int, Query(ge=1, le=100)] = 10) -> SearchResponse:
        _not_blank(q)
        s = request.app.state.services
        hits = await anyio.to_thread.run_sync(lambda: s.searcher.search(q, k=k), limiter=compute)
        return search_response(q, hits, s.minter)

    @app.get("/api/ask", response_model=AskResponse, tags=["Search"])
    async def api_ask(request: Request,
                      q: Annotated[str, Query(min_length=1, max_length=1000)]) -> AskResponse:
        _not_blank(q)
        s = request.app.state.services
        answers = await anyio.to_thread.run_sync(lambda: s.answerer.ask(q), limiter=compute)
        return ask_response(answers, s.minter)

    for module in (sparql_routes, export_routes, entity_routes, page_routes, docs_routes,
                   matrix_routes):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(RequestValidationError, validation_problem)

    # Outermost last: headers on every response (errors too), then size limit, then CORS;
    # innermost, plain SPARQL queries skip the routing (api/sparql_fast.py).
    from api.sparql_fast import SparqlFastPath

    app.add_middleware(SparqlFastPath)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, **cors_options(settings.cors_origins))
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(InFlight)
    return app


def _not_blank(q: str) -> None:
    if not q.strip():
        raise HTTPException(400, "q holds only whitespace: give some words to search for")
