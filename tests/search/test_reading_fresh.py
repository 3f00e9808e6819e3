"""Reading facts written in wordings the first reading layer was not built on: people the
linker missed behind a title, dates written with 'päivänä', number words in tens, English
questions whose untranslated words no passage holds, a launch and a closing asked about, a
reading that barely beats a rival, and years a question names that the evidence lacks."""


from tests_support import passage_hit

from search.answer_records import Answer, Evidence
from search.reading_values import dates_of, number_of
from search.records import EntityRef
from search.silence import years_held, years_of

REGION = EntityRef("Region", "05", "Kanta-Häme")
LAPE = EntityRef("Project", "lape", "Lapsi- ja perhepalvelujen muutosohjelma")


_hit = passage_hit


def test_a_person_the_linker_missed_is_read_behind_a_title(reader):
    text = ("Hankkeen projektipäällikkö Minna Heikkilä esitteli kokonaisuuden, ja päivän päätti "
            "maakunnan muutosagentti Pekka Järvenpää.")
    best = reader.read([_hit(text, [REGION])], "person", "roleHolder",
                       ["muutosagentti", "kanta-häme"], {REGION},
                       question="Who was the change agent in Kanta-Häme?")
    assert best[0].label == "Pekka Järvenpää"


def test_a_person_beside_another_role_reads_lower_than_the_holder(reader):
    text = "Projektipäällikkö Minna Heikkilä ja muutosagentti Pekka Järvenpää puhuivat."
    best = reader.read([_hit(text)], "person", "roleHolder", ["muutosagentti"], set(),
                       question="Kuka oli muutosagentti?")
    assert [c.label for c in best][:2] == ["Pekka Järvenpää", "Minna Heikkilä"]


def test_a_role_is_found_under_its_other_name(reader):
    text = "Hankkeen yhteyshenkilö on hankepäällikkö Laura Kinnunen. Valmistelija Jari Pulkkinen."
    best = reader.read([_hit(text)], "person", "roleHolder", ["projektipäällikkö"], set(),
                       question="Who is the project manager?")
    assert best[0].label == "Laura Kinnunen"


def test_a_date_written_with_paivana_is_one_day():
    assert dates_of("lokakuun 9. päivänä 2017") == {"2017-10-09"}
    assert dates_of("9. päivänä lokakuuta 2017") == {"2017-10-09"}


def test_an_opening_told_by_aukesivat_beats_the_date_of_the_blog(reader):
    title = "Vuosi perhekeskuksen arkea Turengissa"
    hits = [_hit("Blogi, 28.11.2018 – kirjoittanut koordinaattori Johanna Virta", title=title),
            _hit("Kun ovet aukesivat lokakuun 9. päivänä 2017, emme tienneet mitään.", pid=1,
                 title=title)]
    best = reader.read(hits, "date", "period", ["perhekeskus", "avata", "turenki"], set(),
                       question="When did the family centre in Turenki open?")
    assert best[0].label == "lokakuun 9. päivänä 2017"


def test_a_closing_asked_about_is_not_answered_by_an_opening(reader):
    text = "Nuorten chat-palvelu avattiin 5.2.2018."
    best = reader.read([_hit(text)], "date", "period", ["chat", "palvelu"], set(),
                       question="When was the chat service closed?")
    opened = reader.read([_hit(text)], "date", "period", ["chat", "palvelu"], set(),
                         question="When was the chat service opened?")
    assert best[0].confidence < opened[0].confidence


def test_tens_written_as_words_are_counts():
    assert number_of("noin viisikymmentä") == 50
    assert number_of("kolme") == 3


def test_untranslated_lower_case_english_words_do_not_dilute_an_english_question(reader):
    terms = ["ammattilainen", "came", "kanta-häme"]
    kept = reader.passage_words(terms, "How many professionals came to the Kanta-Häme event?")
    assert "came" not in kept and "ammattilainen" in kept
    assert reader.passage_words(terms, "Montako ammattilaista tuli?") == terms


