"""Periods are read however a text joins their two ends (a dash, 'to', 'till', 'between … and',
a Finnish 'from' form followed by a 'to' form, a short second year), and the fact question model
is trained on many English and Swedish wordings of every fact type."""

import json
from collections import Counter

import pytest
from tests_support import passage_hit

from search.question_training import READING_TEMPLATES, load_templates, training_questions
from search.reading import CUES
from search.reading_spans import date_spans
from search.reading_values import dates_of

EVENTS = json.loads(CUES.read_text(encoding="utf-8"))["_date_events"]


def _periods(text: str) -> list[tuple[str, list[str]]]:
    return [(d.text, sorted(dates_of(d.text))) for d in date_spans(text, EVENTS)
            if d.form == "period"]


@pytest.mark.parametrize(("text", "period", "dates"), [
    ("Hanke toteutettiin syksystä 2017 kevääseen 2019.", "syksystä 2017 kevääseen 2019",
     ["2017", "2019"]),
    ("Hanke kesti vuodesta 2017 vuoteen 2019.", "vuodesta 2017 vuoteen 2019", ["2017", "2019"]),
    ("The project ran from March 2017 to December 2018.", "March 2017 to December 2018",
     ["2017-03", "2018-12"]),
    ("The project ran between 2017 and 2019.", "2017 and 2019", ["2017", "2019"]),
    ("Projektet pågick från mars 2017 till december 2018.", "mars 2017 till december 2018",
     ["2017-03", "2018-12"]),
    ("Projektet pågick mellan 2017 och 2019.", "2017 och 2019", ["2017", "2019"]),
    ("Hanke ajoittui ajalle 03/2017–12/2018.", "03/2017–12/2018", ["2017-03", "2018-12"]),
    ("Hanke toteutettiin 2017–18.", "2017–18", ["2017", "2018"]),
])
def test_two_dates_a_period_word_joins_are_one_period(text, period, dates):
    assert (period, dates) in _periods(text)


def test_two_dates_in_one_sentence_without_a_join_are_no_period():
    assert _periods("Vuonna 2017 ja 2018 järjestettiin seminaarit.") == []
    assert _periods("Hanke alkoi keväällä 2017 ja päättyi syksyllä 2018.") == []


def test_a_range_of_years_with_a_hyphen_is_two_years_not_a_month():
    assert dates_of("vuosina 2017-2019") == {"2017", "2019"}
    assert dates_of("2019-11") == {"2019-11"}
    assert dates_of("2019-11-05") == {"2019-11-05"}


def test_a_period_joined_by_a_finnish_from_form_answers_a_period_question(reader):
    text = "Perhepolku-hanke toteutettiin syksystä 2017 kevääseen 2019 Kainuussa."
    best = reader.read([passage_hit(text)], "date", "period", ["perhepolku"], set(),
                       question="How long did the Perhepolku project last?")
    assert dates_of(best[0].label) == {"2017", "2019"}


def test_every_fact_type_has_sixty_english_and_swedish_training_wordings():
    rows = load_templates(READING_TEMPLATES)
    foreign = Counter(kind for kind, _, language, _ in rows if language in ("en", "sv"))
    kinds = ("date", "count", "amount", "person", "body")
    assert {k: foreign[k] >= 60 for k in kinds} == dict.fromkeys(kinds, True)
    assert {language for _, _, language, _ in rows} == {"fi", "en", "sv"}


def test_the_reading_templates_are_part_of_the_training_questions():
    texts = {q.text for q in training_questions()}
    assert any("get going" in t for t in texts) and any("pågick" in t for t in texts)


def test_a_date_count_or_amount_is_asked_through_its_own_relation():
    from search.question_model import QuestionKind
    from search.reading_types import InterrogativeTypes

    types = InterrogativeTypes({"date": ["on what date"]})
    kind = types.corrected("On what date did the ministry grant state aid to X?",
                           QuestionKind("date", "administeredBy", 0.7, 0.5))
    assert (kind.answer_type, kind.relation) == ("date", "period")
    body = types.corrected("Which city ran X?", QuestionKind("body", "administeredBy", 0.9, 0.9))
    assert body.relation == "administeredBy"
    place = types.corrected("Which regions trained staff in X?",
                            QuestionKind("region", "quantity", 0.9, 0.5))
    assert place.relation == "methodActors"


def test_until_when_a_project_lasted_asks_for_its_end():
    from search.reading_question import asked_event

    cues = json.loads(CUES.read_text(encoding="utf-8"))["_date_asked"]
    assert asked_event("Mihin päivään asti hanke kesti?", cues) == "end"
    assert asked_event("How long did the project last?", cues) == "period"
    assert asked_event("Hur länge pågick projektet?", cues) == "period"


