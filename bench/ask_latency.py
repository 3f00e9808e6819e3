"""`ask` latency on a build: a fixed set of varied questions (Finnish and English, the kinds `ask`
answers and a few it cannot), answered warm, in process (the answerer `lapekg serve` runs) or
over HTTP (`/api/ask` of a running server); p50 / p95 over every timed answer.

    LAPEKG_DATA=DATA python -m bench.ask_latency --rounds 3 --output result.json  # both graphs
    python -m bench.ask_latency --url http://127.0.0.1:8000 --rounds 3
    python -m bench.ask_latency --url http://127.0.0.1:8000 --url http://127.0.0.1:8001  # A/B
    LAPEKG_DATA=DATA python -m bench.ask_latency --profile ask.prof   # cProfile of one round
    LAPEKG_DATA=DATA python -m bench.ask_latency --graph memory --stages  # CPU per stage

Every timed question is asked as a new one: the encoder keeps the vectors of the last few
questions, so in process that memory is emptied before each timed answer, and over HTTP round r
sends the question with r trailing spaces (the same words and vector, another cache key).
Besides wall time, in process each answer's CPU time (this thread's) is reported: on a machine
shared with other work, wall time grows with the load average and CPU time hardly does.

The questions are our own wording, written for timing only: they never tune anything, and
whether an answer is right is not measured here (the eval sets do that).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (kind, language, question). Varied on purpose: upper and lower case, with and without
# punctuation, names the build holds and topics it does not.
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("places", "fi", "Missä maakunnissa kokeiltiin perhekeskusmallia?"),
    ("places", "fi", "missä kunnissa otettiin käyttöön lapset puheeksi menetelmä"),
    ("places", "en", "Which regions piloted a named-worker model?"),
    ("places", "en", "where was the family centre model taken into use"),
    ("places", "fi", "Mitkä maakunnat kouluttivat työntekijöitä Lapset puheeksi -työhön?"),
    ("places", "en", "In which municipalities was home-based family rehabilitation tried?"),
    ("methods", "fi", "Mitä menetelmiä Kainuussa kokeiltiin?"),
    ("methods", "fi", "mitä toimintamalleja pohjois-karjalassa otettiin käyttöön"),
    ("methods", "en", "What working models did Etelä-Savo develop?"),
    ("methods", "en", "Which methods were trained in Central Ostrobothnia?"),
    ("methods", "fi", "Mitä Soite kehitti perheiden tueksi?"),
    ("admin", "fi", "Kuka hallinnoi Lupa auttaa! -hanketta?"),
    ("admin", "fi", "kuka hallinnoi p-k lape hanketta"),
    ("admin", "en", "Who administered the Lupa auttaa project?"),
    ("admin", "en", "Which projects did Soite administer?"),
    ("admin", "fi", "Ketkä olivat P-K LAPE -hankkeen kumppaneita?"),
    ("admin", "en", "Which regions' LAPE projects were run by a city?"),
    ("funding", "fi", "Paljonko rahoitusta P-K LAPE sai?"),
    ("funding", "en", "How much funding was granted to the Lupa auttaa project?"),
    ("dates", "fi", "Milloin P-K LAPE -hanke alkoi ja päättyi?"),
    ("dates", "en", "When did the Kainuu LAPE project end?"),
    ("dates", "fi", "mikä oli lupa auttaa hankkeen hankeaika"),
    ("people", "fi", "Kuka on Keski-Pohjanmaan LAPE-muutosagentti?"),
    ("people", "en", "Who was the change agent in Päijät-Häme?"),
    ("people", "fi", "Ketkä Soiten työntekijät olivat mukana?"),
    ("people", "en", "Which people from SOS-Lapsikylä took part?"),
    ("topic", "fi", "Missä maakunnissa tuettiin eroavia vanhempia?"),
    ("topic", "en", "which regions worked on services for separating parents"),
    ("topic", "fi", "Mitä tehtiin maahanmuuttajaperheiden hyväksi?"),
    ("topic", "en", "What was done for families going through divorce?"),
    ("topic", "fi", "missä kehitettiin perheiden kohtaamispaikkoja"),
    ("topic", "en", "Where were low-threshold meeting places for families opened?"),
    ("facts", "en", "How many volunteers did the Lupa auttaa project recruit?"),
    ("facts", "fi", "Montako perhettä osallistui perhevalmennukseen Kainuussa?"),
    ("facts", "fi", "Kuinka monta työntekijää koulutettiin lapset puheeksi -menetelmään?"),
    ("facts", "en", "How many professionals were trained in Satakunta?"),
    ("absent", "fi", "Missä maakunnissa kokeiltiin nelipäiväistä työviikkoa päiväkodeissa?"),
    ("absent", "en", "Which regions built a children's space observatory?"),
    ("absent", "fi", "Kuka hallinnoi Ahvenanmaan lohiprojektia?"),
    ("absent", "en", "How much funding did the Lapland reindeer project receive?"),
)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def in_process_services(data: Path | None) -> tuple[Any, dict]:
    """The services `lapekg serve` loads for the live generation, warmed up, with the in-memory
    copy of the graph loaded; and what that copy cost (seconds, resident MB before / after)."""
    from api.components import load_services
    from api.settings import Settings
    from api.sparql_worker import resident_mb

    settings = Settings() if data is None else Settings(data=data)
    services = load_services(settings, serving=True)
    before = resident_mb()
    copy = services.answerer.store
    if copy is not services.store:
        copy._thread.join()
    services.warm_up()
    return services, {"memory_graph_loaded_s": getattr(copy, "loaded_s", None),
                      "rss_mb_before_copy": round(before),
                      "rss_mb_after_copy": round(resident_mb())}


def graph_asker(services: Any, graph: str) -> Callable[[str], int]:
    """ask on the given graph: "memory" (the in-memory copy ask uses) or "disk" (the store)."""
    store = services.answerer.store if graph == "memory" else services.store

    def ask(q: str) -> int:
        services.answerer.store = store
        return len(services.answerer.ask(q).answers)

    return ask


def forget_questions(services: Any) -> Callable[[], None]:
    """Empties the encoder's memory of recent questions, so the next one is encoded anew."""
    recent = getattr(services.searcher.encoder, "_recent", None)
    return recent.clear if recent is not None else (lambda: None)


