"""rdflib-endpoint over rdflib's in-memory store of an N-Quads file, on 127.0.0.1.

Run with the bench's own venv (which has rdflib-endpoint, not lapekg):

    VENV/bin/python bench/rdflib_endpoint_serve.py EXPORT.nq --port 8000 [--memory-gb 6]

The dataset's default graph is the file's default graph, not the union of its graphs
(`rdflib-endpoint serve` would set default_union=True): lapekg's export holds the RDF merge
there, so all servers of the bench answer over the same graph. The endpoint is at /. The process's
address space is capped at --memory-gb (its memory store took 375 MB for 250 k quads, and
1.8 GB while answering one heavy join): past it, loading or the query fails instead of taking
the machine's memory.
"""

from __future__ import annotations

import argparse
import sys
import time


def main() -> None:
    import resource

    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nquads")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--memory-gb", type=float, default=6)
    args = parser.parse_args()
    limit = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    started = time.perf_counter()
    dataset = Dataset(default_union=False)
    dataset.parse(args.nquads, format="nquads")
    print(f"loaded {args.nquads} in {time.perf_counter() - started:.1f} s", file=sys.stderr,
          flush=True)
    app = SparqlEndpoint(graph=dataset, path="/")
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
