"""Query latency of the graph backends on one build: the /sparql page's example queries and the
answerer's statements-about query, on the local Oxigraph store (in process, as a /sparql worker
runs them) and on throwaway Oxigraph and Virtuoso servers holding a copy of the same graph.

    LAPEKG_DATA=data PYTHONPATH=. .venv/bin/python tests/backends/latency.py [--repeat 50]

Prints one JSON object: per backend and query, p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import URIRef

sys.path.insert(0, str(Path(__file__).parent))


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(p95 * 1000, 2)}


def _time(run: Callable[[], object], repeat: int) -> dict[str, float]:
    run()  # warm: the first run compiles plans and fills caches on every engine
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return _percentiles(samples)


def main() -> None:
    from virtuoso_server import virtuoso_server

    from api.generations import Generations
    from api.sparql_examples import EXAMPLES
    from bench.servers import oxigraph_server
    from graph import remote_store
    from graph.queries import statements_about
    from graph.remote_store import RemoteGraphStore
    from graph.sparql import run_query
    from graph.store import GraphStore

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("LAPEKG_DATA", "data")))
    args = parser.parse_args()
    generation = Generations(args.data).require_current()
    local = GraphStore(generation / "store", read_only=True)
    base = "https://w3id.org/lapekg/id/"
    region = base + "region/07"
    queries = {e.key: e.query for e in EXAMPLES[:3]}
    quads = [(s, p, o, g) for s, p, o, g in local.dataset.quads((None, None, None, None))
             if isinstance(g, URIRef)]

    def measure(store: object, run: Callable[..., tuple[bytes, str]]) -> dict[str, object]:
        out: dict[str, object] = {
            name: _time(lambda q=q: run(store, q, "application/sparql-results+json", 10_000),
                        args.repeat) for name, q in queries.items()}
        out["statements_about(region/07)"] = _time(lambda: statements_about(store, region),
                                                    args.repeat)
        return out

    report: dict[str, object] = {"generation": generation.name, "quads": len(quads),
                                 "repeat": args.repeat}
    report["oxigraph (local, in process)"] = measure(local, run_query)
    with contextlib.ExitStack() as stack:
        ox_base = stack.enter_context(oxigraph_server())
        oxi = RemoteGraphStore(f"{ox_base}/query", f"{ox_base}/update", f"{ox_base}/store",
                               graphs_prefix=base)
        started = time.perf_counter()
        oxi.add_quads(quads)
        load_ox = time.perf_counter() - started
        report["oxigraph serve (HTTP, loopback)"] = {"load_s": round(load_ox, 2),
                                                     **measure(oxi, remote_store.run_query)}
        v = stack.enter_context(virtuoso_server())
        virt = RemoteGraphStore(v.query_url, v.update_url, v.store_url, user=v.user,
                                password=v.password, graphs_prefix=base)
        started = time.perf_counter()
        virt.add_quads(quads)
        load_v = time.perf_counter() - started
        report["virtuoso 7.2 (HTTP, loopback)"] = {"load_s": round(load_v, 2),
                                                   **measure(virt, remote_store.run_query)}
    json.dump(report, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