def test_a_project_named_by_an_acronym_is_no_name_a_passage_must_hold(reader):
    assert LAPE not in reader.as_named({LAPE, REGION}, "When did the Kanta-Häme LAPE project "
                                                       "begin?")
    assert REGION in reader.as_named({LAPE, REGION}, "When did the Kanta-Häme LAPE project "
                                                     "begin?")


def test_a_reading_that_barely_beats_a_rival_is_less_sure(reader):
    alone = reader.read([_hit("Hankkeeseen osallistuu 11 kuntaa.")], "count", "quantity",
                        ["kunta", "osallistua"], set(),
                        question="Kuinka monta kuntaa osallistuu?")
    rivals = reader.read([_hit("Hankkeeseen osallistuu 11 kuntaa ja mukana on 12 kuntaa.")],
                         "count", "quantity", ["kunta", "osallistua"], set(),
                         question="Kuinka monta kuntaa osallistuu?")
    assert alone[0].margin > rivals[0].margin
    assert alone[0].confidence > rivals[0].confidence


def test_years_of_a_range_are_all_its_years():
    assert years_of("Hankeaika 1.3.2017–31.12.2019") == {2017, 2018, 2019}
    assert years_of("890 000 €") == set()


def test_an_answer_whose_evidence_misses_the_year_asked_is_dropped():
    evidence = [Evidence("p", "d", "Valtionavustus 890 000 € vuosille 2017–2018.", 0, 5, 0.9)]
    answer = Answer(None, "890000", "Amount", evidence, [], [], "graph", 0.85)
    assert years_held([answer], "Paljonko rahoitusta vuodelle 2020?", "Amount") == []
    assert years_held([answer], "Paljonko rahoitusta vuodelle 2018?", "Amount") == [answer]
    assert years_held([answer], "Paljonko rahoitusta?", "Amount") == [answer]


def test_a_year_in_a_place_question_does_not_scope_its_places():
    evidence = [Evidence("p", "d", "Perheasema avattiin Kajaanissa.", 0, 5, 0.9)]
    answer = Answer(None, "Kainuu", "Region", evidence, [], [], "text", 0.7)
    assert years_held([answer], "Missä maakunnissa avattiin perhekeskus 2018?", "Region") == [
        answer]


def test_an_opening_interrogative_fixes_the_answer_type():
    from search.question_model import QuestionKind
    from search.reading_types import InterrogativeTypes

    types = InterrogativeTypes()
    method = QuestionKind("method", "actorMethods", 0.5, 0.5)
    body = QuestionKind("body", "peopleOf", 0.5, 0.5)
    admin = QuestionKind("body", "administeredBy", 0.5, 0.5)
    assert types.corrected("Vad kostade försöket i Kuhmo år 2018?", method).answer_type == \
        "amount"
    assert types.corrected("Since when has Kuhmo trialled it?", body).answer_type == "date"
    assert types.corrected("Who heads the Iisalmi family centre?", body).answer_type == "person"
    assert types.corrected("Who administered the project?", admin).answer_type == "body"
    assert types.corrected("Which regions piloted it?", method) == method


def test_who_led_a_group_asks_for_a_person_even_when_read_as_administration():
    from search.glossary import Glossary
    from search.question_model import QuestionKind
    from search.reading_types import InterrogativeTypes

    types = InterrogativeTypes(finnish=Glossary.load().finnish_terms)
    admin = QuestionKind("body", "administeredBy", 0.5, 0.5)
    led = types.corrected("Vem ledde styrgruppen för projektet Perhesatama?", admin)
    assert (led.answer_type, led.relation) == ("person", "roleHolder")
    assert types.corrected("Vem administrerade projektet Perhesatama?", admin) == admin


def test_a_start_or_an_end_asked_in_swedish_or_english_narrows_the_project_dates(reader):
    assert reader.dates_asked("När startade LAPE-projektet i Lappland?") == ["startDate"]
    assert reader.dates_asked("when did the pippuri project finish") == ["endDate"]
    assert reader.dates_asked("What was the duration of Pippuri?") == ["startDate", "endDate"]
