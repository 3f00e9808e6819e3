"""Developing told by grammar (xstatus20): the aspect of a making verb (a partitive object in the
present: the deed under way), the progressive with an object, development work as a noun with a
predicate of its own, and a stage word; the same verbs with the work done (past, perfect, a
whole object), an intransitive coming into being, or a present relative to a past it completes
keep their old reading. Made-up sentences through the real pipeline (rules only)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Kemissä perhekeskusta rakennetaan neuvolan ympärille.",
    "Kemi rakentaa perhekeskusta yhdessä seurakunnan kanssa.",
    "Kemissä ollaan rakentamassa perhekeskusta.",
    "Kemi on kehittämässä perhekeskusta.",
    "Kemissä muotoillaan perhekeskuksen toimintamallia.",
    "Perhekeskuksen kehitystyö jatkuu Kemissä.",
    "Perhekeskuksen rakentaminen on Kemissä kesken.",
    "Kemissä perhekeskusmalli on kehitysvaiheessa.",
    "Kemi on mukana perhekeskuksen kehittämisessä.",
])
def test_work_under_way_is_developing(read_facts, text):
    found = {p for s, p, o in read_facts(text) if s == "240"}
    assert "developing" in found and "created" not in found


@pytest.mark.parametrize("text", [
    "Kemi kehitti perhekeskusta vuosina 2017–2018.",
    "Kemissä on kehitetty perhekeskusmalli.",
    "Kemissä rakennettiin perhekeskusmalli vuonna 2018.",
    "Kemi oli mukana perhekeskuksen kehittämisessä vuonna 2017.",
    "Kokouksessa pidettiin tärkeänä, että Kemissä rakennetaan perhekeskusta verkostona.",
    "Kokouksessa todettiin, että Kemissä kokeillaan uusia työtapoja, mutta samalla rakennetaan "
    "perhekeskusta.",
])
def test_work_done_or_only_held_important_is_not_developing(read_facts, text):
    found = {p for s, p, o in read_facts(text) if s == "240"}
    assert "developing" not in found
