"""A sentence that names no working model takes up the one named before by a thing said to be
the same or alike ("vastaavaa tilaa kokeiltiin", "a similar service", "liknande rutiner") or by a
kind-noun the model's own labels attach to its name ("Lapset puheeksi -keskustelu" →
"keskustelu", "Voimaperheet-ohjelma" → "ohjelma"). Made-up sentences (xlink20), read through the
real pipeline; places, times and nouns of another kind take nothing up."""

from __future__ import annotations

import pytest

from ingest.method_forms import attached_heads

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


def test_the_kind_nouns_a_models_labels_attach_to_its_name():
    labels = ["Lapset puheeksi", "Lapset puheeksi -keskustelu", "LP-keskustelu",
              "Lapset puheeksi -työ", "KiVa-koulu", "Cool Kids -hoito-ohjelma"]
    assert attached_heads(labels, ["Lapset", "puheeksi", "KiVa", "Koulu"]) == (
        "keskustelu", "ohjelma")  # not "työ" (too short) nor "koulu" (a word of the name)


def test_a_kind_noun_of_the_labels_takes_the_model_up_where_a_body_acts(read_facts):
    text = ("Kemin kaupunki koulutti syksyllä neuvoloiden työntekijöitä Lapset puheeksi "
            "-menetelmään. Koulutukseen osallistui 40 työntekijää. "
            "Torniossa keskustelu on jo vakiintunut osaksi neuvolan työtä.")
    assert any(s == TORNIO and o == "lapset-puheeksi" for s, p, o in read_facts(text))
