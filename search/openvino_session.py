"""The encoder's ONNX graph run by OpenVINO's CPU plugin instead of ONNX Runtime (issue 15).

OpenVINO reads the same ONNX file (the memory-mapped copy of search/onnx_mapped.py) and, with
its inference precision hint at bf16, multiplies in bfloat16 on CPUs that do so natively
(AVX-512 BF16 or AMX), accumulating in float32. On this machine's AMD EPYC (avx512_bf16) the
float32 graph ran at 1.36x ONNX Runtime's int8-ffn-inner per CPU second, at a cosine of
0.99999 to ONNX Runtime's float32 (bench/results/2026-12-07-encoder-runtime.json).

`usable(precision)` says whether this process can run a precision (openvino importable; for
bf16 also a CPU that OpenVINO reports as BF16-capable, since elsewhere the hint silently runs
float32 at float32's speed); the encoder falls back to its ONNX Runtime variant otherwise.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from pathlib import Path

import numpy as np


@functools.lru_cache(maxsize=4)
def usable(precision: str) -> bool:
    """Whether OpenVINO is installed and its CPU plugin computes in `precision` natively."""
    if importlib.util.find_spec("openvino") is None:
        return False
    if precision == "f32":
        return True
    try:
        import openvino as ov

        capabilities = ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except Exception:  # noqa: BLE001 - any failure to ask means: do not use it
        return False
    return precision.upper() in {str(c).upper() for c in capabilities}


class OpenVinoSession:
    """An ONNX graph compiled by OpenVINO for the CPU, called like an ONNX Runtime session
    (`run(None, feeds)` returns the outputs as a list of arrays). One stream, `threads`
    inference threads, dynamic batch and length."""

    def __init__(self, path: Path, precision: str, threads: int) -> None:
        import openvino as ov

        core = ov.Core()
        config = {"INFERENCE_PRECISION_HINT": precision,
                  "INFERENCE_NUM_THREADS": max(1, threads), "NUM_STREAMS": 1,
                  "PERFORMANCE_HINT": "LATENCY", "ENABLE_CPU_PINNING": False}
        self.compiled = core.compile_model(core.read_model(str(path)), "CPU", config)
        self.precision = str(self.compiled.get_property("INFERENCE_PRECISION_HINT"))
        self._requests = threading.local()

    def run(self, _outputs: object, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        # A request per thread: request threads may share one encoder.
        request = getattr(self._requests, "request", None)
        if request is None:
            request = self._requests.request = self.compiled.create_infer_request()
        results = request.infer(feeds)
        return [np.array(results[self.compiled.output(0)], copy=True)]
