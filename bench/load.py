"""Load test of a lapekg server on loopback: N concurrent clients for T s, search and SPARQL.

    LAPEKG_DATA=data .venv/bin/lapekg serve --port 8765 &
    .venv/bin/python -m bench.load --url http://127.0.0.1:8765 --clients 200 --seconds 60

Each client loops over a fixed mix (half /api/search, half /sparql) until the time is up, then
stops; the report gives requests, errors (any non-2xx or transport error) and p50/p95/p99
latency per endpoint. Only loopback addresses are accepted as targets. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import socket
import statistics
import time
from collections import Counter, defaultdict
from urllib.parse import urlparse

SEARCHES = ["perhekeskus Asikkala", "omatyöntekijä", "which regions piloted a family centre",
            "Lapset puheeksi", "muutosagentti Keski-Pohjanmaa", "Hartola perhekeskus"]
QUERIES = [
    "PREFIX lape: <https://w3id.org/lapekg/ontology#> SELECT ?d WHERE { ?d a lape:Document }",
    "PREFIX lape: <https://w3id.org/lapekg/ontology#> PREFIX rdf: "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT ?s ?p ?o WHERE { ?st a lape:Statement ;"
    " rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } LIMIT 50",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }",
]


def loopback_only(url: str) -> None:
    host = urlparse(url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        raise SystemExit(f"refusing to load-test {host}: only loopback targets are allowed")


async def client(http, n: int, deadline: float, results: dict, errors: Counter) -> None:
    i = n
    while time.monotonic() < deadline:
        i += 1
        if i % 2:
            name, call = "search", http.get("/api/search",
                                            params={"q": SEARCHES[i % len(SEARCHES)], "k": 10})
        else:
            name, call = "sparql", http.post("/sparql", data={"query": QUERIES[i % len(QUERIES)]},
                                             headers={"accept": "application/sparql-results+json"})
        started = time.monotonic()
        try:
            response = await call
            ok = 200 <= response.status_code < 300
            if not ok:
                errors[f"{name} {response.status_code}"] += 1
        except Exception as exc:  # noqa: BLE001 - every failure is counted, the run goes on
            ok = False
            errors[f"{name} {type(exc).__name__}"] += 1
        if ok:
            results[name].append(time.monotonic() - started)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else (values[0] if values else float("nan"))


async def main(url: str, clients: int, seconds: float, timeout: float) -> dict:
    import httpx

    loopback_only(url)
    results: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(client(http, n, deadline, results, errors)
                               for n in range(clients)))
        elapsed = time.monotonic() - started
    report = {"url": url, "clients": clients, "seconds": round(elapsed, 1),
              "errors": dict(errors), "endpoints": {}}
    for name, values in sorted(results.items()):
        report["endpoints"][name] = {
            "ok": len(values), "per_s": round(len(values) / elapsed, 1),
            "p50_ms": round(percentile(values, 50) * 1000),
            "p95_ms": round(percentile(values, 95) * 1000),
            "p99_ms": round(percentile(values, 99) * 1000)}
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=120, help="per request, seconds")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.url, args.clients, args.seconds, args.timeout)),
                     indent=1))
