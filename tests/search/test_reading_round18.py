"""Names and numbers whatever their spelling (round 18): an abbreviation written with its
letters together or apart is the same name; one name standing for two entities of the build is
held by a passage linking either; a role is read by its own word, not by the first letters it
shares with another role; a count of a noun the question does not name gives way to a count of
the noun asked; a meeting's number is no month; a capitalised word that is a named place
inflected ('Lapissa') is no name of its own."""

from tests_support import passage_hit

from search.entity_matcher import EntityMatcher
from search.reading import Reader
from search.reading_spans import date_spans
from search.records import EntityRef

PK = EntityRef("Project", "pohjois-karjalan-lape", "P-K LAPE")
LAPE = EntityRef("Project", "lape", "LAPE")
KP_ONE = EntityRef("Project", "kp-lape", "KP LAPE")
KP_TWO = EntityRef("Project", "keski-pohjanmaan-lape", "KP LAPE")
LAPPI = EntityRef("Region", "19", "Lappi")


def test_an_abbreviation_written_together_is_the_name_written_apart():
    matcher = EntityMatcher([(PK, PK.label), (LAPE, LAPE.label)])
    assert [f.entity for f in matcher.find("milloin pk lape alkoi ja päättyi")] == [PK]
    assert [f.entity for f in matcher.find("mikä oli pklape-hankkeen budjetti")] == [PK]


def test_a_short_name_is_not_found_in_words_written_together():
    matcher = EntityMatcher([(EntityRef("Municipality", "x", "Salo"), "Salo")])
    assert matcher.find("sa lo") == []


COORDINATORS = ("Soiten alueelle rakentuu kolme perhekeskusta. Tammikuussa aloitti kaksi "
                "perhekeskuskoordinaattoria.")


def test_one_name_for_two_entities_is_held_by_a_passage_linking_either():
    found = Reader(learned=False).read(
        [passage_hit(COORDINATORS, entities=[KP_ONE])], "count", "quantity",
        ["perhekeskuskoordinaattori", "aloittaa"], {KP_ONE, KP_TWO},
        question="how many family centre coordinators started in kp lape area")
    assert found[0].parts[5] == 0.0


PROJECT_TABLE = ("| Hankkeen omistaja | Hämeen liitto |\n| Projektipäällikkö | Satu Raatikainen |\n"
                 "| Projektisuunnittelija | Liisa Jormalainen |\n| Toteutusaika | 1.4.2017–31.12.2018 |")


def test_a_role_named_is_read_by_its_own_word_not_by_a_shared_beginning():
    planner = EntityRef("Role", "projektisuunnittelija", "projektisuunnittelija")
    found = Reader(learned=False).read(
        [passage_hit(PROJECT_TABLE, entities=[
            EntityRef("Person", "satu-raatikainen", "Satu Raatikainen"),
            EntityRef("Person", "liisa-jormalainen", "Liisa Jormalainen")])],
        "person", "roleHolder", ["projektisuunnittelija"],
        {planner}, question="who was the project planner in the project")
    assert found[0].label == "Liisa Jormalainen"


PIRKANMAA = ("Eroperheiden vertaisryhmiä järjestettiin vuoden 2018 aikana kaikkiaan 14, ja niihin "
             "osallistui 96 vanhempaa.\n- Valtionavustus: 1 250 000 euroa\n"
             "- Mukana ovat kaikki Pirkanmaan 23 kuntaa.")


def test_a_count_of_the_noun_asked_goes_before_numbers_of_nothing_asked():
    found = Reader(learned=False).read(
        [passage_hit(PIRKANMAA)], "count", "quantity", ["kunta", "osallistua", "Pirkanmaa"],
        set(), question="How many municipalities take part in the Pirkanmaa project?")
    assert found[0].label == "23"


def test_a_meeting_number_is_no_month():
    text = "LAPIN LAPE-OHJAUSRYHMÄN KOKOUS 2/2019 – PÖYTÄKIRJA\nAika: 14.2.2019 klo 13.00"
    assert [d.text for d in date_spans(text, {})] == ["14.2.2019"]
    assert "2/2019" not in [d.text for d in date_spans("Sammanträde 4/2018", {})]


def test_a_named_place_inflected_with_its_gradation_is_no_other_name():
    text = "Lapset puheeksi -keskusteluun on maakunnassa koulutettu tähän mennessä 112 ammattilaista."
    found = Reader(learned=False).read(
        [passage_hit(text, entities=[LAPPI])], "count", "quantity",
        ["ammattilainen", "Lappi", "kouluttaa"], {LAPPI},
        question="Kuinka monta ammattilaista Lapissa on koulutettu Lapset puheeksi -keskusteluun?")
    assert found[0].label == "112"
    assert found[0].parts[5] == 0.0
