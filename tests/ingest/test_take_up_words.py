"""A sentence that names no method takes up the one named before with a noun of a way of
working ("toimintatapa", "työtapa", "käytäntö"), as English does with "the practice" and Swedish
with "arbetssättet" (ingest/patterns/foreign/status_cues.toml, [reference]); that noun as the
object of the status verb is the method itself, not another thing. Real spaCy model and Voikko;
the sentences are made up, about Lapland's towns."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta


def _statuses(pipeline, text: str) -> set[tuple[str, str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    result = pipeline.analyse(doc)
    names = {m.key: m.surface for m in result.mentions}
    return {(names.get(f.subject_key, f.subject_key), f.predicate, f.object_key)
            for f in result.facts if f.object_kind == "Method"}


def test_a_way_of_working_taken_into_use_is_the_method_named_before(pipeline):
    found = _statuses(pipeline, "Rovaniemellä lastensuojelun avohuollossa on nimetty työntekijä "
                                "jokaiselle perheelle. Toimintatapa otettiin Kemissä käyttöön "
                                "tammikuussa.")
    assert ("Kemissä", "implemented", "nimetty-tyontekija") in found


def test_another_thing_as_the_object_is_not_the_method(pipeline):
    found = _statuses(pipeline, "Rovaniemellä lastensuojelun avohuollossa on nimetty työntekijä "
                                "jokaiselle perheelle. Kemissä otettiin käyttöön uusi "
                                "asiakastietojärjestelmä tammikuussa.")
    assert not any(actor == "Kemissä" for actor, _, _ in found)


def test_a_way_of_working_with_its_own_modifier_is_another_one(pipeline):
    found = _statuses(pipeline, "Rovaniemellä lastensuojelun avohuollossa on nimetty työntekijä "
                                "jokaiselle perheelle. Kemissä otettiin käyttöön uudenlainen "
                                "toimintatapa tammikuussa.")
    assert not any(actor == "Kemissä" for actor, _, _ in found)
