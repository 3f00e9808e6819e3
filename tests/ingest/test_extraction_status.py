"""Method status is read from the clause that names the method, with the real spaCy model and
Voikko. The sentences are made up and about regions the corpus does not cover."""

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


def facts(pipeline, text: str, region: str = "Lappi") -> set[tuple[str, str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region=region))
    return {(f.subject_key, f.predicate, f.object_key or "")
            for f in pipeline.analyse(doc).facts
            # the rules' facts, also those about a method taken up from the sentence before
            # ("inferred:back-reference+rule:method-status")
            if f.extractor.rsplit("+", 1)[-1] == "rule:method-status"}


def statuses(pipeline, text: str, region: str = "Lappi") -> set[str]:
    return {p for _, p, _ in facts(pipeline, text, region)}


def test_status_comes_from_the_clause_of_the_method(pipeline):
    # "kehitettiin" belongs to the relative clause about the meeting, not to the model.
    text = ("Kemissä otettiin käyttöön Lapset puheeksi -menetelmä, jonka tueksi kehitettiin "
            "uusi lomake.")
    assert statuses(pipeline, text) == {"implemented"}


def test_a_question_reports_no_status(pipeline):
    assert statuses(pipeline, "Pitäisikö Rovaniemellä kokeilla perhekeskusmallia?") == set()


def test_a_cue_inside_an_adverbial_is_no_status(pipeline):
    # The pilot only frames who supported the work.
    text = "Perhekeskuksen pilotoinnin tukena on toiminut Tornion kaupunki."
    assert "piloted" not in statuses(pipeline, text)


def test_taking_part_in_a_training_is_trained(pipeline):
    text = "Ihmeelliset vuodet -koulutukseen osallistui Kemijärvellä 40 työntekijää."
    assert statuses(pipeline, text) == {"trained"}


def test_a_future_with_tulla_is_planned(pipeline):
    text = "Sodankylässä tullaan kehittämään perhekeskusmallia vuonna 2020."
    assert statuses(pipeline, text) == {"planned"}


def test_a_complement_clause_takes_the_status_of_its_main_clause(pipeline):
    text = "Tavoitteena on, että perhekeskusverkosto kattaa koko Lapin."
    assert statuses(pipeline, text) == {"planned"}


def test_the_project_acts_when_the_clause_speaks_of_the_project(pipeline):
    text = ("Perhetupa-hanke kokosi toimijat yhteen. Lapissa on hankkeen aikana koulutettu "
            "ammattilaisia Lapset puheeksi -menetelmään.")
    found = facts(pipeline, text)
    assert ("perhetupa", "trained", "lapset-puheeksi") in found
    assert not any(s == "19" for s, _, _ in found)  # Lappi's code: the region did not train


def test_a_region_naming_the_model_is_not_its_actor(pipeline):
    text = "Kemissä otettiin käyttöön Lapin perhekeskusmalli."
    subjects = {s for s, _, _ in facts(pipeline, text)}
    assert "19" not in subjects


def test_linking_does_not_depend_on_set_order(voikko, reference):
    import subprocess
    import sys

    code = ("from ingest.voikko_analyzer import VoikkoAnalyzer\n"
            "from ontology.reference import load_reference\n"
            "from ingest.linking import Linker\n"
            "from ingest.records import AnalysedPassage, Passage, Token\n"
            "p = Passage('d', 0, 0, 5, 'Hykyn')\n"
            "ap = AnalysedPassage(p, (Token('Hykyn', 'Hykyn', 'PROPN', 0, 5, 0),), ())\n"
            "m = Linker(load_reference(), VoikkoAnalyzer()).link('d', ap)\n"
            "print(m[0].label)\n")
    labels = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={"PYTHONHASHSEED": str(seed), "PATH": ""}, check=True
                             ).stdout.strip() for seed in (1, 2, 3, 4)}
    assert len(labels) == 1


def test_a_compound_of_a_training_is_a_training(pipeline):
    text = "Kemissä järjestettiin koulutustilaisuus systeemisestä mallista."
    assert statuses(pipeline, text) == {"trained"}


