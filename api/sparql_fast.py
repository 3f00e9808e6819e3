"""The common SPARQL query requests answered without FastAPI's routing and parameter handling.

A SPARQL query POSTed as `application/sparql-query`, or sent by GET with `?query=` by a client
that wants results (not the browser's query page), is the endpoint's hot path. FastAPI resolves
a route's dependencies and parameters on every request; for a query that the engine answers in
a fraction of a millisecond that work, not the query, was most of lapekg's time over `oxigraph
serve` (bench/FINDINGS-sparql-overhead.md). This middleware sits inside the app's other
middleware (security headers, size limit, CORS, in-flight tracking all still apply) and answers
exactly these requests through the same function as the route (api.sparql_routes.answer_query),
with the same responses and errors; every other request goes on to the routes unchanged.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

# Parameters that make a request the routes' business (they refuse them, or they are updates).
_ROUTE_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri",
                     "using-named-graph-uri")


class SparqlFastPath:
    """Answers POST /sparql (application/sparql-query) and GET /sparql?query=… for results;
    passes everything else to `app`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = None
        if scope["type"] == "http" and scope.get("path") == "/sparql":
            query = await self._query(scope, receive)
        if query is None:
            await self.app(scope, receive, send)
            return
        await self._answer(scope, query)(scope, receive, send)

    async def _query(self, scope: Scope, receive: Receive) -> str | bytes | None:
        """The query text (bytes: the body, still to decode) when this request is a plain
        query this path answers, else None (nothing read)."""
        method = scope.get("method")
        headers = _headers(scope)
        params = QueryParams(scope.get("query_string", b""))
        if any(name in params for name in _ROUTE_PARAMETERS):
            return None
        if method == "POST":
            ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if ctype != b"application/sparql-query":
                return None
            return await _body(receive)
        if method == "GET":
            from api.sparql_routes import wants_page

            text = params.get("query")
            accept = headers.get(b"accept", b"*/*").decode("latin-1")
            if not text or (wants_page(accept) and not params.get("format")):
                return None
            return text
        return None

    def _answer(self, scope: Scope, query: str | bytes) -> Any:
        """An ASGI callable that answers the query (the response or the route's error)."""
        from fastapi import HTTPException
        from starlette.responses import JSONResponse

        async def respond(scope: Scope, receive: Receive, send: Send) -> None:
            from api.sparql_routes import answer_query

            try:
                text = _text(query)
                accept = _headers(scope).get(b"accept", b"*/*").decode("latin-1")
                fmt = QueryParams(scope.get("query_string", b"")).get("format")
                response = await answer_query(scope["app"], text, accept, fmt)
            except HTTPException as exc:
                response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                        headers=exc.headers)
            await response(scope, receive, send)

        return respond


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


async def _body(receive: Receive) -> bytes:
    parts = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(parts)


def _text(query: str | bytes) -> str:
    """The query text; HTTPException 400 for a body that is not UTF-8 or holds no query."""
    from fastapi import HTTPException

    if isinstance(query, bytes):
        try:
            query = query.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPException(400, f"the request body is not UTF-8 (byte {exc.start})") \
                from exc
        if not query.strip():
            raise HTTPException(400, "empty query")
    return query
