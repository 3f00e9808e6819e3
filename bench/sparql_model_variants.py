"""Provenance and the 3-hop join on derived links, against the queries as written: does a
graph-model change bring them to 50 ms at 100×? (bench/FINDINGS-sparql-provenance.md)

    python -m bench.sparql_model_variants STORE_COPY [--rounds 15] [--memory]

STORE_COPY is a COPY of a build's store directory (`cp -a DATA/generations/<id>/store DIR`):
the links are added to it, never to a build. Added, each once per distinct pair, in the default
graph: `?st lape:inDocument ?doc` and `?st lape:documentTitle ?title` (a statement's passage
lies in one document), `?doc lape:mentionsMethod ?m` (a document and a working model that a
statement sourced in it names). Then every variant runs through lapekg's run_query on the copy
opened read-only, interleaved; CPU and wall p50/p95, and the rows (each variant must give its
query's row count). --memory also times them on an in-memory copy of the default graph.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from bench.sparql_queries import PREFIXES, TYPICAL

LAPE = "https://w3id.org/lapekg/ontology#"
_ORIGINAL = {q.name: q.query for q in TYPICAL}
VARIANTS = {
    "provenance": _ORIGINAL["provenance"],
    "provenance_st_doc": PREFIXES + """
SELECT ?st ?actor ?predicate ?method ?passage ?document ?title WHERE {
  VALUES ?predicate { lape:piloted lape:implemented lape:trained }
  ?st a lape:Statement ; rdf:subject ?actor ; rdf:predicate ?predicate ; rdf:object ?method ;
      lape:sourcePassage ?passage ; lape:inDocument ?document .
  ?document dcterms:title ?title .
}""",
    "provenance_row": PREFIXES + """
SELECT ?st ?actor ?predicate ?method ?passage ?document ?title WHERE {
  VALUES ?predicate { lape:piloted lape:implemented lape:trained }
  ?st rdf:predicate ?predicate ; rdf:subject ?actor ; rdf:object ?method ;
      lape:sourcePassage ?passage ; lape:inDocument ?document ; lape:documentTitle ?title .
}""",
    "three_hop": _ORIGINAL["three_hop"],
    "three_hop_st_doc": PREFIXES + """
SELECT DISTINCT ?methodName ?regionName ?document WHERE {
  ?st rdf:object ?method ; lape:inDocument ?document .
  ?document lape:aboutRegion ?region .
  ?method a lape:Method ; skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi")
  ?region skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
}""",
    "three_hop_doc_method": PREFIXES + """
SELECT DISTINCT ?methodName ?regionName ?document WHERE {
  ?document lape:mentionsMethod ?method ; lape:aboutRegion ?region .
  ?method skos:prefLabel ?methodName . FILTER(lang(?methodName) = "fi")
  ?region skos:prefLabel ?regionName . FILTER(lang(?regionName) = "fi")
}""",
    "floor_one_pattern": PREFIXES + """
SELECT ?st ?passage WHERE { ?st lape:sourcePassage ?passage } LIMIT 4427""",
}
_LINKS = PREFIXES + """
SELECT DISTINCT ?st ?document ?title WHERE {
  ?st a lape:Statement ; lape:sourcePassage ?passage . ?passage lape:inDocument ?document .
  OPTIONAL { ?document dcterms:title ?title }
}"""
_PAIRS = PREFIXES + """
SELECT DISTINCT ?document ?method WHERE {
  ?st rdf:object ?method ; lape:sourcePassage ?passage . ?passage lape:inDocument ?document .
  ?method a lape:Method
}"""
JSON = "application/sparql-results+json"


def add_links(location: Path) -> dict:
    """Add the derived links to the store copy at `location` (once: skipped if present)."""
    import pyoxigraph as ox

    store = ox.Store(str(location))
    title = ox.NamedNode(LAPE + "documentTitle")
    if next(iter(store.quads_for_pattern(None, title, None, ox.DefaultGraph())), None):
        return {"added": 0, "note": "the links were already there"}
    out, quads = {}, []
    for name, query, build in (
            ("statement_document", _LINKS, lambda r: [
                (r["st"], "inDocument", r["document"]),
                *([(r["st"], "documentTitle", r["title"])] if r["title"] is not None else [])]),
            ("document_method", _PAIRS, lambda r: [(r["document"], "mentionsMethod",
                                                    r["method"])])):
        started = time.process_time()
        rows = list(store.query(query))
        out[f"{name}_rows"] = len(rows)
        out[f"{name}_cpu_s"] = round(time.process_time() - started, 2)
        quads += [ox.Quad(s, ox.NamedNode(LAPE + p), o, ox.DefaultGraph())
                  for r in rows for s, p, o in build(r)]
    store.extend(quads)
    store.flush()
    out["added"] = len(quads)
    return out


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def time_variants(store, rounds: int) -> dict:  # type: ignore[no-untyped-def]
    """Rows, and CPU / wall p50 and p95 (ms) of each variant, rounds interleaved."""
    from graph.sparql import run_query

    rows = {name: len(json.loads(run_query(store, q, JSON, 10_000)[0])["results"]["bindings"])
            for name, q in VARIANTS.items()}
    cpu: dict[str, list[float]] = {n: [] for n in VARIANTS}
    wall: dict[str, list[float]] = {n: [] for n in VARIANTS}
    for _ in range(rounds):
        for name, query in VARIANTS.items():
            w, c = time.perf_counter(), time.process_time()
            run_query(store, query, JSON, 10_000)
            wall[name].append((time.perf_counter() - w) * 1000)
            cpu[name].append((time.process_time() - c) * 1000)
    return {n: {"rows": rows[n],
                "cpu_ms_p50": round(statistics.median(cpu[n]), 1),
                "cpu_ms_p95": round(_p95(cpu[n]), 1),
                "wall_ms_p50": round(statistics.median(wall[n]), 1),
                "wall_ms_p95": round(_p95(wall[n]), 1)} for n in VARIANTS}


def main(argv: list[str] | None = None) -> int:
    import os

    import pyoxigraph as ox

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store_copy", type=Path, help="a COPY of a build's store directory")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--memory", action="store_true",
                        help="also time an in-memory copy of the default graph")
    args = parser.parse_args(argv)
    if not (args.store_copy / "CURRENT").exists():
        parser.error(f"{args.store_copy}: not an Oxigraph store directory (no CURRENT file); "
                     "copy a build's generations/<id>/store there first")
    out: dict = {"load_avg_start": os.getloadavg()[0], "links": add_links(args.store_copy)}
    store = ox.Store.read_only(str(args.store_copy))
    out["on_disk"] = time_variants(store, args.rounds)
    if args.memory:
        memory = ox.Store()
        memory.extend(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        out["in_memory"] = time_variants(memory, max(3, args.rounds // 3))
    out["load_avg_end"] = os.getloadavg()[0]
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
