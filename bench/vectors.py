"""The vector-only test: a million 384-d passage vectors in FAISS, exact (Flat) against
approximate (IVF-PQ, HNSW): build time, single-query latency, recall@10, size in memory.

    python -m bench.vectors DATA_DIR [N] [--hnsw-budget-s 600]

The vectors are real passage vectors of the build in DATA_DIR, perturbed (Gaussian noise, then
normalised again: cosine about 0.97 to their source, about 0.94 between two copies, above the
~0.8 of unrelated passages) so that the million keeps the clustered shape of real text
embeddings; uniform random vectors have none. Besides recall@10 against the exact search, each
index reports how often its top 10 holds a copy of the query's own source passage.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

DIM = 384
NOISE = 0.0128  # per dimension: |noise|² ≈ 384 · 0.0128² ≈ 0.063, cosine to the source ≈ 0.97
QUERIES = 200
K = 10


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _normalise(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def base_vectors(data: Path) -> np.ndarray:
    """The live generation's passage vectors (reconstructed from its FAISS index)."""
    import faiss

    from api.generations import Generations

    index = faiss.read_index(str(Generations(data).require_current() / "vectors.faiss"))
    inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
    return inner.reconstruct_n(0, inner.ntotal).astype(np.float32)


def perturbed(base: np.ndarray, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n noisy copies of base vectors, and which base vector each copies."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    source = rng.integers(0, len(base), n)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        rows = base[source[start:stop]]
        out[start:stop] = _normalise(rows + rng.normal(0, NOISE, rows.shape).astype(np.float32))
    return out, source


def _disk_bytes(index) -> int:  # type: ignore[no-untyped-def]
    import faiss

    with tempfile.NamedTemporaryFile(dir=os.environ.get("TMPDIR")) as handle:
        faiss.write_index(index, handle.name)
        return os.path.getsize(handle.name)


def _latency(index, queries: np.ndarray) -> tuple[dict, list[set[int]]]:  # type: ignore[no-untyped-def]
    import faiss

    faiss.omp_set_num_threads(1)  # as the query side serves: one query, one thread
    ms, found = [], []
    for q in queries:
        start = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), K)
        ms.append((time.perf_counter() - start) * 1000)
        found.append({int(i) for i in ids[0] if i >= 0})
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2), "n": len(ms)}, found


def _recall(found: list[set[int]], truth: list[set[int]]) -> float:
    return round(float(np.mean([len(f & t) / K for f, t in zip(found, truth, strict=True)])), 3)


def _source_hit(found: list[set[int]], source: np.ndarray, query_source: np.ndarray) -> float:
    return round(float(np.mean([query_source[i] in {source[j] for j in f}
                                for i, f in enumerate(found)])), 3)


def run(data: Path, n: int, hnsw_budget_s: float) -> dict:
    import faiss

    base = base_vectors(data)
    x, source = perturbed(base, n, seed=1)
    queries, query_source = perturbed(base, QUERIES, seed=2)
    out: dict = {"n": n, "dim": DIM, "base_vectors": len(base), "noise_sigma": NOISE,
                 "vectors_mb": round(x.nbytes / 2**20), "indexes": {}}

    rss = _rss_mb()
    start = time.perf_counter()
    flat = faiss.IndexFlatIP(DIM)
    flat.add(x)
    row = {"build_s": round(time.perf_counter() - start, 1),
           "memory_mb": round(_rss_mb() - rss), "bytes": int(flat.ntotal) * DIM * 4}
    row["query"], truth = _latency(flat, queries)
    row["recall_at_10"] = 1.0
    row["source_hit_at_10"] = _source_hit(truth, source, query_source)
    out["indexes"]["Flat"] = row
    del flat

    rss = _rss_mb()
    start = time.perf_counter()
    ivf = faiss.index_factory(DIM, "IVF1024,PQ48", faiss.METRIC_INNER_PRODUCT)
    ivf.train(x[np.random.default_rng(3).choice(n, min(n, 65_536), replace=False)])
    train_s = time.perf_counter() - start
    ivf.add(x)
    row = {"build_s": round(time.perf_counter() - start, 1), "train_s": round(train_s, 1),
           "memory_mb": round(_rss_mb() - rss), "bytes": _disk_bytes(ivf)}
    for nprobe in (16, 64):
        faiss.extract_index_ivf(ivf).nprobe = nprobe
        latency, found = _latency(ivf, queries)
        row[f"nprobe_{nprobe}"] = {"query": latency, "recall_at_10": _recall(found, truth),
                                   "source_hit_at_10": _source_hit(found, source, query_source)}
    row["query"] = row["nprobe_16"]["query"]
    out["indexes"]["IVF1024,PQ48"] = row
    del ivf

    rss = _rss_mb()
    hnsw = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 40
    start = time.perf_counter()
    added = 0
    for chunk in range(0, n, 50_000):
        hnsw.add(x[chunk:chunk + 50_000])
        added = hnsw.ntotal
        if time.perf_counter() - start > hnsw_budget_s and added < n:
            break
    build_s = time.perf_counter() - start
    row = {"added": int(added), "build_s": round(build_s, 1),
           "memory_mb": round(_rss_mb() - rss)}
    if added < n:
        row["note"] = (f"stopped at the {hnsw_budget_s:.0f} s budget; full build estimated at "
                       f"{build_s * n / added:.0f} s (insertion slows as the graph grows, so "
                       "this underestimates)")
        row["estimated_build_s"] = round(build_s * n / added)
    else:
        hnsw.hnsw.efSearch = 96
        row["bytes"] = _disk_bytes(hnsw)
        row["query"], found = _latency(hnsw, queries)
        row["recall_at_10"] = _recall(found, truth)
        row["source_hit_at_10"] = _source_hit(found, source, query_source)
    out["indexes"]["HNSW32"] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--hnsw-budget-s", type=float, default=600)
    args = parser.parse_args()
    print(json.dumps(run(args.data, args.n, args.hnsw_budget_s)))


if __name__ == "__main__":
    main()
