"""A table row gives its method the status of another cell: the parser reads no clauses across
the cells of "| Kunta | Toimintamalli | Tilanne |". Made-up rows."""

from __future__ import annotations


def test_the_status_cell_of_a_row_gives_the_methods_status(read_facts):
    found = read_facts("Tilanne kunnittain.\n\n| Kunta | Toimintamalli | Tilanne |\n|---|---|---|\n"
                       "| Kemi | perhekeskus | avattu elokuussa 2018 |\n")
    assert ("240", "implemented", "perhekeskus") in found


def test_a_row_that_denies_gives_no_status(read_facts):
    found = read_facts("Tilanne kunnittain.\n\n| Kunta | Toimintamalli | Tilanne |\n|---|---|---|\n"
                       "| Salla | etävastaanotto | ei käytössä |\n")
    assert not [f for f in found if f[2] == "etavastaanotto"]


def test_a_row_that_tells_a_start_ahead_in_the_present_gives_planned(read_facts):
    """A cell in the present tense with a time ahead ("avataan ensi syksynä") reports a plan,
    as the same words would in a sentence."""
    found = read_facts("Tilanne kunnittain.\n\n| Kunta | Toimintamalli | Tilanne |\n|---|---|---|\n"
                       "| Tornio | perhekeskus | avataan ensi syksynä |\n"
                       "| Kemi | perhekeskus | avattu elokuussa 2018 |\n")
    assert ("851", "planned", "perhekeskus") in found
    assert ("240", "implemented", "perhekeskus") in found