def test_a_participle_modifier_does_not_cut_the_clause(pipeline):
    text = "Kemissä systeemiseen malliin perehdyttäviin koulutuksiin osallistui 30 työntekijää."
    assert statuses(pipeline, text) == {"trained"}


def test_a_name_that_the_parser_cut_off_keeps_the_verb_of_its_sentence(pipeline):
    # spaCy starts a new sentence at the capitalised name; the training still is its status.
    text = "Kokeilun aikana järjestettiin koulutusta Ihmeelliset vuodet -menetelmästä Kemissä."
    assert statuses(pipeline, text) == {"trained"}


def test_made_for_someones_use_is_no_implementation(pipeline):
    # "kuntien käyttöön": maps made for the municipalities to use; nobody took a model into use.
    text = "Lapin perhekeskusmallin tueksi tehtiin palvelukartat kuntien käyttöön."
    assert "implemented" not in statuses(pipeline, text)


def test_the_goal_of_a_method_is_no_plan_for_it(pipeline):
    text = "Lapset puheeksi -menetelmän tarkoituksena on tukea perheitä arjessa."
    assert statuses(pipeline, text) == set()


def test_a_method_where_something_else_was_tried_was_not_tried(pipeline):
    # Home visits were tried; the meeting places are only where.
    text = "Kemissä kokeillaan perheohjaajan käyntejä kerhoissa ja kohtaamispaikoissa."
    assert ("piloted", "kohtaamispaikka") not in {(p, o) for _, p, o in facts(pipeline, text)}


def test_what_must_be_done_is_not_reported(pipeline):
    text = "Toiminnan vakiinnuttamiseksi on järjestettävä koulutusta perhekeskusmallista."
    assert statuses(pipeline, text) == set()


def test_a_carried_method_does_not_take_a_verb_with_an_object_of_its_own(pipeline):
    text = ("Kemissä otettiin käyttöön etävastaanotto. Torniossa on asiakkaille annettu käyttöön "
            "omat tablettitietokoneet.")
    subjects = {s for s, p, o in facts(pipeline, text) if o == "etavastaanotto"}
    assert "851" not in subjects  # Tornio
    assert "240" in subjects  # Kemi


def test_a_carried_method_does_not_take_a_verb_whose_subject_is_a_post(pipeline):
    text = ("Lapin perhekeskusmallia kehitettiin koko vuoden. Sen tukena on Kemissä aloittanut "
            "kaksi perhekeskuskoordinaattoria.")
    assert ("240", "implemented", "perhekeskus") not in facts(pipeline, text)


def test_a_page_or_section_number_before_a_heading_is_no_result(pipeline):
    text = "Napapiiri-hanke aloitti työnsä.\n\n7 Yhteenveto Hankkeessa kuultiin perheitä Kemissä."
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    results = [f for f in pipeline.analyse(doc).facts if f.predicate == "hasResult"]
    assert all(dict(f.extra).get("quantity") != "7.0" for f in results)


def test_a_method_that_began_is_implemented(pipeline):
    text = "Syksyllä 2019 Kittilässä alkoi myös lasten eroryhmä."
    assert "implemented" in statuses(pipeline, text)


def test_beginning_to_plan_is_a_plan_not_an_implementation(pipeline):
    text = "Kemijärvellä aletaan suunnitella perhekeskusmallia ensi vuonna."
    assert statuses(pipeline, text) == {"planned"}


def test_a_town_named_inside_a_relative_clause_does_not_act(pipeline, reference):
    # Rovaniemi only names the shelter that helps; Kittilä runs the group.
    text = ("Syksyllä 2019 Kittilässä alkoi perhekeskusmallin mukainen toiminta, joka "
            "toteutetaan Rovaniemen ensikodin yhteistyönä.")
    subjects = {s for s, p, _ in facts(pipeline, text) if p == "implemented"}
    kittila = next(e.key for e in reference.by_kind("Municipality") if e.pref_fi == "Kittilä")
    assert subjects == {kittila}