def http_asker(url: str) -> tuple[Callable[[str], int], Callable[[], None]]:
    """GET {url}/api/ask?q=… over one keep-alive connection; returns (ask, close)."""
    import httpx

    client = httpx.Client(timeout=120, trust_env=False)

    def ask(q: str) -> int:
        response = client.get(url.rstrip("/") + "/api/ask", params={"q": q})
        response.raise_for_status()
        return len(response.json()["answers"])

    return ask, client.close


def measure(asks: dict[str, Callable[[str], int]], rounds: int,
            forget: Callable[[], None] | None = None, http: bool = False) -> dict:
    """Per way of asking (e.g. the in-memory and the disk graph): one untimed round (it warms
    the corpus-wide caches: labels, sentences' place names), then `rounds` timed rounds, the
    ways interleaved question by question, each question new to the encoder (`forget` before it
    in process; `http`: r trailing spaces in round r); overall, per kind and per question
    p50 / p95 in ms (wall, and CPU in process)."""
    answers = {name: {q: ask(q) for _, _, q in QUESTIONS} for name, ask in asks.items()}
    times: dict[str, dict[str, list[float]]] = {n: {q: [] for _, _, q in QUESTIONS} for n in asks}
    cpu: dict[str, dict[str, list[float]]] = {n: {q: [] for _, _, q in QUESTIONS} for n in asks}
    for r in range(rounds):
        for _, _, q in QUESTIONS:
            names = list(asks)
            for name in names[r % len(names):] + names[:r % len(names)]:
                if forget is not None:
                    forget()
                started, cpu_started = time.perf_counter(), time.thread_time()
                asks[name](q + " " * (r + 1) if http else q)
                times[name][q].append((time.perf_counter() - started) * 1000)
                cpu[name][q].append((time.thread_time() - cpu_started) * 1000)
    return {name: _summary(times[name], answers[name], None if http else cpu[name])
            for name in asks}


def measure_stages(services: Any, rounds: int) -> dict:
    """CPU and wall time per stage of `ask` (bench/ask_stages.py) on the answerer as loaded,
    over `rounds` rounds after one untimed one, each question new to the encoder."""
    from bench.ask_stages import instrument, summarise

    ask = services.answerer.ask
    forget = forget_questions(services)
    for _, _, q in QUESTIONS:
        ask(q)
    clock, restore = instrument(services.answerer)
    per_answer: list[dict[str, tuple[float, float]]] = []
    per_question: dict[str, list[dict[str, tuple[float, float]]]] = {}
    try:
        for _ in range(rounds):
            for _, _, q in QUESTIONS:
                forget()
                spent = clock.answer(services.answerer.ask, q)
                per_answer.append(spent)
                per_question.setdefault(q, []).append(spent)
    finally:
        restore()
    out = summarise(per_answer, percentile)
    slowest = sorted(per_question.items(),
                     key=lambda kv: -min(sum(c for c, _ in a.values()) for a in kv[1]))[:8]
    out["slowest"] = [{"question": q, "cpu_ms_min": round(min(
        sum(c for c, _ in a.values()) for a in runs), 1), "by_stage_cpu_ms": {
        stage: round(min(a.get(stage, (0.0, 0.0))[0] for a in runs), 1)
        for stage in sorted(runs[0], key=lambda s: -runs[0][s][0])}} for q, runs in slowest]
    return out


