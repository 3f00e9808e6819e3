"""Issue 19, round 8: a number a figure, table, page or section is named by counts nothing; a
question asking which organisation a role holder comes from asks for a body, in the singular
for one; an organisation's name read by its shape does not take in the person named before it."""

import json
from pathlib import Path

from tests_support import passage_hit

from search.reading_spans import count_spans
from search.records import EntityRef

CUES = Path(__file__).resolve().parents[2] / "search" / "data" / "reading_cues.json"
LABELS = json.loads(CUES.read_text(encoding="utf-8"))["_label_nouns"]


def test_a_number_naming_a_figure_table_page_or_section_counts_nothing():
    for text in ("Kuvassa 1 on kuvattu perhekeskusten verkosto.",
                 "3 § Perheasema avattiin keskustaan.",
                 "See Table 2 for the family centres.",
                 "Se bilaga 4 om familjecentren.",
                 "Lisätietoa sivulla 14 perhekeskuksista."):
        assert not count_spans(text, {}, LABELS), text
    spans = count_spans("Perhekeskuksia avattiin 3 ja kuvaan 1 koottiin niiden sijainnit.",
                        {}, LABELS)
    assert [s.label for s in spans] == ["3"]


def test_an_organisation_asked_beside_a_role_is_a_body_not_the_role_holder(reader):
    text = ("Päijät-Hämeessä työtä edistää järjestöagentti Sanna Peltonen Lahden Ensi- ja "
            "turvakoti ry:stä.")
    person = EntityRef("Person", "sanna-peltonen", "Sanna Peltonen")
    best = reader.read([passage_hit(text, [person])], "body", "peopleOf",
                       ["järjestöagentti", "päijät-häme"], set(),
                       question="Which organisation is Päijät-Häme's NGO agent from?")
    assert best[0].label == "Lahden Ensi- ja turvakoti ry"
    assert best[0].type == "body"


def test_which_organisation_in_the_singular_lets_only_the_first_answer(reader):
    text = ("Kerhoja järjestivät Pesäpuu ry ja Lahden Ensi- ja turvakoti ry yhdessä "
            "seurakuntien kanssa.")
    hits = [passage_hit(text)]
    one = reader.read(hits, "body", "partner", ["kerho", "järjestää"], set(),
                      question="Mikä järjestö järjesti kerhoja?")
    many = reader.read(hits, "body", "partner", ["kerho", "järjestää"], set(),
                       question="Mitkä järjestöt järjestivät kerhoja?")
    assert len(one) > 1 and all(c.floor > 1 for c in one[1:])
    assert all(c.floor <= 1 for c in many)


def test_a_month_a_hyphened_generic_head_or_a_name_without_dots_is_no_lacking_name(reader):
    hame = EntityRef("Project", "oma-hame", "Oma Häme")
    groups = reader._names("Who chaired the February 2019 meeting of Oma Hame?", {hame}, False)
    assert [g for _, g in groups] == [["oma", "häme"]]
    groups = reader._names("Kuinka monta kuntaa oli mukana Perhetaival-hankkeessa?", set())
    assert [g for _, g in groups] == [["perhetai"]]


def test_two_dates_joined_by_till_den_or_to_the_are_one_period():
    from search.reading_spans import date_spans

    text = "Projektet pågick från den 1 januari 2016 till den 31 december 2018 och avslutades."
    periods = [d for d in date_spans(text, {}) if d.form == "period"]
    assert [(text[a:b], text[c:e]) for d in periods for (a, b), (c, e) in [d.parts]] == [
        ("1 januari 2016", "31 december 2018")]


def test_a_question_asking_since_when_asks_for_a_start(reader):
    from search.reading_question import asked_event

    for question in ("Mistä lähtien perhekeskukset ovat toimineet?",
                     "Since when has the drop-in service for young people been running?",
                     "Sedan när har familjecentret funnits i Vasa?"):
        assert asked_event(question, reader.date_asked) == "start", question


