"""`lapekg serve`'s HTTP protocol (api/connections.py): httptools' parser with the limits h11
gave. A connection must finish a request head in time, a head past the size limit gets h11's
400 and a closed connection, a slow answer is not cut, and /sparql answers every request the
same under either parser."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from api_helpers import free_port

from api.connections import ReapingH11Protocol, ReapingHttpToolsProtocol, reaping_protocol

PROTOCOLS = [pytest.param(ReapingH11Protocol, id="h11"),
             pytest.param(ReapingHttpToolsProtocol, id="httptools")]


@contextlib.contextmanager
def _serving(app, protocol, **config) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """uvicorn with `protocol` on a free loopback port in a thread; yields the port."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           http=protocol, **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _small_app():  # type: ignore[no-untyped-def]
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def slow(request):  # type: ignore[no-untyped-def]
        await asyncio.sleep(float(request.query_params["s"]))
        return PlainTextResponse("done")

    async def echo(request):  # type: ignore[no-untyped-def]
        return PlainTextResponse(str(len(await request.body())))

    return Starlette(routes=[Route("/", lambda request: PlainTextResponse("ok")),
                             Route("/slow", slow), Route("/echo", echo, methods=["POST"])])


def _exchange(port: int, request: bytes) -> bytes:
    """Send `request` on a fresh connection; everything the server sent until it closed (the
    request's last message asks for that, or the server refuses it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        parts = []
        while part := conn.recv(65536):
            parts.append(part)
    return b"".join(parts)


def test_lapekg_serve_runs_the_httptools_parser():
    assert ReapingHttpToolsProtocol is not None
    assert reaping_protocol() is ReapingHttpToolsProtocol


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("sent", [b"", b"GET / HTTP/1.1\r\nHost: a\r\n"],
                         ids=["nothing", "half a request head"])
def test_a_connection_that_never_finishes_a_head_is_closed(sent, protocol):
    """Under either parser; a whole request on a fresh connection is answered as always."""
    with _serving(_small_app(), protocol, timeout_keep_alive=1) as port:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
            idle.sendall(sent)
            started = time.monotonic()
            assert idle.recv(1024) == b""  # closed by the server
            assert time.monotonic() - started < 5
        with socket.create_connection(("127.0.0.1", port), timeout=10) as ok:
            ok.sendall(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            assert ok.recv(1024).startswith(b"HTTP/1.1 200")


def test_httptools_lets_an_answer_take_longer_than_the_head_deadline():
    with _serving(_small_app(), ReapingHttpToolsProtocol, timeout_keep_alive=1) as port, \
            httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
        assert client.get("/slow", params={"s": 2.5}, timeout=10).text == "done"
        assert client.get("/", timeout=10).text == "ok"  # the same kept-alive connection


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_an_unfinished_head_past_the_limit_is_h11s_400_and_the_connection_closes(protocol):
    limit = 20_000
    with _serving(_small_app(), protocol, h11_max_incomplete_event_size=limit) as port:
        within = _exchange(port, b"GET /?q=" + b"x" * (limit - 2_000) + b" HTTP/1.1\r\n"
                           b"Host: a\r\nConnection: close\r\n\r\n")
        assert within.startswith(b"HTTP/1.1 200")
        answer = _exchange(port, b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"y" * (3 * limit))
        assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
        assert answer.endswith(b"Invalid HTTP request received.")


def test_httptools_refuses_a_whole_head_past_the_limit_even_in_one_read():
    """h11 lets through a long head that arrives whole in one read; ours never does."""
    limit = 20_000
    with _serving(_small_app(), ReapingHttpToolsProtocol,
                  h11_max_incomplete_event_size=limit) as port:
        for head in (b"GET /?q=" + b"x" * (3 * limit) + b" HTTP/1.1\r\nHost: a\r\n\r\n",
                     b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"y" * (3 * limit) + b"\r\n\r\n"):
            answer = _exchange(port, head)
            assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
            assert answer.endswith(b"Invalid HTTP request received.")


def test_httptools_counts_a_body_and_pipelined_requests_apart_from_the_head():
    limit = 20_000
    body = b"z" * (3 * limit)
    post = (b"POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: " + str(len(body)).encode()
            + b"\r\n\r\n" + body)
    with _serving(_small_app(), ReapingHttpToolsProtocol,
                  h11_max_incomplete_event_size=limit) as port:
        answer = _exchange(port, post + post + b"GET / HTTP/1.1\r\nHost: a\r\n"
                           b"Connection: close\r\n\r\n")
    assert answer.count(b"HTTP/1.1 200") == 3 and answer.count(str(len(body)).encode()) == 2


def test_sparql_answers_the_same_under_either_parser(built, services):
    from api.http import create_app
    from api.security import server_options

    settings = built[0].model_copy(update={"max_request_bytes": 30_000})
    lape = "PREFIX lape: <https://w3id.org/lapekg/ontology#> "
    docs = lape + "SELECT ?d WHERE { ?d a lape:Document } ORDER BY ?d"
    requests = [
        ("POST", {}, docs.encode(), {"content-type": "application/sparql-query"}),
        ("POST", {}, b"ASK { ?s ?p ?o }", {"content-type": "application/sparql-query",
                                           "accept": "application/sparql-results+json"}),
        ("GET", {"query": docs, "format": "csv"}, None, {}),
        ("GET", {"query": docs + " #" + "x" * 40_000}, None, {}),  # our 414
        ("POST", {}, b"SELECT ?x WHERE { ?x ", {"content-type": "application/sparql-query"}),
        ("POST", {}, b"ASK {}", {"content-type": "application/sparql-query",
                                 "accept": "text/turtle"}),
        ("POST", {}, b"x" * 40_000, {"content-type": "application/sparql-query"}),  # 413
    ]
    answers = {}
    for protocol in (ReapingH11Protocol, ReapingHttpToolsProtocol):
        app = create_app(settings, services)
        with _serving(app, protocol, **server_options(settings.max_request_bytes)) as port, \
                httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False,
                             timeout=30) as client:
            answers[protocol] = [
                (r.status_code, r.headers.get("content-type"), r.content)
                for method, params, body, headers in requests
                for r in [client.request(method, "/sparql", params=params, content=body,
                                         headers=headers)]]
    h11_answers, httptools_answers = answers.values()
    assert [a[0] for a in h11_answers] == [200, 200, 200, 414, 400, 406, 413]
    assert httptools_answers == h11_answers


def test_httptools_closes_a_pipelined_head_past_the_limit_behind_a_slow_answer():
    limit = 20_000
    with _serving(_small_app(), ReapingHttpToolsProtocol, timeout_keep_alive=5,
                  h11_max_incomplete_event_size=limit) as port, \
            socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /slow?s=3 HTTP/1.1\r\nHost: a\r\n\r\n")
        time.sleep(0.5)  # the answer is under way
        started = time.monotonic()
        conn.sendall(b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"y" * (3 * limit))
        assert conn.recv(65536) == b""  # closed, the slow answer never sent
        assert time.monotonic() - started < 2
