"""'Developing' is a status of its own: work on a method that is still going on (further
development, embedding it into the work, "kehitetään ... sydämeksi"), read from made-up
sentences about Kainuu with the real spaCy model and Voikko."""

from __future__ import annotations

from ingest.records import Document, DocumentMeta


def statuses(pipeline, text: str) -> set[tuple[str, str, str]]:
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Kainuu"))
    return {(f.subject_key, f.predicate, f.object_key) for f in pipeline.analyse(doc).facts
            if f.object_kind == "Method"}


KAJAANI, KAINUU = "205", "18"


def test_a_method_developed_into_the_heart_of_the_work_is_developing(pipeline):
    text = "Kainuussa Lapset puheeksi -menetelmää kehitetään perhekeskustyön sydämeksi."
    assert (KAINUU, "developing", "lapset-puheeksi") in statuses(pipeline, text)


def test_a_place_before_the_method_in_the_inessive_is_who_acted(pipeline):
    text = "Kainuussa Lapset puheeksi -menetelmää kehitetään perhekeskustyön sydämeksi."
    assert not {s for s in statuses(pipeline, text) if s[0] != KAINUU and s[2] == "lapset-puheeksi"}


def test_embedding_in_the_present_tense_is_developing_and_in_the_past_implemented(pipeline):
    assert (KAJAANI, "developing", "perhekeskus") in statuses(
        pipeline, "Kajaanissa perhekeskusmallia vakiinnutetaan parhaillaan.")
    assert statuses(pipeline, "Kajaanissa perhekeskusmalli vakiinnutettiin vuonna 2018.") == {
        (KAJAANI, "implemented", "perhekeskus")}


def test_further_development_is_developing_now_and_created_when_it_was_done(pipeline):
    assert (KAJAANI, "developing", "perhekeskus") in statuses(
        pipeline, "Kajaanissa perhekeskusmallia jatkokehitetään ja työstetään.")
    assert statuses(pipeline, "Kajaanissa perhekeskusmallia jatkokehitettiin vuonna 2019.") == {
        (KAJAANI, "created", "perhekeskus")}


def test_a_method_under_development_is_developing(pipeline):
    assert statuses(pipeline, "Kajaanissa perhekeskusmalli on kehitteillä.") == {
        (KAJAANI, "developing", "perhekeskus")}


def test_a_development_that_goes_on_is_developing(pipeline):
    assert (KAJAANI, "developing", "lapset-puheeksi") in statuses(
        pipeline, "Kajaanissa Lapset puheeksi -menetelmän kehittäminen jatkuu.")


def test_a_model_developed_in_the_past_was_created(pipeline):
    assert statuses(pipeline, "Kajaanissa kehitettiin perhekeskusmalli vuonna 2017.") == {
        (KAJAANI, "created", "perhekeskus")}


def test_a_model_taken_into_use_and_developed_further_is_both(pipeline):
    found = statuses(pipeline, "Kajaani otti perhekeskusmallin käyttöön ja kehittää sitä edelleen.")
    assert {(KAJAANI, "implemented", "perhekeskus"),
            (KAJAANI, "developing", "perhekeskus")} <= found


def test_a_goal_to_develop_is_a_plan(pipeline):
    assert statuses(pipeline, "Tavoitteena on kehittää perhekeskusmallia Kajaanissa.") == {
        (KAJAANI, "planned", "perhekeskus")}


def test_what_is_not_developed_has_no_status(pipeline):
    assert statuses(pipeline, "Kajaanissa ei kehitetä perhekeskusmallia.") == set()


def test_a_development_that_is_under_way_or_begun_is_developing(pipeline):
    """The development noun as the thing going on ("on käynnissä") or begun ("on aloitettu")."""
    assert (KAJAANI, "developing", "perhekeskus") in statuses(
        pipeline, "Kajaanissa on käynnissä perhekeskusmallin kehittäminen.")
    assert (KAJAANI, "developing", "perhekeskus") in statuses(
        pipeline, "Kajaanissa perhekeskusmallin kehittäminen on aloitettu syksyllä.")
