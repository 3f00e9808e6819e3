"""Who a fact attaches to, and what is no fact, in the genres of issue 13's fresh development sets:
tables, project cards, minutes and news. Real spaCy and Voikko; made-up texts about places the
development documents do not cover."""

from __future__ import annotations

import pytest

from ingest.records import Document, DocumentMeta


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))


def analysed(pipeline, text: str, name: str = "testi.md"):
    return pipeline.analyse(Document("testi", name, text, "Testi", name.rsplit(".", 1)[-1], "0",
                                     DocumentMeta(region="Lappi")))


def facts(pipeline, text: str, predicate: str, name: str = "testi.md") -> set[tuple]:
    """(subject key, object key or value) of the facts with this predicate."""
    return {(f.subject_key, f.object_key or f.value) for f in analysed(pipeline, text, name).facts
            if f.predicate == predicate}


def projects(pipeline, text: str, name: str = "testi.md") -> set[str]:
    return {m.label for m in analysed(pipeline, text, name).mentions if m.kind == "Project"}


def key_of(reference, kind: str, label: str) -> str:
    return next(e.key for e in reference.by_kind(kind)
                if label.lower() in (x.lower() for x in reference.all_labels(e)))


def test_each_table_row_gives_its_method_to_its_own_municipality(pipeline, reference):
    text = ("# Lapin LAPE-hankkeen kuntakatsaus\n\n"
            "| Kunta | Toimintamalli | Tilanne |\n|---|---|---|\n"
            "| Salla | perhekeskus | otettiin käyttöön keväällä |\n"
            "| Pelkosenniemi | Lapset puheeksi | kokeiltiin kouluissa |\n")
    salla, pelkosenniemi = (key_of(reference, "Municipality", n) for n in ("Salla",
                                                                         "Pelkosenniemi"))
    perhekeskus, puheeksi = (key_of(reference, "Method", n) for n in ("perhekeskus",
                                                                   "Lapset puheeksi"))
    method_facts = {(s, o) for p in ("implemented", "piloted", "planned", "trained")
                    for s, o in facts(pipeline, text, p)}
    assert (salla, perhekeskus) in method_facts
    assert (pelkosenniemi, puheeksi) in method_facts
    assert (salla, puheeksi) not in method_facts and (pelkosenniemi, perhekeskus) \
        not in method_facts


def test_a_title_that_the_line_below_calls_a_project_names_the_project(pipeline):
    text = ("# Pohjoisen perheiden polku\n\nLapin LAPE-hanke\n\n"
            "- **Hankeaika:** 1.3.2017–31.12.2018\n")
    ad = analysed(pipeline, text)
    title = next(m for m in ad.mentions if m.kind == "Project"
                 and m.label == "Pohjoisen perheiden polku")
    # the subtitle's project is the same one: the period is given once, to it
    assert {(f.subject_key, f.value) for f in ad.facts if f.predicate == "startDate"} == {
        (title.key, "2017-03-01")}


def test_a_title_may_hold_a_method_name(pipeline):
    text = ("# Family Centre Lapland North\n\nLapland's LAPE project\n\n"
            "- **Lead organisation:** Lapin sairaanhoitopiiri\n")
    assert "Family Centre Lapland North" in projects(pipeline, text)


def test_a_title_over_a_sentence_names_no_project(pipeline):
    text = ("# Toimintamallien tilanne\n\nLapin LAPE-hanke kokosi tiedot kunnista keväällä.\n")
    assert "Toimintamallien tilanne" not in projects(pipeline, text)


def test_a_sentence_opening_common_noun_before_hanke_is_no_name(pipeline):
    text = ("Lapin LAPE-hanke alkoi keväällä 2017.\n\nOsatoteuttajina hankkeessa ovat Sallan "
            "kunta ja Lapin ammattikorkeakoulu.")
    found = projects(pipeline, text, "testi.txt")
    assert "Osatoteuttajina" not in found
    assert ("lapin-lape", "lapin-amk") in facts(pipeline, text, "partner", "testi.txt")


def test_who_answers_for_the_funding_is_no_partner(pipeline, reference):
    text = ("Lapin LAPE-hanke teki yhteistyötä Lapin ammattikorkeakoulun kanssa. Rahoituksesta "
            "vastasi sosiaali- ja terveysministeriö.")
    stm = key_of(reference, "Organisation", "STM")
    assert not any(o == stm for _, o in facts(pipeline, text, "partner", "testi.txt"))


def test_a_sum_in_the_illative_is_the_total_cost(pipeline):
    text = "Lapin LAPE-hankkeen arvioidut kokonaiskustannukset nousevat 1 143 199 euroon."
    assert ("lapin-lape", 1143199.0) in facts(pipeline, text, "fundingAmount", "testi.txt")