def test_an_inflected_number_word_is_a_numeral_not_a_noun(pipeline, voikko):
    from ingest.records import Passage

    analyse = pipeline.analyzer.analyse
    text = "Kuuteen lastensuojelun yksikköön tehtiin katsastus. Kuuseen kiipesi orava."
    (ap,) = analyse([Passage("d", 0, 0, len(text), text)])
    pos = {t.text: t.pos for t in ap.tokens}
    assert pos["Kuuteen"] == "NUM"
    assert pos["Kuuseen"] != "NUM"


def test_an_assessment_that_was_made_was_carried_out(pipeline):
    text = "Kemissä tehtiin lapsivaikutusten arviointi koulujen lakkauttamisesta."
    assert ("240", "implemented", "lapsivaikutusten-arviointi") in facts(pipeline, text)


def test_what_was_made_beside_the_method_gives_it_no_status(pipeline):
    # The method is no object of 'tehdä' here: only a plan about it was made, and that is a plan.
    text = "Kemissä tehtiin suunnitelma lapsivaikutusten arvioinnista."
    assert "implemented" not in statuses(pipeline, text)


def test_whose_workers_they_are_does_not_make_the_actor_of_the_next_sentence(pipeline):
    text = ("Kemissä kuultiin perheitä.\n\nVanhemmat ja Tornion kaupungin työntekijät kertoivat "
            "kokemuksistaan. Kuulemiset olivat osa tehtyä lapsivaikutusten arviointia.")
    subjects = {s for s, p, _ in facts(pipeline, text) if p == "implemented"}
    assert "851" not in subjects  # Tornio


def test_a_compound_verb_voikko_does_not_know_reads_as_its_last_verb(pipeline):
    from ingest.records import Passage

    text = "Kemissä jatkokehitettiin perhekeskusmallia."
    (ap,) = pipeline.analyzer.analyse([Passage("d", 0, 0, len(text), text)])
    assert {t.text: t.lemma for t in ap.tokens}["jatkokehitettiin"] == "jatkokehittää"
    assert ("240", "created", "perhekeskus") in facts(pipeline, text)


def test_a_method_whose_name_holds_a_verb_keeps_the_predicates_hung_under_it(pipeline):
    # The parser makes "Pyydä" the root and the real predicates its conjuncts.
    text = ("Pyydä apua -nappia, jonka kautta perheet saavat neuvoja, jatkokehitettiin ja "
            "levitettiin Lapin kuntiin.")
    assert statuses(pipeline, text) == {"created"}


def test_a_conjoined_clause_taking_the_model_up_again_gives_a_second_status(pipeline):
    text = "Kemissä perhekeskusmalli on luotu ja mallin käyttöönotto on aloitettu."
    assert statuses(pipeline, text) == {"created", "implemented"}


def test_a_conjoined_clause_about_something_else_gives_no_second_status(pipeline):
    text = "Kemissä perhekeskusmalli on luotu ja lomakkeiden käyttöönotto on aloitettu."
    assert statuses(pipeline, text) == {"created"}


def test_a_method_as_the_subject_of_a_conditional_is_planned(pipeline):
    text = "Kemissä perhekeskusmalli rakentuisi osaksi uutta hyvinvointikeskusta."
    assert statuses(pipeline, text) == {"planned"}


def test_a_conditional_around_the_method_does_not_plan_it(pipeline):
    # The options are weighed about the family, not what the model would become.
    text = ("Kemissä on otettu käyttöön perhekeskusmalli. Ajanvarauksessa olisi mahdollista "
            "ohjata perhe perhekeskukseen.")
    assert "planned" not in statuses(pipeline, text)


def test_a_new_bullet_does_not_take_the_actor_of_the_bullet_before(pipeline):
    text = ("Tulokset:\n- Perhekeskusmallia kokeiltiin Kemissä.\n- Työntekijöitä koulutettiin "
            "Lapset puheeksi -keskusteluun.")
    trained = {s for s, p, _ in facts(pipeline, text) if p == "trained"}
    assert trained and "240" not in trained


