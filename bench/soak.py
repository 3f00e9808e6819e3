"""Soak test: a real `lapekg serve` under N concurrent clients for T s while `lapekg add` runs.

    LAPEKG_DATA=data-soak .venv/bin/lapekg build corpus        # once
    LAPEKG_DATA=data-soak .venv/bin/python -m bench.soak --clients 100 --seconds 60

It starts the server on a free loopback port over $LAPEKG_DATA, lets N clients loop over a mix
(search, ask, SPARQL SELECT, the VoID and the service description; one client runs a heavy
join over and over), starts one `lapekg add` of a generated
document after `--add-after` seconds, and at the end checks that the server switched to the new
generation (a search finds the added document's marker word). It prints one JSON object:
requests, errors (any non-2xx or transport error, by endpoint and status), p50/p95 latency per
endpoint, the add's duration and exit code, and whether the new data was served. Exit code 1
when anything failed. Loopback only; not part of `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.load import QUERIES, SEARCHES

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["Mitä menetelmiä Kainuussa kokeiltiin?", "Kuka hallinnoi Lupa auttaa! -hanketta?",
             "which regions piloted a named-worker model"]
# A join over every passage and document pair of a type: a few seconds on the seed build.
LONG_QUERY = ("PREFIX lape: <https://w3id.org/lapekg/ontology#> SELECT (COUNT(*) AS ?n) "
              "WHERE { ?p lape:inDocument ?d . ?q lape:inDocument ?e . FILTER(?d != ?e) }")
MARKER = "Soakkilan"
NEW_DOCUMENT = (f"{MARKER} perhekeskus avattiin vuonna 2019. Kainuun perhekeskuksessa "
                "kokeiltiin omatyöntekijämallia, ja vanhemmille tarjottiin vertaisryhmiä. ") * 6


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


async def _client(http, n: int, deadline: float, latencies: dict, errors: Counter,  # type: ignore[no-untyped-def]
                  skip: set[str]) -> None:
    i = n
    while time.monotonic() < deadline:
        i += 1
        if i % 16 == 15 and "description" in skip:
            continue
        kind = i % 8
        if kind < 3:
            name, call = "search", http.get("/api/search", params={
                "q": SEARCHES[i % len(SEARCHES)], "k": 10})
        elif kind < 5:
            name, call = "ask", http.get("/api/ask", params={"q": QUESTIONS[i % len(QUESTIONS)]})
        elif kind < 7:
            name, call = "sparql", http.post(
                "/sparql", data={"query": QUERIES[i % len(QUERIES)]},
                headers={"accept": "application/sparql-results+json"})
        elif i % 16 == 7:
            name, call = "void", http.get("/.well-known/void")
        else:
            name, call = "description", http.get("/sparql", headers={"accept": "text/turtle"})
        started = time.monotonic()
        try:
            response = await call
            if response.status_code >= 300:
                errors[f"{name} {response.status_code}"] += 1
                continue
        except Exception as exc:  # noqa: BLE001 - every failure is counted, the run goes on
            errors[f"{name} {type(exc).__name__}"] += 1
            continue
        latencies[name].append(time.monotonic() - started)


async def _long_queries(http, deadline: float, latencies: dict, errors: Counter) -> None:  # type: ignore[no-untyped-def]
    """One client that keeps a heavy join running (seconds each, under the time limit)."""
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            r = await http.post("/sparql", data={"query": LONG_QUERY},
                                headers={"accept": "application/sparql-results+json"})
            if r.status_code >= 300:
                errors[f"long {r.status_code}"] += 1
                continue
        except Exception as exc:  # noqa: BLE001
            errors[f"long {type(exc).__name__}"] += 1
            continue
        latencies["long"].append(time.monotonic() - started)


async def _soak(url: str, clients: int, seconds: float, add_after: float,
                add_file: Path, skip: set[str]) -> dict:
    import httpx

    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        deadline = time.monotonic() + seconds
        tasks = [asyncio.create_task(_client(http, n, deadline, latencies, errors, skip))
                 for n in range(clients - 1)]
        if "long" not in skip:
            tasks.append(asyncio.create_task(_long_queries(http, deadline, latencies, errors)))
        await asyncio.sleep(add_after)
        started = time.monotonic()
        add = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "api.cli", "add", str(add_file), cwd=ROOT, env=_env(),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        _, add_err = await add.communicate()
        add_s = time.monotonic() - started
        await asyncio.gather(*tasks)
        # The server follows CURRENT within a second or so (plus loading the new generation).
        served = False
        for _ in range(120):
            r = await http.get("/api/search", params={"q": MARKER, "k": 3})
            if r.status_code == 200 and any(MARKER in h["text"] for h in r.json()["results"]):
                served = True
                break
            await asyncio.sleep(1)
    stats = {name: {"requests": len(xs), "p50_ms": round(statistics.median(xs) * 1000, 1),
                    "p95_ms": round(sorted(xs)[int(0.95 * (len(xs) - 1))] * 1000, 1)}
             for name, xs in sorted(latencies.items()) if xs}
    return {"clients": clients, "seconds": seconds,
            "requests": sum(len(xs) for xs in latencies.values()),
            "errors": sum(errors.values()), "errors_by_kind": dict(errors),
            "endpoints": stats, "add_s": round(add_s, 1), "add_exit": add.returncode,
            "add_stderr_tail": add_err.decode(errors="replace")[-400:] if add.returncode else "",
            "new_generation_served": served}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--add-after", type=float, default=10)
    parser.add_argument("--skip", action="append", default=[], choices=["description", "long"],
                        help="leave out the service description requests or the heavy join")
    args = parser.parse_args()
    if "LAPEKG_DATA" not in os.environ:
        raise SystemExit("set LAPEKG_DATA to a data dir with a build (lapekg build corpus)")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        add_file = Path(tmp) / f"soak_{int(time.time())}.txt"
        add_file.write_text(NEW_DOCUMENT, encoding="utf-8")
        log = Path(tmp) / "serve.log"
        with log.open("w") as out:
            server = subprocess.Popen(
                [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1",
                 "--port", str(port)], cwd=ROOT, env=_env(), stdout=out,
                stderr=subprocess.STDOUT)
        try:
            _wait_up(url, server, log)
            result = asyncio.run(_soak(url, args.clients, args.seconds, args.add_after,
                                       add_file, set(args.skip)))
            result["server_alive"] = server.poll() is None
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    ok = not result["errors"] and result["add_exit"] == 0 and result["new_generation_served"]
    raise SystemExit(0 if ok and result["server_alive"] else 1)


def _wait_up(url: str, server: subprocess.Popen, log: Path) -> None:  # type: ignore[type-arg]
    import httpx

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(url + "/api/search", params={"q": "perhekeskus"}).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit("the server did not come up in 300 s")


if __name__ == "__main__":
    main()
