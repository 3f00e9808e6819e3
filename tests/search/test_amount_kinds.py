"""The kind of an amount as the text states it, and sums written in words: a share of the costs is
the kind of its owner, a payer names the kind of what it pays, each amount of a list has its own
kind word, and an amount of another kind than the one asked is no reading candidate
(search/fact_qualifiers.py, search/reading_spans.py; real Voikko, no build)."""

import pytest

from search.fact_qualifiers import Qualifiers
from search.reading_spans import AMOUNT
from search.reading_values import number_of


@pytest.fixture(scope="module")
def qualifiers(voikko):
    from search.query import QueryAnalyzer

    return Qualifiers(QueryAnalyzer(voikko, None).word_forms)  # type: ignore[arg-type]


def _stated(qualifiers, text: str, value: str) -> str | None:
    start = text.index(value)
    return qualifiers.amount_stated(text, start, start + len(value))


@pytest.mark.parametrize("text,value", [
    ("Valtionavustuksen osuus toteutuneista kustannuksista oli 80 prosenttia eli 566 080 euroa.",
     "566 080"),
    ("The state grant's share of the costs was 75 per cent, or 300 000 euros.", "300 000"),
    ("Statsbidragets andel av kostnaderna var 450 000 euro.", "450 000"),
])
def test_a_share_of_the_costs_is_of_the_kind_of_its_owner(qualifiers, text, value):
    assert _stated(qualifiers, text, value) == "grant"


@pytest.mark.parametrize("text,value", [
    ("Sen kustannusarvio on 851 777 euroa, ja sosiaali- ja terveysministeriö maksaa siitä "
     "700 000 euroa.", "700 000"),
    ("Of the budget of 900 000 euros the ministry pays 720 000 euros.", "720 000"),
])
def test_the_ministry_paying_an_amount_states_a_grant_not_a_cost(qualifiers, text, value):
    assert _stated(qualifiers, text, value) == "grant"


def test_each_amount_of_a_list_has_the_kind_word_after_the_amount_before_it(qualifiers):
    text = "- hankkeen kustannusarvio 1 320 000 €, valtionavustus 1 056 000 €, toteuma 41 %"
    assert _stated(qualifiers, text, "1 320 000") == "cost"
    assert _stated(qualifiers, text, "1 056 000") == "grant"


def test_a_budget_of_an_eu_funded_project_is_a_cost(qualifiers):
    text = "EU-rahoitteisen hankkeen kokonaisbudjetti on 2 000 000 euroa."
    assert _stated(qualifiers, text, "2 000 000") == "cost"


def test_a_share_of_the_costs_named_by_no_kind_word_stays_a_cost(qualifiers):
    text = "Stadens andel av kostnaderna för inredningen var 62 000 euro."
    assert _stated(qualifiers, text, "62 000") == "cost"


def test_an_amount_of_another_kind_than_asked_does_not_fit_the_reading(qualifiers):
    text = "- hankkeen kustannusarvio 1 320 000 €, valtionavustus 1 056 000 €"
    fits = qualifiers.amount_fits("How big is the state grant of the project?", "amount")
    assert fits is not None
    start = text.index("1 320 000")
    assert not fits(text, start, start + 9)
    start = text.index("1 056 000")
    assert fits(text, start, start + 9)
    assert qualifiers.amount_fits("Paljonko hanke sai?", "amount") is None
    assert qualifiers.amount_fits("How big is the state grant?", "date") is None


@pytest.mark.parametrize("text,value", [
    ("it received one million euros of state funding", 1_000_000),
    ("hanke sai miljoona euroa valtionavustusta", 1_000_000),
    ("kahden miljoonan euron hanke", 2_000_000),
    ("projektet fick en miljon euro", 1_000_000),
    ("a grant of half a million euros", 500_000),
    ("puolitoista miljoonaa euroa", 1_500_000),
    ("a budget of 1 200 000 euros", 1_200_000),
])
def test_a_sum_in_words_or_in_english_euros_is_an_amount(text, value):
    m = AMOUNT.search(text)
    assert m is not None
    assert number_of(m.group(0)) == value


def test_a_million_without_a_currency_is_no_amount():
    assert AMOUNT.search("the region has a million inhabitants") is None


@pytest.mark.parametrize("text,value", [
    ("Lapset puheeksi -menetelmään koulutettiin kuusikymmentäkolme työntekijää.", "63"),
    ("valmennukseen osallistui kaksikymmentäkaksi oppilasta", "22"),
    ("Kurssille osallistui seitsemäntoista isää.", "17"),
    ("Sjutton anställda utbildades under året.", "17"),
    ("Projektet nådde tjugotvå familjer.", "22"),
    ("Twenty-two pupils took part in the coaching.", "22"),
])
def test_a_count_written_out_as_one_word_is_read_as_its_number(text, value):
    import json

    from search.reading import CUES
    from search.reading_spans import count_spans
    from search.reading_values import number_words

    words = number_words(json.loads(CUES.read_text(encoding="utf-8")))
    assert value in {c.label for c in count_spans(text, words)}


def test_what_a_town_spent_is_a_cost_which_a_state_grant_does_not_answer(qualifiers):
    text = "The state grant for the project came to 540 000 euros."
    start = text.index("540 000")
    for q in ("How much did Hamina spend on home help?", "What were the expenses of the project?",
              "Vilka var projektets utgifter?"):
        fits = qualifiers.amount_fits(q, "amount")
        assert fits is not None, q
        assert not fits(text, start, start + 7), q


def test_a_town_asked_in_finnish_is_named_by_its_swedish_name_in_a_swedish_sentence():
    from search.reading_context import PassageContext, town_names

    names = town_names()
    assert "Lovisa" in names["loviisa"] and "Borgå" in names["porvoo"]
    from search.records import EntityRef

    loviisa = EntityRef("Municipality", "loviisa", "Loviisa")
    places = [(loviisa, ["loviis"]), (loviisa, ["lovis"])]

    class _Passage:
        entities = (EntityRef("Municipality", "porvoo", "Porvoo"),)

    class _Hit:
        passage = _Passage()

    said = "Familjecentret i Lovisa öppnade den 12 november 2018, Porvoo följde efter."
    assert PassageContext._elsewhere(_Hit(), said, places) == 0  # type: ignore[arg-type]
    assert PassageContext._elsewhere(_Hit(), "Porvoo öppnade ett center.",  # type: ignore[arg-type]
                                     places) == 1


def test_a_pronoun_of_a_finnish_question_is_no_content_word_the_corpus_lacks():
    from search.silence import Vocabulary, unknown_words

    question = "mikä on heidän tehtävänsä perhekeskuksessa"
    forms = {"heidän": ("he", (), ()), "tehtävänsä": ("tehtävä", (), ()),
             "perhekeskuksessa": ("perhekeskus", ("perhe", "keskus"), ())}
    readings = {"heidän": ["he"], "tehtävänsä": ["tehtävä"], "perhekeskuksessa": ["perhekeskus"]}
    vocabulary = Vocabulary([{"tehtävä", "perhekeskus", "perhe", "keskus"}])
    found = unknown_words(question, forms, vocabulary, "fi", set(), frozenset({"mikä", "on"}),
                          lambda w: readings.get(w, []))
    assert found == []
    found = unknown_words("mikä on kuukausiraha", {"kuukausiraha": ("kuukausiraha", (), ())},
                          vocabulary, "fi", set(), frozenset({"mikä", "on"}),
                          lambda w: ["kuukausiraha"])
    assert [u.word for u in found] == ["kuukausiraha"]
