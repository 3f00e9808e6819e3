"""Amounts per locale with the euro sign, and the kind of money read from the amount's sentence."""

import pytest

from api.amounts import describe_amount, detect_kind, format_euros, funding_kinds, parse_amount


def test_euros_are_written_the_finnish_and_the_english_way():
    assert format_euros(1_500_000, "fi") == "1\u00a0500\u00a0000\u00a0€"
    assert format_euros(1_500_000, "en") == "€1,500,000"
    assert format_euros(759_952.5, "fi") == "759\u00a0952,50\u00a0€"


def test_a_budget_and_a_state_grant_of_one_project_do_not_look_alike():
    text = ("Hankkeen kokonaisbudjetti oli 2 000 000 euroa. Siitä valtionavustusta oli "
            "n. 1,5 milj. euroa.")
    budget = detect_kind(text, text.index("2 000"), text.index("2 000") + 15)
    grant = detect_kind(text, text.index("1,5"), text.index("1,5") + 14)
    assert budget is not None and grant is not None
    assert (budget.key, grant.key) == ("budget", "state_grant")
    assert describe_amount(2e6, budget, "en") != describe_amount(2e6, grant, "en")


def test_an_amount_without_a_kind_is_just_euros():
    assert detect_kind("Rahaa oli 5 000 euroa.", 10, 15) is None
    assert describe_amount(5000, None, "fi") == "5\u00a0000\u00a0€"


def test_labels_that_are_no_number_are_not_amounts():
    assert parse_amount("1\u00a0100\u00a0000") == 1_100_000
    assert parse_amount("KP LAPE") is None


def test_a_broken_kinds_file_names_itself(tmp_path):
    bad = tmp_path / "kinds.tsv"
    bad.write_text("key\tfi\ten\tstems\nbudget\ttalousarvio\tbudget\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kinds.tsv: row 2"):
        funding_kinds(bad)


def test_the_graphs_funding_kinds_name_the_same_kinds_as_the_pages():
    from api.amounts import kind_of

    assert kind_of("grant").key == "state_grant"
    assert kind_of("total").key == "budget"
    assert kind_of("own").key == "own_funding"
    assert kind_of("state_grant").key == "state_grant"
    assert kind_of("no such kind") is None
