"""A sentence that names no working model takes up the one named before by a thing said to be
the same or alike ("vastaavaa tilaa kokeiltiin", "a similar service", "liknande rutiner").
Made-up sentences (xlink20), read through the real pipeline; places, times and nouns of another
kind take nothing up."""

from __future__ import annotations

import pytest

KEMI, TORNIO = "240", "851"


@pytest.mark.parametrize(("text", "status"), [
    ("Kemin kaupunki avasi perheiden kohtaamispaikan kirjastoon. "
     "Torniossa vastaavaa tilaa kokeiltiin syksyllä.", "piloted"),
    ("Kemin kaupunki avasi perheiden kohtaamispaikan kirjastoon. "
     "Torniossa samanlaista palvelua kokeiltiin syksyllä.", "piloted"),
    ("Kemin kaupunki otti Lapset puheeksi -menetelmän käyttöön neuvoloissa. Koulutukseen "
     "osallistui 40 työntekijää. Tornio otti saman käytännön käyttöön kouluissa.",
     "implemented"),
    ("Kemi opened a family centre in the old school in 2018. "
     "Tornio piloted a similar service in the spring.", "piloted"),
])
def test_a_thing_said_to_be_alike_is_the_model_named_before(read_facts, text, status):
    found = {(s, p, o) for s, p, o in read_facts(text)}
    assert any(s == TORNIO and p == status for s, p, o in found), found


@pytest.mark.parametrize("text", [
    "Kemin kaupunki avasi perheiden kohtaamispaikan kirjastoon. "
    "Torniossa uutta tilaa kokeiltiin syksyllä.",
    "Kemin kaupunki avasi perheiden kohtaamispaikan kirjastoon. "
    "Torniossa kokeiltiin samaan aikaan uutta tilaa.",
])
def test_another_noun_or_a_time_takes_nothing_up(read_facts, text):
    assert not any(s == TORNIO for s, p, o in read_facts(text))
