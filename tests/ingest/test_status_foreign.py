"""English and Swedish sentences get a method status from cue words of the method's clause
(ingest/status_foreign.py, ingest/patterns/foreign/status_cues.toml). Made-up sentences."""

from __future__ import annotations

import pytest

from ingest.status_foreign import ForeignCueError, clause_around, foreign_status, load_cues


def status(text: str, method: str, lang: str = "en") -> str | None:
    start = text.index(method)
    return foreign_status(text, start, start + len(method), lang)


@pytest.mark.parametrize(("text", "method", "lang", "expected"), [
    ("Kemi opened a family centre next to the library in May.", "family centre", "en",
     "implemented"),
    ("Two schools in Salla are piloting the KiVa programme this term.", "KiVa programme", "en",
     "piloted"),
    ("Nurses in Inari completed the Incredible Years training in March.", "Incredible Years",
     "en", "trained"),
    ("The town will introduce remote appointments next spring.", "remote appointments", "en",
     "planned"),
    ("The region is developing the digital family centre with NGOs.", "digital family centre",
     "en", "developing"),
    ("I Vörå har mötesplatsen varit i gång sedan 2018.", "mötesplatsen", "sv", "implemented"),
    ("I Närpes prövas familjecentret under hösten.", "familjecentret", "sv", "piloted"),
    ("Kommunen planerar att införa familjemedling nästa år.", "familjemedling", "sv",
     "planned"),
    # plans told by considering and preparing, development told as under way (xstatus19)
    ("Pargas stad överväger att införa familjemedling.", "familjemedling", "sv", "planned"),
    ("Kommunen förbereder införandet av familjemedling.", "familjemedling", "sv", "planned"),
    ("The municipality is considering remote appointments for families.", "remote appointments",
     "en", "planned"),
    ("The region is preparing to introduce remote appointments.", "remote appointments", "en",
     "planned"),
    ("Work on the digital family centre is under way in Salla.", "digital family centre", "en",
     "developing"),
    ("The town is currently building its digital family centre.", "digital family centre", "en",
     "developing"),
    ("I Närpes är familjecentret under uppbyggnad.", "familjecentret", "sv", "developing"),
])
def test_a_cue_word_of_the_clause_gives_the_status(text, method, lang, expected):
    assert status(text, method, lang) == expected


@pytest.mark.parametrize(("text", "method", "lang", "expected"), [
    ("Salla piloted the family centre model in 2018 and it became permanent a year later.",
     "family centre model", "en", "implemented"),
    ("The trial of remote appointments ended in May; the service continues after the project.",
     "remote appointments", "en", "implemented"),
    ("I Närpes prövades familjecentret 2018 och det blev permanent verksamhet 2019.",
     "familjecentret", "sv", "implemented"),
    ("Salla piloted the family centre model in 2018, but it was not made permanent.",
     "family centre model", "en", "piloted"),
    ("Salla is piloting the family centre model this spring.", "family centre model", "en",
     "piloted"),
])
def test_a_trial_the_sentence_says_became_permanent_is_in_use(text, method, lang, expected):
    """[permanent] in the cue file: a trial made permanent is a standing service, unless the
    sentence denies it."""
    assert status(text, method, lang) == expected


def test_a_cue_marked_as_a_compound_head_counts_at_the_end_of_a_longer_word():
    """Swedish writes compounds together: "-kurs" in the cue file finds "endagskurs" (a first
    part of at least four letters: not "diskurs")."""
    assert status("I Pargas gick lärarna en endagskurs i KiVa i oktober.", "KiVa",
                  "sv") == "trained"
    assert status("Hangö kommun har en diskurs om familjemedling.", "familjemedling",
                  "sv") is None


def test_work_still_going_on_in_english_is_developing():
    assert status("Kaskinen is still working on its digital family centre.",
                  "digital family centre") == "developing"


def test_a_negated_clause_reports_no_status():
    assert status("Pello has not introduced family mediation yet.", "family mediation") is None
    assert status("Kommunen har inte infört familjemedling.", "familjemedling", "sv") is None


def test_a_sentence_without_a_cue_reports_no_status():
    assert status("The named worker model was presented at the seminar.",
                  "named worker model") is None


def test_the_cue_is_read_in_the_methods_own_clause():
    """A cue of another clause ("but ... will") does not decide for the method."""
    text = "Kemi uses the meeting place, but the town will open a family centre later."
    assert status(text, "meeting place") == "implemented"
    assert status(text, "family centre") == "planned"
    assert clause_around(text, text.index("meeting"), text.index("meeting") + 13)[0] == \
        "Kemi uses the meeting place"


def test_the_methods_own_words_are_no_cue():
    """"a pilot model" names the method; nothing in the clause says what was done with it."""
    assert status("The pilot model is described in the appendix.", "pilot model") is None


def test_a_finnish_sentence_is_left_to_the_finnish_rules():
    assert status("Kemissä kokeiltiin perhekeskusta.", "perhekeskusta", "fi") is None


def test_a_cue_file_without_a_section_is_refused_with_its_name(tmp_path):
    path = tmp_path / "cues.toml"
    path.write_text('[negation]\nen = ["not"]\n', encoding="utf-8")
    with pytest.raises(ForeignCueError, match="no section planned"):
        load_cues(path)


def test_an_english_sentence_gives_the_fact_through_the_rules(read_facts):
    """The rule decision of a method mention falls back on the foreign cues when the Finnish
    rules read nothing, so the English sentence becomes a status fact of the town it names."""
    facts = read_facts(
        "Family services in Lapland.\n\nKemi opened a family centre next to the library in May.")
    assert ("240", "implemented", "perhekeskus") in facts


@pytest.mark.parametrize(("text", "expected"), [
    ("Familjecentret i Kemi öppnade sina dörrar i mars 2018.", "sv"),
    ("Salla has trained its staff in the model.", "en"),
    ("Perhekeskus avattiin Kemissä maaliskuussa 2018 ja Torniossa huhtikuussa.", "fi"),
    ("Kemin perhekeskus on auki maanantaisin ja torstaisin.", "fi"),
])
def test_a_sentence_of_names_and_verbs_is_told_by_its_function_words(text, expected):
    from ingest.status_foreign import sentence_language

    assert sentence_language(text) == expected


def test_the_implemented_cues_include_being_available_and_existing():
    assert status("Open meeting places now exist in 14 municipalities.", "Open meeting places",
                  "en") == "implemented"
    assert status("Familjecentralen i Vörå har varit i drift sedan 2018.", "Familjecentralen",
                  "sv") == "implemented"
