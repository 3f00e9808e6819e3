"""The pure side of the SPARQL side-by-side bench: rows counted from response bodies,
percentiles, per-query ratios between servers, the row-count agreement (correctness) column
and the summary checked against the issue's targets. No servers, no I/O."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence

OURS = "lapekg"
# The targets for the side-by-side run: (summary key, bound, True when higher is better).
TARGETS = (
    ("examples_max_p95_ms", 250, False),
    ("typical_max_p95_ms", 50, False),
    ("max_p50_ratio_vs_oxigraph", 1.2, False),
    ("min_speedup_vs_rdflib_endpoint", 10, True),
    ("throughput_share_of_oxigraph", 0.8, True),
    ("server_tree_pss_mb_after_run", 2500, False),
)


def count_rows(form: str, body: bytes) -> int:
    """Rows in a response: bindings of a SELECT (SPARQL JSON results), 1 or 0 for an ASK's
    true or false, distinct triples of a CONSTRUCT (N-Triples, one per line)."""
    if form == "CONSTRUCT":
        lines = {line.strip() for line in body.decode("utf-8").splitlines()}
        return sum(1 for line in lines if line and not line.startswith("#"))
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise ValueError(f"a {form} response is not SPARQL JSON results: {body[:120]!r}") from exc
    if form == "ASK":
        if "boolean" not in doc:
            raise ValueError(f"an ASK response has no 'boolean': {body[:120]!r}")
        return int(bool(doc["boolean"]))
    return len(doc["results"]["bindings"])


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between the closest ranks (as
    numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency(ms: Sequence[float], errors: int = 0) -> dict:
    """p50/p95 (ms, two decimals) of the timed requests, how many, and how many failed."""
    p50, p95 = percentile(ms, 50), percentile(ms, 95)
    return {"p50_ms": None if p50 is None else round(p50, 2),
            "p95_ms": None if p95 is None else round(p95, 2), "n": len(ms), "errors": errors}


def time_ratio(ours: float | None, other: float | None) -> float | None:
    """Our time over the other server's (below 1: ours is faster); None if either is missing."""
    if not ours or not other:
        return None
    return round(ours / other, 3)


def ratios(per_server: Mapping[str, Mapping], ours: str = OURS) -> dict:
    """For one query: lapekg's p50 and p95 over each other server's, keyed "lapekg/<server>"."""
    mine = per_server.get(ours, {})
    out: dict[str, dict] = {}
    for server, row in per_server.items():
        if server != ours:
            out[f"{ours}/{server}"] = {
                "p50": time_ratio(mine.get("p50_ms"), row.get("p50_ms")),
                "p95": time_ratio(mine.get("p95_ms"), row.get("p95_ms"))}
    return out


def agreement(rows: Mapping[str, int | str | None]) -> dict:
    """The correctness column for one query: each server's row count (or its error text) and
    whether every server answered with the same count."""
    counts = set(rows.values())
    agree = len(counts) == 1 and all(isinstance(n, int) for n in counts)
    return {"rows": dict(rows), "agree": agree}


def throughput(ok: int, errors: int, seconds: float, clients: int) -> dict:
    """Completed queries per second of wall time with `clients` concurrent clients."""
    return {"clients": clients, "seconds": round(seconds, 1), "ok": ok, "errors": errors,
            "queries_per_s": round(ok / seconds, 2) if seconds > 0 else None}


def summarise(queries: Mapping[str, Mapping], throughputs: Mapping[str, Mapping],
              memory_after: Mapping[str, Mapping], ours: str = OURS) -> dict:
    """The figures the targets are about, from the per-query rows (each with "kind",
    "latency" {server: latency()} and "correct" (agreement())), throughput and memory."""
    def ours_p95(kind: str) -> float | None:
        values = [q["latency"].get(ours, {}).get("p95_ms") for q in queries.values()
                  if q["kind"] == kind]
        if not values or any(v is None for v in values):
            return None
        return max(values)  # type: ignore[type-var]

    def extreme(other: str, pick, invert: bool) -> float | None:  # type: ignore[no-untyped-def]
        """Over the queries both servers answered; None if lapekg failed one the other
        answered (a query only the other server failed counts for lapekg, so it is left out)."""
        values = []
        for q in queries.values():
            mine, theirs = (q["latency"].get(s, {}).get("p50_ms") for s in (ours, other))
            if theirs is not None and not mine:
                return None
            if mine and theirs:
                values.append(theirs / mine if invert else mine / theirs)
        return round(pick(values), 2) if values else None

    tp = {name: row.get("queries_per_s") for name, row in throughputs.items()}
    share = None
    if tp.get(ours) is not None and tp.get("oxigraph"):
        share = round(tp[ours] / tp["oxigraph"], 3)
    pss = memory_after.get(ours, {}).get("pss_mb")
    return {
        "examples_max_p95_ms": ours_p95("example"),
        "typical_max_p95_ms": ours_p95("typical"),
        "max_p50_ratio_vs_oxigraph": extreme("oxigraph", max, False),
        "min_speedup_vs_rdflib_endpoint": extreme("rdflib_endpoint", min, True),
        "throughput_queries_per_s": tp,
        "throughput_share_of_oxigraph": share,
        "server_tree_pss_mb_after_run": pss,
        "all_row_counts_agree": all(q["correct"]["agree"] for q in queries.values()),
        "disagreeing_queries": sorted(n for n, q in queries.items() if not q["correct"]["agree"]),
    }


def check_targets(summary: Mapping, targets: Sequence = TARGETS) -> dict:
    """Each target with its bound, the measured value and whether it is met (None: unmeasured);
    `targets` are (summary key, bound, True when higher is better)."""
    out = {}
    for key, bound, higher in targets:
        value = summary.get(key)
        met = None if value is None else (value >= bound if higher else value <= bound)
        out[key] = {"bound": bound, "value": value, "met": met}
    return out


def markdown_table(queries: Mapping[str, Mapping], servers: Sequence[str]) -> str:
    """The per-query figures as a Markdown table: rows per server (✓ when all agree),
    p50 / p95 ms per server, lapekg's p50 over each other server's."""
    def ms(row: Mapping) -> str:
        if row.get("p50_ms") is None:
            return f"failed ({row.get('errors', 0)})"
        return f"{row['p50_ms']:,.1f} / {row['p95_ms']:,.1f}"

    others = [s for s in servers if s != OURS]
    head = ["query", "rows", *(f"{s} p50 / p95 ms" for s in servers),
            *(f"{OURS}/{s} p50" for s in others)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, q in queries.items():
        rows = q["correct"]["rows"]
        if q["correct"]["agree"]:
            counted = f"{next(iter(rows.values())):,} ✓"
        else:
            counted = ", ".join(f"{s} {rows.get(s) if isinstance(rows.get(s), int) else 'error'}"
                                for s in servers)
        ratios_ = [q["ratios"].get(f"{OURS}/{s}", {}).get("p50") for s in others]
        cells = [f"{name} ({q['kind']})", counted, *(ms(q["latency"].get(s, {})) for s in servers),
                 *("—" if r is None else f"{r:.2f}" for r in ratios_)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
