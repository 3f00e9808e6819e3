"""SPARQL workers: a memory limit with a clear 503, replacement after every kind of death,
reaping (no zombies), recycling after N queries or past a resident-memory limit, and a pool
that survives the loss of its store."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import time
from pathlib import Path

import pytest
from api_helpers import app_client, copy_of_build

from api.graph_backends import LocalGraphBackend
from api.sparql_pool import QueryPool, QueryTimeoutError, WorkerFailedError
from api.sparql_worker import WorkerLimits

ASK = "ASK { ?s ?p ?o }"
JSON = "application/sparql-results+json"
# An anonymous ORDER BY over a cartesian product: memory grows until something stops it.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _gone(pid: int) -> bool:
    """True once the process is reaped: no /proc entry, or at least not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state != "Z"


def _pids(pool: QueryPool) -> set[int]:
    return {w.process.pid for w in pool._workers.values()}


async def _settled(pool: QueryPool, old: set[int]) -> set[int]:
    """Wait until the background replacement has put a fresh worker in."""
    for _ in range(400):
        fresh = _pids(pool) - old
        if fresh:
            return fresh
        await asyncio.sleep(0.05)
    raise AssertionError("no replacement worker appeared")


def test_a_query_past_the_memory_limit_gets_a_503_naming_the_limit(built, services):
    limited = dataclasses.replace(services, graphs=LocalGraphBackend(WorkerLimits(memory_mb=300)))
    with app_client(built, limited, sparql_max_concurrent=1, sparql_timeout_s=30) as client:
        started = time.monotonic()
        r = client.get("/sparql", params={"query": HUNGRY})
        assert r.status_code == 503, r.text
        detail = r.json()["detail"]
        assert "300 MB" in detail and "LAPEKG_SPARQL_WORKER_MEMORY_MB" in detail
        assert "LIMIT" in detail
        assert time.monotonic() - started < 25
        # The dead worker was replaced: the next query is answered.
        assert client.get("/sparql", params={"query": ASK}).json()["boolean"] is True


def test_every_death_is_replaced_and_reaped(services):
    async def scenario() -> None:
        pool = QueryPool(services.generation / "store", size=1, timeout_s=1.0, wait_s=30)
        await pool.start()
        try:
            first = _pids(pool)
            with pytest.raises(QueryTimeoutError):
                await pool.run("query", ENDLESS, JSON, None)
            second = await _settled(pool, first)
            (old,) = first
            assert _gone(old)
            # A crash: the worker is killed from outside between two queries.
            (pid,) = second
            os.kill(pid, 9)
            await asyncio.sleep(0.3)
            body, _ = await pool.run("query", ASK, JSON, None)
            assert b"true" in body
            await asyncio.sleep(0.2)
            assert _gone(pid)
        finally:
            await pool.close()
        assert all(_gone(p) for p in first | second)

    asyncio.run(scenario())


def test_a_worker_is_recycled_after_n_queries_or_past_its_resident_limit(services):
    async def scenario(limits: WorkerLimits, queries: int) -> tuple[set[int], set[int]]:
        pool = QueryPool(services.generation / "store", size=1, timeout_s=10, limits=limits)
        await pool.start()
        try:
            before = _pids(pool)
            for _ in range(queries):
                await pool.run("query", ASK, JSON, None)
            after = await _settled(pool, before)
            return before, after
        finally:
            await pool.close()

    before, after = asyncio.run(scenario(WorkerLimits(max_queries=3), 3))
    assert before.isdisjoint(after) and all(_gone(p) for p in before)
    before, after = asyncio.run(scenario(WorkerLimits(recycle_rss_mb=1), 1))
    assert before.isdisjoint(after) and all(_gone(p) for p in before)


def test_a_pool_that_lost_its_store_says_so_and_recovers_when_it_is_back(services, tmp_path):
    private = copy_of_build(services, tmp_path)
    store = private.generation / "store"
    kept = tmp_path / "kept-store"

    async def scenario() -> None:
        pool = QueryPool(store, size=2, timeout_s=1.0, wait_s=5)
        await pool.start()
        try:
            shutil.copytree(store, kept)
            shutil.rmtree(store)
            # Workers that die now cannot be replaced: each request says why, none waits for
            # a worker that will never come, and the pool keeps its size.
            for _ in range(4):
                with pytest.raises((QueryTimeoutError, WorkerFailedError)):
                    await pool.run("query", ENDLESS, JSON, None)
            with pytest.raises(WorkerFailedError, match="could not open the store"):
                for _ in range(4):
                    await pool.run("query", ASK, JSON, None)
            shutil.copytree(kept, store)
            body, _ = await pool.run("query", ASK, JSON, None)
            assert b"true" in body
        finally:
            await pool.close()

    asyncio.run(scenario())


def test_close_is_safe_twice_and_drain_waits_for_running_queries(services):
    async def scenario() -> None:
        pool = QueryPool(services.generation / "store", size=1, timeout_s=10)
        await pool.start()
        pids = _pids(pool)
        running = asyncio.ensure_future(pool.run("query", ASK, JSON, None))
        await asyncio.sleep(0)
        await pool.drain(5)
        assert running.done() and b"true" in running.result()[0]
        await pool.close()
        await pool.close()
        assert all(_gone(p) for p in pids)
        with pytest.raises(WorkerFailedError, match="closed"):
            await pool.run("query", ASK, JSON, None)

    asyncio.run(scenario())


def test_workers_start_under_the_default_memory_limit_and_answer_every_example(services):
    from api.sparql_examples import EXAMPLES

    async def scenario() -> None:
        pool = QueryPool(services.generation / "store", size=1, timeout_s=30,
                         limits=WorkerLimits())
        await pool.start()
        try:
            for example in EXAMPLES:
                body, media = await pool.run("query", example.query, JSON, 10_000)
                assert media == JSON and b'"bindings"' in body
        finally:
            await pool.close()

    asyncio.run(scenario())


def test_large_and_small_results_come_back_whole_while_other_queries_run(services):
    """A body past api.sparql_ipc.INLINE_BYTES is read off the event loop, a small one on it;
    either way every concurrent caller gets exactly its own answer."""
    from api.sparql_ipc import INLINE_BYTES
    from graph.sparql import run_query
    from graph.store import GraphStore

    large = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 9000"
    small = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    store = GraphStore(services.generation / "store", read_only=True)
    expected = {q: run_query(store, q, JSON, 10_000)[0] for q in (large, small)}
    assert len(expected[large]) > INLINE_BYTES > len(expected[small])

    async def scenario() -> None:
        pool = QueryPool(services.generation / "store", size=2, timeout_s=30)
        await pool.start()
        try:
            queries = [large, small] * 4
            bodies = await asyncio.gather(*(pool.run("query", q, JSON, 10_000) for q in queries))
            assert [body for body, _ in bodies] == [expected[q] for q in queries]
        finally:
            await pool.close()

    asyncio.run(scenario())


def test_the_worker_that_answered_last_takes_the_next_query_and_the_others_still_serve(
        services):
    """Queries one after another all go to one worker (its caches stay warm); queries at the
    same time still spread over every worker."""
    async def scenario() -> None:
        pool = QueryPool(services.generation / "store", size=3, timeout_s=30)
        await pool.start()
        try:
            for _ in range(5):
                await pool.run("query", ASK, JSON, None)
            assert sorted(w.queries for w in pool._workers.values()) == [0, 0, 5]
            await asyncio.gather(*(pool.run("query", ASK, JSON, None) for _ in range(3)))
            assert all(w.queries for w in pool._workers.values())
        finally:
            await pool.close()

    asyncio.run(scenario())