def test_from_right_before_a_date_dates_a_start_and_until_an_end():
    from search.reading_spans import date_spans

    text = "The programme ran from March 2017 until December 2018; a report came out in May 2019."
    events = {d.text: d.event for d in date_spans(text, {}) if d.form != "period"}
    assert events == {"March 2017": "start", "December 2018": "end", "May 2019": None}
    alone = date_spans("We collected feedback from autumn 2018 and published it.", {})
    assert [d.event for d in alone] == [None]


def test_a_date_beside_a_decision_noun_dates_a_decision(reader):
    from search.reading_spans import date_spans

    text = "Perhekahvilasta tehdään päätös loppuvuoden 2018 aikana."
    assert [d.event for d in date_spans(text, reader.date_events)] == ["decision"]


def test_an_english_or_swedish_count_of_agents_counts_the_agent_compound(reader):
    assert reader.counted_stems("How many kid agents did the project have?") == ["lapsiag"]
    assert reader.counted_stems("Hur många barnagenter hade projektet?") == ["lapsiag"]


def test_a_count_asked_about_the_future_is_read_from_a_clause_about_the_future(reader):
    text = "Nappi toimii nyt 18 kunnassa, lähitulevaisuudessa 22 kunnassa."
    best = reader.read([passage_hit(text)], "count", "quantity", ["kunta", "nappi"], set(),
                       question="In how many municipalities will the button work in the future?")
    now = reader.read([passage_hit(text)], "count", "quantity", ["kunta", "nappi"], set(),
                      question="In how many municipalities does the button work?")
    assert best[0].label == "22"
    assert {c.label for c in now} == {"18", "22"}


def test_a_body_the_question_names_by_its_abbreviation_is_held_by_a_passage_holding_it(reader):
    mll = EntityRef("Organisation", "mll", "Mannerheimin Lastensuojeluliitto")
    text = "MLL:n piiri avasi Haapavedelle perheiden kohtaamispaikan helmikuussa 2018."
    other = "Kunta avasi Haapavedelle perheiden kohtaamispaikan syyskuussa 2019."
    best = reader.read([passage_hit(other), passage_hit(text)], "date", "period",
                       ["avata", "kohtaamispaikka", "haapavesi"], {mll},
                       question="When did MLL open the family meeting place in Haapavesi?")
    assert best[0].label == "helmikuussa 2018"
    assert best[0].parts[5] == 0.0  # no name of the question lacking


def test_a_lone_reading_in_a_passage_lacking_a_named_town_does_not_answer(reader):
    lieksa = EntityRef("Municipality", "422", "Lieksa")
    text = "Toiminta suunniteltiin kyselyn pohjalta, johon vastasi lähes sata vanhempaa."
    best = reader.read([passage_hit(text)], "count", "quantity", ["vanhempi", "vastata", "kysely"],
                       {lieksa}, question="How many parents answered the survey in Lieksa?")
    held = reader.read([passage_hit("Lieksassa " + text[0].lower() + text[1:], [lieksa])],
                       "count", "quantity", ["vanhempi", "vastata", "kysely"], {lieksa},
                       question="How many parents answered the survey in Lieksa?")
    assert best and best[0].margin <= 0 and best[0].confidence < best[0].floor
    assert held[0].margin > 0


def test_a_count_of_a_part_is_the_number_after_of_which_not_the_whole_set(reader):
    text = "Perhekeskuksiin on valittu 14 työmenetelmää, joista 3 on näyttöön perustuvia."
    terms = ["työmenetelmä", "näyttö", "perustua", "valita"]
    part = reader.read([passage_hit(text)], "count", "quantity", terms, set(),
                       question="Kuinka moni valituista työmenetelmistä on näyttöön perustuva?")
    whole = reader.read([passage_hit(text)], "count", "quantity", terms, set(),
                        question="Montako työmenetelmää perhekeskuksiin valittiin?")
    assert part[0].label == "3"
    assert whole[0].label == "14"
    assert reader._asks_part("How many of the methods are evidence based?")
    assert not reader._asks_part("Montako ammattilaista perhekeskuksessa työskentelee?")


def test_a_longer_word_beginning_like_a_label_noun_still_counts():
    spans = count_spans("Perheiden kohtaamispaikkoja 12 ja lasten lukumäärä 140.", {}, LABELS)
    assert [s.label for s in spans] == ["12", "140"]
