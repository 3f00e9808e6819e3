"""The endpoint cannot be turned against its host: no request in the SSRF corpus (escaped names,
comments, strings, nesting, case, SILENT, variables, updates) makes the server connect to a
listener on 127.0.0.1, through any way in; and a worker cannot connect even when the query
guard is bypassed."""

from __future__ import annotations

import contextlib
import multiprocessing
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_helpers import app_client, copy_of_build

CORPUS = Path(__file__).parent / "corpora" / "sparql_ssrf_corpus.txt"
SECRET = "SECRET-REMOTE-BODY"


class Listener:
    """A TCP server on a free loopback port that counts connections and answers any request
    with a SPARQL JSON body holding SECRET."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        body = ('{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal",'
                f'"value":"{SECRET}"}}}}]}}}}').encode()
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn, contextlib.suppress(OSError):
                conn.settimeout(2)
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: "
                             b"application/sparql-results+json\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\n\r\n" + body)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def corpus(kind: str, url: str) -> list[str]:
    blocks = CORPUS.read_text(encoding="utf-8").split("\n----\n")
    out = []
    for block in blocks:
        lines = block.splitlines()
        while lines and lines[0].startswith("# "):  # the file's header, before its first kind
            lines.pop(0)
        if lines and lines[0] == kind:
            out.append("\n".join(lines[1:]).replace("{URL}", url))
    return out


def _refused(response, text: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, (response.status_code, text, response.text[:300])
    detail = response.json()["detail"]
    # Refused from the parse tree, or not parsed at all (fail closed).
    assert any(w in detail for w in ("not allowed", "parse error", "too deeply")), (text, detail)
    assert SECRET not in response.text


def test_the_corpus_is_large_and_covers_queries_and_updates():
    assert len(corpus("query", "http://x/")) >= 40
    assert len(corpus("update", "http://x/")) >= 8


def test_no_query_of_the_corpus_reaches_the_listener_by_get_post_or_export(api, listener):
    queries = corpus("query", listener.url)
    for text in queries:
        _refused(api.get("/sparql", params={"query": text}), text)
        _refused(api.post("/sparql", data={"query": text}), text)
        _refused(api.post("/sparql", content=text.encode(),
                          headers={"content-type": "application/sparql-query"}), text)
        _refused(api.get("/api/export", params={"construct": text}), text)
    assert listener.connections == 0


def test_no_update_of_the_corpus_reaches_the_listener_even_with_the_token(built, services,
                                                                          tmp_path, listener):
    private = copy_of_build(services, tmp_path)
    token = {"authorization": "Bearer s3cret"}
    with app_client(built, private, update_token="s3cret") as client:
        for text in corpus("update", listener.url):
            _refused(client.post("/sparql", content=text.encode(), headers={
                **token, "content-type": "application/sparql-update"}), text)
            _refused(client.post("/sparql", data={"update": text}, headers=token), text)
        before = client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> 'c' }"})
        assert before.json()["boolean"] is False  # the refused update wrote nothing
    assert listener.connections == 0


def _service_from_child(url: str, isolate: bool, replies) -> None:  # type: ignore[no-untyped-def]
    """In a fresh process: optionally isolate like a worker, then run SERVICE with no guard."""
    import pyoxigraph as ox

    from api.sparql_worker import isolate_network

    how = isolate_network() if isolate else "off"
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
        replies.put((how, "answered"))
    except Exception as exc:  # noqa: BLE001 - the outcome is the test's to read
        replies.put((how, f"{type(exc).__name__}: {exc}"))


def _in_child(url: str, isolate: bool) -> tuple[str, str]:
    ctx = multiprocessing.get_context("spawn")
    replies = ctx.Queue()
    child = ctx.Process(target=_service_from_child, args=(url, isolate, replies))
    child.start()
    try:
        return replies.get(timeout=60)  # type: ignore[no-any-return]
    finally:
        child.join(timeout=10)


def test_a_worker_cannot_connect_out_even_without_the_guard(listener):
    # The control: the same unguarded SERVICE from an ordinary process reaches the listener.
    _, outcome = _in_child(listener.url, isolate=False)
    assert listener.connections == 1 and SECRET in outcome
    how, outcome = _in_child(listener.url, isolate=True)
    assert how in ("netns", "userns+netns"), "no network namespace could be made"
    assert listener.connections == 1, outcome
    assert SECRET not in outcome


def test_a_failed_remote_call_never_puts_the_remote_text_in_the_error(monkeypatch, listener):
    import pyoxigraph as ox

    from graph import sparql
    # Bypass the guard in this process (no namespace here) to reach the engine's failure path.
    monkeypatch.setattr(sparql, "inspect_query", lambda text: None)
    service = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(sparql.QueryFailedError) as failure:
        sparql.run_query(ox.Store(), service, max_rows=10)
    assert listener.connections == 1
    assert SECRET not in str(failure.value) and listener.url not in str(failure.value)
