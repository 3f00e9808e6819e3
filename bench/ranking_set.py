"""Passage ranking on the bench's own ranking set (`bench/ranking_set.jsonl`, issue 15).

    LAPEKG_DATA=DATA python -m bench.ranking_set [--json ranks.json]
    python -m bench.ranking_set --compare float32.json openvino-bf16.json openvino-int8.json
    python -m bench.ranking_set --variants float32,openvino-bf16,openvino-int8 --work DIR

169 queries of our own (Finnish, English, Swedish; written and annotated before any encoder
variant was scored on them), over `corpus/` and `tests/corpora/unseen`. Each names its relevant
passages by document and a distinctive substring (`{"doc": FILE, "contains": TEXT}`; without
"doc", any document's passage holding TEXT), which resolve to passage ids on the build: a
substring that finds no passage is an annotation error and stops the run, so the set cannot
silently shrink when passage boundaries move.

For each query: the rank of the first relevant passage among the first 10 of the product's
search (`Searcher.search`, lexical + dense + the rest, fused) and of the dense index alone
(the encoder's own ranking). Figures: MRR@10, hit@1, hit@5, hit@10. `--compare` takes the
first file as the reference and gives each other's differences with a paired bootstrap 95 %
interval (queries resampled with replacement, 10,000 rounds, fixed seed). `--variants` builds
`corpus/` + `tests/corpora/unseen` once per encoder variant (LAPEKG_ENCODER_VARIANT, a data dir
each under --work, kept: a rebuild of an unchanged corpus with unchanged code keeps it), scores
each and compares them with the first; `make bench` runs it as its `ranking` stage. A variant
this machine cannot run (its build recorded another) is reported, not scored.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

SET = Path(__file__).with_name("ranking_set.jsonl")
ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("corpus", "tests/corpora/unseen")
K = 10
METRICS = ("MRR", "hit@1", "hit@5", "hit@10")


def load(path: Path = SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def resolve(questions: Sequence[dict],
            passages: Iterable[tuple[int, str, str]]) -> dict[str, set[int]]:
    """Each question's relevant passage ids, from (pid, document key, text) of a build.
    Raises ValueError naming every annotation that finds no passage."""
    from ingest.documents import document_key

    rows = [(pid, doc, _norm(text)) for pid, doc, text in passages]
    relevant: dict[str, set[int]] = {}
    missing = []
    for q in questions:
        ids: set[int] = set()
        for rel in q["relevant"]:
            doc = document_key(Path(rel["doc"])) if rel.get("doc") else None
            needle = _norm(rel["contains"])
            found = {pid for pid, d, text in rows if (doc is None or d == doc) and needle in text}
            if not found:
                missing.append(f"{q['id']}: {rel}")
            ids |= found
        relevant[q["id"]] = ids
    if missing:
        raise ValueError("annotations without a passage:\n" + "\n".join(missing))
    return relevant


def first_rank(ranked: Sequence[int], relevant: set[int], k: int = K) -> int | None:
    return next((i for i, pid in enumerate(ranked[:k], 1) if pid in relevant), None)


def metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    n = len(ranks)
    return {"MRR": sum(1 / r for r in ranks if r) / n,
            "hit@1": sum(1 for r in ranks if r == 1) / n,
            "hit@5": sum(1 for r in ranks if r and r <= 5) / n,
            "hit@10": sum(1 for r in ranks if r and r <= 10) / n}


def _per_query(ranks: Sequence[int | None]) -> dict[str, list[float]]:
    return {"MRR": [1 / r if r else 0.0 for r in ranks],
            "hit@1": [float(r == 1) for r in ranks],
            "hit@5": [float(bool(r and r <= 5)) for r in ranks],
            "hit@10": [float(bool(r and r <= 10)) for r in ranks]}


def paired_bootstrap(base: Sequence[int | None], other: Sequence[int | None],
                     rounds: int = 10_000, seed: int = 0) -> dict[str, dict[str, float]]:
    """other − base per metric: the difference and its 95 % percentile interval."""
    if len(base) != len(other):
        raise ValueError("the two rankings cover different queries")
    a, b = _per_query(base), _per_query(other)
    n = len(base)
    rng = random.Random(seed)
    samples = [[rng.randrange(n) for _ in range(n)] for _ in range(rounds)]
    out = {}
    for name in METRICS:
        diff = [y - x for x, y in zip(a[name], b[name], strict=True)]
        means = sorted(sum(diff[i] for i in s) / n for s in samples)
        out[name] = {"diff": sum(diff) / n, "low": means[int(0.025 * rounds)],
                     "high": means[int(0.975 * rounds) - 1]}
    return out


def score(search: Callable[[str], list[int]], dense: Callable[[str], list[int]],
          questions: Sequence[dict], relevant: dict[str, set[int]]) -> dict:
    rows = []
    for q in questions:
        rows.append({"id": q["id"], "lang": q["lang"],
                     "rank": first_rank(search(q["q"]), relevant[q["id"]]),
                     "dense_rank": first_rank(dense(q["q"]), relevant[q["id"]])})
    return {"queries": len(rows),
            "search": metrics([r["rank"] for r in rows]),
            "dense": metrics([r["dense_rank"] for r in rows]),
            "per_query": rows}


def score_services(services, path: Path = SET) -> dict:  # type: ignore[no-untyped-def]
    """The set scored on a loaded build (`api.components.load_services`)."""
    questions = load(path)
    relevant = resolve(questions, ((p.pid, p.doc_key, p.text) for p in services.passages))
    searcher = services.searcher

    def search(text: str) -> list[int]:
        return [h.passage.pid for h in searcher.search(text, k=K)]

    def dense(text: str) -> list[int]:
        return [pid for pid, _ in searcher.dense.search(searcher.encoder.encode_query(text), K)]

    result = score(search, dense, questions, relevant)
    result["variant"] = searcher.encoder.variant
    return result


def compare(reports: Sequence[dict], names: Sequence[str]) -> list[dict]:
    base = reports[0]
    rows = []
    for name, report in zip(names, reports, strict=True):
        row: dict = {"name": name}
        for part, key in (("search", "rank"), ("dense", "dense_rank")):
            row[part] = {m: round(v, 4) for m, v in report[part].items()}
            if report is not base:
                diffs = paired_bootstrap([r[key] for r in base["per_query"]],
                                         [r[key] for r in report["per_query"]])
                row[part + "_vs_" + names[0]] = {
                    m: {k: round(v, 4) for k, v in d.items()} for m, d in diffs.items()}
        rows.append(row)
    return rows


def built_variant(data: Path) -> str:
    """The encoder variant the live generation of `data` was built with."""
    current = (data / "CURRENT").read_text().strip()
    identity = json.loads((data / "generations" / current / "build.json").read_text())["encoder"]
    return str(identity.get("variant", "int8" if identity.get("quantize") else "float32"))


def variants(work: Path, names: Sequence[str], set_path: Path = SET) -> dict:
    """Build the corpora with each variant, score the set on each, compare with the first."""
    reports, ran = {}, {}
    for name in names:
        data = work / f"ranking-{name}"
        env = {**os.environ, "LAPEKG_DATA": str(data), "LAPEKG_ENCODER_VARIANT": name,
               "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "api.cli", "build", *CORPORA], env=env, cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ran[name] = built_variant(data)
        if ran[name] != name:
            print(f"[ranking] {name} cannot run here (the build ran {ran[name]})",
                  file=sys.stderr)
            continue
        out = work / f"ranking-{name}.json"
        subprocess.run([sys.executable, "-m", "bench.ranking_set", "--set", str(set_path),
                        "--json", str(out)], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        reports[name] = json.loads(out.read_text())
    rows = compare(list(reports.values()), list(reports)) if reports else []
    return {"queries": next(iter(reports.values()))["queries"] if reports else 0,
            "variants": rows, "ran": ran}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("--json", type=Path, help="write the scores and per-query ranks here")
    parser.add_argument("--compare", nargs="+", type=Path,
                        help="score files (the first is the reference): differences with "
                             "paired bootstrap 95 %% intervals")
    parser.add_argument("--variants", help="comma-separated encoder variants, the first the "
                                           "reference: build, score and compare each")
    parser.add_argument("--work", type=Path, default=ROOT / "tmp" / "bench")
    args = parser.parse_args()
    if args.variants:
        args.work.mkdir(parents=True, exist_ok=True)
        print(json.dumps(variants(args.work.resolve(), args.variants.split(","), args.set),
                         indent=1))
        return
    if args.compare:
        reports = [json.loads(p.read_text()) for p in args.compare]
        for row in compare(reports, [p.stem for p in args.compare]):
            print(json.dumps(row))
        return
    from api.cli_common import services

    result = score_services(services(), args.set)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "per_query"}))


if __name__ == "__main__":
    main()
