"""Project names, administrators, partners, dates, results and region attachment written in
wording the first rules never saw, read from made-up sentences with the real spaCy model and
Voikko (the conftest `pipeline`). Each test names one class of wording."""

from __future__ import annotations

from ingest.extract.funding import amounts
from ingest.extract.project_facts import find_dates
from ingest.records import Document, DocumentMeta


def analyse(pipeline, text: str, region: str | None = "Kymenlaakso"):
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region=region))
    return pipeline.analyse(doc)


def projects(result) -> set[str]:
    return {m.key for m in result.mentions if m.kind == "Project"}


def facts(result, predicate: str) -> set[tuple]:
    return {(f.subject_key, f.object_key or f.value) for f in result.facts
            if f.predicate == predicate}


def test_a_region_genitive_before_lape_names_the_regions_project_in_that_region(pipeline):
    result = analyse(pipeline, "Kymenlaakson LAPE-hanke käynnistyi keväällä. Kymenlaakson "
                               "LAPE-ryhmä kokoontui.", region=None)
    assert projects(result) == {"kymenlaakson-lape"}  # not the LAPE-ryhmä
    assert ("kymenlaakson-lape", "08") in facts(result, "inRegion")


def test_several_regions_lape_projects_name_no_project(pipeline):
    result = analyse(pipeline, "Kokemuksia vaihdettiin Kainuun ja Lapin LAPE-hankkeiden kanssa.")
    assert "lapin-lape" not in projects(result)


def test_an_acronym_in_parentheses_after_a_long_name_is_the_project(pipeline):
    result = analyse(pipeline, "Keski-Suomen lasten ja perheiden parhaaksi -hanke (KEPA) alkoi "
                               "1.1.2017. KEPA kouluttaa työntekijöitä.")
    assert "kepa" in projects(result)
    assert ("kepa", "2017-01-01") in facts(result, "startDate")


def test_a_name_after_lape_hanke_is_the_projects_name_not_the_region_phrase(pipeline):
    result = analyse(pipeline, "Varsinais-Suomen LAPE-hanke Lupa auttaa! kokoaa palvelut. "
                               "Hanketta hallinnoi Raision kaupunki.", region="Varsinais-Suomi")
    # one project: the region's (stable key), named by its proper name
    assert projects(result) == {"varsinais-suomen-lape"}
    assert ("Project", "varsinais-suomen-lape", "Lupa auttaa!") in result.new_entities
    assert ("varsinais-suomen-lape", "680") in facts(result, "administeredBy")


def test_a_name_in_quotes_beside_a_project_word_may_hold_a_place(pipeline):
    result = analyse(pipeline, 'Etelä-Savon maakunnallinen LAPE-hanke "Lapsiystävällinen '
                               'Etelä-Savo" päättyi. Hanketta koordinoi Essote.',
                     region="Etelä-Savo")
    # the region's project (stable key), named by the quoted name
    assert projects(result) == {"etela-savon-lape"}
    assert ("Project", "etela-savon-lape", "Lapsiystävällinen Etelä-Savo") in result.new_entities
    assert ("etela-savon-lape", "essote") in facts(result, "administeredBy")


def test_a_sentence_defining_a_one_word_name_as_a_project_names_it(pipeline):
    result = analyse(pipeline, "Perhetuuli oli Kymenlaakson maakunnallinen lapsi- ja "
                               "perhepalvelujen muutosohjelman hanke. Hankkeen hallinnoijana "
                               "toimi Carea.")
    assert "perhetuuli" in projects(result)
    assert ("perhetuuli", "carea") in facts(result, "administeredBy")


def test_a_name_with_a_verb_before_a_spaced_dash_hanke_is_a_name(pipeline):
    result = analyse(pipeline, "Kotka on mukana Yhdessä olemme enemmän -hankkeessa.")
    assert "yhdessa-olemme-enemman" in projects(result)


def test_the_project_partners_listed_under_a_heading_across_passages(pipeline):
    rows = "\n\n".join(["Kouvolan kaupunki", "perhekeskukset", "Kotkan kaupunki", "koulu"] * 3)
    text = ("# Perhetuuli\n\nPerhetuuli-hanke uudisti palveluja.\n\n# Osatoteuttajat\n\n"
            f"{rows}\n\nKaakkois-Suomen ammattikorkeakoulu\n\n# Tulokset\n\nKaikki sujui.")
    found = facts(analyse(pipeline, text), "partner")
    assert {("perhetuuli", "286"), ("perhetuuli", "285")} <= found


def test_an_organisation_alone_on_a_list_line_is_an_organisation(pipeline):
    result = analyse(pipeline, "Perhetuuli-hanke.\n\nHankekonsortio:\n\n* Autismisäätiö\n"
                               "* Eskoon sosiaalipalvelujen kuntayhtymä\n")
    orgs = {m.key for m in result.mentions if m.kind == "Organisation"}
    assert {"autismisaatio", "eskoon-sosiaalipalvelujen-kuntayhtyma"} <= orgs
    assert ("perhetuuli", "autismisaatio") in facts(result, "partner")


