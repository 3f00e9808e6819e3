"""The FastAPI app: search, ask, SPARQL 1.1 protocol and export over the live build."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from api.schemas import AskResponse, SearchResponse, ask_response, search_response
from api.settings import Settings

logger = logging.getLogger(__name__)


def create_app(settings: Settings, services=None) -> FastAPI:  # type: ignore[no-untyped-def]
    """The app; services load in the lifespan (or come in from a test) — never at import."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from api.components import load_services

        app.state.services = services or load_services(settings)
        yield

    app = FastAPI(title="lapekg", version="0.1.0", lifespan=lifespan,
                  description="Knowledge graph and semantic search over Finnish LAPE reports.")

    @app.get("/api/search", response_model=SearchResponse)
    def api_search(request: Request, q: Annotated[str, Query(min_length=1, max_length=1000)],
                   k: Annotated[int, Query(ge=1, le=100)] = 10) -> SearchResponse:
        s = request.app.state.services
        return search_response(q, s.searcher.search(q, k=k), s.minter)

    @app.get("/api/ask", response_model=AskResponse)
    def api_ask(request: Request,
                q: Annotated[str, Query(min_length=1, max_length=1000)]) -> AskResponse:
        s = request.app.state.services
        return ask_response(s.answerer.ask(q), s.minter)

    def _sparql(request: Request, query: str | None) -> Response:
        from graph.sparql import SparqlError, run_query

        if not query:
            raise HTTPException(400, "missing query parameter 'query'")
        accept = request.headers.get("accept", "application/sparql-results+json")
        media = next((a.split(";")[0].strip() for a in accept.split(",")
                      if a.split(";")[0].strip() in _ACCEPTED), "application/sparql-results+json")
        try:
            body, media = run_query(request.app.state.services.store, query, media,
                                    settings.sparql_max_rows)
        except SparqlError as exc:
            raise HTTPException(400, str(exc)) from exc
        return Response(body, media_type=media)

    @app.get("/sparql")
    def sparql_get(request: Request, query: str | None = None) -> Response:
        return _sparql(request, query)

    @app.post("/sparql")
    async def sparql_post(request: Request) -> Response:
        ctype = request.headers.get("content-type", "").split(";")[0].strip()
        if ctype == "application/sparql-query":
            return _sparql(request, (await request.body()).decode("utf-8"))
        form = await request.form()
        if "update" in form:
            raise HTTPException(403, "this endpoint is read-only")
        value = form.get("query")
        return _sparql(request, value if isinstance(value, str) else None)

    @app.get("/api/export")
    def api_export(request: Request, format: str = "turtle", document: str | None = None,
                   entity: str | None = None, construct: str | None = None) -> Response:
        from graph.export import FORMATS, export, normalise_format, select_graph

        try:
            fmt = normalise_format(format)
            store = request.app.state.services.store
            part = select_graph(store, document=document, entity=entity, construct=construct)
        except (ValueError, SyntaxError) as exc:
            raise HTTPException(400, str(exc)) from exc
        media, ext = FORMATS[fmt]
        return StreamingResponse(export(store, fmt, part), media_type=media, headers={
            "Content-Disposition": f'attachment; filename="lapekg.{ext}"'})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return _INDEX

    return app


_ACCEPTED = {
    "application/sparql-results+json", "application/json", "application/sparql-results+xml",
    "application/xml", "text/csv", "text/tab-separated-values", "text/turtle",
    "application/n-triples", "application/rdf+xml", "application/ld+json",
}
_INDEX = """<!doctype html><html lang="fi"><meta charset="utf-8"><title>lapekg</title>
<h1>lapekg</h1><form action="/api/ask"><input name="q" size="60"
placeholder="Missä maakunnissa kokeiltiin nimetyn työntekijän mallia?"><button>Kysy</button></form>
<p><a href="/docs">API</a> · <a href="/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%2010">SPARQL</a></p>
</html>"""