def _summary(times: dict[str, list[float]], answers: dict[str, int],
             cpu: dict[str, list[float]] | None = None) -> dict:
    every = [t for ts in times.values() for t in ts]
    cpu_every = [t for ts in (cpu or {}).values() for t in ts]
    per_kind: dict[str, list[float]] = {}
    for kind, _, q in QUESTIONS:
        per_kind.setdefault(kind, []).extend(times[q])
    return {
        "n": len(every),
        "p50_ms": round(percentile(every, 50), 1),
        "p95_ms": round(percentile(every, 95), 1),
        "max_ms": round(max(every), 1),
        **({"cpu_ms_p50": round(percentile(cpu_every, 50), 1),
            "cpu_ms_p95": round(percentile(cpu_every, 95), 1)} if cpu_every else {}),
        "per_kind": {k: {"p50_ms": round(percentile(v, 50), 1),
                         "p95_ms": round(percentile(v, 95), 1)} for k, v in per_kind.items()},
        "questions": [{"kind": kind, "lang": lang, "question": q, "answers": answers[q],
                       "p50_ms": round(percentile(times[q], 50), 1),
                       "max_ms": round(max(times[q]), 1),
                       **({"cpu_ms_min": round(min(cpu[q]), 1)} if cpu else {})}
                      for kind, lang, q in QUESTIONS],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="data directory (default: $LAPEKG_DATA)")
    parser.add_argument("--url", action="append",
                        help="a running server's base URL: time GET /api/ask instead; give it "
                             "twice or more to time servers interleaved, question by question")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the set")
    parser.add_argument("--output", type=Path, help="write the result as JSON here")
    parser.add_argument("--profile", type=Path, help="cProfile one round into this file")
    parser.add_argument("--graph", choices=("both", "memory", "disk"), default="both",
                        help="in process: ask on the in-memory copy of the graph (what serve "
                             "uses), on the disk store, or both interleaved")
    parser.add_argument("--stages", action="store_true",
                        help="in process: CPU and wall time per stage of ask, on --graph")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    if args.url and (args.stages or args.profile):
        parser.error("--stages and --profile time ask in process: leave out --url")
    if args.stages and args.graph == "both":
        parser.error("--stages times one graph: give --graph memory or --graph disk")
    load_start = os.getloadavg()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    copy: dict = {}
    if args.url:
        clients = {url: http_asker(url) for url in args.url}
        asks = {url: ask for url, (ask, _) in clients.items()}

        def close() -> None:
            for _, done in clients.values():
                done()
    else:
        services, copy = in_process_services(args.data)
        close = services.close
        graphs = ["memory", "disk"] if args.graph == "both" else [args.graph]
        asks = {g: graph_asker(services, g) for g in graphs}
    try:
        if args.profile:
            import cProfile

            ask = next(iter(asks.values()))
            for _, _, q in QUESTIONS:  # warm, outside the profile
                ask(q)
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [ask(q) for _, _, q in QUESTIONS])
            profiler.dump_stats(str(args.profile))
            print(f"profile of one round written to {args.profile}", file=sys.stderr)
            return 0
        if args.stages:
            if args.graph == "disk":
                services.answerer.store = services.store
            result = {args.graph: measure_stages(services, args.rounds)}
        else:
            result = measure(asks, args.rounds, None if args.url else forget_questions(services),
                             http=bool(args.url))
    finally:
        close()
    out = {"machine": {"cores": os.cpu_count(), "load_avg_at_start": load_start,
                       "load_avg_at_end": os.getloadavg(), "started": started},
           "mode": "http " + " ".join(args.url) if args.url else "in process", **copy,
           "data": str(args.data or os.environ.get("LAPEKG_DATA", "data")),
           "rounds": args.rounds, "questions": len(QUESTIONS), "fresh_questions": True,
           "stages" if args.stages else "by_graph": result}
    text = json.dumps(out, ensure_ascii=False, indent=1)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(json.dumps({"load": [load_start[0], out["machine"]["load_avg_at_end"][0]], **copy,
                      **{name: {k: r[k] for k in ("n", "p50_ms", "p95_ms", "max_ms", "cpu_ms_p50",
                                                  "cpu_ms_p95", "answers", "stages") if k in r}
                         for name, r in result.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
