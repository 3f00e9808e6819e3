"""Plans told by a commitment or a preparation over an infinitive, and work told as
under way by the progressive ("on ottamassa käyttöön") or by an adverb of a thing in the making
("on rakenteilla", "on meneillään"), read through the real pipeline. Made-up sentences (xstatus19);
the same grammar in the past or the perfect of the deed itself stays done."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Kemi on sitoutunut ottamaan Lapset puheeksi -menetelmän käyttöön.",
    "Kemissä varaudutaan ottamaan Lapset puheeksi -menetelmä käyttöön.",
    "Kemissä on aikeissa avata perhekeskus.",
    "Kemi kaavailee perhekeskuksen avaamista.",
])
def test_a_commitment_or_an_intention_over_the_deed_is_a_plan(read_facts, text):
    found = {p for s, p, o in read_facts(text) if s == "240"}
    assert "planned" in found and "implemented" not in found


@pytest.mark.parametrize("text", [
    "Kemi on ottamassa Lapset puheeksi -menetelmää käyttöön.",
    "Kemissä ollaan ottamassa perhekeskusmallia käyttöön.",
    "Kemissä perhekeskus on rakenteilla.",
    "Kemissä perhekeskus on tekeillä.",
    "Kemissä on meneillään perhekeskusmallin kehittäminen.",
])
def test_work_told_as_under_way_is_developing(read_facts, text):
    found = {p for s, p, o in read_facts(text) if s == "240"}
    assert "developing" in found and not found & {"implemented", "created"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Kemi otti perhekeskusmallin käyttöön vuonna 2018.", "implemented"),
    ("Kemi on ottanut Lapset puheeksi -menetelmän käyttöön kaikissa neuvoloissa.", "implemented"),
    ("Kemin perhekeskus on avattu ja toiminta on menossa hyvin.", "implemented"),
    ("Kemi päätti perhekeskusmallin kokeilun vuonna 2019.", "piloted"),
])
def test_the_deed_itself_in_the_past_or_perfect_stays_done(read_facts, text, expected):
    found = {p for s, p, o in read_facts(text) if s == "240"}
    assert expected in found and not found & {"planned", "developing"}