def test_a_role_in_parentheses_after_the_name_is_the_persons(pipeline):
    text = "Läsnä: Aino Kettunen (puheenjohtaja), Olli Rantala, Maija Peltola (sihteeri)"
    found = {(f.subject_key, dict(f.extra).get("role"))
             for f in analysed(pipeline, text, "testi.txt").facts if f.predicate == "hasRole"}
    assert ("aino-kettunen", "puheenjohtaja") in found
    assert ("maija-peltola", "sihteeri") in found
    assert not any(person == "olli-rantala" for person, _ in found)


def test_a_capitalised_compound_of_an_organisation_word_is_an_organisation(pipeline):
    text = ("Lapin LAPE-hankkeen konsortioon kuuluvat Tunturisäätiö ja Lapin "
            "ammattikorkeakoulu.")
    orgs = {m.label for m in analysed(pipeline, text, "testi.txt").mentions
            if m.kind == "Organisation"}
    assert "Tunturisäätiö" in orgs


def test_an_english_month_is_no_organisation(pipeline):
    text = "The Lapland LAPE project ran from 1 February 2017 until 31 December 2018."
    orgs = {m.label for m in analysed(pipeline, text, "testi.txt").mentions
            if m.kind == "Organisation"}
    assert not any("February" in o for o in orgs)


def test_a_swedish_name_of_a_regions_project_is_kept_as_a_label(pipeline):
    text = ("LAPE Österbotten startade den 1 februari 2017. I projektet deltar Folkhälsan och "
            "Yrkeshögskolan Novia.")
    ad = analysed(pipeline, text, "testi.txt")
    assert ("Project", "pohjanmaan-lape", "LAPE Österbotten") in ad.alt_labels


def test_a_persons_name_before_hanke_is_no_project(pipeline):
    text = ("Lapin LAPE-hanke alkoi keväällä 2017. Perhepalvelujohtaja Ritva Kangas hankkeen "
            "ohjausryhmästä kertoi tuloksista.")
    assert projects(pipeline, text, "testi.txt") == {"Lapin LAPE"}


def test_a_blank_line_ends_the_sentence_before_it(pipeline, reference):
    # a heading without end punctuation, then a paragraph whose actor is another body
    text = ("§ 4 Lapsibudjetointi ja lapsivaikutusten arviointi\n\nRovaniemen kaupunki on "
            "ottanut käyttöön lapsivaikutusten arvioinnin.")
    budget = key_of(reference, "Method", "lapsibudjetointi")
    rovaniemi = key_of(reference, "Municipality", "Rovaniemi")
    method_facts = {(s, o) for p in ("implemented", "piloted", "planned", "trained", "created",
                                     "developing")
                    for s, o in facts(pipeline, text, p, "testi.txt")}
    assert (rovaniemi, budget) not in method_facts


def test_a_noun_verb_homograph_before_hanke_is_no_name(pipeline):
    # "palkkaa" reads as a noun (palkka) to the tagger, as a verb (palkata) to Voikko
    text = ("Keski-Pohjanmaan LAPE-hanke alkaa 1.3.2017. Kuntayhtymä palkkaa hankkeeseen kaksi "
            "työntekijää.")
    assert projects(pipeline, text, "testi.txt") == {"Keski-Pohjanmaan LAPE"}


def test_an_english_possessive_names_the_regions_project(pipeline):
    text = ("South Karelia's LAPE project, which runs from 1 January 2017 to 31 December 2018, "
            "is coordinated by Eksote.")
    assert ("etela-karjalan-lape", "2017-01-01") in facts(pipeline, text, "startDate",
                                                          "testi.txt")


def test_a_body_word_refers_back_to_the_body_named_in_the_header(pipeline, reference):
    text = ("PÄIJÄT-HÄMEEN HYVINVOINTIKUNTAYHTYMÄ\nYhtymähallitus 20.2.2017\n\n"
            "Päijät-Hämeen LAPE-hanke sai avustusta. Hankkeen vastuuorganisaationa toimii "
            "kuntayhtymä itse.")
    phhyky = key_of(reference, "Organisation", "Päijät-Hämeen hyvinvointikuntayhtymä")
    assert ("paijat-hameen-lape", phhyky) in facts(pipeline, text, "administeredBy", "testi.txt")


def test_a_body_word_answering_for_a_part_names_no_administrator(pipeline):
    text = ("Lapin LAPE-hanke toteutetaan yhteistyössä Rovaniemen kaupungin ja Lapin "
            "sairaanhoitopiirin kanssa. Kuntayhtymä vastaa hankkeessa erityisesti Itä-Lapin "
            "kuntien osuudesta.")
    assert facts(pipeline, text, "administeredBy", "testi.txt") == set()


def test_an_english_the_name_project_with_lower_case_words_is_a_project(pipeline):
    text = ("The Tunturin polku project, coordinated by Lapin sairaanhoitopiiri, ran from 1 March "
            "2017 to 31 December 2018.")
    assert "Tunturin polku" in projects(pipeline, text, "testi.txt")
