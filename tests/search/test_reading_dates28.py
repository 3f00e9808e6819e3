"""A date question naming no event of the registry (round 28): its event is what its own words
name ('hölls … konferensen', 'koulutuspäivä järjestettiin'), so a date in the clause holding one
of those words dates it better than another date of the sentence; and a date the question states
itself ('the 2019 plan', 'in 2016') qualifies what it asks and answers nothing."""

from tests_support import passage_hit

from search.reading import Reader

TRAINING = ("Syksyn aikana hanke kokosi kuntien opiskeluhuollon väkeä yhteen, ja "
            "opiskeluhuollon koulutuspäivä järjestettiin 20.9.2018 Kokkolassa; raportti "
            "valmistui 15.1.2019.")
PLAN = ("Maakunnan LAPE-ryhmä kokoontui 19.11.2018 ja teki siellä vuoden 2019 "
        "siltaamissuunnitelman.")


def _read(question: str, terms: list[str], text: str):
    return Reader(learned=False).read([passage_hit(text)], "date", "period", terms, set(),
                                      question=question)


def test_a_date_in_the_clause_of_the_questions_own_event_word_is_tied_to_it():
    found = _read("milloin opiskeluhuollon koulutuspäivä järjestettiin",
                  ["opiskeluhuolto", "koulutuspäivä", "järjestää"], TRAINING)
    assert found[0].label == "20.9.2018"
    assert found[0].parts[4] == 1.0  # tied by 'koulutuspäivä järjestettiin' in its clause
    other = next(c for c in found if c.label == "15.1.2019")
    assert other.parts[4] < 1.0
    assert found[0].confidence >= found[0].floor


def test_a_question_naming_a_registry_event_keeps_its_event_fit():
    # 'alkoi' is the registry's start: a date is fitted by the event its clause states, not
    # by the question's other words beside it
    found = _read("milloin koulutuspäivä alkoi", ["koulutuspäivä", "alkaa"], TRAINING)
    assert all(c.parts[4] < 1.0 for c in found)


def test_the_questions_own_date_is_no_answer():
    found = _read("milloin maakunnan lape-ryhmässä tehtiin vuoden 2019 siltaamissuunnitelma",
                  ["maakunta", "lape-ryhmä", "tehdä", "siltaamissuunnitelma"], PLAN)
    assert [c.label for c in found] == ["19.11.2018"]


def test_the_end_of_a_year_closes_a_period_and_dates_an_end():
    from search.reading import Reader as _R
    from search.reading_spans import date_spans

    events = _R(learned=False).date_events
    for text, first in (("It ran from March 2017 to the end of 2018.", "March 2017"),
                        ("Projektet pågick från mars 2017 till slutet av 2018.", "mars 2017")):
        spans = date_spans(text, events)
        period = next(d for d in spans if d.form == "period")
        assert period.text.startswith(first) and period.text.endswith("2018")
        assert next(d for d in spans if d.text == "2018").event == "end"
    alone = date_spans("The post should continue at least until the end of 2019.", events)
    assert [(d.text, d.event) for d in alone] == [("2019", "end")]
