"""Speed and closeness of the encoder's ONNX variants on a build's real passages (issue 15).

    python -m bench.encoder_variants --data data-eval [--variants float32,fused,int8-ffn,int8]
        [--threads 1,2] [--batch-tokens 320,640,1280] [--json out.json]

Encodes every passage of the live generation (title + text, as the build does) with each
configuration and reports passages per CPU-second (process time: the machine is shared, so wall
time is shown but not trusted), the speed-up over float32 at 1 thread and the default batch
budget, and the mean and minimum cosine of each passage vector to float32's. Ranking quality
needs a build per variant: `--eval` rebuilds the data dir with each variant
(LAPEKG_ENCODER_VARIANT; the analysis cache makes that an encoding pass) and runs
`lapekg eval --json`, keeping hit@5 and MRR of the questions part, and the bench's ranking set
(`bench/ranking_set.py`, 169 queries): its MRR and hit@1/5/10, and each variant's differences
to float32 with paired bootstrap 95 % intervals (`ranking_set_vs_float32`), the figures that
decide whether a variant ranks within 0.01 of float32.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

# Ingest CPU per token without the encoder, from bench/results/2026-12-01-x100.json's profile
# (tokens per CPU-second of each step), and that profile's float32 encoder figure.
PROFILE = Path(__file__).parent / "results" / "2026-12-01-x100.json"
# The eval questions: the repository's and the shared development set.
QUESTIONS = ("tests/eval/questions.jsonl", "/work/shared/eval/dev_questions.jsonl")


def live_passages(data: Path) -> list[str]:
    """The live generation's passages, as the build gives them to the encoder."""
    generation = data / "generations" / (data / "CURRENT").read_text().strip()
    rows = [json.loads(line) for line in (generation / "passages.jsonl").open()]
    return [f"{row['title']}\n{row['text']}" for row in rows]


def measure(model: str, texts: list[str], configs: list[tuple[str, int, int]],
            rounds: int) -> list[tuple[dict, np.ndarray]]:
    """Each configuration (variant, threads, batch tokens) encodes `texts` once per round, the
    configurations taking turns, so that a busy spell of the shared machine hits them all."""
    from search.encoder import Encoder

    encoders = [Encoder(model, runtime="onnx", variant=variant, threads=threads,
                        batch_tokens=budget).load() for variant, threads, budget in configs]
    for encoder in encoders:
        encoder.encode_passages(texts[:8])  # warm-up: first-run allocations
    cpu: list[list[float]] = [[] for _ in configs]
    wall: list[list[float]] = [[] for _ in configs]
    vectors: list[np.ndarray] = [np.empty(0)] * len(configs)
    for _ in range(rounds):
        for i, encoder in enumerate(encoders):
            c0, w0 = time.process_time(), time.perf_counter()
            vectors[i] = encoder.encode_passages(texts)
            cpu[i].append(time.process_time() - c0)
            wall[i].append(time.perf_counter() - w0)
    # The least disturbed round: other processes only ever add time.
    return [({"variant": variant, "threads": threads, "batch_tokens": budget,
              "passages": len(texts), "cpu_s": round(min(c), 2), "wall_s": round(min(w), 2),
              "passages_per_cpu_s": round(len(texts) / min(c), 2),
              "passages_per_wall_s": round(len(texts) / min(w), 2)}, v)
            for (variant, threads, budget), c, w, v in zip(configs, cpu, wall, vectors,
                                                            strict=True)]


def build_estimate(speedup: float) -> dict:
    """Whole-build tokens/s on two workers, from the x100 profile with the encoder sped up."""
    profile = json.loads(PROFILE.read_text())["profile"]["tokens_per_cpu_s"]
    other = sum(1 / v for k, v in profile.items() if k != "encode")
    encode = 1 / (profile["encode"] * speedup)
    return {"encode_tokens_per_cpu_s": round(profile["encode"] * speedup),
            "build_tokens_per_s_2_workers": round(2 / (other + encode))}


def rank_quality(data: Path, variant: str) -> dict:
    """Rebuild `data`'s corpus with `variant` and read hit@5 / MRR from `lapekg eval --json`,
    and the ranking set's scores (`ranking_set`, with its per-query ranks)."""
    env = {**os.environ, "LAPEKG_DATA": str(data), "LAPEKG_ENCODER_VARIANT": variant,
           "PYTHONPATH": os.getcwd()}
    lapekg = str(Path(sys.executable).with_name("lapekg"))
    subprocess.run([lapekg, "build", "corpus", "tests/corpora/unseen"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    questions = [arg for path in QUESTIONS if Path(path).exists()
                 for arg in ("--questions", path)]
    out = subprocess.run([lapekg, "eval", "--json", "--heldout", "no-heldout", *questions],
                         env=env, check=True, capture_output=True, text=True).stdout
    report = json.loads(out[out.index("{"):])
    scores = report["questions"]
    ranks = data.with_name(f"{data.name}-ranking-{variant}.json")
    subprocess.run([sys.executable, "-m", "bench.ranking_set", "--json", str(ranks)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    return {"hit@5": round(scores["hit@5"], 4), "MRR": round(scores["MRR"], 4),
            "passage_questions": scores["passage_questions"],
            "ranking_set": json.loads(ranks.read_text())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("data-eval"))
    parser.add_argument("--model", default=os.environ.get("LAPEKG_MODEL",
                                                          "models/multilingual-e5-small"))
    parser.add_argument("--variants", default="float32,fused,int8-ffn,int8")
    parser.add_argument("--threads", default="1")
    parser.add_argument("--batch-tokens", default="640")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the fastest counts")
    parser.add_argument("--limit", type=int, help="every n-th passage, this many (a quick look)")
    parser.add_argument("--eval", action="store_true", help="also rebuild + eval each variant")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    texts = live_passages(args.data)
    if args.limit:
        texts = texts[::max(1, len(texts) // args.limit)][:args.limit]
    configs = [(variant, int(threads), int(budget))
               for variant in ["float32", *[v for v in args.variants.split(",")
                                            if v != "float32"]]
               for threads in args.threads.split(",") for budget in args.batch_tokens.split(",")]
    measured = measure(args.model, texts, configs, args.repeat)
    base_row, base_vectors = measured[0]
    rows = []
    for row, vectors in measured:
        cosine = np.sum(vectors * base_vectors, axis=1)
        row["speedup"] = round(row["passages_per_cpu_s"] / base_row["passages_per_cpu_s"], 2)
        row.update(mean_cosine=round(float(cosine.mean()), 5),
                   min_cosine=round(float(cosine.min()), 5), **build_estimate(row["speedup"]))
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.eval:
        from bench.ranking_set import compare

        sets = {}
        for variant in dict.fromkeys(row["variant"] for row in rows):
            quality = rank_quality(args.data, variant)
            sets[variant] = quality.pop("ranking_set")
            for row in rows:
                if row["variant"] == variant:
                    row.update(quality)
            print(json.dumps({"variant": variant, **quality}), flush=True)
        # float32 first: the reference of the differences
        for summary in compare(list(sets.values()), list(sets)):
            for row in rows:
                if row["variant"] == summary["name"]:
                    row["ranking_set"] = summary
            print(json.dumps(summary), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
