"""The reading layer reads dates by what they date, periods as periods, counts by the noun they
count and people by the role beside them; a passage lacking a name of the question is about
another thing."""


from tests_support import passage_hit

from search.glossary import Glossary
from search.query import question_language
from search.reading_values import dates_of, number_of
from search.records import EntityRef

PROJECT = EntityRef("Project", "perhepolku", "Perhepolku")


_hit = passage_hit


SPAN = "Perhepolku-hanke alkoi 3. huhtikuuta 2017 ja päättyi 31.12.2018. Muuta ei ole."


def test_a_question_for_the_end_gets_the_date_the_clause_says_ended(reader):
    best = reader.read([_hit(SPAN)], "date", "period", ["perhepolku", "päättyä"], set(),
                       question="milloin perhepolku hanke päättyi")
    assert best[0].label == "31.12.2018"


def test_a_question_for_the_start_gets_the_start(reader):
    best = reader.read([_hit(SPAN)], "date", "period", ["perhepolku", "alkaa"], set(),
                       question="Milloin Perhepolku-hanke alkoi?")
    assert best[0].label == "3. huhtikuuta 2017"


def test_a_period_is_read_from_a_start_and_an_end_in_one_sentence(reader):
    best = reader.read([_hit(SPAN)], "date", "period", ["perhepolku", "alkaa", "päättyä"],
                       set(), question="When did the Perhepolku project start and end?")
    assert best[0].label == "3. huhtikuuta 2017–31.12.2018"


def test_a_start_is_read_from_a_stated_period(reader):
    hits = [_hit("Hankeaika: 01.04.2017–31.12.2018. Hallinnoija: Oulun kaupunki.")]
    best = reader.read(hits, "date", "period", ["hankeaika", "alkaa"], set(),
                       question="Milloin hanke alkoi?")
    assert best[0].label == "01.04.2017"


def test_an_opening_question_prefers_the_date_of_an_opening(reader):
    text = ("Hanke päättyi 31.12.2018. Pieksämäen perhekeskus avattiin 7.1.2019. "
            "Perhekeskukseen on koottu neuvola.")
    best = reader.read([_hit(text)], "date", "period", ["pieksämäki", "perhekeskus", "avata"],
                       set(), question="Milloin Pieksämäen perhekeskus avattiin?")
    assert best[0].label == "7.1.2019"


def test_day_ranges_and_year_ranges_are_periods(reader):
    text = "LAPEn neljännessä konferenssissa 26.–27.11.2018 kuultiin tuloksia."
    best = reader.read([_hit(text)], "date", "period", ["konferenssi", "neljäs"], set(),
                       question="Milloin LAPEn neljäs konferenssi pidettiin?")
    assert best[0].label == "26.–27.11.2018"
    assert dates_of(best[0].label) == {"2018-11-26", "2018-11-27"}


def test_the_graph_dates_of_a_project_answer_only_its_own_start_or_end(reader):
    assert reader.project_dates_asked("Milloin Perhepolku-hanke alkoi?",
                                      ["perhepolku-hanke", "alkaa"], [PROJECT])
    assert not reader.project_dates_asked("Milloin Pieksämäen perhekeskus avattiin?",
                                          ["pieksämäki", "perhekeskus", "avata"], [])
    assert not reader.project_dates_asked(
        "when did the perhevoimala project hold its closing seminar",
        ["hanke", "päätösseminaari", "perhevoimala", "hold"],
        [EntityRef("Project", "perhevoimala", "Perhevoimala")])


def test_a_count_counts_the_noun_asked_about_also_as_a_number_word(reader):
    text = ("Kunnat: kaikki kahdeksan Kainuun kuntaa. Kainuuseen muodostettiin kolme "
            "perheasemaa, jotka toimivat verkostona.")
    best = reader.read([_hit(text)], "count", "quantity", ["perheasema", "kainuu"], set(),
                       question="montako perheasemaa kainuuseen muodostettiin")
    assert best[0].label == "3"


