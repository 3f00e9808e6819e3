"""A short name a document gives a method in parentheses stands for that method in the rest of
that document (ingest/method_forms.py, `document_aliases`), alone or opening a compound; a label
that is itself an acronym opens compounds. Real spaCy model and Voikko; the sentences are made
up, about Lapland's towns."""

from __future__ import annotations

from ingest.method_forms import MethodForms, acronym_of
from ingest.records import Document, DocumentMeta


def _analyse(pipeline, text: str):
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    return pipeline.analyse(doc)


def _aliases(result) -> list[tuple[str, str]]:
    return [(m.surface, m.label) for m in result.mentions if m.source == "document:alias"]


def _statuses(result) -> set[tuple[str, str, str]]:
    return {(f.subject_key, f.predicate, f.object_key) for f in result.facts
            if f.object_kind == "Method"}


def test_an_acronym_in_parentheses_after_a_name_stands_for_the_method_later(pipeline):
    result = _analyse(pipeline, "Kemissä otettiin syksyllä käyttöön Ihmeelliset vuodet -ohjelma "
                                "(IV). Torniossa IV-ryhmiä kokeiltiin keväällä kahdesti.")
    assert [s for s, _ in _aliases(result)] == ["IV-ryhmiä"]
    method = next(m.key for m in result.mentions if m.source == "document:alias")
    tornio = next(m.key for m in result.mentions if m.surface == "Torniossa")
    assert (tornio, "piloted", method) in _statuses(result)


def test_an_english_acronym_after_the_name_and_a_model_word(pipeline):
    result = _analyse(pipeline, "Kemi started the Strongest Families programme (SF) in May.\n\n"
                                "In Tornio, twelve nurses were trained in SF in the autumn.")
    assert [s for s, _ in _aliases(result)] == ["SF"]


def test_the_name_in_parentheses_after_the_acronym_defines_it_too(pipeline):
    result = _analyse(pipeline, "Rovaniemellä koulutettiin ohjaajia NV-valmennukseen "
                                "(neuropsykiatrinen valmennus). Kemissä NV-ryhmät alkoivat "
                                "tammikuussa.")
    assert [s for s, _ in _aliases(result)] == ["NV-ryhmät"]


def test_no_alias_before_its_definition_nor_from_a_place_in_parentheses(pipeline):
    before = _analyse(pipeline, "Torniossa IV-ryhmiä kokeiltiin keväällä. Kemissä otettiin "
                                "käyttöön Ihmeelliset vuodet -ohjelma (IV).")
    assert _aliases(before) == []
    place = _analyse(pipeline, "Kemissä avattiin perhekeskus (Karihaara). Karihaaran tiloissa "
                               "on myös neuvola.")
    assert _aliases(place) == []


def test_an_acronym_that_does_not_open_the_name_is_no_alias(pipeline):
    result = _analyse(pipeline, "Kemissä otettiin käyttöön Ihmeelliset vuodet -ohjelma (KT). "
                                "Torniossa KT-ryhmiä kokeiltiin keväällä.")
    assert _aliases(result) == []


def test_a_label_that_is_an_acronym_opens_compounds():
    assert acronym_of("LAVA") == "LAVA"
    assert acronym_of("Marak") is None
    forms = MethodForms()
    forms.add("impact", "LAVA", "fi", ())
    assert forms.acronym_compound("LAVA-mallia") == "impact"
    assert forms.acronym_compound("LAVA") is None  # the label itself is the trie's