def test_a_sentence_of_the_same_item_keeps_the_actor_named_before(pipeline):
    text = ("Kemissä kokeiltiin perhekeskusmallia. Työntekijöitä koulutettiin Lapset puheeksi "
            "-keskusteluun.")
    assert ("240", "trained", "lapset-puheeksi") in facts(pipeline, text)


def test_a_table_of_contents_reports_nothing(pipeline):
    text = ("Sisällys 1. Tausta 3 2. Perhekeskusmallin kehittäminen Lapissa 5 3. Kokeilut 8 "
            "4. Yhteenveto 12")
    assert facts(pipeline, text) == set()


def test_prepared_for_use_is_planned(pipeline):
    text = "Kemissä valmistellaan Lapset puheeksi -menetelmää käyttöön ensi vuonna."
    assert statuses(pipeline, text) == {"planned"}


def test_a_bare_model_word_takes_up_the_method_named_before(pipeline):
    text = ("Rovaniemellä otettiin käyttöön Lapset puheeksi -menetelmä. Työ jatkuu kouluissa. "
            "Kemissä mallia valmistellaan käyttöön ensi vuonna.")
    assert ("240", "planned", "lapset-puheeksi") in facts(pipeline, text)


def test_these_methods_name_the_methods_of_the_sentence_before(pipeline):
    text = ("Mannerheimin Lastensuojeluliitto on kouluttanut sata uutta osaajaa. Näitä "
            "menetelmiä ovat Lapset puheeksi ja Ihmeelliset vuodet.")
    assert {("mll", "trained", "lapset-puheeksi"),
            ("mll", "trained", "ihmeelliset-vuodet")} <= facts(pipeline, text)


def test_towns_named_by_their_representatives_do_not_act_after(pipeline):
    # "Kemin ja Tornion edustus": whose representatives, in a list, not who acts next.
    text = ("Ryhmässä ovat myös Kemin ja Tornion edustus sekä koordinaattori. Sen alla "
            "kokoontuu perhekeskuksen johtotiimi.")
    assert not any(subject in ("240", "851") for subject, _, _ in facts(pipeline, text))


def test_towns_chosen_as_pilots_piloted_the_model_named_before(pipeline):
    text = ("Tavoitteena on rakentaa yhteinen perhekeskustoimintamalli. Kokeilu rajattiin "
            "kahteen kuntaan. Kemi valittiin kaupungin pilotiksi ja Salla pienen kunnan pilotiksi.")
    assert {("240", "piloted", "perhekeskus"), ("732", "piloted", "perhekeskus")} <= facts(
        pipeline, text)


def test_each_bullet_of_a_list_is_its_own_sentence(pipeline):
    # Without end punctuation the parser runs the items together into one sentence, and the
    # verbs of one item gave statuses to the places of another.
    text = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
            "Tuloksia lyhyesti\n"
            "• 120 perhettä kävi Kemin kohtaamispaikassa (kevät 2018)\n"
            "• perhekeskusmallia kokeiltiin Torniossa\n"
            "• 3 perhekeskusta Sallassa, avattu 1.9.2018")
    found = facts(pipeline, text)
    kemi, tornio, salla = "240", "851", "732"
    assert (tornio, "piloted", "perhekeskus") in found
    assert (tornio, "implemented", "perhekeskus") not in found
    assert not any(s in (kemi, salla) and m == "kohtaamispaikka" for s, _, m in found)


def test_a_way_of_working_described_in_a_relative_clause_takes_the_main_verb(pipeline):
    text = ("Sallassa kokeiltiin toimintatapaa, jossa perheelle nimetään oma yhteyshenkilö. "
            "Torniossa otettiin käyttöön malli, jossa perheet saavat nimetyn työntekijän.")
    found = facts(pipeline, text)
    assert ("732", "piloted", "nimetty-tyontekija") in found
    assert ("851", "implemented", "nimetty-tyontekija") in found