def test_a_counted_noun_is_met_through_consonant_gradation(reader):
    text = "Hanke toteutti muutosohjelmaa kaikissa Varsinais-Suomen 27 kunnassa."
    best = reader.read([_hit(text)], "count", "quantity", ["kunta", "hanke"], set(),
                       question="Hur många kommuner omfattade projektet?")
    assert best[0].label == "27"


def test_list_and_page_numbers_are_no_counts(reader):
    text = "5) Mäntyharjussa kuultiin 120 oppilasta.\n3 / 9"
    labels = [c.label for c in reader.read([_hit(text)], "count", "quantity",
                                           ["oppilas", "mäntyharju"], set(),
                                           question="Kuinka monta oppilasta kuultiin?")]
    assert labels[0] == "120"
    assert "5" not in labels and "3" not in labels


def test_a_role_word_names_the_person_after_it_not_the_one_before(reader):
    text = ("Satakunnan LAPE-muutosagentti Juho Salmela\n"
            "Perhekeskuskoordinaattori Reetta Väänänen, Satakunnan sairaanhoitopiiri")
    people = [EntityRef("Person", k, k) for k in ("Juho Salmela", "Reetta Väänänen")]
    best = reader.read([_hit(text, people)], "person", "roleHolder",
                       ["perhekeskuskoordinaattori", "satakunta"], set(),
                       question="Vem är familjecenterkoordinator i Satakunta?")
    assert best[0].label == "Reetta Väänänen"


def test_a_passage_lacking_a_name_of_the_question_reads_lower(reader):
    other = _hit("Jokaiseen lapsiperhetalouteen postitettiin lehti ja rekrytoitiin 268 "
                 "vapaaehtoista.", pid=0)
    own = _hit("Perhetaival rekrytoi 12 vapaaehtoista kohtaamispaikkoihin.", pid=1)
    best = reader.read([other, own], "count", "quantity", ["vapaaehtoinen", "rekrytoida",
                                                           "perhetaival"], set(),
                       question="Hur många frivilliga rekryterade projektet Perhetaival?")
    assert best[0].label == "12"
    assert reader.name_groups("Hur många frivilliga rekryterade projektet Perhetaival?",
                              set()) == [["perhetai"]]


def test_a_swedish_question_with_a_finnish_place_name_is_swedish():
    assert question_language("När öppnade familjecentret i Pieksämäki?") == "sv"
    assert question_language("Milloin Pieksämäen perhekeskus avattiin?") == "fi"


def test_the_glossary_reads_swedish_inflected_forms_and_reference_labels():
    glossary = Glossary.load()
    assert "vapaaehtoinen" in glossary.finnish_terms("Hur många frivilliga rekryterades?")
    assert "kainuu" in glossary.finnish_terms("Vem var förändringsagent i Kajanaland?")


def test_read_values_come_back_canonical():
    assert dates_of("1.3.2017–31.12.2018") == {"2017-03-01", "2018-12-31"}
    assert dates_of("syyskuun alussa 2018") == {"2018-09"}
    assert number_of("noin 1,3 miljoonaa euroa") == 1_300_000
    assert number_of("43 670") == 43_670


def test_month_numbers_and_month_ranges_are_dates(reader):
    text = "Hanke toimi maaliskuusta 2017 joulukuuhun 2018. Kokeilu alkoi 3/2018."
    period = reader.read([_hit(text)], "date", "period", ["hanke", "toimia"], set(),
                         question="Minä aikana hanke toimi?")
    start = reader.read([_hit(text)], "date", "period", ["kokeilu", "alkaa"], set(),
                        question="Milloin kokeilu alkoi?")
    assert dates_of(period[0].label) == {"2017-03", "2018-12"}
    assert start[0].label == "3/2018"


def test_a_role_after_the_name_in_its_clause_names_the_person(reader):
    text = "Sanna Korpela toimi hankkeen projektipäällikkönä. Mikko Lahtinen oli muutosagentti."
    people = [EntityRef("Person", k, k) for k in ("Sanna Korpela", "Mikko Lahtinen")]
    best = reader.read([_hit(text, people)], "person", "roleHolder", ["projektipäällikkö"],
                       set(), question="Kuka oli projektipäällikkö?")
    assert best[0].label == "Sanna Korpela"
