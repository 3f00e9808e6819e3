"""`make bench`: build a synthetic 100× corpus, measure ingest, queries, memory and the 1M-vector
index test, side by side with naive baselines, and lapekg's /sparql next to `oxigraph serve` and
rdflib-endpoint (stage sparql_servers, bench/README.md); print one JSON object.

    python -m bench.run [--scale 100] [--work tmp/bench] [--reuse] [--vectors 1000000]

Every stage runs in its own process, so each figure's memory is that stage's own. The synthetic
corpus is written under --work (not committed); its files say they are synthetic.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from bench.memory import run_measured

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = str(Path(sys.executable).with_name("lapekg"))


def _stage(name: str, data: Path, corpus: Path, env: dict[str, str]) -> dict:
    print(f"[bench] stage {name} …", file=sys.stderr, flush=True)
    measured = run_measured([PY, "-m", "bench.stages", name, str(data), str(corpus)], env=env)
    result = json.loads(measured["stdout"].strip().splitlines()[-1])
    result["stage_wall_s"] = round(measured["wall_s"], 1)
    result["peak_pss_mb"] = round(measured["peak_pss_mb"])
    return result


def _ingest_sample(corpus: Path, work: Path, n: int) -> dict:
    """The first n synthetic documents built with default settings (the default encoder)."""
    import csv

    sample, data = work / f"sample-{n}", work / f"data-sample-{n}"
    shutil.rmtree(sample, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    sample.mkdir(parents=True)
    with (corpus / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:n]
    for row in rows:
        shutil.copy(corpus / row["file"], sample / row["file"])
    with (sample / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "LAPEKG_DATA": str(data),
           "PYTHONPATH": str(ROOT)}
    env.pop("LAPEKG_ENCODER_QUANTIZE", None)
    tokens = _stage("tokens", data, sample, env)
    print(f"[bench] sample build of {n} documents …", file=sys.stderr, flush=True)
    measured = run_measured([CLI, "build", str(sample), "--json"], env=env)
    return {"documents": n, "encoder": built_encoder(data), "tokens": tokens["tokens"],
            "build_s": round(measured["wall_s"], 1),
            "cpu_s": round(measured["cpu_s"], 1), "peak_pss_mb": round(measured["peak_pss_mb"]),
            "tokens_per_s": round(tokens["tokens"] / measured["wall_s"]),
            "tokens_per_cpu_s": round(tokens["tokens"] / measured["cpu_s"])}


def built_encoder(data: Path) -> dict | None:
    """The encoder the live build ran, as its generation recorded it (api/build.py): model,
    weights and ONNX variant ("variant" absent: float32, or all-int8 where "quantize"). An
    OpenVINO variant this machine cannot run gives way to its fallback, which is then named."""
    from api.generations import Generations

    current = Generations(data).current()
    if current is None or not (current / "build.json").exists():
        return None
    identity = json.loads((current / "build.json").read_text()).get("encoder") or {}
    variant = identity.get("variant") or ("int8" if identity.get("quantize") else "float32")
    return {**identity, "variant": variant}


def _ratio(ours: float, base: float, higher_is_better: bool) -> float | None:
    if not ours or not base:
        return None
    return round(ours / base if higher_is_better else base / ours, 2)


# The targets on this 2-core machine: (summary key, bound, True when higher is better).
TARGETS = (("ingest_tokens_per_s", 4000, True), ("search_p95_ms", 100, False),
           ("ask_p95_ms", 250, False), ("sparql_p95_ms", 50, False),
           ("peak_rss_mb", 4096, False), ("build_tokens_per_s", 2000, True),
           ("rebuild_unchanged_ratio", 0.10, False), ("add_one_document_s", 5, False))


def _targets(summary: dict) -> dict:
    """Each target with its measured value and whether it is met (None when not measured)."""
    from bench.sparql_stats import check_targets

    return check_targets(summary, TARGETS)


def sparql_side_figures(stage: dict) -> dict:
    """The side-by-side SPARQL stage's figures for the run's summary (prefixed sparql_side_),
    its baselines (per server: p50/p95 and lapekg's time ratio per query) and its targets."""
    summary = {f"sparql_side_{k}": v for k, v in stage["summary"].items()}
    baselines = {}
    for server in stage["servers"]:
        if server == "lapekg":
            continue
        baselines[f"{server}_sparql_server"] = {
            "version": stage["servers"][server]["version"],
            "throughput_queries_per_s": stage["throughput"].get(server, {}).get(
                "queries_per_s"),
            "memory_after_run": stage["servers"][server].get("memory_after_run"),
            "per_query": {name: {"p50_ms": q["latency"][server]["p50_ms"],
                                 "p95_ms": q["latency"][server]["p95_ms"],
                                 "lapekg_time_ratio_p50": q["ratios"][f"lapekg/{server}"]["p50"],
                                 "lapekg_time_ratio_p95": q["ratios"][f"lapekg/{server}"]["p95"]}
                          for name, q in stage["queries"].items()}}
    targets = {f"sparql_side_{k}": v for k, v in stage["targets"].items()}
    return {"summary": summary, "baselines": baselines, "targets": targets}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--work", type=Path, default=ROOT / "tmp" / "bench")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the synthetic corpus and build in --work if they are there")
    parser.add_argument("--vectors", type=int, default=1_000_000,
                        help="size of the vector-only test (0 skips it)")
    parser.add_argument("--hnsw-budget-s", type=float, default=600,
                        help="stop the 1M HNSW build after this long and extrapolate")
    parser.add_argument("--encoder-int8", action="store_true",
                        help="build and query the scaled corpus with LAPEKG_ENCODER_QUANTIZE=1")
    parser.add_argument("--ingest-sample", type=int, default=0,
                        help="also build the first N synthetic documents with default settings "
                        "and report that end-to-end rate (for runs that use --encoder-int8)")
    parser.add_argument("--skip", default="", help="comma-separated stages to skip: "
                        "nlp,encode,profile,rebuild,add,rdflib,backends,sparql_servers,ranking")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    work = args.work.resolve()
    corpus, data = work / f"corpus-x{args.scale}", work / f"data-x{args.scale}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "LAPEKG_DATA": str(data), "PYTHONPATH": str(ROOT)}
    if args.encoder_int8:
        env["LAPEKG_ENCODER_QUANTIZE"] = "1"
    from api.settings import Settings

    # the variant asked for; what ran is the build's "encoder" (a fallback where it cannot run)
    out: dict = {"settings": {"encoder_int8": args.encoder_int8,
                              "encoder_variant": Settings().encoder_variant, "n_process": "auto",
                              "vector_backend": "faiss Flat", "graph": "oxigraph directory"},
                 "machine": {"cores": os.cpu_count(), "load_avg_at_start": os.getloadavg()[0],
                             "started": time.strftime("%Y-%m-%dT%H:%M:%S")}}

    from bench.synth import generate

    built = (data / "CURRENT").exists() and args.reuse
    if not built:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
        out["corpus"] = generate(corpus, scale=args.scale)
    else:
        out["corpus"] = {"reused": str(corpus)}
    out["corpus"]["synthetic"] = True
    tokens = _stage("tokens", data, corpus, env)
    out["corpus"].update(tokens)

    if not built:
        print("[bench] build …", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]
        measured = run_measured([CLI, "build", str(corpus), "--json"], env=env)
        report = json.loads(measured["stdout"])
        out["build"] = {"build_s": round(measured["wall_s"], 1),
                        "load_avg": [round(load, 2), round(os.getloadavg()[0], 2)],
                        "cpu_s": round(measured["cpu_s"], 1),
                        "peak_pss_mb": round(measured["peak_pss_mb"]),
                        "peak_rss_sum_mb": round(measured["peak_rss_mb"]),
                        "failed": len(report["failed"]),
                        "encoder": built_encoder(data)}
        (work / "build.json").write_text(json.dumps(out["build"]))
    else:
        out["build"] = json.loads((work / "build.json").read_text())
    out["build"]["tokens_per_s"] = round(tokens["tokens"] / out["build"]["build_s"])

    if "rebuild" not in skip:
        # The same corpus again: every passage's vector comes from the vector cache.
        print("[bench] rebuild of the unchanged corpus …", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]
        measured = run_measured([CLI, "build", str(corpus), "--json"], env=env)
        report = json.loads(measured["stdout"])
        out["rebuild_unchanged"] = {
            "wall_s": round(measured["wall_s"], 1), "cpu_s": round(measured["cpu_s"], 1),
            "peak_pss_mb": round(measured["peak_pss_mb"]),
            "ratio_to_first_build": round(measured["wall_s"] / out["build"]["build_s"], 3),
            "cpu_ratio_to_first_build": round(measured["cpu_s"] / out["build"]["cpu_s"], 3),
            # True when the live generation was kept (api/build_reuse.py)
            "kept_live_generation": not report["added"] and bool(report["unchanged"]),
            "load_avg": [round(load, 2), round(os.getloadavg()[0], 2)]}

    if args.ingest_sample:
        out["ingest_sample"] = _ingest_sample(corpus, work, args.ingest_sample)

    if "add" not in skip:
        from bench.synth import Synthesiser

        extra = work / "add"
        shutil.rmtree(extra, ignore_errors=True)
        extra.mkdir(parents=True)
        n = int(time.time()) % 100_000  # a new document each run: the same one is a no-op
        _, text = Synthesiser(seed=n).document(n, 3000)
        added = extra / f"synthetic-add-{n}.txt"
        added.write_text(text, encoding="utf-8")
        print("[bench] add …", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]
        measured = run_measured([CLI, "add", str(added), "--json"], env=env)
        out["add_one_document"] = {"wall_s": round(measured["wall_s"], 1),
                                   "cpu_s": round(measured["cpu_s"], 1),
                                   "peak_pss_mb": round(measured["peak_pss_mb"]),
                                   "passages": json.loads(measured["stdout"])["passages"],
                                   "load_avg": [round(load, 2), round(os.getloadavg()[0], 2)]}

    out["queries"] = _stage("queries", data, corpus, env)
    for name in ("nlp", "encode", "profile", "rdflib", "backends", "sparql_servers"):
        if name not in skip:
            out[name] = _stage(name, data, corpus, env)
    if "ranking" not in skip:
        # Ranking quality of the encoder variants on the bench's own 169 queries
        # (bench/ranking_set.py): a build of corpus/ + tests/corpora/unseen per variant.
        from bench.ranking_set import variants

        print("[bench] ranking set …", file=sys.stderr, flush=True)
        out["ranking"] = variants(work, ["float32", "openvino-bf16", "openvino-int8"])
    if args.vectors:
        print("[bench] vectors …", file=sys.stderr, flush=True)
        # Passive OpenMP waits: on a busy machine spinning threads steal the cores they wait for.
        measured = run_measured([PY, "-m", "bench.vectors", str(data), str(args.vectors),
                                 "--hnsw-budget-s", str(args.hnsw_budget_s)],
                                env={**env, "OMP_WAIT_POLICY": "PASSIVE"})
        out["vectors_1m"] = json.loads(measured["stdout"].strip().splitlines()[-1])
        out["vectors_1m"]["stage_peak_pss_mb"] = round(measured["peak_pss_mb"])

    q = out["queries"]
    summary = {
        # ingest/ (split, spaCy + Voikko, linking, extraction) in its parallel workers, against
        # which the plain single-process spaCy baseline is compared; the whole build adds the
        # dense encoder (search/), which bounds it: see build_tokens_per_s.
        "ingest_tokens_per_s": out.get("nlp", {}).get("nlp_tokens_per_s"),
        "build_tokens_per_s": (out["ingest_sample"]["tokens_per_s"] if args.encoder_int8
                               and "ingest_sample" in out else out["build"]["tokens_per_s"]),
        "build_tokens_per_s_scaled_build": out["build"]["tokens_per_s"],
        "ingest_steps_tokens_per_cpu_s": out.get("profile", {}).get("tokens_per_cpu_s"),
        "build_s": out["build"]["build_s"],
        "build_encoder_variant": (out["build"].get("encoder") or {}).get("variant"),
        "add_one_document_s": out.get("add_one_document", {}).get("wall_s"),
        "rebuild_unchanged_s": out.get("rebuild_unchanged", {}).get("wall_s"),
        "rebuild_unchanged_ratio": out.get("rebuild_unchanged", {}).get("ratio_to_first_build"),
        "index_bytes": q["index_bytes"]["total"],
        "search_p50_ms": q["search"]["p50_ms"], "search_p95_ms": q["search"]["p95_ms"],
        "ask_p50_ms": q["ask"].get("p50_ms"), "ask_p95_ms": q["ask"].get("p95_ms"),
        "ask_note": q["ask_note"],
        "sparql_p50_ms": q["sparql"]["p50_ms"], "sparql_p95_ms": q["sparql"]["p95_ms"],
        "export_triples_per_s": q["export_triples_per_s"],
        "peak_rss_mb": max(out["build"]["peak_pss_mb"], q["peak_pss_mb"]),
        "passages": q["passages"], "triples": q["triples"],
        "documents": out["corpus"].get("documents"), "tokens": tokens["tokens"],
        # the share of those tokens in passages the corpus repeats (bench/stages.py stage_tokens)
        "repeated_token_share": tokens.get("repeated_token_share"),
    }
    baselines: dict = {}
    if "nlp" in out:
        n = out["nlp"]
        baselines["spacy_single_process"] = {
            "tokens_per_s": n["plain_spacy_tokens_per_s"],
            "ratio_nlp_stage": _ratio(n["nlp_tokens_per_s"], n["plain_spacy_tokens_per_s"], True),
            "ratio_end_to_end": _ratio(summary["build_tokens_per_s"],
                                       n["plain_spacy_tokens_per_s"], True)}
    if "rdflib" in out:
        r = out["rdflib"]
        baselines["rdflib_memory"] = {
            "load_s": r["load_s"], "sparql_p50_ms": r["sparql"]["p50_ms"],
            "sparql_p95_ms": r["sparql"]["p95_ms"], "peak_rss_mb": r["peak_pss_mb"],
            "export_triples_per_s": r["export_triples_per_s"],
            "ratio_sparql_p50": _ratio(summary["sparql_p50_ms"], r["sparql"]["p50_ms"], False),
            "ratio_sparql_p95": _ratio(summary["sparql_p95_ms"], r["sparql"]["p95_ms"], False),
            "ratio_export": _ratio(summary["export_triples_per_s"], r["export_triples_per_s"],
                                   True)}
    d = q["dense_only_flat"]
    baselines["faiss_flat_dense_only"] = {
        "search_p50_ms": d["p50_ms"], "search_p95_ms": d["p95_ms"],
        "ratio_search_p50": _ratio(summary["search_p50_ms"], d["p50_ms"], False),
        "note": "encode query + flat FAISS only, no BM25, entities or fusion; "
                "a ratio below 1 is what the hybrid costs"}
    if "vectors_1m" in out:
        v = out["vectors_1m"]
        flat = v["indexes"].get("Flat", {})
        for name, row in v["indexes"].items():
            if name != "Flat" and flat and row.get("query", {}).get("p50_ms"):
                row["ratio_query_p50_vs_flat"] = _ratio(row["query"]["p50_ms"],
                                                        flat["query"]["p50_ms"], False)
    for row in out.get("ranking", {}).get("variants", []):
        summary[f"ranking_{row['name']}_MRR"] = row["search"]["MRR"]
        summary[f"ranking_{row['name']}_hit@5"] = row["search"]["hit@5"]
        if "search_vs_float32" in row:
            diff = row["search_vs_float32"]["MRR"]
            summary[f"ranking_{row['name']}_MRR_vs_float32"] = [diff["diff"], diff["low"],
                                                                 diff["high"]]
    out["summary"] = summary
    out["baselines"] = baselines
    out["targets"] = _targets(summary)
    if "sparql_servers" in out:
        side = sparql_side_figures(out["sparql_servers"])
        summary.update(side["summary"])
        baselines.update(side["baselines"])
        out["targets"].update(side["targets"])
    text = json.dumps(out, ensure_ascii=False, indent=1)
    (work / "bench.json").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