def test_a_short_title_line_is_no_part_of_the_sentence_under_it(pipeline):
    # The parser runs the title into the sentence and hangs the places on the line break.
    text = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
            "Yksi työntekijä perheen tukena\n"
            "Sallassa ja Kemissä testattiin toimintatapaa, jossa perheelle nimetään oma "
            "yhteyshenkilö.")
    found = facts(pipeline, text)
    assert {("732", "piloted", "nimetty-tyontekija"), ("240", "piloted", "nimetty-tyontekija")
            } <= found
    assert not any(m == "tyontekija" for _, _, m in found)


def test_an_organisation_as_subject_acts_besides_the_places_it_names(pipeline):
    text = ("Lapin sairaanhoitopiiri pilotoi perhekeskusmallia Kemissä ja Torniossa syksyllä "
            "2018. Kemissä otettiin käyttöön Lapset puheeksi -menetelmä.")
    found = facts(pipeline, text)
    assert {("240", "piloted", "perhekeskus"), ("851", "piloted", "perhekeskus"),
            ("lshp", "piloted", "perhekeskus")} <= found
    assert ("lshp", "implemented", "lapset-puheeksi") not in found


def test_a_relative_clause_on_the_model_has_its_own_actor_and_status(pipeline):
    text = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
            "Lapsivaikutusten arvioinnille laadittiin kunnille yhteinen malli, jota Sallan kunta "
            "on jo käyttänyt talousarvion valmistelussa.")
    found = facts(pipeline, text)
    assert ("revontuli", "created", "lapsivaikutusten-arviointi") in found
    assert ("732", "implemented", "lapsivaikutusten-arviointi") in found
    assert ("732", "created", "lapsivaikutusten-arviointi") not in found


def test_the_region_in_lower_case_is_the_documents_region(pipeline):
    text = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"
            "Jatkossa maakuntaan on tarkoitus perustaa lapsiperheiden palveluohjauksen yhteinen "
            "chat. Perhekeskusmalli on tarkoitus laajentaa koko maakuntaan.")
    found = facts(pipeline, text)
    assert {("19", "planned", "lapsiperheiden-palveluohjaus"), ("19", "planned", "perhekeskus")
            } <= found
    assert not any(s == "revontuli" for s, _, _ in found)


def test_an_established_practice_is_in_use(pipeline):
    text = ("Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa. Kemissä kokeiltiin "
            "perhekeskusmallia.\n\n"
            "Sallassa omatyöntekijä on ollut vakiintunut käytäntö lastensuojelussa jo "
            "pitkään.")
    assert ("732", "implemented", "nimetty-tyontekija") in facts(pipeline, text)


# A broader status vocabulary of Finnish reports (invented sentences).

@pytest.mark.parametrize("text, status", [
    ("Tornion kaupunki oli mukana Lapset puheeksi -menetelmän kokeilussa.", "piloted"),
    ("Rovaniemi ja Kemi olivat mukana perhekeskuskokeilussa.", "piloted"),
    ("Pelkosenniemellä testattiin perhekeskusmallia.", "piloted"),
    ("Sodankylän lastensuojelu siirtyi systeemiseen toimintamalliin keväällä 2018.", "implemented"),
    ("Inarissa perustettiin perheiden kohtaamispaikka.", "implemented"),
    ("Utsjoella Lapset puheeksi -menetelmä jalkautettiin neuvolaan.", "implemented"),
    ("Perhekeskusmalli levitettiin kaikkiin Lapin kuntiin.", "implemented"),
    ("Tervolassa Ihmeelliset vuodet -menetelmään perehdytettiin 20 työntekijää.", "trained"),
    ("Ylitorniolla työntekijät kouluttautuivat Lapset puheeksi -menetelmään.", "trained"),
    ("Kemijärvellä perhekeskuksen perustaminen on valmisteilla.", "planned"),
    ("Kolarissa perhekeskus on suunnitteilla.", "planned"),
    ("Sallaan on määrä saada perhekeskus vuonna 2020.", "planned"),
    ("Ranualla perhekeskusmalli mallinnettiin yhdessä perheiden kanssa.", "created"),
    ("Posiolla lapsivaikutusten arvioinnin malli määriteltiin vuonna 2018.", "created"),
])
def test_common_report_wordings_give_their_status(pipeline, text, status):
    assert statuses(pipeline, text) == {status}


