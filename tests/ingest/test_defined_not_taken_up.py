"""A sentence that names an actor and a status verb but no method carries the method of the
sentence before, unless what the verb is about is another thing the sentence itself describes:
a model word with a relative clause of its own ("ottaa käyttöön malli, jossa ..."), a clause as
the object ("kokeillaan, että sama ihminen vastaa ..."); a person said to be the same is no
method taken up. Real spaCy model and Voikko; made-up sentences about Lapland's towns."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta


def _statuses(pipeline, text: str) -> set[tuple[str, str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    result = pipeline.analyse(doc)
    names = {m.key: m.surface for m in result.mentions}
    return {(names.get(f.subject_key, f.subject_key), f.predicate, f.object_key)
            for f in result.facts if f.object_kind == "Method"}


def test_a_model_the_sentence_defines_is_not_the_one_named_before(pipeline):
    found = _statuses(pipeline, "Kemissä otettiin käyttöön Lapset puheeksi -menetelmä. Torniossa "
                                "selvitetään mahdollisuutta ottaa käyttöön malli, jossa jokaisella "
                                "perheellä on yksi vastuuhenkilö.")
    assert not any(actor == "Torniossa" for actor, _, _ in found)


def test_a_clause_as_what_is_tried_is_not_the_method_named_before(pipeline):
    found = _statuses(pipeline, "Kemissä otettiin käyttöön perhekeskus. Torniossa sen sijaan "
                                "kokeillaan syksyn ajan, että lastensuojelussa sama ihminen vastaa "
                                "perheen asioista alusta loppuun.")
    assert not any(actor == "Torniossa" for actor, _, _ in found)


def test_a_bare_model_word_or_a_like_thing_still_takes_the_method_up(pipeline):
    assert ("Torniossa", "piloted", "perhekeskus") in _statuses(
        pipeline, "Kemissä otettiin käyttöön perhekeskus. Torniossa mallia kokeiltiin syksyllä.")
    assert ("Torniossa", "piloted", "kohtaamispaikka") in _statuses(
        pipeline, "Kemin kaupunki avasi perheiden kohtaamispaikan kirjastoon. Torniossa vastaavaa "
                  "tilaa kokeiltiin syksyllä.")
