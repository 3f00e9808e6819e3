"""Compound labels are found by cutting the head off the word, as the scan over labels did."""

from __future__ import annotations


def test_a_compound_is_its_label_then_hyphens_then_a_head_and_the_first_label_wins():
    """"vastuutyöntekijämalli" and "vastuutyöntekijä--malli" are the label "vastuutyöntekijä"
    with the head "malli"; a word that leaves text after the head, or no known label before it,
    is no compound; of two labels that both fit ("perhetyö" + "ryhmä", "perhe" + "työryhmä"),
    the one entered first wins, and a label entered twice keeps its first entity."""
    from ingest.linking import _CompoundIndex

    index = _CompoundIndex(("malli", "työryhmä", "ryhmä"))
    index.add("vastuutyöntekijä", "first")  # type: ignore[arg-type]
    index.add("perhetyö", "work")  # type: ignore[arg-type]
    index.add("perhekeskus", "centre")  # type: ignore[arg-type]
    index.add("vastuutyöntekijä", "again")  # type: ignore[arg-type]
    index.add("perhe", "family")  # type: ignore[arg-type]
    assert index.find("vastuutyöntekijämalli") == "first"
    assert index.find("vastuutyöntekijä--malli") == "first"
    assert index.find("vastuutyöntekijämallit") is None
    assert index.find("malli") is None
    assert index.find("perhetyöryhmä") == "work"
    assert index.find("perhe-työryhmä") == "family"
