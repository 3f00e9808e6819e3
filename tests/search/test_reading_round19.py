"""What a question quotes verbatim (round 19): a phone number or an e-mail address the question
gives names the line of the passage that states it, and the person next to it in the same block
of lines is the one it belongs to, whether the passage repeats the body's name or not; a sum, a
year or a count is no such key."""

from tests_support import passage_hit

from search.reading import Reader
from search.reading_keys import key_spans, keyed, question_keys
from search.records import EntityRef

SOITE = EntityRef("Organisation", "soite", "Soite")
SAARELA = EntityRef("Person", "anne-saarela", "Anne Saarela")
POKELA = EntityRef("Person", "suvi-pokela", "Suvi Pokela")
SEVOLA = EntityRef("Person", "silva-sevola", "Silva Sevola")

CONTACTS = ("Keski-Pohjanmaan LAPE-muutosagentti\nAnne Saarela\npuh. 040 804 5456\n\n"
            "Perhekeskuskoordinaattori\nSuvi Pokela\npuh. 040 804 2144")
LATER = ("Perhekeskuskoordinaattori\nSilva Sevola\npuh. 040 804 2172\n\n"
         "Kehittäjäsosiaalityöntekijä\nSyTy!-hankekoordinointi")


def test_a_phone_number_or_an_address_is_a_key_and_a_sum_or_a_year_is_not():
    assert question_keys("whose number is 040 804 2144 at soite") == ["0408042144"]
    assert question_keys("vem nås på +358 40 123 4567") == ["358401234567"]
    assert question_keys("kenen osoite on jari.pulkkinen(at)essote.fi") == [
        "jari.pulkkinen@essote.fi"]
    assert question_keys("kuka sai 250 000 euroa vuosina 2017-2018") == []
    assert question_keys("who led the project from 1.3.2017-31.12.2018") == []


def test_a_key_belongs_to_the_nearest_name_of_its_block_of_lines():
    keys = key_spans(CONTACTS, question_keys("whose number is 040 804 2144"))
    saarela = CONTACTS.index("Anne Saarela")
    pokela = CONTACTS.index("Suvi Pokela")
    owners = keyed(CONTACTS, keys, [(saarela, saarela + 12), (pokela, pokela + 11)])
    assert owners == {(pokela, pokela + 11)}


def test_a_name_past_a_blank_line_owns_no_key():
    text = "Anne Saarela\n\npuh. 040 804 5456"
    at = text.index("Anne")
    assert keyed(text, key_spans(text, ["0408045456"]), [(at, at + 12)]) == set()


def test_the_person_whose_number_is_quoted_answers():
    found = Reader(learned=False).read(
        [passage_hit(CONTACTS, entities=[SAARELA, POKELA, SOITE])], "person", "peopleOf",
        ["numero", "soite"], {SOITE}, question="whose number is 040 804 2144 at soite")
    assert found[0].label == "Suvi Pokela"
    assert found[0].confidence >= found[0].floor


def test_a_passage_stating_the_number_holds_the_body_it_does_not_name():
    found = Reader(learned=False).read(
        [passage_hit(LATER, entities=[SEVOLA])], "person", "peopleOf", ["numret", "soite"],
        {SOITE}, question="vem har numret 040 804 2172 hos Soite")
    assert found[0].label == "Silva Sevola"
    assert found[0].parts[5] == 0.0
    assert found[0].confidence >= found[0].floor


OSUMA = ("- **Hakija:** Kaakkois-Suomen ammattikorkeakoulu (Xamk), Mikkeli\n"
         "- **Yhteyshenkilö:** Pirkko Pätynen, lehtori\n- **Toteutusaika:** 1.1.2015–31.12.2017")
PERHESILTA = ("ESSDno-2019-117\n\nValmistelija/lisätiedot:\nprojektipäällikkö Sari Kinnunen-Lehto, "
              "etunimi.sukunimi@essote.fi\n\nPerhesilta-hankkeen loppuraportti esitellään.")


def test_a_field_named_by_the_question_ties_its_value_fully_in_a_line_of_no_other_words():
    found = Reader(learned=False).read(
        [passage_hit(OSUMA, entities=[EntityRef("Person", "pirkko-patynen", "Pirkko Pätynen")])],
        "person", "roleHolder", ["contact", "person", "osuma"], set(),
        question="who was the yhteyshenkilö of the OSUMA project")
    assert found[0].label == "Pirkko Pätynen"
    assert found[0].parts[4] == 1.0


def test_a_label_on_the_line_above_names_the_field_of_the_value_below_it():
    reader = Reader(learned=False)
    at = PERHESILTA.index("Sari")
    assert reader._field_of_question(PERHESILTA, at, ["valmisteli"], ["valmist"])
    plain = "Hanke päättyi.\nprojektipäällikkö Sari Kinnunen-Lehto"
    assert not reader._field_of_question(plain, plain.index("Sari"), ["valmisteli"],
                                         ["valmist"])


