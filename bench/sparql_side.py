"""lapekg's /sparql side by side with `oxigraph serve` and rdflib-endpoint, on one N-Quads
export of a build (the bench stage "sparql_servers"; also runnable alone):

    python -m bench.sparql_side DATA_DIR [--work DIR] [--rounds 30] [--clients 8] [--seconds 20]

All three servers answer over the same default graph: the N-Quads dump of the store holds
lapekg's maintained RDF merge as its default graph and every document's named graph; `oxigraph
serve` runs WITHOUT --union-default-graph and rdflib-endpoint's dataset keeps the file's
default graph (no union), so none of them reads the union of the named graphs. Per query, the
servers are interleaved (their order rotating) for an untimed warm-up round and `rounds` timed
rounds. Then, per server in turn, `clients` concurrent clients loop for `seconds` over the
typical queries that every server answered; then each server tree's memory is read (PSS and RSS
sums). The row count of every server's first answer to each query is the correctness column.
Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

from bench.memory import tree_memory
from bench.sparql_queries import BenchQuery, query_set
from bench.sparql_stats import agreement, check_targets, latency, ratios, summarise, throughput

ROOT = Path(__file__).resolve().parent.parent
RDFLIB_BYTES_PER_QUAD = 1600


def export_nquads(data: Path, target: Path) -> dict:
    """Write the current generation's store as N-Quads, every quad: each document's named graph
    and the default graph, lapekg's maintained RDF merge (`lapekg export -f nquads` leaves the
    merge out, as a loader into lapekg rebuilds it; the comparison servers load this file as
    is, so their default graph is the same merge)."""
    import pyoxigraph as ox

    from api.generations import Generations
    from graph.store import GraphStore

    store = GraphStore(Generations(data).require_current() / "store", read_only=True)
    started = time.perf_counter()
    with target.open("wb") as sink:
        store.ox.dump(sink, ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - started
    default = sum(1 for _ in store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    out = {"quads": len(store), "default_graph_triples": default,
           "named_graphs": len(store.graphs()), "export_bytes": target.stat().st_size,
           "export_s": round(seconds, 1)}
    store.close()
    return out


def _memory(pid: int) -> dict:
    pss, rss = tree_memory(pid)
    return {"pss_mb": round(pss / 1024), "rss_mb": round(rss / 1024)}


def _loads() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run(data: Path, work: Path, venv: Path, rounds: int = 30, clients: int = 8,
        seconds: float = 20, budget_s: float = 60, timeout_s: float = 60,
        profile: bool = True, rdflib_memory_gb: float = 6) -> dict:
    """The whole comparison; a JSON-able report (see the module docstring). The comparison
    servers are installed into the venv `venv` (made if missing)."""
    from bench.servers import ServerUnavailableError
    from bench.sparql_endpoints import (
        Restartable,
        bench_venv,
        lapekg_endpoint,
        oxigraph_endpoint,
        rdflib_endpoint,
    )
    from bench.sparql_http import closed_loop, interleaved

    work.mkdir(parents=True, exist_ok=True)
    out: dict = {"machine": {"cores": os.cpu_count(), "load_avg_at_start": _loads(),
                             "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")},
                 "settings": {"rounds": rounds, "clients": clients, "seconds": seconds,
                              "budget_s_per_query_and_server": budget_s,
                              "client_timeout_s": timeout_s,
                              "rdflib_memory_gb": rdflib_memory_gb,
                              "lapekg_env": {k: v for k, v in os.environ.items()
                                             if k.startswith("LAPEKG_SPARQL")}}}
    nquads = work / "export.nq"
    out["data"] = export_nquads(data, nquads)
    queries = query_set()
    skipped: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        running = {"lapekg": stack.enter_context(lapekg_endpoint(data, work))}
        restartable: dict[str, Restartable] = {}
        try:
            bench_venv(venv)
            running["oxigraph"] = stack.enter_context(
                oxigraph_endpoint(venv, nquads, work, timeout_s - 5))
        except (ServerUnavailableError, RuntimeError, OSError) as exc:
            skipped["oxigraph"] = str(exc)
        # rdflib's memory store: 375 MB RSS for 250 k quads loaded (10×), 1.8 GB while it
        # worked on the example that joins methods with regions; queries need room above it.
        need_gb = out["data"]["quads"] * RDFLIB_BYTES_PER_QUAD / 2**30
        if "oxigraph" in skipped:
            skipped["rdflib_endpoint"] = skipped["oxigraph"]
        elif need_gb > rdflib_memory_gb:
            skipped["rdflib_endpoint"] = (
                f"its memory store would need ~{need_gb:.1f} GB for {out['data']['quads']:,} "
                f"quads, over the {rdflib_memory_gb:g} GB allowed (--rdflib-memory-gb)")
        else:
            server = Restartable(lambda: rdflib_endpoint(venv, nquads, work, rdflib_memory_gb))
            stack.callback(server.stop)
            try:
                running["rdflib_endpoint"] = server.start()
                restartable["rdflib_endpoint"] = server
            except (RuntimeError, OSError) as exc:
                skipped["rdflib_endpoint"] = str(exc)
        for name, why in skipped.items():
            print(f"[bench] sparql_servers: {name} skipped: {why}", file=sys.stderr, flush=True)
        out["servers"] = {e.name: {"version": e.version, "url": e.url,
                                   "ready_s": round(e.start_s, 1),
                                   "memory_after_start": _memory(e.process.pid)}
                          for e in running.values()}

        def restarter(name: str):  # type: ignore[no-untyped-def]
            def restart() -> str:
                print(f"[bench] sparql_servers: restarting {name} (a query it cannot stop)",
                      file=sys.stderr, flush=True)
                running[name] = restartable[name].restart()
                return running[name].url
            return restart

        timed = interleaved({n: e.url for n, e in running.items()}, queries, rounds, budget_s,
                            timeout_s, {n: restarter(n) for n in restartable})
        out["queries"] = _per_query(queries, timed, list(running))
        for name, restarted_on in timed["restarts"].items():
            out["servers"][name]["restarted_after_timeouts_on"] = restarted_on
        # The mixed set: typical queries every server answered. One that a server cannot
        # finish (rdflib-endpoint cannot stop a query) would leave it busy for the whole run.
        mixed = [q for q in queries if q.kind == "typical" and out["queries"][q.name]["correct"][
            "agree"]]
        out["throughput_queries"] = [q.name for q in mixed]
        out["throughput"] = {}
        for name, e in running.items():
            ok, failed, wall = closed_loop(e.url, mixed, clients, seconds, timeout_s)
            out["throughput"][name] = throughput(ok, failed, wall, clients)
        for name, e in running.items():
            out["servers"][name]["memory_after_run"] = _memory(e.process.pid)
    if profile and "oxigraph" not in skipped:
        from bench.sparql_readonly import profile_read_paths

        provenance = next(q for q in queries if q.name == "provenance")
        out["read_only_path"] = profile_read_paths(data, nquads, work, provenance.query,
                                                   venv / "bin" / "oxigraph")
    out["skipped"] = skipped
    out["summary"] = summarise(out["queries"], out["throughput"],
                               {n: s["memory_after_run"] for n, s in out["servers"].items()})
    out["targets"] = check_targets(out["summary"])
    out["machine"]["load_avg_at_end"] = _loads()
    out["machine"]["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    return out


def _per_query(queries: list[BenchQuery], timed: dict, servers: list[str]) -> dict:
    rows = {}
    for q in queries:
        per_server = {s: latency(timed["ms"].get(q.name, {}).get(s, []),
                                 timed["errors"].get(q.name, {}).get(s, 0)) for s in servers}
        counts = {s: timed["rows"].get(q.name, {}).get(s) for s in servers}
        rows[q.name] = {"kind": q.kind, "form": q.form, "latency": per_server,
                        "ratios": ratios(per_server), "correct": agreement(counts)}
    return rows


def stage(data: Path, corpus: Path) -> dict:
    """The bench stage: the build in DATA, the work files beside it (DATA/../sparql-side), the
    comparison servers in the venv DATA/../venv."""
    return run(data, data.parent / "sparql-side", data.parent / "venv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a lapekg data directory with a current build")
    parser.add_argument("--work", type=Path, help="work files (default DATA/../sparql-side)")
    parser.add_argument("--venv", type=Path, help="venv of the comparison servers, made if "
                        "missing (default DATA/../venv)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rdflib-memory-gb", type=float, default=6,
                        help="cap of rdflib-endpoint's address space; skipped if the export "
                        "needs more")
    parser.add_argument("--budget-s", type=float, default=60,
                        help="time one server may spend on one query's rounds")
    parser.add_argument("--timeout-s", type=float, default=60,
                        help="a client's wait for one answer (oxigraph serve stops at 5 s less)")
    parser.add_argument("--no-profile", action="store_true",
                        help="skip the in-process read-only path profile")
    parser.add_argument("--output", type=Path, help="also write the JSON here")
    args = parser.parse_args()
    data = args.data.resolve()
    report = run(data, (args.work or data.parent / "sparql-side").resolve(),
                 (args.venv or data.parent / "venv").resolve(), args.rounds, args.clients,
                 args.seconds, args.budget_s, args.timeout_s, profile=not args.no_profile,
                 rdflib_memory_gb=args.rdflib_memory_gb)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.output:
        args.output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
