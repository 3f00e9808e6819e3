"""The ONNX graphs the e5 encoder can run: one registry of how each is made from the weights.

Each variant is one file in the model folder's `onnx/` directory, made once from the weights (or
from another variant) and kept. Measured with bench/encoder_variants.py (e5-small, LAPE passages
of corpus/ + tests/corpora/unseen, one thread, CPU time, rounds interleaved) and `lapekg eval`
(40 passage questions; float32: hit@5 .925, MRR .795):

    variant             speed  min cosine  hit@5  MRR
    float32             1.00x  1           .925   .795
    fused               1.00x  1.00000     .925   .795  (ORT's session fusions already do this)
    int8-ffn-inner      1.25x  .994        .925   .798  <- the default's fallback
    int8-ffn            1.32x  .994        .850   .726
    int8-no-down        1.37x  .999        .900   .790
    int8-no-down-inner     -   -           .875   .794
    int8                1.70x  .994        .850   .780
    openvino-bf16       1.84x  .99999      .925   .908  <- default (float32 graph, bf16)
    openvino-int8      ~2.9x   .9973       .950   .892  (opt-in: MRR -.016; see below)
    int8-ffn-up          .94x  .999        -      -     (quantising activations costs the gain)
    int8-block32         .81x  .9999       -      -     (MatMulNBits 8-bit CPU kernel is slower)

openvino-bf16 was measured on 2026-12-07 (bench/results/2026-12-07-encoder-runtime.json), when
the same eval gave float32 .925/.908 and int8-ffn-inner .925/.906; in that run it encoded 1.84x
float32's passages per CPU second and 1.36x int8-ffn-inner's.

openvino-int8 (2026-12-07, bench/HISTORY.md's thirteenth round): NNCF's static int8 of every
linear layer, attention's activation products in bf16; 1.56x openvino-bf16's passages per CPU
second on 200 LAPE passages (mean cosine .99888 to float32), in the same eval float32 and
openvino-bf16 .925/.908. Its MRR is .016 under float32's (one question's passage 1 -> 2, as in
every static int8 graph tried), outside the 0.01 the default must hold, so it is opt-in.
On the bench's own ranking set (bench/ranking_set.py, 169 queries written for it; round 14) the
same graph is float32's equal: MRR .832 against .827 (difference +.005, paired bootstrap 95 %
interval -.006 to +.016), hit@5 .929 against .923 (-.012 to +.030); pooled with the 40 questions
above, MRR +.001 (-.009 to +.011), hit@5 +.010 (-.010 to +.029). openvino-bf16 there: MRR .827,
one query's rank moved. Downstream (round 15) int8 loses a little that refitting the learned
models on its vectors does not recover (unseen relations .953/.915 -> .943/.905, pooled places
482 -> 479, facts 537 -> 534), so it stays opt-in, with its own status, result and concept fits
(ingest/learned/variants.toml). Its identity carries `graph`, a digest of the recipe it was made
with (search/openvino_int8.py: calibration text, NNCF's settings and version).

Dynamic int8 quantises each batch's activations with one scale, so its vectors depend slightly on
which passages share a batch (cosine .998 mean, .9977 min, batched vs one at a time, for
int8-ffn-inner on 20 passages); float32 and fused do not.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)



@dataclass(frozen=True)
class OnnxVariant:
    """One graph: its file, the variant it is derived from (None: exported from the weights),
    whether its weights are int8, and how to make it (`make(source_path, out_path)`).

    `runtime` runs the graph: "onnxruntime", or "openvino" (search/openvino_session.py) at
    `precision`; such a variant names the ONNX Runtime variant to use in its place where
    OpenVINO cannot run that precision (`fallback`)."""

    name: str
    file: str
    source: str | None
    int8: bool
    make: Callable[[Path, Path], None] | None
    note: str
    runtime: str = "onnxruntime"
    precision: str = "f32"
    fallback: str | None = None
    # Its vectors stand in for float32's (no activations quantised per call; cosine >= .99999,
    # or, for openvino-int8's static scales, ~.999 with the seeds' and unseen relations
    # unchanged): the status and result models, trained on float32 vectors, may read them, so
    # that a build runs one session for every text (api/components.py `short_text_encoder`).
    float32_equal: bool = False
    # The module its `make` needs beyond the runtime's (e.g. "nncf"): without it and without
    # the made file, `runnable` takes the fallback.
    needs: str | None = None
    # Its graph depends on more than the weights (openvino-int8: the calibration text and
    # NNCF): the encoder's identity then carries `graph`, a digest of what made the file here.
    recorded: bool = False


def _fuse(source: Path, out: Path) -> None:
    """ORT's transformer optimizer for BERT: attention, embedding + LayerNorm, skip + LayerNorm
    and bias + GELU each become one kernel. Same arithmetic as float32, fewer passes over memory."""
    import onnx
    from onnxruntime.transformers import optimizer

    model = onnx.load(str(source))
    config = _bert_shape(source)
    fused = optimizer.optimize_model(model, model_type="bert", num_heads=config[0],
                                     hidden_size=config[1], opt_level=0)
    counts = fused.get_fused_operator_statistics()
    if not counts.get("Attention"):
        raise ValueError(f"{source}: the transformer optimizer fused no attention ({counts})")
    fused.save_model_to_file(str(out))


def _bert_shape(onnx_path: Path) -> tuple[int, int]:
    import json

    config = json.loads((onnx_path.parent.parent / "config.json").read_text())
    return int(config["num_attention_heads"]), int(config["hidden_size"])


def _int8_all(source: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(out), weight_type=QuantType.QInt8, per_channel=True)


# Linear layers by the module path torch.onnx gives their MatMul nodes.
FFN = r"(intermediate|output)/dense"  # the feed-forward block, up and down projections
FFN_UP = r"intermediate/dense"  # its up projection, whose input is a LayerNorm output
NOT_FFN_DOWN = r"(attention/self/(query|key|value)|attention/output/dense|intermediate/dense)"


def matmuls(onnx_path: Path, modules: str = FFN,
            skip_layers: frozenset[int] = frozenset()) -> list[str]:
    """The MatMul nodes of an exported BERT graph's `modules` (a regex of module paths),
    minus those of the layers in `skip_layers`."""
    import onnx

    pattern = re.compile(rf"/layer\.(\d+)/{modules}/MatMul$")
    graph = onnx.load(str(onnx_path), load_external_data=False).graph
    names = []
    for node in graph.node:
        match = pattern.search(node.name) if node.op_type == "MatMul" else None
        if match and int(match.group(1)) not in skip_layers:
            names.append(node.name)
    if not names:
        raise ValueError(f"{onnx_path}: no MatMul nodes of {modules} found to quantise")
    return names


def _int8_nodes(modules: str, skip_ends: bool = False) -> Callable[[Path, Path], None]:
    """Dynamic int8 (weights per output channel, activations per tensor at run time) for the
    MatMuls of `modules` only; everything else stays float32."""

    def make(source: Path, out: Path) -> None:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        skip = frozenset({0, _bert_layers(source) - 1}) if skip_ends else frozenset()
        quantize_dynamic(str(source), str(out), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"],
                         nodes_to_quantize=matmuls(source, modules, skip),
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})

    return make


def _blockwise(bits: int, block: int) -> Callable[[Path, Path], None]:
    """Weights quantised per block of `block` input channels (MatMulNBits); at accuracy level
    4 ONNX Runtime quantises each activation row per block too and multiplies in int8, so
    outliers in one block do not cost the others their precision. Needs `onnx_ir`."""

    def make(source: Path, out: Path) -> None:
        import onnx

        try:
            from onnxruntime.quantization.matmul_nbits_quantizer import (
                DefaultWeightOnlyQuantConfig,
                MatMulNBitsQuantizer,
            )
        except ImportError as exc:
            raise ValueError(f"blockwise int8 needs ONNX Runtime's MatMulNBits quantiser and "
                             f"its dependencies ({exc}); pip install onnx-ir") from exc

        config = DefaultWeightOnlyQuantConfig(block_size=block, is_symmetric=True,
                                              accuracy_level=4, bits=bits)
        quantizer = MatMulNBitsQuantizer(onnx.load(str(source)), bits=bits, block_size=block,
                                         is_symmetric=True, accuracy_level=4,
                                         algo_config=config)
        quantizer.process()
        quantizer.model.save_model_to_file(str(out), use_external_data_format=False)

    return make


def _openvino_int8(source: Path, out: Path) -> None:
    from search.openvino_int8 import make_int8

    make_int8(source, out)


def _bert_layers(onnx_path: Path) -> int:
    import json

    return int(json.loads((onnx_path.parent.parent / "config.json").read_text())[
        "num_hidden_layers"])


VARIANTS: dict[str, OnnxVariant] = {v.name: v for v in (
    OnnxVariant("float32", "model.onnx", None, False, None,
                "the plain export; ONNX Runtime's own session fusions only", float32_equal=True),
    OnnxVariant("fused", "model_fused.onnx", "float32-eager", False, _fuse,
                "float32 with fused attention/LayerNorm/GELU (cosine 1.00000 to float32)"),
    OnnxVariant("int8-ffn", "model_int8_ffn.onnx", "float32", True, _int8_nodes(FFN),
                "feed-forward MatMuls int8 per channel, attention float32"),
    OnnxVariant("int8-ffn-inner", "model_int8_ffn_inner.onnx", "float32", True,
                _int8_nodes(FFN, skip_ends=True), "as int8-ffn, first and last layer float32"),
    OnnxVariant("int8-ffn-up", "model_int8_ffn_up.onnx", "float32", True, _int8_nodes(FFN_UP),
                "only the feed-forward up projections int8"),
    OnnxVariant("int8-no-down", "model_int8_no_down.onnx", "float32", True,
                _int8_nodes(NOT_FFN_DOWN), "every linear layer int8 but the feed-forward "
                "down projection (its post-GELU input has outliers)"),
    OnnxVariant("int8-no-down-inner", "model_int8_no_down_inner.onnx", "float32", True,
                _int8_nodes(NOT_FFN_DOWN, skip_ends=True), "as int8-no-down, first and last "
                "layer float32"),
    OnnxVariant("int8-block32", "model_int8_block32.onnx", "float32", True, _blockwise(8, 32),
                "every linear layer int8 per block of 32 (weights and activations)"),
    OnnxVariant("int8", "model_int8.onnx", "float32", True, _int8_all,
                "every MatMul int8 per channel (LAPEKG_ENCODER_QUANTIZE)"),
    OnnxVariant("openvino-bf16", "model.onnx", None, False, None,
                "the float32 graph run by OpenVINO with bfloat16 matrix products (AVX-512 BF16 "
                "or AMX); int8-ffn-inner where OpenVINO or such a CPU is missing",
                runtime="openvino", precision="bf16", fallback="int8-ffn-inner",
                float32_equal=True),
    OnnxVariant("openvino-int8", "model_ov_int8.xml", "float32", True, _openvino_int8,
                "the float32 graph quantised to static int8 by NNCF (activation scales "
                "calibrated once on corpus/ and the ontology's labels: search/openvino_int8.py), "
                "saved as OpenVINO IR and run by OpenVINO, the rest in bfloat16; openvino-bf16 "
                "where the graph is missing and NNCF is not installed to make it",
                runtime="openvino", precision="bf16", fallback="openvino-bf16",
                float32_equal=True, needs="nncf", recorded=True),
)}
# Exported with eager attention (not SDPA): the pattern ORT's attention fusion recognises.
EAGER = OnnxVariant("float32-eager", "model_eager.onnx", None, False, None,
                    "float32 exported with eager attention, the source of `fused`")


def variant(name: str) -> OnnxVariant:
    """The registered variant called `name`; a clear error for any other."""
    if name == EAGER.name:
        return EAGER
    try:
        return VARIANTS[name]
    except KeyError:
        raise ValueError(f"encoder variant {name!r}: expected one of "
                         f"{', '.join(VARIANTS)} (LAPEKG_ENCODER_VARIANT)") from None


def runnable(spec: OnnxVariant, folder: Path | None = None) -> OnnxVariant:
    """`spec`, or its fallback (and so on down the chain) when this process cannot run it
    (OpenVINO not installed, a CPU without native `precision`, or, given the model `folder`, a
    graph not made yet whose maker (`needs`, e.g. NNCF) is not installed); logged, since the
    encoder's identity, and so the vector cache and the build record, follow the variant that
    runs."""
    if spec.runtime != "openvino":
        return spec
    from search.openvino_session import usable

    if not usable(spec.precision):
        reason = f"OpenVINO and a CPU with native {spec.precision}"
    elif spec.needs and folder is not None and not _made_or_makeable(spec, folder):
        reason = f"its graph made by {spec.needs}, which is not installed"
    else:
        return spec
    assert spec.fallback is not None
    logger.info("encoder: %s needs %s; using %s", spec.name, reason, spec.fallback)
    return runnable(variant(spec.fallback), folder)


def _made_or_makeable(spec: OnnxVariant, folder: Path) -> bool:
    import importlib.util

    from search.onnx_export import onnx_ready

    assert spec.needs is not None
    return onnx_ready(Path(folder), spec.name) or importlib.util.find_spec(spec.needs) is not None


def known_files() -> set[str]:
    """Every file name a variant (or its marker) may have in `onnx/`."""
    files = {v.file for v in (*VARIANTS.values(), EAGER)}
    from search.openvino_int8 import RECIPE

    weights = {f.removesuffix(".xml") + ".bin" for f in files if f.endswith(".xml")}  # IR
    return files | weights | {f + ".json" for f in files} | {RECIPE}
