"""HTTP hardening as ASGI middleware: security headers, a request-size cap, and CORS by settings."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.vendor import EDITOR_STYLE_HASHES

# Our pages load their scripts, styles and images from this server only.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
# The SPARQL editor (YASGUI) inserts one fixed <style> element (its table's column resizer):
# /sparql allows exactly that element, by its hash (no 'unsafe-inline', no inline scripts).
EDITOR_CSP = PAGE_CSP.replace(
    "style-src 'self'", "style-src 'self' " + " ".join(f"'{h}'" for h in EDITOR_STYLE_HASHES))
# FastAPI's /docs and /redoc pages load Swagger UI / ReDoc from a CDN with an inline script.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
            "worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds the headers above and a Content-Security-Policy to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = (DOCS_CSP if path in ("/docs", "/redoc")
               else EDITOR_CSP if path == "/sparql" else PAGE_CSP)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", csp.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestSizeLimit:
    """Refuses request bodies (declared or streamed) and query strings over `max_bytes` (413)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        query_string = scope.get("query_string", b"")
        if len(query_string) > self.max_bytes:
            await _problem(send, 414, f"query string larger than {self.max_bytes} bytes "
                                      "(LAPEKG_MAX_REQUEST_BYTES): send the query with POST")
            return
        bad = invalid_parameter(query_string)
        if bad is not None:
            await _problem(send, 400, f"the query string parameter {bad!r} is not valid "
                                      "percent-encoded UTF-8: encode its UTF-8 bytes as %XX")
            return
        too_big = False
        if declared is not None:
            try:
                too_big = too_big or int(declared) > self.max_bytes
            except ValueError:
                await _problem(send, 400, "invalid Content-Length")
                return
        if too_big:
            await _problem(send, 413, f"request larger than {self.max_bytes} bytes "
                                      "(LAPEKG_MAX_REQUEST_BYTES)")
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLargeError
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracking_send)
        except _BodyTooLargeError:
            if not started:
                await _problem(send, 413, f"request body larger than {self.max_bytes} bytes")


def invalid_parameter(query_string: bytes) -> str | None:
    """The name of the first parameter whose percent-decoded bytes are not UTF-8, or None."""
    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        for part in (name, value):
            try:
                urllib.parse.unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                shown = urllib.parse.unquote_to_bytes(name).decode("utf-8", "replace")
                return shorten(shown, 40)
    return None


def shorten(text: str, limit: int = 200) -> str:
    """Text an error message quotes: its start, and how much was left out."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text) - limit} more chars)"


async def validation_problem(request: Any, exc: Any) -> Any:
    """FastAPI's 422 for invalid parameters, quoting at most 200 characters of each input."""
    from fastapi.responses import JSONResponse

    errors = []
    for error in exc.errors():
        error = {k: v for k, v in error.items() if k in ("type", "loc", "msg", "input")}
        if isinstance(error.get("input"), str):
            error["input"] = shorten(error["input"])
        elif "input" in error and not isinstance(error["input"], int | float | bool | None):
            error["input"] = shorten(str(error["input"]))
        errors.append(error)
    return JSONResponse({"detail": errors}, status_code=422)


def server_options(max_request_bytes: int) -> dict[str, Any]:
    """uvicorn options: let a request line up to the size limit reach the app (which answers
    414 past it) instead of h11's bare 400 at 16 KB."""
    return {"h11_max_incomplete_event_size": max_request_bytes + 16 * 1024}


class _BodyTooLargeError(Exception):
    pass


async def _problem(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def cors_options(origins: list[str]) -> dict[str, Any]:
    """Keyword arguments for Starlette's CORSMiddleware: read-only methods, no credentials."""
    return {"allow_origins": origins, "allow_methods": ["GET", "POST", "OPTIONS"],
            "allow_headers": ["Accept", "Content-Type", "Authorization"],
            "allow_credentials": False, "max_age": 600}
