"""Issue 19, round 9: a town is no joint authority (a body question asking for a kind of body
answers with a body of that kind, or a linked organisation whose name states no kind); a Finnish
time word in the illative dates an end; a question asking for a day is not answered by a year
or a season."""

from tests_support import passage_hit

from search.reading_spans import date_spans
from search.records import EntityRef

EVENTS = {"start": ["alko", "start"], "end": ["päätty", "end"]}


def test_a_town_is_no_joint_authority_but_a_bare_organisation_name_may_be(reader):
    kinds = reader.kinds_asked("Vilken samkommun var partner i projektet?")
    assert kinds
    assert not reader._of_kind("Kotka", kinds, "Municipality")
    assert reader._of_kind("Carea", kinds, "Organisation")
    assert reader._of_kind("Eskoon sosiaalipalvelujen kuntayhtymä", kinds, None)
    assert not reader._of_kind("Lapin yliopisto", kinds, "Organisation")
    for question in ("Which joint authority runs the service?",
                     "Mihin kuntayhtymään työ linkittyi?"):
        assert reader.kinds_asked(question) == kinds


def test_a_municipality_beside_a_joint_authority_does_not_answer_which_joint_authority(reader):
    text = "Kotkassa palvelua tuottaa Carea, ja kokeilu laajenee Haminaan."
    town = EntityRef("Municipality", "kotka", "Kotka")
    body = EntityRef("Organisation", "carea", "Carea")
    passage = text.replace("Kotkassa", "Kotka")
    best = reader.read([passage_hit(passage, [town, body])], "body", "partner",
                       ["palvelu", "tuottaa"], set(),
                       question="Which joint authority provides the service?")
    assert best[0].label == "Carea"


def test_a_finnish_time_word_in_the_illative_dates_an_end():
    for text, label in (("Kokeilu jatkuu kevääseen 2019 asti.", "kevääseen 2019"),
                        ("Työ jatkuu vuoteen 2020.", "vuoteen 2020"),
                        ("Palvelu laajenee kesäkuuhun 2018 mennessä.", "kesäkuuhun 2018"),
                        ("Tuki jatkuu syksyyn 2018.", "syksyyn 2018")):
        spans = [d for d in date_spans(text, EVENTS) if d.text == label]
        assert spans and spans[0].event == "end", text
    began = date_spans("Kokeilu alkoi syyskuussa 2018.", EVENTS)
    assert began[0].event == "start"


def test_a_year_or_a_season_answers_no_question_asking_for_a_day(reader):
    text = "Asikkalan perhekeskuksen tilat otettiin käyttöön syksyllä 2018."
    for question in ("Vilket datum togs familjecentrets lokaler i bruk?",
                     "On what date were the family centre premises taken into use?",
                     "Minä päivänä perhekeskuksen tilat otettiin käyttöön?"):
        found = reader.read([passage_hit(text)], "date", "period",
                            ["perhekeskus", "tila", "käyttö"], set(), question=question)
        assert found and all(c.floor > 1 for c in found), question
    found = reader.read([passage_hit(text)], "date", "period", ["perhekeskus", "tila", "käyttö"],
                        set(), question="Milloin perhekeskuksen tilat otettiin käyttöön?")
    assert found and found[0].floor <= 1


def test_a_preposition_before_what_year_or_month_still_asks_for_a_date():
    from search.reading_types import InterrogativeTypes

    types = InterrogativeTypes()
    for question in ("For what year was a change agent hired?",
                     "In which month did the family centre open?",
                     "By when did the regions have to report?",
                     "Mille vuosille budjetti laadittiin?",
                     "Mihin mennessä seminaariin piti ilmoittautua?",
                     "Missä kuussa palvelu avattiin?",
                     "Till vilket år pågick projektet?",
                     "Vilken månad öppnade familjecentret?"):
        assert types.asked(question) == "date", question
    assert types.asked("How many years did it last?") == "count"


def test_an_event_word_inside_a_date_after_its_year_dates_it():
    import json
    from pathlib import Path

    cues = Path(__file__).resolve().parents[2] / "search" / "data" / "reading_cues.json"
    events = json.loads(cues.read_text(encoding="utf-8"))["_date_events"]
    ends = date_spans("Rakenteet piti saada valmiiksi vuoden 2018 loppuun.", events)
    assert [(d.text, d.event) for d in ends] == [("vuoden 2018 loppuun", "end")]
    during = date_spans("Toiminta jatkuu vuoden 2019 aikana.", events)
    assert during[0].event is None


def test_a_time_of_day_counts_nothing():
    from search.reading_spans import count_spans

    text = ("Ohjelma: klo 15.20 paneeli, 9:30 avaus. Seminaariin ilmoittautui 140 "
            "osallistujaa ja 25 kuntaa.")
    assert [c.label for c in count_spans(text, {})] == ["140", "25"]
