"""What the reading holds whatever a question or a passage calls a thing (round 17): an entity
of the question is held by a passage linking it under another label; the date a set of minutes
gives its meeting dates the items decided there; a date question naming no event lets any date
fit it a little; dates are read in the short forms reports write them in ('8 Oct 2018',
'10.10.17', 'Huhtikuussa -18', '14.4. 2016'); a body or project the documents made of a common
noun is no name of a question."""

from tests_support import passage_hit

from search.reading import Reader
from search.reading_spans import date_spans
from search.reading_values import dates_of
from search.records import EntityRef

KS_LAPE = EntityRef("Project", "keski-suomen-lape", "Keski-Suomen LAPE")
ASKED_IN_ENGLISH = EntityRef("Project", "keski-suomen-lape", "Central Finland LAPE")
OTHER = EntityRef("Project", "pippuri", "Pippuri")
TEXT = "Maakunnan LAPE-hanke on käynnissä 1.3.2017–31.12.2018, ja sitä hallinnoi Jyväskylä."
QUESTION = "When did the Central Finland LAPE project start?"


def _start(linked: EntityRef) -> tuple[str, float]:
    found = Reader(learned=False).read([passage_hit(TEXT, entities=[linked])], "date", "period",
                                       ["Central Finland LAPE", "alkaa"], {ASKED_IN_ENGLISH},
                                       question=QUESTION)
    return found[0].label, found[0].parts[5]


def test_a_question_names_an_entity_a_passage_links_under_another_label():
    label, lacking = _start(KS_LAPE)
    assert label == "1.3.2017"
    assert lacking == 0.0


def test_a_passage_linking_another_project_still_lacks_the_one_asked():
    _, lacking = _start(OTHER)
    assert lacking == 1.0


MINUTES = ("KUHMON KAUPUNKI Sivistyslautakunta Pöytäkirja 8/2018, kokous 16.10.2018\n"
           "§ 64 Nuorten matalan kynnyksen palvelun kokeilun jatkaminen\n"
           "Kuhmossa on helmikuusta 2018 alkaen kokeiltu nuorille tarkoitettua vastaanottoa. "
           "Sivistysjohtaja esittää, että kokeilua jatketaan 31.12.2019 saakka. "
           "Päätös: Lautakunta hyväksyi esityksen.")


def _decided(question: str, terms: list[str]):  # type: ignore[no-untyped-def]
    return Reader(learned=False).read([passage_hit(MINUTES)], "date", "period", terms, set(),
                                      question=question)


def test_the_meeting_date_of_minutes_dates_a_decision_taken_there():
    found = _decided("When did the Kuhmo education committee decide to continue the trial?",
                     ["Kuhmo", "lautakunta", "päättää", "jatkaa", "kokeilu"])
    assert found[0].label == "16.10.2018"
    # its heading line is read as the sentence of the whole passage, tied to the decision
    assert found[0].parts[2] == found[0].parts[3]
    assert found[0].parts[4] == 1.0


def test_a_date_in_the_running_text_still_answers_until_when():
    found = _decided("Mihin asti Kuhmon nuorten vastaanoton kokeilua jatketaan?",
                     ["Kuhmo", "nuori", "vastaanotto", "kokeilu", "jatkaa"])
    assert "16.10.2018" not in [c.label for c in found][:1]


def test_a_date_in_a_long_line_is_no_heading_of_minutes():
    reader = Reader(learned=False)
    line = "Kokous pidettiin " + "ja siellä puhuttiin monesta asiasta " * 6 + "16.10.2018"
    assert not reader._meeting_date(line, line.index("16.10.2018"))
    short = "Yhtymähallitus, pöytäkirja 3/2018\nAika: 21.3.2018 klo 9.00"
    assert reader._meeting_date(short, short.index("21.3.2018"))


def test_a_date_question_naming_no_event_ties_every_date_a_little():
    found = Reader(learned=False).read(
        [passage_hit("LAPE tilannekatsaus Työvaliokunta 13.1.2017 kehittämistyön painopisteet")],
        "date", "period", ["työvaliokunta", "tilannekatsaus"], set(),
        question="milloin työvaliokunnalle esiteltiin tilannekatsaus")
    assert found[0].label == "13.1.2017"
    assert found[0].parts[4] > 0


def test_dates_in_the_short_forms_reports_write():
    assert dates_of("F8 opened 8 Oct 2018") == {"2018-10-08"}
    assert dates_of("Sept. 2017") == {"2017-09"}
    assert dates_of("Luonnos 10.10.17") == {"2017-10-10"}
    assert dates_of("Huhtikuussa -18 alkoi paikallisten kehittäjien työ") == {"2018-04"}
    assert dates_of("hankeohjelma julkaistu 14.4. 2016") == {"2016-04-14"}
    spans = [d.text for d in date_spans("Luonnos 10.10.17, julkaistu 14.4. 2016, "
                                        "Maaliskuussa -18 ja 8 Oct 2018", {})]
    assert spans == ["10.10.17", "14.4. 2016", "Maaliskuussa -18", "8 Oct 2018"]


def test_numbers_that_are_no_dates_stay_so():
    assert dates_of("versio 3.2.1") == set()
    assert dates_of("1.250.000 euroa") == set()
    assert dates_of("klo 9.00–15.30") == set()
    assert date_spans("kohta 3.2.1 ja 1.250.000 euroa", {}) == []


