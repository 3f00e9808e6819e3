"""Passages cover the text with exact offsets and sensible sizes."""

from pathlib import Path

import pytest

from ingest.cleaning import clean
from ingest.passages import MAX_CHARS, split_passages
from ingest.readers import read_file

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:30])
def test_offsets_of_every_passage_map_back_to_its_text(path, voikko):
    text = clean(read_file(path)[0], voikko.is_word)
    passages = split_passages("d", text)
    assert passages
    for n, p in enumerate(passages):
        assert p.index == n
        assert text[p.start:p.end] == p.text
        assert p.text == p.text.strip()
        assert len(p.text) <= MAX_CHARS + 300
    starts = [p.start for p in passages]
    assert starts == sorted(starts)


def test_heading_merges_with_the_paragraph_after_it():
    text = "# Hankkeen toimijat\n\n" + "Hankkeessa työskenteli hankepäällikkö. " * 8
    passages = split_passages("d", text)
    assert len(passages) == 1
    assert passages[0].text.startswith("# Hankkeen toimijat")


def test_a_long_paragraph_is_cut_at_sentence_boundaries():
    text = " ".join(f"Tämä on lause numero {n} perhekeskuksista." for n in range(80))
    passages = split_passages("d", text)
    assert len(passages) > 2
    assert all(p.text.endswith(".") for p in passages[:-1])


def test_a_sentence_end_far_from_the_next_still_gives_pieces_under_the_maximum():
    text = "Alku. " + "sana " * 2000 + ". Loppu tässä."
    passages = split_passages("d", text)
    assert max(len(p.text) for p in passages) <= MAX_CHARS
    assert "".join(p.text for p in passages).replace(" ", "") == text.replace(" ", "")
