"""A method a sentence takes up without naming it. A section whose heading names one working
model speaks of it in sentences that take it up by a model word or a noun of the heading ("3.1
Perhekeskus verkostona" / ... "Verkostoa kokeiltiin ensin Kemijärvellä"): the fact is the
heading's model's, marked inferred from the heading and less certain than a named one (issue 13,
the "never linked" stage). A method carried from the sentence before ("Kemissä mallia
valmistellaan") is marked inferred:back-reference. Real spaCy and Voikko; made-up sections."""

from __future__ import annotations

import pytest

STATUSES = ("implemented", "piloted", "trained", "planned", "developing", "created")


@pytest.fixture(scope="module")
def method_facts(pipeline):
    from ingest.records import Document, DocumentMeta

    def read(text: str) -> list:  # type: ignore[type-arg]
        doc = Document("t", "t.txt", text, "T", "txt", "0", DocumentMeta(region="Lappi"))
        return [f for f in pipeline.analyse(doc).facts if f.predicate in STATUSES]
    return read


def test_a_noun_of_the_heading_takes_up_the_heading_s_model(method_facts):
    from ingest.concept_descriptions import HEADING_SOURCE
    from ingest.extract.headings import HEADING_CONFIDENCE

    facts = method_facts("Lapin LAPE-hankkeen loppuraportti\n\n3.1 Perhekeskus verkostona\n\n"
                         "Palveluja ei koottu yhteen taloon. Verkostoa kokeiltiin ensin "
                         "Kemijärvellä ja Sodankylässä.")
    found = {(f.subject_key, f.predicate, f.object_key) for f in facts}
    assert ("320", "piloted", "perhekeskus") in found  # Kemijärvi
    assert ("758", "piloted", "perhekeskus") in found  # Sodankylä
    inferred = [f for f in facts if f.subject_key in ("320", "758")]
    assert all(f.extractor.startswith(HEADING_SOURCE) for f in inferred)
    assert all(f.confidence <= HEADING_CONFIDENCE for f in inferred)


def test_a_model_word_takes_up_the_heading_s_model(method_facts):
    facts = method_facts("Lapin LAPE-hankkeen loppuraportti\n\n4.2 Etävastaanotot\n\n"
                         "Neuvolan vastaanotto on pitkien matkojen takana. Mallia kokeiltiin "
                         "syksyllä Sallassa.")
    assert ("732", "piloted", "etavastaanotto") in {
        (f.subject_key, f.predicate, f.object_key) for f in facts}  # Salla


def test_a_heading_that_names_no_model_lends_none(method_facts):
    facts = method_facts("Lapin LAPE-hankkeen loppuraportti\n\n3.2 Alueellinen verkosto\n\n"
                         "Palveluja ei koottu yhteen taloon. Verkostoa kokeiltiin ensin "
                         "Kemijärvellä ja Sodankylässä.")
    assert not any(f.subject_key in ("320", "758") for f in facts)


def test_another_noun_is_no_reference_to_the_heading_s_model(method_facts):
    facts = method_facts("Lapin LAPE-hankkeen loppuraportti\n\n3.1 Perhekeskus verkostona\n\n"
                         "Palveluja ei koottu yhteen taloon. Kirjastoa remontoitiin ensin "
                         "Kemijärvellä ja Sodankylässä.")
    assert not any(f.subject_key in ("320", "758") for f in facts)


def test_a_model_the_sentence_names_is_its_own_not_the_heading_s(method_facts):
    facts = method_facts("Lapin LAPE-hankkeen loppuraportti\n\n3.1 Perhekeskus verkostona\n\n"
                         "Palveluja ei koottu yhteen taloon. Kemijärvellä kokeiltiin "
                         "etävastaanottoa.")
    found = {(f.subject_key, f.object_key) for f in facts if f.subject_key == "320"}
    assert found == {("320", "etavastaanotto")}


def test_a_method_taken_up_from_the_sentence_before_is_marked_inferred(method_facts):
    from ingest.concept_descriptions import BACK_REFERENCE_SOURCE

    facts = method_facts("Rovaniemellä otettiin käyttöön Lapset puheeksi -menetelmä. Työ jatkuu "
                         "kouluissa. Kemissä mallia valmistellaan käyttöön ensi vuonna.")
    taken_up = [f for f in facts if f.subject_key == "240"]  # Kemi
    assert taken_up and all(f.extractor.startswith(BACK_REFERENCE_SOURCE) for f in taken_up)
    assert all(f.confidence <= 0.6 for f in taken_up)
    named = [f for f in facts if f.subject_key == "698"]  # Rovaniemi names it
    assert named and not any(f.extractor.startswith("inferred:") for f in named)


def test_the_heading_s_model_gets_no_actor_from_the_document_alone(method_facts):
    # no body acts in the sentence or the section: the project of the document is too far for
    # a model that is itself inferred
    facts = method_facts("Lapin LAPE-hankkeen loppuraportti\n\n4.2 Etävastaanotot\n\n"
                         "Neuvolan vastaanotto on pitkien matkojen takana. Kokeilun jälkeen "
                         "mallia käytetään nyt pysyvästi.")
    assert not any(f.object_key == "etavastaanotto" for f in facts)
