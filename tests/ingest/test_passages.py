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


# --- headings --------------------------------------------------------------------------------

def _headings(text: str):
    from ingest.passages import find_headings

    return [(h.kind, h.level, h.text) for h in find_headings(text)]


def test_markdown_headings_keep_their_level():
    text = "# Hankkeen loppuraportti\n\n## Rovaniemi\n\nKaupungissa kokeiltiin perhekahvilaa.\n"
    assert _headings(text) == [("markdown", 1, "Hankkeen loppuraportti"),
                               ("markdown", 2, "Rovaniemi")]


def test_a_short_line_opening_a_block_is_a_heading_and_a_sentence_is_not():
    text = ("Sodankylä\nKunnassa kokeiltiin perhekahvilaa.\n\n"
            "Kunnassa kokeiltiin perhekahvilaa.\nSe jatkuu.\n\nYhteystiedot:\nPuh. 040 123")
    assert _headings(text) == [("line", 7, "Sodankylä")]


def test_a_section_number_is_a_heading_whose_level_is_its_depth():
    text = ("2 Pilottikunnat\nKolmessa kunnassa kokeiltiin mallia.\n\n"
            "Työ jatkui. 2.1 Sallan pilotti Sallassa kokeiltiin mallia 1.12.2018 alkaen.")
    assert _headings(text) == [("numbered", 1, "2 Pilottikunnat"), ("numbered", 2, "2.1")]


def test_a_date_or_a_year_is_no_section_number():
    assert _headings("Työ alkoi. 1.12.2018 Sallassa avattiin perhekeskus. 2019 Kemissä myös.") \
        == []


def test_a_name_glued_before_the_next_sentence_is_an_inline_candidate():
    # PDF extraction glues a heading into the running text.
    text = ("Kokeilut kuvataan alla kunnittain. Salla Sallan pilotissa kokeiltiin perhekahvilaa. "
            "Perhetalo Majakka (Kemi) Majakassa kokeiltiin kotikäyntejä. Lisäksi kokeiltiin kerhoa.")
    assert _headings(text) == [("inline", 7, "Salla"), ("inline", 7, "Perhetalo Majakka (Kemi)")]


def test_headings_ride_on_their_passage_with_exact_offsets():
    text = ("Johdanto kertoo hankkeesta. " * 8 + "\n\n## Kolari\n\n"
            + "Kolarissa kokeiltiin perhekahvilaa. " * 3
            + "Salla Sallan pilotissa kokeiltiin kerhoa.")
    passages = split_passages("d", text)
    found = [(p.index, h.text) for p in passages for h in p.headings]
    assert found == [(1, "Kolari"), (1, "Salla")]
    for p in passages:
        for h in p.headings:
            assert p.text[h.start:h.end] == h.text