def test_a_sentence_under_a_heading_is_read_with_the_heading_that_names_its_place():
    from search.method_reading import _with_key_lines

    text = ("### Kuhmo\n\nPerhekeskuksen toiminta käynnistyi keväällä 2018. Vanhemmille "
            "järjestettiin Ihmeelliset vuodet -ryhmiä.\n\n### Sotkamo\n\nNeuvolassa kokeiltiin "
            "etävastaanottoa.")
    lines = _with_key_lines(text)
    assert "Kuhmo Vanhemmille järjestettiin Ihmeelliset vuodet -ryhmiä." in lines
    assert "Sotkamo Neuvolassa kokeiltiin etävastaanottoa." in lines
    assert not any(s.startswith("Kuhmo") and "etävastaanot" in s for s in lines)


def test_a_list_item_keeps_its_key_line_under_a_heading():
    from search.method_reading import _with_key_lines

    lines = _with_key_lines("**Kokeilut**\nSyksyn pilotoinnit:\n- Iisalmi: perhekeskus")
    assert "Kokeilut Syksyn pilotoinnit: - Iisalmi: perhekeskus" in lines


def test_two_whole_dates_with_only_spaces_between_are_a_range():
    from search.reading_spans import date_spans

    periods = [d.text for d in date_spans("Toiminta-aika: 1.1.2017 31.12.2018 Kehittämiskohteet",
                                          {}) if d.form == "period"]
    assert periods == ["1.1.2017 31.12.2018"]
    years = [d.text for d in date_spans("hyvinvointisuunnitelma 2019 2022 - työkalu", {})
             if d.form == "period"]
    assert years == ["2019 2022"]


def test_dates_out_of_order_or_apart_are_no_range():
    from search.reading_spans import date_spans

    for text in ("vuonna 2018 2017 kuntaa", "Kokous 3.5.2018\n4.6.2018 päätös",
                 "13.1.2017 2018 aikana"):
        assert not [d for d in date_spans(text, {}) if d.form == "period"], text


def test_a_passage_of_a_towns_own_minutes_is_about_the_town_without_naming_it():
    from search.answer_records import Answer
    from search.method_reading import methods_read

    kuopio = EntityRef("Municipality", "kuopio", "Kuopio")
    digital = EntityRef("Method", "sahkoinen-perhekeskus", "sähköinen perhekeskus")
    hit = passage_hit("Sähköinen perhekeskus avattiin asukkaiden käyttöön 3.9.2018.",
                      entities=[digital])
    read = methods_read([hit], [kuopio], lambda e: e.key, lambda h: "p", lambda h: "d",
                        said=lambda s: [], document_town=lambda h: kuopio)
    assert [a.label for a in read] == ["sähköinen perhekeskus"]
    assert all(isinstance(a, Answer) for a in read)
    elsewhere = methods_read([hit], [kuopio], lambda e: e.key, lambda h: "p", lambda h: "d",
                             said=lambda s: [], document_town=lambda h: None)
    assert elsewhere == []


def test_a_document_is_of_the_one_town_its_first_passage_names():
    from tests_support import passage_hit as hit_of

    kuopio = EntityRef("Municipality", "kuopio", "Kuopio")
    siilinjarvi = EntityRef("Municipality", "siilinjarvi", "Siilinjärvi")
    reader = Reader(learned=False)
    first = hit_of("KUOPION KAUPUNKI Kaupunginhallitus", entities=[kuopio], pid=0)
    later = hit_of("Sähköinen perhekeskus avattiin.", pid=1)
    naming = hit_of("Siilinjärvellä kokeiltiin.", entities=[siilinjarvi], pid=2)
    reader.index_documents([first.passage, later.passage, naming.passage])
    assert reader.document_town(later) == kuopio
    assert reader.document_town(naming) is None


def test_a_sentence_naming_no_place_goes_on_about_the_place_named_before_it():
    from search.method_reading import _in_sentences_naming

    kuhmo = EntityRef("Municipality", "kuhmo", "Kuhmo")
    sotkamo = EntityRef("Municipality", "sotkamo", "Sotkamo")
    centre = EntityRef("Method", "perhekeskus", "perhekeskus")
    years = EntityRef("Method", "ihmeelliset-vuodet", "Ihmeelliset vuodet")
    remote = EntityRef("Method", "etavastaanotto", "etävastaanotto")
    names = {"Kuhmossa": kuhmo, "Sotkamossa": sotkamo}

    def said(sentence):  # type: ignore[no-untyped-def]
        return [e for w, e in names.items() if w in sentence]

    text = ("Kuhmossa avattiin perhekeskus. Vanhemmille järjestettiin Ihmeelliset vuodet "
            "-ryhmiä. Sotkamossa kokeiltiin etävastaanottoa.\n\nNeuvolassa kokeiltiin myös "
            "Ihmeelliset vuodet -ryhmiä.")
    found = _in_sentences_naming(text, {("Municipality", "kuhmo")}, said,
                                 [centre, years, remote])
    assert found == [centre, years]
    # a new paragraph carries no place over
    assert _in_sentences_naming("Kuhmossa avattiin perhekeskus.\n\nNeuvolassa kokeiltiin "
                                "etävastaanottoa.", {("Municipality", "kuhmo")}, said,
                                [centre, remote]) == [centre]
