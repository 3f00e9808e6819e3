"""Voikko wrapper: the noun of a verbal noun and the verb behind a participle."""

import pytest


@pytest.mark.parametrize(("word", "noun"), [
    ("verkostojohtamista", "verkostojohtaminen"),
    ("kokeilemisen", "kokeileminen"),
    ("kouluttaminen", "kouluttaminen"),
    ("Kainuussa", None),
    ("kokeiltu", None),
])
def test_a_verbal_noun_has_its_noun_lemma(voikko, word, noun):
    assert voikko.verbal_noun(word) == noun


@pytest.mark.parametrize(("word", "verbs"), [
    ("kokeiltu", ("kokeilla",)),
    ("koulutettu", ("kouluttaa",)),
    ("kehitetty", ("kehittää",)),
    ("verkostojohtamista", ("johtaa",)),
    ("perhetyötä", ()),
])
def test_a_participle_names_the_verb_it_comes_from(voikko, word, verbs):
    assert voikko.source_verbs(word) == verbs
