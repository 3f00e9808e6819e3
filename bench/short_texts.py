"""Where a build's short texts go to the encoder, and what a call costs (issue 15, seventh round).

    python -m bench.short_texts calls CORPUS          # a build with every ONNX call counted
    python -m bench.short_texts cost CORPUS [--n 60]  # one text per call against one call

`calls` builds CORPUS into LAPEKG_DATA in this process (LAPEKG_N_PROCESS=1, so that every call
is seen) with search.encoder's ONNX runner wrapped, and prints calls, texts, tokens and thread
CPU by caller (the first frame in the status, result or concept modules or api/build.py) and
graph. `cost` takes up to --n distinct sentences with a digit from CORPUS's .txt files
(result-like short texts, 'query: ' prefix) and encodes them one per call and in one call with
float32 and int8-ffn-inner, best of five alternating rounds of thread CPU, with the largest
difference between the two sets of vectors. Thread CPU compares within one run only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

CALLERS = ("status_model", "result_model", "concept_", "status_layer", "/api/build")


def _caller() -> str:
    for frame in reversed(traceback.extract_stack()):
        if any(name in frame.filename for name in CALLERS):
            return f"{Path(frame.filename).name}:{frame.name}"
    return "?"


def count_calls(corpus: str) -> dict[str, dict[str, float]]:
    """Build `corpus` with every ONNX encoder call counted by caller and graph."""
    import search.encoder as encoder_module
    from api.cli import app

    totals: dict[str, Counter[str]] = {}
    run = encoder_module._OnnxEncoder.encode  # noqa: SLF001

    def counted(self, texts: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
        key = f"{Path(self.session._model_path).name} {_caller()}"  # noqa: SLF001
        started = time.thread_time()
        out = run(self, texts)
        row = totals.setdefault(key, Counter())
        row["thread_cpu_s"] += time.thread_time() - started
        row["calls"] += 1
        row["texts"] += len(texts)
        row["tokens"] += sum(len(self.tokenizer.encode(t).ids) for t in texts)
        return out

    os.environ["LAPEKG_N_PROCESS"] = "1"
    encoder_module._OnnxEncoder.encode = counted  # type: ignore[method-assign]  # noqa: SLF001
    try:
        app(["build", corpus], standalone_mode=False)
    finally:
        encoder_module._OnnxEncoder.encode = run  # type: ignore[method-assign]  # noqa: SLF001
    return {k: {n: round(v, 2) for n, v in row.items()} for k, row in totals.items()}


def sentences_with_digits(corpus: str, n: int) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(Path(corpus).glob("*.txt"))[:4])
    found = (s.strip() for s in re.split(r"(?<=[.!?])\s+", text))
    return list(dict.fromkeys(s for s in found if 40 < len(s) < 200 and re.search(r"\d", s)))[:n]


def call_cost(texts: Sequence[str], model: str) -> dict[str, object]:
    from search.encoder import Encoder

    out: dict[str, object] = {"texts": len(texts)}
    full = ["query: " + t for t in texts]
    for variant in ("float32", "int8-ffn-inner"):
        onnx = Encoder(model, variant=variant).load()._onnx  # noqa: SLF001
        assert onnx is not None, "the ONNX runtime is needed"
        onnx.encode(full[:2])
        one, batch = [], []
        for _ in range(5):
            t0 = time.thread_time()
            alone = np.stack([onnx.encode([t])[0] for t in full])
            t1 = time.thread_time()
            together = onnx.encode(full)
            batch.append(time.thread_time() - t1)
            one.append(t1 - t0)
        out[variant] = {"tokens": sum(len(onnx.tokenizer.encode(t).ids) for t in full),
                        "one_by_one_cpu_s": round(min(one), 3),
                        "one_batch_cpu_s": round(min(batch), 3),
                        "max_abs_diff": float(np.abs(alone - together).max()),
                        "min_cosine": float((alone * together).sum(axis=1).min())}
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("calls", "cost"))
    parser.add_argument("corpus")
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args(argv)
    if args.what == "calls":
        result: object = count_calls(args.corpus)
    else:
        model = os.environ.get("LAPEKG_MODEL", "models/multilingual-e5-small")
        result = call_cost(sentences_with_digits(args.corpus, args.n), model)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
