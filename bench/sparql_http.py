"""Timing SPARQL servers over HTTP on loopback: one query (POST application/sparql-query, the
whole body read), interleaved rounds over every server, and a closed-loop throughput run with N
concurrent clients for T seconds."""

from __future__ import annotations

import asyncio
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bench.load import loopback_only
from bench.sparql_queries import BenchQuery
from bench.sparql_stats import count_rows

ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
          "CONSTRUCT": "application/n-triples"}


class QueryFailedError(RuntimeError):
    """A server answered a query with an error status, or not at all (timed_out: the client
    gave up waiting)."""

    def __init__(self, message: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


def _request(q: BenchQuery) -> dict[str, Any]:
    return {"content": q.query.encode("utf-8"),
            "headers": {"content-type": "application/sparql-query", "accept": ACCEPT[q.form]}}


def timed_query(client: Any, url: str, q: BenchQuery) -> tuple[float, bytes]:
    """(milliseconds until the whole response was read, body); QueryFailedError otherwise."""
    started = time.perf_counter()
    try:
        response = client.post(url, **_request(q))
        body = response.content
    except Exception as exc:  # noqa: BLE001 - a transport failure is that server's error
        raise QueryFailedError(f"{type(exc).__name__}: {exc}",
                               timed_out="Timeout" in type(exc).__name__) from exc
    ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        text = body[:200].decode(errors="replace")
        raise QueryFailedError(f"HTTP {response.status_code}: {text}")
    return ms, body


def interleaved(urls: dict[str, str], queries: Sequence[BenchQuery], rounds: int,
                budget_s: float, timeout_s: float,
                restart: Mapping[str, Callable[[], str]] | None = None) -> dict:
    """An untimed first round (it warms caches and counts rows), then `rounds` timed rounds; in
    each, every query goes to every server in turn (the order of the servers rotating each
    round). A server that fails a query twice, or has spent `budget_s` on it, is not asked it
    again. A server in `restart` whose answer the client stopped waiting for is restarted (the
    function returns its new URL): it would still be busy with the query.

    Returns {"ms": {query: {server: [ms]}}, "errors": {query: {server: n}}, "rows": {query:
    {server: count of the first successful answer, or an error}}, "restarts": {server: [query]}}.
    """
    import httpx

    for url in urls.values():
        loopback_only(url)
    ms: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    errors: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows: dict[str, dict[str, int | str]] = defaultdict(dict)
    spent: dict[tuple[str, str], float] = defaultdict(float)
    urls = dict(urls)
    names = list(urls)
    restarts: dict[str, list[str]] = defaultdict(list)
    clients = {n: httpx.Client(timeout=timeout_s, trust_env=False) for n in names}
    try:
        for r in range(rounds + 1):
            print(f"[bench] sparql_servers: round {r} of {rounds}", file=sys.stderr, flush=True)
            order = names[r % len(names):] + names[:r % len(names)]
            for q in queries:
                for name in order:
                    if errors[q.name][name] >= 2 or spent[q.name, name] >= budget_s:
                        continue
                    started = time.perf_counter()
                    try:
                        took, body = timed_query(clients[name], urls[name], q)
                    except QueryFailedError as exc:
                        errors[q.name][name] += 1
                        rows[q.name].setdefault(name, f"error: {exc}"[:300])
                        spent[q.name, name] += time.perf_counter() - started
                        if exc.timed_out and restart and name in restart:
                            clients[name].close()
                            urls[name] = restart[name]()
                            restarts[name].append(q.name)
                            clients[name] = httpx.Client(timeout=timeout_s, trust_env=False)
                        continue
                    spent[q.name, name] += took / 1000
                    if not isinstance(rows[q.name].get(name), int):  # none yet, or an error
                        try:
                            rows[q.name][name] = count_rows(q.form, body)
                        except ValueError as exc:
                            rows[q.name][name] = f"error: {exc}"[:300]
                    if r > 0:
                        ms[q.name][name].append(took)
    finally:
        for client in clients.values():
            client.close()
    return {"ms": {q: dict(v) for q, v in ms.items()},
            "errors": {q: dict(v) for q, v in errors.items()}, "rows": dict(rows),
            "restarts": dict(restarts)}


async def _closed_loop(url: str, queries: Sequence[BenchQuery], clients: int, seconds: float,
                       timeout_s: float) -> tuple[int, int, float]:
    import httpx

    done = {"ok": 0, "errors": 0}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout_s, limits=limits, trust_env=False) as http:
        started = time.monotonic()
        deadline = started + seconds

        async def client(n: int) -> None:
            i = n
            while time.monotonic() < deadline:  # bounded: no new request after the deadline
                q = queries[i % len(queries)]
                i += 1
                try:
                    response = await http.post(url, **_request(q))
                    ok = response.status_code == 200
                except Exception:  # noqa: BLE001 - counted; the run goes on
                    ok = False
                done["ok" if ok else "errors"] += 1

        await asyncio.gather(*(client(n) for n in range(clients)))
        return done["ok"], done["errors"], time.monotonic() - started


def closed_loop(url: str, queries: Sequence[BenchQuery], clients: int, seconds: float,
                timeout_s: float) -> tuple[int, int, float]:
    """`clients` concurrent clients, each sending the queries in turn (from its own offset)
    until `seconds` have passed; (completed, failed, wall seconds until the last answer)."""
    loopback_only(url)
    return asyncio.run(_closed_loop(url, queries, clients, seconds, timeout_s))
