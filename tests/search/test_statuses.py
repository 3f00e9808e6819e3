"""Statuses in answers: strongest first, with the year their sentence gives, and tiers."""

from search.statuses import STATUS_ORDER, merge, status_of, status_predicate, tier, year_in_sentence


def test_status_order_is_the_contracts():
    assert STATUS_ORDER == ("implemented", "developing", "piloted", "trained", "planned",
                            "created")


def test_readings_merge_into_one_status_each_strongest_first():
    merged = merge([("trained", "p1", None), ("implemented", "p2", 2019),
                    ("trained", "p3", 2018), ("implemented", "p2", 2018)])
    assert [(s.status, s.year, s.evidence) for s in merged] == [
        ("implemented", 2018, ["p2"]), ("trained", 2018, ["p1", "p3"])]


def test_the_year_is_the_statements_sentences_not_the_next_ones():
    text = "Mallia kokeiltiin Kajaanissa vuonna 2018. Vuonna 2020 se vakiintui."
    assert year_in_sentence(text, 6, 17) == 2018
    assert year_in_sentence("Mallia kokeiltiin. Vuonna 2020 se vakiintui.", 0, 6) is None


def test_predicates_and_statuses_map_both_ways():
    assert status_of(status_predicate("developing")) == "developing"
    assert status_of("https://w3id.org/lapekg/ontology#administeredBy") is None


def test_in_use_answers_tier_by_their_strongest_asked_status():
    asked = ("implemented", "developing", "piloted", "trained")
    assert tier(merge([("trained", "p", None)]), asked) == 3
    assert tier(merge([("trained", "p", None), ("implemented", "q", None)]), asked) == 0
    assert tier(merge([("planned", "p", None)]), asked) == 4


def test_places_asked_by_a_status_keep_those_holding_it_when_any_does():
    from types import SimpleNamespace

    from search.statuses import of_status_asked

    opened, planned = SimpleNamespace(tier=0), SimpleNamespace(tier=4)
    assert of_status_asked([opened, planned], 4) == [opened]
    assert of_status_asked([planned], 4) == [planned]


def test_places_asked_where_a_method_is_in_use_are_those_holding_it_in_use():
    """'Missä kunnissa menetelmä on vakiintunut käyttöön?': a town that only piloted it or
    trained staff in it has not taken it into use, and with none in use the graph has no
    answer; asked with another status beside ('käytetty tai koulutettu') the tiers stay."""
    from types import SimpleNamespace

    from search.statuses import in_use_asked

    in_use, piloted, trained = (SimpleNamespace(tier=t) for t in (0, 2, 3))
    assert in_use_asked([in_use, piloted, trained], ["implemented"]) == [in_use]
    assert in_use_asked([piloted, trained], ["implemented"]) == []
    assert in_use_asked([in_use, trained], ["implemented", "trained"]) == [in_use, trained]
    assert in_use_asked([in_use, piloted], []) == [in_use, piloted]


def test_places_asked_with_no_status_are_where_it_was_done_not_only_planned():
    from types import SimpleNamespace

    from search.statuses import Status, beyond_plans

    def place(*statuses: str) -> SimpleNamespace:
        return SimpleNamespace(statuses=[Status(s) for s in statuses])

    opened, planned, both, unsaid = place("implemented"), place("planned"), \
        place("trained", "planned"), place()
    assert beyond_plans([opened, planned, both, unsaid]) == [opened, both, unsaid]
    assert beyond_plans([planned]) == [planned]