def test_counts_listed_under_a_results_heading_are_results_whatever_the_verb(pipeline):
    text = ("Perhetuuli-hanke uudisti palveluja.\n\n# Tuloksia lukuina\n\n"
            "- neuvontapuhelimeen tuli 2 300 yhteydenottoa\n"
            "- jokaisessa kunnassa on vähintään yksi kohtaamispaikka\n")
    quantities = {dict(f.extra).get("quantity") for f in analyse(pipeline, text).facts
                  if f.predicate == "hasResult"}
    assert quantities == {"2300.0"}


def test_a_sentence_giving_the_projects_dates_reports_no_dated_result(pipeline):
    result = analyse(pipeline, "Perhetuuli-hanke alkoi 3. huhtikuuta 2017 ja päättyi "
                               "31.12.2018.")
    assert facts(result, "startDate") == {("perhetuuli", "2017-04-03")}
    assert facts(result, "endDate") == {("perhetuuli", "2018-12-31")}
    assert not facts(result, "hasResult")


def test_the_role_after_a_name_on_its_own_line_is_that_persons(pipeline):
    result = analyse(pipeline, "Läsnä:\nTuula Mäkelä, puheenjohtaja\nJari Honkanen, sihteeri\n")
    roles = {(f.subject_key, dict(f.extra)["role"]) for f in result.facts
             if f.predicate == "hasRole"}
    assert roles == {("tuula-makela", "puheenjohtaja"), ("jari-honkanen", "sihteeri")}


def test_a_plan_for_the_whole_region_is_the_regions(pipeline):
    text = ("Perhetuuli-hanke uudisti palveluja.\n\nLapsibudjetointia valmistellaan koko "
            "maakunnan käyttöön. Maakuntaan suunnitellaan osaamis- ja tukikeskusta.")
    planned = facts(analyse(pipeline, text), "planned")
    assert ("08", "lapsibudjetointi") in planned
    assert ("08", "osaamis-ja-tukikeskus") in planned


def test_a_body_acting_through_a_verb_it_completes_acts_beside_the_place(pipeline):
    text = "Savonlinnassa Sosteri ryhtyi käyttämään systeemistä lastensuojelun toimintamallia."
    found = facts(analyse(pipeline, text, region="Etelä-Savo"), "implemented")
    assert {("sosteri", "systeeminen-lastensuojelun-toimintamalli"),
            ("740", "systeeminen-lastensuojelun-toimintamalli")} <= found


def test_dates_written_iso_or_with_the_year_once_at_the_end_of_a_range():
    assert [d for _, _, d in find_dates("Hanke 2017-03-01 – 2018-12-31")] == [
        "2017-03-01", "2018-12-31"]
    assert [d for _, _, d in find_dates("Hankeaika 1.3.–31.12.2018.")] == [
        "2018-03-01", "2018-12-31"]


def test_sums_written_currency_first():
    assert [v for _, _, v in amounts("received EUR 1,000,000 and EUR 19 million")] == [
        1_000_000, 19_000_000]


def test_a_facts_list_key_names_the_project(pipeline):
    result = analyse(pipeline, "Hankkeen nimi: Perheiden Kymi (PeKy)\nHankeaika: "
                               "1.3.2017–31.12.2018\n")
    assert "perheiden-kymi" in projects(result)
    assert ("perheiden-kymi", "2018-12-31") in facts(result, "endDate")


def test_a_name_before_muutosohjelma_or_a_slogan_opening_a_title_is_the_project(pipeline):
    result = analyse(pipeline, "Lupa auttaa! -muutosohjelmaan osallistuvat kaikki kunnat. "
                               "Raision kaupunki hallinnoi hanketta.", region="Varsinais-Suomi")
    assert ("lupa-auttaa", "680") in facts(result, "administeredBy")
    card = analyse(pipeline, "Lupa auttaa! Varsinais-Suomen lapsi- ja perhepalveluiden "
                             "muutosohjelma 2017–2018\n\nVastuuorganisaatio: Raision kaupunki\n",
                   region="Varsinais-Suomi")
    assert ("lupa-auttaa", "680") in facts(card, "administeredBy")


def test_the_period_on_a_key_line_the_parser_cuts_at_its_colon(pipeline):
    result = analyse(pipeline, "Perhetuuli-hanke uudisti palveluja.\n\nVastuuorganisaatio: "
                               "Carea\nToteutus: 1.3.2017 – 31.12.2018\n")
    assert facts(result, "startDate") == {("perhetuuli", "2017-03-01")}


def test_a_count_in_a_relative_clause_is_a_second_result_but_a_part_of_the_first_is_not(
        pipeline):
    text = ("Perhetuuli-hanke uudisti palveluja.\n\nHankkeen aikana järjestettiin 24 "
            "koulutusta, joihin osallistui yhteensä 900 ammattilaista. Hankkeessa otettiin "
            "käyttöön 14 menetelmää, joista 3 on näyttöön perustuvia.")
    quantities = {dict(f.extra).get("quantity") for f in analyse(pipeline, text).facts
                  if f.predicate == "hasResult"}
    assert {"24.0", "900.0", "14.0"} <= quantities and "3.0" not in quantities