@pytest.mark.parametrize("text", [
    "Muonion kunta aikoo ottaa käyttöön perhekeskusmallin.",
    "Pellossa on tarkoitus ottaa käyttöön Lapset puheeksi -menetelmä.",
])
def test_an_intended_introduction_is_planned_not_implemented(pipeline, text):
    assert statuses(pipeline, text) == {"planned"}


def test_a_method_taken_into_use_stays_implemented(pipeline):
    assert statuses(pipeline, "Simossa otettiin käyttöön Lapset puheeksi -menetelmä.") == {
        "implemented"}


@pytest.mark.parametrize("text, status", [
    ("Lapset puheeksi -menetelmää laajennettiin Keminmaalla varhaiskasvatukseen.", "implemented"),
    ("Savukoskella hyödynnetään Lapset puheeksi -menetelmää neuvolassa.", "implemented"),
    ("Kittilässä perhekeskusmallia sovelletaan myös kouluissa.", "implemented"),
    ("Rovaniemen kaupungissa Lapset puheeksi on nyt vakituinen osa neuvolatyötä.", "implemented"),
    ("Keminmaan kunta osallistui omatyöntekijäpilottiin.", "piloted"),
])
def test_spreading_using_and_joining_a_pilot(pipeline, text, status):
    assert statuses(pipeline, text) == {status}


def test_starting_a_pilot_is_not_taking_the_method_into_use(pipeline):
    assert "implemented" not in statuses(pipeline, "Sallassa käynnistettiin perhekeskuspilotti.")


@pytest.mark.parametrize("text, status", [
    ("Kemi lähti mukaan perhekeskuskokeiluun.", "piloted"),
    ("Tornio lähti mukaan Lapset puheeksi -menetelmän kokeiluun.", "piloted"),
    ("Kemijärven kunta oli mukana Lapset puheeksi -koulutuksessa.", "trained"),
])
def test_joining_a_trial_or_a_training(pipeline, text, status):
    assert statuses(pipeline, text) == {status}


def test_a_method_a_town_says_it_has_not_taken_into_use_has_no_status(pipeline):
    """A negated adoption ("ettei se ole ottanut käyttöön") reports nothing done."""
    assert statuses(pipeline, "Sallan kunta ilmoitti, ettei se ole ottanut käyttöön "
                              "perhekeskusmallia.") == set()


def test_considering_a_method_is_a_plan(pipeline):
    assert statuses(pipeline, "Sallan kunta harkitsee perhekeskusmallin kokeilemista "
                              "ensi vuonna.") == {"planned"}


def test_a_method_named_in_swedish_is_recognised(pipeline):
    """Swedish labels of the main models (methods.ttl, @sv) link a Swedish summary's mention."""
    doc = Document("testi", "testi.txt", "I Jakobstad har familjecentret varit i drift sedan "
                   "hösten 2018.", "Testi", "txt", "0", DocumentMeta(region="Pohjanmaa"))
    assert "perhekeskus" in {m.key for m in pipeline.analyse(doc).mentions if m.kind == "Method"}


@pytest.mark.parametrize("text", [
    "Kemi kokeilisi perhekeskusmallia, jos rahoitus järjestyisi.",
    "Kemi ottaisi perhekeskusmallin käyttöön, mikäli valtionavustus myönnetään.",
])
def test_a_status_verb_in_the_conditional_is_a_plan(pipeline, text):
    """What a town would do if something happened is not yet done: planned."""
    assert statuses(pipeline, text) == {"planned"}


def test_of_joined_clauses_that_each_name_a_place_the_methods_own_clause_gives_its_actor(
        pipeline):
    text = ("Torniossa koulutettiin keväällä kymmenen työntekijää Lapset puheeksi -menetelmään, "
            "ja Kemissä on kokeiltu Ihmeelliset vuodet -ryhmää.")
    found = facts(pipeline, text)
    assert ("851", "trained", "lapset-puheeksi") in found  # Tornio
    assert ("240", "trained", "lapset-puheeksi") not in found  # Kemi tried the other one
