"""What an encoder call costs, and a build's calls replayed under other batch settings (issue 15).

    python -m bench.encoder_calls shapes [--rounds 2]
        process CPU per OpenVINO call (the build's variant, one thread, the workers' allocator
        settings): one shape repeated, two shapes alternated, widths that change every call
    python -m bench.encoder_calls capture OUT.pkl CORPUS   (LAPEKG_DATA: an empty data dir)
        builds CORPUS in one process (LAPEKG_N_PROCESS=1) and keeps every `_OnnxEncoder.encode`
        call's texts with its caller (passages, describer, status clauses, result sentences)
    python -m bench.encoder_calls replay OUT.pkl [--call-tokens 16,32] [--budget 640] [--rounds 3]
        encodes the captured calls again with each `CALL_TOKENS` / batch budget, interleaved,
        and prints the process CPU by caller, the session runs and the largest change of a
        vector against the first setting

Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

CALLERS = (("concept_descriptions", "describer"), ("concept_model", "describer"),
           ("status_model", "status"), ("result_model", "result"), ("result_layer", "result"))


def _encoder():  # type: ignore[no-untyped-def]
    from api.settings import Settings
    from ingest.parallel import keep_freed_memory
    from search.encoder import _OnnxEncoder

    keep_freed_memory()  # as in a build's worker
    settings = Settings()
    return _OnnxEncoder(Path(settings.model), settings.encoder_variant, 1)


def shapes(rounds: int) -> None:
    import numpy as np

    encoder = _encoder()

    def call(batch: int, width: int) -> None:
        ids = np.full((batch, width), 5, dtype=np.int64)
        encoder.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})

    cases = {"1x8 repeated": lambda i: (1, 8), "1x8 / 1x9 alternated": lambda i: (1, 8 + i % 2),
             "1x32 repeated": lambda i: (1, 32), "1x(8..40), a new width each call":
             lambda i: (1, 8 + i % 33), "4x64 repeated": lambda i: (4, 64),
             "4x(48..80), a new width each call": lambda i: (4, 48 + i % 33)}
    for _ in range(10):
        call(1, 8)
    for rnd in range(rounds):
        for name, shape in cases.items():
            n = 200
            start = time.process_time()
            for i in range(n):
                call(*shape(i))
            print(json.dumps({"round": rnd, "case": name,
                              "ms_per_call": round((time.process_time() - start) / n * 1e3, 2)}),
                  flush=True)


def capture(out: Path, corpus: Path) -> None:
    import search.encoder as encoder_module

    calls: list[tuple[str, list[str]]] = []
    original = encoder_module._OnnxEncoder.encode

    def encode(self, texts):  # type: ignore[no-untyped-def]
        files = [frame.filename for frame in traceback.extract_stack()]
        who = next((name for key, name in CALLERS if any(key in f for f in files)), "passages")
        calls.append((who, list(texts)))
        out.write_bytes(pickle.dumps(calls))  # the CLI leaves with os._exit
        return original(self, texts)

    encoder_module._OnnxEncoder.encode = encode
    os.environ["LAPEKG_N_PROCESS"] = "1"
    from api.cli import app

    sys.argv = ["lapekg", "build", str(corpus), "--json"]
    app()


def replay(path: Path, call_tokens: list[int], budgets: list[int], rounds: int) -> None:
    import numpy as np

    calls = pickle.loads(path.read_bytes())
    encoder = _encoder()
    runs: Counter[tuple[int, int]] = Counter()
    session_run = encoder.session.run
    setting = (0, 0)

    def run(outputs, feeds):  # type: ignore[no-untyped-def]
        runs[setting] += 1
        return session_run(outputs, feeds)

    encoder.session.run = run
    first: list | None = None
    for rnd in range(rounds):
        for tokens in call_tokens:
            for budget in budgets:
                setting = (tokens, budget)
                encoder.call_tokens, encoder.batch_tokens = tokens, budget
                spent: Counter[str] = Counter()
                vectors = []
                before = runs[setting]
                for who, texts in calls:
                    start = time.process_time()
                    vectors.append(encoder.encode(list(dict.fromkeys(texts))))
                    spent[who] += time.process_time() - start
                first = first or vectors
                moved = max(float(np.abs(a - b).max()) for a, b in zip(vectors, first,
                                                                       strict=True))
                print(json.dumps({"round": rnd, "call_tokens": tokens, "budget": budget,
                                  "cpu_s": round(sum(spent.values()), 2),
                                  "by_caller": {k: round(v, 2) for k, v in spent.items()},
                                  "runs": runs[setting] - before, "max_change": moved}),
                      flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("shapes")
    p.add_argument("--rounds", type=int, default=2)
    p = sub.add_parser("capture")
    p.add_argument("out", type=Path)
    p.add_argument("corpus", type=Path)
    p = sub.add_parser("replay")
    p.add_argument("calls", type=Path)
    p.add_argument("--call-tokens", default="16,32")
    p.add_argument("--budget", default="640")
    p.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.command == "shapes":
        shapes(args.rounds)
    elif args.command == "capture":
        capture(args.out, args.corpus)
    else:
        replay(args.calls, [int(x) for x in args.call_tokens.split(",")],
               [int(x) for x in args.budget.split(",")], args.rounds)


if __name__ == "__main__":
    main()
