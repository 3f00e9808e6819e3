"""Where the read-only workers' time goes: one query, in process on pyoxigraph stores opened in
different ways over the same data, and over HTTP on `oxigraph serve` on the same directories.

    python -m bench.sparql_readonly DATA_DIR EXPORT.nq WORK_DIR OXIGRAPH_EXE [--rounds 20]

Stores: the build's store read-only (as the SPARQL pool workers open it), a copy of it
read-write and a copy compacted by `oxigraph optimize` read-only; the store `oxigraph load`
makes from the export, read-only and (a copy) read-write; an in-memory store bulk-loaded from
the export. Paths: the query serialised to SPARQL JSON by Oxigraph (no Python objects), the
rows turned into Python terms, lapekg's graph.sparql.run_query with the endpoint's row cap
(what a worker runs), and `oxigraph serve-read-only` on the build's store and `oxigraph serve`
on the loaded one over HTTP. All interleaved, round by round.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_ROWS = 10_000  # the endpoint's default row cap (LAPEKG_SPARQL_MAX_ROWS)


def rocksdb_files(path: Path) -> dict:
    """SST files of a RocksDB directory: how many and their bytes (many small files, e.g. from
    many ingested batches never compacted, are what a read must search through)."""
    ssts = list(path.glob("*.sst"))
    return {"sst_files": len(ssts), "sst_mb": round(sum(p.stat().st_size for p in ssts) / 2**20, 1)}


def interleave(paths: dict[str, Callable[[], object]], rounds: int) -> dict:
    """Each callable once untimed, then `rounds` rounds over all of them (the order rotating):
    on a shared machine, load that comes and goes then falls on every path alike."""
    for fn in paths.values():
        fn()
    names = list(paths)
    ms: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            started = time.perf_counter()
            paths[name]()
            ms[name].append((time.perf_counter() - started) * 1000)
    return {n: {"median_ms": round(statistics.median(v), 1), "min_ms": round(min(v), 1)}
            for n, v in ms.items()}


def _json(store: Any, query: str) -> Callable[[], None]:
    import pyoxigraph as ox

    def run() -> None:
        store.query(query, use_default_graph_as_union=False).serialize(
            io.BytesIO(), ox.QueryResultsFormat.JSON)
    return run


def _python_terms(store: Any, query: str) -> Callable[[], None]:
    def run() -> None:
        result = store.query(query, use_default_graph_as_union=False)
        names = [v.value for v in result.variables]
        for row in result:
            [row[n] for n in names]
    return run


def _capped(store: Any, query: str) -> Callable[[], None]:
    from graph.sparql import run_query

    return lambda: run_query(store, query, max_rows=MAX_ROWS)


def _http(client: Any, base: str, query: str) -> Callable[[], None]:
    def run() -> None:
        response = client.post(f"{base}/query", content=query.encode(), headers={
            "content-type": "application/sparql-query",
            "accept": "application/sparql-results+json"})
        response.raise_for_status()
    return run


def profile_read_paths(data: Path, nquads: Path, work: Path, query: str, exe: Path,
                       rounds: int = 20, name: str = "provenance") -> dict:
    """The figures described in the module docstring, keyed by store and path."""
    import contextlib

    import httpx
    import pyoxigraph as ox

    from api.generations import Generations
    from bench.servers import oxigraph_process

    built = Generations(data).require_current() / "store"
    loaded = work / "oxigraph-db"
    if not (loaded / "CURRENT").exists():
        subprocess.run([str(exe), "load", "--location", str(loaded), "--file", str(nquads)],
                       check=True, capture_output=True)
    copies = {"build_copy": built, "build_copy_optimized": built, "loaded_copy": loaded,
              "loaded_copy_http": loaded}
    for copy, source in copies.items():
        shutil.rmtree(work / copy, ignore_errors=True)
        shutil.copytree(source, work / copy)
    # A full compaction: does the build's many-file layout cost reads?
    subprocess.run([str(exe), "optimize", "--location", str(work / "build_copy_optimized")],
                   check=True, capture_output=True)
    memory = ox.Store()
    memory.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    stores = {"build_store_read_only": ox.Store.read_only(str(built)),
              "build_store_copy_read_write": ox.Store(str(work / "build_copy")),
              "build_store_optimized_read_only": ox.Store.read_only(
                  str(work / "build_copy_optimized")),
              "loaded_store_read_only": ox.Store.read_only(str(loaded)),
              "loaded_store_copy_read_write": ox.Store(str(work / "loaded_copy")),
              "memory": memory}
    paths: dict[str, Callable[[], object]] = {
        f"{s}/oxigraph_json": _json(store, query) for s, store in stores.items()}
    for s in ("build_store_read_only", "memory"):
        paths[f"{s}/python_terms"] = _python_terms(stores[s], query)
        paths[f"{s}/lapekg_run_query_capped"] = _capped(stores[s], query)
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(httpx.Client(timeout=120, trust_env=False))
        for label, location, read_only in (
                ("http_serve_read_only_build_store", built, True),
                ("http_serve_read_write_loaded_store", work / "loaded_copy_http", False)):
            base, _ = stack.enter_context(oxigraph_process(location, str(exe),
                                                           union_default_graph=False,
                                                           read_only=read_only))
            paths[f"{label}/oxigraph_json"] = _http(client, base, query)
        timings = interleave(paths, rounds)
    rows = sum(1 for _ in stores["memory"].query(query, use_default_graph_as_union=False))
    files = {"build_store": rocksdb_files(built),
             "build_store_optimized": rocksdb_files(work / "build_copy_optimized"),
             "loaded_store": rocksdb_files(loaded)}
    del stores, memory
    for copy in copies:
        shutil.rmtree(work / copy, ignore_errors=True)
    return {"query": name, "rows": rows, "rounds": rounds, "timings": timings, "files": files}


def main() -> None:
    from bench.sparql_queries import query_set

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("nquads", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("exe", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--query", default="provenance", help="a query name of the bench set")
    args = parser.parse_args()
    query = next(q.query for q in query_set() if q.name == args.query)
    print(json.dumps(profile_read_paths(args.data, args.nquads, args.work, query, args.exe,
                                        args.rounds, args.query), indent=1))


if __name__ == "__main__":
    main()
