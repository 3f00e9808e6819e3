"""Static int8 of the encoder for OpenVINO (issue 15): NNCF's post-training quantisation of the
float32 graph, calibrated once on text that ships with the repository.

The activations' scales are fixed at calibration (not taken per call, as ONNX Runtime's dynamic
int8 does), so a row's vector does not depend on which texts share its batch. Every linear
layer is int8 (weights per output channel, with NNCF's SmoothQuant for transformers); attention's
products of activations and every other operation run in bfloat16 (the session's precision
hint). Made once, when the variant's
file is first needed (`make setup` prepares the configured variant), by `make_int8(source,
out)`; it needs `nncf` (`pip install 'nncf==3.4.0'`), which the build itself never imports.

The calibration sample is fixed and deterministic: the paragraphs of `corpus/`'s seed reports,
joined into passages of ~80 words (the build's passages are of that size), with the passage
prefix, and the Finnish labels of the ontology and the method reference, with the query prefix
(the status, result and describer models encode short texts so). No download, no data dir.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CALIBRATION_SOURCES = ("corpus", "ontology/lapekg.ttl", "ontology/reference/methods.ttl")
PASSAGE_WORDS = 80
# NNCF's statistics sample size: every calibration text (577 at the time of writing).
SUBSET = 1000
# Left in bf16: attention's two products of activations (query x key, weights x value). In int8
# they cost ranking precision and saved nothing (passages per CPU s 56.1 with, 58.4 without).
IGNORED = (r".*/attention/self/MatMul(_1)?$",)
# Written beside the graph when it is made: what its int8 vectors depend on besides the weights
# (the calibration text, NNCF's settings and version), summed up in the encoder's identity, so
# that a graph made from another corpus/ or by another NNCF has vectors of its own identity in
# the vector cache, the build record and the learned models' fits.
RECIPE = "model_ov_int8.recipe.json"


def calibration_texts(repo: Path = REPO) -> list[str]:
    """The calibration sample: seed passages ("passage: ...") and ontology labels ("query: ...")."""
    texts = []
    for report in sorted((repo / "corpus").glob("*.txt")):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", report.read_text(encoding="utf-8"))
                      if p.strip()]
        chunk: list[str] = []
        for paragraph in paragraphs:
            chunk.append(paragraph)
            if sum(len(c.split()) for c in chunk) > PASSAGE_WORDS:
                texts.append("passage: " + "\n".join(chunk))
                chunk = []
        if chunk:
            texts.append("passage: " + "\n".join(chunk))
    labels: list[str] = []
    for name in CALIBRATION_SOURCES[1:]:
        found = re.findall(r'"([^"\n]{3,200})"@fi', (repo / name).read_text(encoding="utf-8"))
        labels += sorted(set(found))
    return texts + ["query: " + label for label in labels]


def recipe(texts: list[str] | None = None) -> dict[str, object]:
    """What the graph is made from besides the weights and NNCF's version (`make_int8` adds
    that): the calibration text's digest and the quantisation settings."""
    import hashlib

    texts = calibration_texts() if texts is None else texts
    digest = hashlib.sha256("\n\x00".join(texts).encode("utf-8")).hexdigest()
    return {"calibration_sha256": digest[:16], "calibration_texts": len(texts),
            "subset": min(SUBSET, len(texts)), "ignored": list(IGNORED),
            "preset": "performance", "model_type": "transformer"}


def recorded_graph(folder: Path) -> str:
    """A short digest of the recipe recorded beside the folder's graph: "unrecorded" for a
    graph made before recipes were written, and for a graph not made yet the recipe it will be
    made with (this text, the installed NNCF), so that the identity does not change when the
    graph is made on first use."""
    import hashlib
    import json
    from importlib.metadata import PackageNotFoundError, version

    target = Path(folder) / "onnx"
    try:
        data = json.loads((target / RECIPE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        if (target / "model_ov_int8.xml").exists():
            return "unrecorded"
        try:
            nncf_version = version("nncf")
        except PackageNotFoundError:
            nncf_version = "unknown"
        data = {**recipe(), "nncf": nncf_version}
    text = json.dumps(data, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def make_int8(source: Path, out: Path) -> None:
    """Quantise the float32 ONNX graph at `source` and write OpenVINO's IR: the graph to `out`
    (renamed by the caller) and its weights to the final `.bin` beside it."""
    try:
        import nncf
    except ImportError as exc:
        raise ValueError("the openvino-int8 encoder is made with NNCF: pip install "
                         "'nncf==3.4.0' (only to make the graph, once)") from exc
    import json
    import os

    import numpy as np
    import openvino as ov
    from tokenizers import Tokenizer

    folder = source.parent.parent
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    config = folder / "sentence_bert_config.json"
    tokenizer.enable_truncation(int(json.loads(config.read_text()).get("max_seq_length", 512))
                                if config.exists() else 512)

    def feeds(text: str) -> dict[str, np.ndarray]:
        ids = tokenizer.encode(text).ids
        return {"input_ids": np.array([ids], dtype=np.int64),
                "attention_mask": np.ones((1, len(ids)), dtype=np.int64)}

    texts = calibration_texts()
    model = ov.Core().read_model(str(source))
    quantised = nncf.quantize(model, nncf.Dataset(texts, feeds),
                              model_type=nncf.ModelType.TRANSFORMER,
                              preset=nncf.QuantizationPreset.PERFORMANCE,
                              subset_size=min(SUBSET, len(texts)),
                              ignored_scope=nncf.IgnoredScope(patterns=list(IGNORED)))
    # The IR is two files named alike: written into a scratch folder, the weights moved to
    # their final name, the graph to `out` (which export_onnx renames last).
    scratch = out.with_name(out.name + ".d")
    scratch.mkdir(exist_ok=True)
    try:
        ov.save_model(quantised, str(scratch / "model.xml"), compress_to_fp16=False)
        final = out.parent / out.name.split(".")[1]  # ".NAME.xml.PID.tmp" -> "NAME"
        from importlib.metadata import version

        made = {**recipe(texts), "nncf": version("nncf")}
        (out.parent / RECIPE).write_text(json.dumps(made, sort_keys=True, indent=1) + "\n",
                                         encoding="utf-8")
        os.replace(scratch / "model.bin", final.with_suffix(".bin"))
        os.replace(scratch / "model.xml", out)
    finally:
        for leftover in scratch.glob("*"):
            leftover.unlink()
        scratch.rmdir()
