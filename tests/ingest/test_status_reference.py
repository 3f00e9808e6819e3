"""A method's use reported without a status word beside its name: a sentence that takes the
method up again with a model word or a pronoun, a method that exists at a named place, and the
town whose own document it is. Real spaCy and Voikko; made-up sentences about Lappi."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta

PREAMBLE = ("Tämä on kuviteltu esimerkkiasiakirja, joka on kirjoitettu vain ohjelmiston testejä "
            "varten eikä kerro mistään todellisesta kunnasta tai sen palveluista.\n\n")


def facts(pipeline, text: str) -> set[tuple[str, str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return {(f.subject_key, f.predicate, f.object_key or "")
            for f in pipeline.analyse(doc).facts if f.extractor.endswith("method-status")}


def statuses(pipeline, text: str) -> set[tuple[str, str]]:
    return {(p, o) for _, p, o in facts(pipeline, text)}


def test_a_model_word_takes_up_the_method_named_just_before(pipeline):
    text = ("Sallan kunta otti Lapset puheeksi -menetelmän käyttöön vuonna 2018. "
            "Menetelmään on sen jälkeen koulutettu 40 työntekijää.")
    assert ("trained", "lapset-puheeksi") in statuses(pipeline, text)


def test_a_pronoun_takes_up_the_method_named_just_before(pipeline):
    text = ("Sallassa kokeiltiin perhekeskusmallia vuonna 2018. "
            "Syyskuun alusta se on ollut käytössä kaikissa kouluissa.")
    assert ("implemented", "perhekeskus") in statuses(pipeline, text)


def test_an_english_sentence_takes_up_the_method_with_it(pipeline):
    text = ("Salla started using the Let's Talk about Children method in 2018. "
            "Since then forty workers have been trained in it.")
    assert ("trained", "lapset-puheeksi") in statuses(pipeline, text)


def test_a_new_model_of_another_kind_takes_up_nothing(pipeline):
    text = ("Sallassa kokeiltiin perhekeskusmallia vuonna 2018. "
            "Kouluille kehitettiin lisäksi uudenlainen toimintamalli.")
    assert statuses(pipeline, text) == {("piloted", "perhekeskus")}


def test_a_sentence_without_a_status_word_takes_up_nothing(pipeline):
    text = ("Sallassa kokeiltiin perhekeskusmallia vuonna 2018. "
            "Se tarkoittaa, että perheet saavat apua yhdestä paikasta.")
    assert facts(pipeline, text) == {("732", "piloted", "perhekeskus")}


def test_a_method_that_exists_at_a_named_place_is_in_use(pipeline):
    found = facts(pipeline, "Sallassa ja Kemijärvellä on omat perheasemansa.")
    assert {("732", "implemented", "perhekeskus"),
            ("320", "implemented", "perhekeskus")} <= found


def test_a_method_that_does_not_exist_there_is_not_in_use(pipeline):
    assert facts(pipeline, "Sallassa ei ole perhekeskusta.") == set()


def test_the_town_whose_document_it_is_acts_where_a_sentence_names_nobody(pipeline):
    text = (PREAMBLE + "SALLAN KUNTA\nPerusturvalautakunta\n\n"
            "Lapset puheeksi -menetelmä otettiin käyttöön neuvolassa keväällä 2018.")
    assert facts(pipeline, text) == {("732", "implemented", "lapset-puheeksi")}


def test_a_method_taken_up_with_a_time_ahead_is_planned(pipeline):
    text = ("Sallassa Lapset puheeksi -menetelmä otettiin käyttöön vuonna 2018. "
            "Menetelmän koulutuksia jatketaan vuoden 2020 puolella.")
    assert ("planned", "lapset-puheeksi") in statuses(pipeline, text)


def test_the_town_in_capitals_and_swedish_genitive_is_the_documents_own(pipeline):
    text = (PREAMBLE + "KORSHOLMS KOMMUN – NYHETSBREV FÖR FAMILJER\n\n"
            "Familjecentret i Smedsby öppnade sina dörrar i mars 2018.")
    assert ("499", "implemented", "perhekeskus") in facts(pipeline, text)
