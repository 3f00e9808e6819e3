"""A method's state said without a verb of doing: a state word in a table cell ("toiminnassa"),
a copular predicate the parser hangs on a heading word ("Vastaus: X on kokeiluvaiheessa"), and a
predicate the parser split off as a second root before a method whose name holds a verb
("kokeilisi Pyydä apua -nappia"). Made-up sentences."""

from __future__ import annotations


def test_in_operation_in_a_table_cell_is_in_use(read_facts):
    found = read_facts("Tilanne kunnittain.\n\n| Kunta | Toimintamalli | Tilanne |\n|---|---|---|\n"
                       "| Kemi | perhekeskus | toiminnassa syksystä 2018 alkaen |\n")
    assert ("240", "implemented", "perhekeskus") in found


def test_in_operation_as_a_predicate_is_in_use(read_facts):
    assert ("240", "implemented", "perhekeskus") in read_facts(
        "Kemissä perhekeskus on ollut toiminnassa syksystä 2018.")


def test_a_trial_phase_predicate_under_an_answer_heading_is_piloted(read_facts):
    found = read_facts("Kemi\n\nVastaus: Kemissä ryhmäneuvola on kokeiluvaiheessa; "
                       "ensimmäiset ryhmät kokoontuivat syyskuussa.")
    assert ("240", "piloted", "ryhmaneuvola") in found


def test_a_conditional_root_before_a_name_with_a_verb_is_planned(read_facts):
    found = read_facts("Jos valtionavustus myönnetään, Kemi kokeilisi Pyydä apua -nappia kunnan "
                       "verkkosivuilla.")
    assert ("240", "planned", "pyyda-apua-nappi") in found
    assert ("240", "piloted", "pyyda-apua-nappi") not in found
