"""Where the read-only workers' time goes: one query in process on pyoxigraph stores opened in
different ways over the same data, and over HTTP on `oxigraph serve` on the same directories.

    python -m bench.sparql_readonly DATA_DIR EXPORT.nq WORK_DIR OXIGRAPH_EXE [--rounds 10]

Stores: the build's store opened read-only (as the SPARQL pool workers open it), a copy of it
opened read-write, the same copy read-only after a read-write open compacted it, the store that
`oxigraph load` made from the export (read-only) and an in-memory store bulk-loaded from the
export. For each: the open time, the query serialised to SPARQL JSON by Oxigraph (no Python
objects), the rows turned into Python terms, and lapekg's graph.sparql.run_query with the
endpoint's row cap (what a worker runs), plus the RocksDB files of the directory.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_ROWS = 10_000  # the endpoint's default row cap (LAPEKG_SPARQL_MAX_ROWS)


def _ms(fn: Callable[[], object], rounds: int) -> dict:
    fn()  # warm the block cache / page cache as a running worker has it
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1)}


def rocksdb_files(path: Path) -> dict:
    """SST files of a RocksDB directory: how many and their bytes (many small files, e.g. from
    many ingested batches never compacted, are what a read must search through)."""
    ssts = list(path.glob("*.sst"))
    return {"sst_files": len(ssts), "sst_mb": round(sum(p.stat().st_size for p in ssts) / 2**20, 1)}


def _paths(store: Any, query: str, rounds: int) -> dict:
    import pyoxigraph as ox

    from graph.sparql import run_query

    def serialise() -> None:
        store.query(query, use_default_graph_as_union=False).serialize(
            io.BytesIO(), ox.QueryResultsFormat.JSON)

    def python_rows() -> None:
        result = store.query(query, use_default_graph_as_union=False)
        names = [v.value for v in result.variables]
        for row in result:
            [row[n] for n in names]

    rows = sum(1 for _ in store.query(query, use_default_graph_as_union=False))
    return {"rows": rows, "oxigraph_json": _ms(serialise, rounds),
            "python_terms": _ms(python_rows, rounds),
            "lapekg_run_query_capped": _ms(lambda: run_query(store, query, max_rows=MAX_ROWS),
                                           rounds)}


def _open(opener: Callable[[], Any], query: str, rounds: int,
          directory: Path | None) -> dict:
    started = time.perf_counter()
    store = opener()
    row: dict = {"open_s": round(time.perf_counter() - started, 2)}
    row.update(_paths(store, query, rounds))
    if directory is not None:
        row["files"] = rocksdb_files(directory)
    del store
    return row


def _http(exe: Path, location: Path, query: str, rounds: int, read_only: bool) -> dict:
    import httpx

    from bench.servers import oxigraph_process

    with oxigraph_process(location, str(exe), union_default_graph=False,
                          read_only=read_only) as (base, _), \
            httpx.Client(timeout=120, trust_env=False) as client:
        def ask() -> None:
            response = client.post(f"{base}/query", content=query.encode(), headers={
                "content-type": "application/sparql-query",
                "accept": "application/sparql-results+json"})
            response.raise_for_status()
        return _ms(ask, rounds)


def profile_read_paths(data: Path, nquads: Path, work: Path, query: str, exe: Path,
                       rounds: int = 10, name: str = "provenance") -> dict:
    """The figures described in the module docstring, keyed by how the store was opened."""
    import pyoxigraph as ox

    from api.generations import Generations

    built = Generations(data).require_current() / "store"
    copy = work / "store-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(built, copy)
    loaded = work / "oxigraph-db"
    out: dict = {"query": name, "rounds": rounds}
    def read_only(path: Path) -> Callable[[], Any]:
        return lambda: ox.Store.read_only(str(path))

    out["build_store_read_only"] = _open(read_only(built), query, rounds, built)
    out["copy_read_write"] = _open(lambda: ox.Store(str(copy)), query, rounds, copy)
    out["copy_read_only_after_read_write_open"] = _open(read_only(copy), query, rounds, copy)
    if (loaded / "CURRENT").exists():
        out["oxigraph_load_store_read_only"] = _open(read_only(loaded), query, rounds, loaded)

    def memory() -> Any:
        store = ox.Store()
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        return store
    out["memory"] = _open(memory, query, rounds, None)
    if exe.exists():
        out["http_oxigraph_serve_read_only_on_build_store"] = _http(exe, built, query, rounds,
                                                                    True)
        if (loaded / "CURRENT").exists():
            out["http_oxigraph_serve_on_loaded_store"] = _http(exe, loaded, query, rounds, False)
    shutil.rmtree(copy, ignore_errors=True)
    return out


def main() -> None:
    from bench.sparql_queries import query_set

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("nquads", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("exe", type=Path)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--query", default="provenance", help="a query name of the bench set")
    args = parser.parse_args()
    query = next(q.query for q in query_set() if q.name == args.query)
    print(json.dumps(profile_read_paths(args.data, args.nquads, args.work, query, args.exe,
                                        args.rounds, args.query), indent=1))


if __name__ == "__main__":
    main()