def test_a_common_noun_the_documents_made_a_name_is_no_name_of_a_question():
    from search.question_entities import COMMON_DOCUMENTS, common_words
    from search.records import StoredPassage

    def passage(doc: str, text: str) -> StoredPassage:
        return StoredPassage(0, doc, 0, 0, len(text), text, "t", ())

    passages = [passage(f"d{i}", "kuntayhtymä vastaa palveluista. Perheväylä-hanke alkoi.")
                for i in range(COMMON_DOCUMENTS)]
    words = common_words(passages)
    assert words["kuntayhtymä"] == COMMON_DOCUMENTS
    assert "perheväylä-hanke" not in words  # written with a capital: a name


def test_an_amount_with_its_currency_before_the_number():
    from search.reading_spans import AMOUNT
    from search.reading_values import number_of

    text = ("Total costs came to €1 420 000, of which the state grant covered €1 136 000. "
            "EUR 1,400,000 was granted, and €1.4 million more.")
    assert [number_of(m.group(0)) for m in AMOUNT.finditer(text)] == [
        1_420_000, 1_136_000, 1_400_000, 1_400_000]
    assert [m.group(0) for m in AMOUNT.finditer("euro 2019 ja eur-alue")] == []


def test_a_happening_named_by_an_event_word_is_no_start_or_end_asked():
    reader = Reader(learned=False)
    from search.reading_question import asked_event
    cues = (reader.date_asked, reader.event_nouns)

    assert asked_event("milloin pippurin loppuseminaari järjestettiin", *cues) is None
    assert asked_event("when was the closing event", *cues) is None
    assert asked_event("milloin hanke loppui", *cues) == "end"
    assert asked_event("Milloin perhekeskus avattiin?", *cues) == "opening"


def test_a_date_from_which_something_holds_answers_no_until_when():
    found = Reader(learned=False).read(
        [passage_hit("Kuhmossa on helmikuusta 2018 alkaen kokeiltu vastaanottoa. Kokeilua "
                     "jatketaan 31.12.2019 saakka.")],
        "date", "period", ["Kuhmo", "kokeilu", "jatkaa", "vastaanotto"], set(),
        question="Mihin asti Kuhmon vastaanoton kokeilua jatketaan?")
    since = next(c for c in found if c.label.startswith("helmikuusta"))
    assert since.parts[4] < 0
    assert found[0].label == "31.12.2019"


def test_a_day_written_without_its_year_takes_its_lines_or_its_documents():
    from search.reading_spans import yearless_days

    named = yearless_days("Työryhmä kokoontui ensimmäisen kerran 14. maaliskuuta.", "2018")
    assert [(d.text, d.form) for d in named] == [("14.3.2018", "day")]
    listed = yearless_days("Perhekeskustiimit Kokkola 14.5 Perhonjokilaakso 20.5 "
                           "Lestijokilaakso 21.5.2019", "2018")
    assert [d.text for d in listed] == ["14.5.2019", "20.5.2019"]
    # figures alone, outside a line of full dates, are no day: a decimal or a version number
    assert yearless_days("hinta 3.5 milj. ja versio 2.1", "2018") == []
    assert yearless_days("kokoontui 14. maaliskuuta", None) == []


def test_the_value_of_a_field_whose_label_the_question_names():
    text = ("Ryhmän jäsenet:\n- Lahden kaupunki: Päivi Mykrä\n- Heinolan kaupunki: Marje "
            "Karttunen\n- Hämeen poliisilaitos: Sari Pakkanen")
    people = [EntityRef("Person", k, n) for k, n in (("pm", "Päivi Mykrä"),
                                                      ("mk", "Marje Karttunen"),
                                                      ("sp", "Sari Pakkanen"))]
    found = Reader(learned=False).read(
        [passage_hit(text, entities=people)], "person", "peopleOf",
        ["edustaa", "Heinola", "ryhmä"], set(),
        question="Kuka edustaa Heinolan kaupunkia ryhmässä?")
    assert found[0].label == "Marje Karttunen"
    assert found[0].parts[4] > max(c.parts[4] for c in found[1:])


def test_a_generic_word_of_a_label_ties_no_field_to_the_question():
    reader = Reader(learned=False)
    text = "- Heinolan kaupunki: Marje Karttunen"
    at = text.index("Marje")
    assert not reader._field_of_question(text, at, ["kaupunkia"], [])
    assert reader._field_of_question(text, at, ["heinolan"], [])
    assert reader._field_of_question("Valmistelija: kehittämisjohtaja Jari Pulkkinen",
                                     len("Valmistelija: kehittämisjohtaja "), ["valmisteli"], [])


def test_a_passage_of_a_bodys_own_document_holds_that_body():
    from search.records import Hit, StoredPassage

    soite = EntityRef("Organisation", "soite", "Soite")
    head = "Soite: lapsi- ja perhepalvelujen muutostyö jatkuu 2019."
    contacts = "Perhekeskuskoordinaattori Suvi Pokela puh. 040 804 2144"
    passages = [StoredPassage(0, "page", 0, 0, len(head), head, "t", (), (soite,)),
                StoredPassage(1, "page", 1, 0, len(contacts), contacts, "t", ())]
    reader = Reader(learned=False)
    reader.index_documents(passages)
    assert reader._document_body(Hit(passages[1], 0.0)) == {soite}
    other = StoredPassage(2, "other", 1, 0, len(contacts), contacts, "t", ())
    assert reader._document_body(Hit(other, 0.0)) == set()
