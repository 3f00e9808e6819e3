"""Forms of a method's name that no label spells out: a compound opened by a one-word label,
an acronym before a hyphen, a foreign word one letter off a label word, a foreign hyphenated
word walking a two-word label."""

from __future__ import annotations

import pytest

from ingest.method_forms import MethodForms, acronym_of, hyphen_parts


def _forms() -> MethodForms:
    forms = MethodForms()
    forms.add("family-centre", "perhekeskus", "fi", ("perhekeskus",))
    forms.add("family-centre", "familjecentret", "sv", ())
    forms.add("lets-talk", "LP-keskustelu", "fi", ())
    forms.add("impact", "LAVA-malli", "fi", ())
    forms.add("kiva", "KiVa-koulu", "fi", ())
    return forms


def test_a_compound_opened_by_a_one_word_label_is_that_method():
    forms = _forms()
    assert forms.compound(("perhe", "keskus", "valmennus")) == "family-centre"
    assert forms.compound(("perhe", "keskus")) is None  # the label itself is the trie's
    assert forms.compound(("perhe", "työ")) is None
    assert forms.compound(("perhe", "keskus", "alue")) is None  # a place, not the model's work
    assert forms.compound(("perhe", "keskus", "agentti")) is None
    assert forms.compound(("perhe", "keskus", "kehittää")) is None  # a field of work, a theme


def test_a_form_two_methods_share_names_neither():
    forms = _forms()
    forms.add("other", "perhekeskus", "fi", ())
    assert forms.compound(("perhe", "keskus", "valmennus")) is None


def test_an_acronym_before_a_hyphen_opens_other_compounds_in_its_capitals():
    assert acronym_of("LP-keskustelu") == "LP"
    assert acronym_of("KiVa-koulu") == "KiVa"
    assert acronym_of("Lapset puheeksi -menetelmä") is None
    assert acronym_of("Beardslee-perheinterventio") is None
    forms = _forms()
    assert forms.acronym_compound("LP-kouluttajiksi") == "lets-talk"
    assert forms.acronym_compound("LAVA-kokeiluja") == "impact"
    assert forms.acronym_compound("lava-kokeiluja") is None
    assert forms.acronym_compound("LP") is None


@pytest.mark.parametrize(("word", "near"), [("Familjecentren", {"familjecentret"}),
                                            ("familjecentret", set()),  # the label itself
                                            ("familjecentralerna", set()),
                                            ("modellen", set()),
                                            ("familjecentrets", set())])  # a genitive
def test_a_foreign_word_one_letter_off_a_long_label_word_is_near_it(word, near):
    assert _forms().near(word) == near


def test_a_foreign_hyphenated_word_splits_into_its_words():
    def known(word: str) -> bool:
        return word == "perhekeskus-malli"

    assert hyphen_parts("family-centre", known) == ("family", "centre")
    assert hyphen_parts("perhekeskus-malli", known) == ()
    assert hyphen_parts("COVID-19", known) == ()
    assert hyphen_parts("centre", known) == ()
