"""Funding wherever it is written: running text, bullets and "key: value" lines of a facts
list, a key line above its sum; each sum in euros with its kind (grant, total, own). Made-up
sentences about a Lapland project, read with the real spaCy model and Voikko."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta

REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def funding(pipeline, text: str) -> set[tuple[str, float, str]]:
    doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {(f.subject_key, f.value, dict(f.extra).get("kind", "")) for f in
            pipeline.analyse(doc).facts if f.predicate == "fundingAmount"}


def test_a_facts_list_gives_each_sum_with_the_kind_of_its_key(pipeline):
    text = ("Hankkeen perustiedot:\n- Hallinnoija: Lapin sairaanhoitopiiri\n"
            "- Valtionavustus: 450 000 €\n- Kokonaiskustannukset: 600 000 €\n"
            "- Omarahoitus 150 000 €")
    assert funding(pipeline, text) == {("revontuli", 450_000.0, "grant"),
                                       ("revontuli", 600_000.0, "total"),
                                       ("revontuli", 150_000.0, "own")}


def test_sums_listed_in_one_sentence_take_the_kind_word_before_each(pipeline):
    text = ("Hankkeen kokonaisbudjetti oli 1,5 milj. euroa, josta valtionavustus 1,2 milj. "
            "euroa ja omarahoitus 0,3 milj. euroa.")
    assert funding(pipeline, text) == {("revontuli", 1_500_000.0, "total"),
                                       ("revontuli", 1_200_000.0, "grant"),
                                       ("revontuli", 300_000.0, "own")}


def test_a_kind_word_after_the_sum_gives_its_kind(pipeline):
    text = "Sosiaali- ja terveysministeriö myönsi hankkeelle 0,5 M€ valtionavustusta."
    assert funding(pipeline, text) == {("revontuli", 500_000.0, "grant")}


def test_amounts_written_with_spaces_points_or_about(pipeline):
    text = ("Hankkeelle myönnettiin noin 450 000 euroa. Hankkeen kustannusarvio oli "
            "1.200.000 euroa.")
    assert funding(pipeline, text) == {("revontuli", 450_000.0, "grant"),
                                       ("revontuli", 1_200_000.0, "total")}


def test_a_key_line_above_a_sum_gives_its_kind(pipeline):
    text = "Rahoitus\nMyönnetty valtionavustus\n980 000 €\nHankeaika 2017–2018"
    assert funding(pipeline, text) == {("revontuli", 980_000.0, "grant")}


def test_the_municipalities_share_is_own_funding(pipeline):
    text = ("Hanke sai valtionavustusta 1 040 000 euroa ja kuntien omarahoitusosuus oli "
            "260 000 euroa.")
    assert funding(pipeline, text) == {("revontuli", 1_040_000.0, "grant"),
                                       ("revontuli", 260_000.0, "own")}


def test_a_cost_item_is_no_funding_of_the_project(pipeline):
    assert funding(pipeline, "Hankkeen henkilöstökustannukset olivat 300 000 euroa.") == set()


def test_a_sum_in_millions_may_be_inflected(pipeline):
    assert funding(pipeline, "Hanke sai 1,1 miljoonan euron valtionavustuksen.") == {
        ("revontuli", 1_100_000.0, "grant")}


def test_a_cost_estimate_is_the_total_and_the_grant_its_share(pipeline):
    text = ("Hankkeen kokonaiskustannusarvio on 1 750 000 €, josta valtionavustuksen osuus on "
            "80 % eli 1 400 000 €.")
    assert funding(pipeline, text) == {("revontuli", 1_750_000.0, "total"),
                                       ("revontuli", 1_400_000.0, "grant")}


def test_items_of_the_costs_are_no_funding(pipeline):
    text = ("Hankkeen kustannukset jakautuivat seuraavasti: henkilöstökulut 600 000 euroa ja muut "
            "kulut 150 000 euroa.")
    assert funding(pipeline, text) == set()


LONG = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa vuosina 2017–2018. Hanke toimi "
        "kaikissa Lapin kunnissa ja teki tiivistä yhteistyötä järjestöjen kanssa. "
        "Revontuli-hankkeen työ jatkuu maakunnassa.\n\n"
        "Lapsi- ja perhepalveluiden muutosohjelma eli LAPE uudistaa palveluja. ")


def _funded(pipeline, text: str) -> set[tuple[str, float]]:
    doc = Document("testi", "testi.txt", LONG + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {(f.subject_key, f.value) for f in pipeline.analyse(doc).facts
            if f.predicate == "fundingAmount"}


def test_a_grant_to_the_regions_change_work_goes_to_the_regional_project(pipeline):
    text = "Lapin LAPE-muutostyöhön myönnettiin valtionavustusta noin 1,1 milj. euroa."
    assert _funded(pipeline, text) == {("revontuli", 1_100_000.0)}


def test_the_national_programmes_own_funding_stays_national(pipeline):
    text = "Valtakunnallisesti muutosohjelman rahoitus oli 40 miljoonaa euroa."
    assert _funded(pipeline, text) == {("lape", 40_000_000.0)}


def test_a_budget_stated_in_the_application_is_the_projects_budget(pipeline):
    text = ("Hankkeen kokonaiskustannusarvioksi on hakemuksessa ilmoitettu 900 000 €. "
            "Hanke haki valtionavustusta 2,4 miljoonaa euroa.")
    assert funding(pipeline, text) == {("revontuli", 900_000.0, "total")}


def test_the_sums_of_one_part_of_the_project_are_not_its_funding(pipeline):
    text = ("Hankkeen budjetti oli 1 000 000 euroa. Talousarvio on jaettu "
            "osakokonaisuuksiin. Kemin kaupungin oman osakokonaisuuden luvut ovat\n"
            "- kustannusarvio 300 000 euroa,\n- josta valtionavustusta 240 000 euroa ja\n"
            "- omarahoitusosuutta 60 000 euroa.")
    assert funding(pipeline, text) == {("revontuli", 1_000_000.0, "total")}


def test_one_named_members_own_funding_is_its_part(pipeline):
    text = ("Torniossa asiasta päätettiin keväällä. Tornion kaupungin omarahoitusosuus "
            "hankkeessa oli 6 800 euroa.")
    assert funding(pipeline, text) == set()


def test_the_costs_of_an_activity_are_no_funding_of_the_project(pipeline):
    text = ("Hankkeen kustannukset olivat 800 000 euroa.\n\nKoulutuskalenteri:\n"
            "- koulutusten kustannukset yhteensä noin 21 000 euroa\n"
            "- seminaarin kulut olivat 4 000 euroa")
    assert funding(pipeline, text) == {("revontuli", 800_000.0, "total")}


def test_a_sum_under_a_condition_spent_or_another_projects_is_no_funding(pipeline):
    assert funding(pipeline, "Perheneuvolan iltavastaanotot laajenevat Kemiin, jos "
                             "kaupunginvaltuusto myöntää niille 70 000 euroa.") == set()
    assert funding(pipeline, "Hankkeen toisena vuonna käytettiin valtionavustuksesta "
                             "240 000 euroa.") == set()
    assert funding(pipeline, "Rinnakkaishanke sai Euroopan sosiaalirahastosta "
                             "rahoitusta 0,4 M€.") == set()


def test_a_grant_before_a_sum_spent_keeps_the_grant(pipeline):
    found = funding(pipeline, "Hankkeelle myönnettiin valtionavustusta 900 000 euroa, josta "
                              "ensimmäisenä vuonna käytettiin 240 000 euroa.")
    assert ("revontuli", 900_000.0, "grant") in found
    assert not any(v == 240_000.0 for _, v, _ in found)


def test_a_programmes_total_for_many_projects_is_no_projects_funding(pipeline):
    assert funding(pipeline, "Ministeriö myönsi lapsi- ja perhepalveluiden maakunnallisille "
                             "hankkeille yhteensä 25 miljoonaa euroa.") == set()
    found = funding(pipeline, "Ministeriö myönsi Revontuli-hankkeelle valtionavustusta "
                              "900 000 euroa.")
    assert found == {("revontuli", 900_000.0, "grant")}


def test_a_grant_the_project_passes_on_to_towns_stays_its_grant(pipeline):
    found = funding(pipeline, "Hankkeelle myönnettiin valtionavustusta 1,2 milj. euroa, ja se "
                              "jakoi kunnille kehittämisrahaa 300 000 euroa.")
    assert ("revontuli", 1_200_000.0, "grant") in found


def test_a_town_that_administers_the_project_is_no_many_recipients(pipeline):
    found = funding(pipeline, "Hanketta hallinnoi Rovaniemen kaupunki, ja sen kokonaisbudjetti "
                              "on 640 000 euroa.")
    assert found == {("revontuli", 640_000.0, "total")}