def test_who_ran_a_project_is_its_manager_not_another_person_beside_a_role(reader):
    text = ("Yhteystiedot: LAPE-muutosagentti Mirja Antila. Projektipäällikkö Henna Kyhä. "
            "SATULA-hanke toteuttaa muutosohjelmaa Satakunnassa.")
    best = reader.read([passage_hit(text)], "person", "roleHolder", ["satula"], set(),
                       question="who managed the SATULA project")
    assert best[0].label == "Henna Kyhä"


def test_an_english_count_counts_the_plural_noun_its_phrase_ends_with(reader):
    assert reader.counted_stems(
        "What number of family centre meeting places were in operation?") == ["kohtaam"]
    assert reader.counted_stems("How many municipalities take part in the project?") == [
        "kunt"]
    assert reader.counted_stems("Hur många frivilliga rekryterade projektet?") == ["vapaaeh"]


def test_how_long_and_what_period_ask_for_a_date_in_three_languages():
    from search.reading_types import InterrogativeTypes

    types = InterrogativeTypes()
    for question in ("How long did the Perhesilta project last?", "Hur länge pågick projektet?",
                     "Kuinka kauan hanke kesti?", "What period did the project cover?"):
        assert types.asked(question) == "date", question


def test_a_later_passage_of_the_projects_own_page_is_read_as_about_the_project():
    from search.reading import Reader
    from search.records import EntityRef
    from search.text_answers import READ_MIN_CONFIDENCE

    satula = EntityRef("Project", "satula", "SATULA")
    page = passage_hit("SATULA-hanke toteuttaa muutosohjelmaa Satakunnassa.", [satula], pid=0)
    contacts = passage_hit("Yhteystiedot: Muutosagentti Mirja Antila. Projektipäällikkö Henna "
                           "Kyhä. Suunnittelijat: Petra Ahonen, Jonna Koivuniemi.", pid=1)
    reader = Reader()
    unindexed = reader.read([contacts], "person", "roleHolder", ["satula"], {satula},
                            question="who managed the SATULA project")
    reader.index_documents([page.passage, contacts.passage])
    best = reader.read([contacts], "person", "roleHolder", ["satula"], {satula},
                       question="who managed the SATULA project")
    assert best[0].label == "Henna Kyhä"
    assert best[0].confidence >= READ_MIN_CONFIDENCE > unindexed[0].confidence


@pytest.mark.parametrize("question", ["Milloin Perhepolku-hanke alkoi?",
                                      "When did the Perhepolku project end?",
                                      "När startade Perhepolku-projektet?"])
def test_a_date_in_a_heading_with_no_event_word_dates_the_document_not_the_event(
        reader, question):
    text = ("# Perhepolku-hanke: tulokset kunnittain (tiivistelmä, tammikuu 2019)\n\n"
            "| Tieto | Arvo |\n|---|---|\n| Toteutusaika | 1.4.2017–31.12.2018 |")
    best = reader.read([passage_hit(text)], "date", "startDate", ["perhepolku", "hanke"], set(),
                       question=question)
    assert best[0].label != "tammikuu 2019"
    assert dates_of(best[0].label) & {"2017-04-01", "2018-12-31"}


def test_a_table_row_is_read_with_the_heading_the_table_stands_under(reader):
    from search.reading_spans import table_heading

    text = ("# Perhepolku-hanke: tulokset kunnittain\n\n"
            "| Tieto | Arvo |\n|---|---|\n| Toteutusaika | 1.4.2017–31.12.2018 |")
    row = text.index("| Toteutusaika")
    top, bottom = table_heading(text, row)
    assert text[top:bottom] == "# Perhepolku-hanke: tulokset kunnittain"
    assert table_heading("Johdanto.\n| Toteutusaika | 2017 |", 10) == (0, 0)
    # the row's start date outweighs a date of another event in a sentence naming the project
    seminar = passage_hit("Perhepolku-hankkeen seminaari pidettiin Kajaanissa 12.3.2018.")
    best = reader.read([seminar, passage_hit(text, pid=1)], "date", "startDate",
                       ["perhepolku", "hanke"], set(), question="Milloin Perhepolku-hanke alkoi?")
    assert best[0].label == "1.4.2017" and best[0].confidence >= best[0].floor


@pytest.mark.parametrize(("label", "dates"), [
    ("1.3.2017-31.12.2018", ["2017-03-01", "2018-12-31"]),
    ("1.3.2017-10.12.2018", ["2017-03-01", "2018-12-10"]),
    ("2018-09", ["2018-09"]),
    ("2018-09-03", ["2018-09-03"]),
])
def test_a_period_joined_by_a_hyphen_is_two_days_not_an_iso_month(label, dates):
    # '2017-31' of '1.3.2017-31.12.2018' is a year and the next day, no ISO year and month.
    assert sorted(dates_of(label)) == dates
