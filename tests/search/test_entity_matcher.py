"""A question names an entity however it is typed: case, punctuation, inflection, a typo."""

from search.entity_matcher import EntityMatcher, normalise
from search.records import EntityRef

LUPA = EntityRef("Project", "lupa-auttaa", "Lupa auttaa!")
PK = EntityRef("Project", "pk-lape", "P-K LAPE")
PH = EntityRef("Region", "07", "Päijät-Häme")
SHP = EntityRef("Organisation", "pkshp", "Pohjois-Karjalan sairaanhoitopiiri")


def _matcher(baseform=None):
    labels = [(e, e.label) for e in (LUPA, PK, PH, SHP)]
    labels.append((EntityRef("Method", "x", "perhekeskus"), "perhekeskus"))  # not a name kind
    return EntityMatcher(labels, baseform)


def _found(matcher, question):
    return [f.entity for f in matcher.find(question)]


def test_normalise_drops_case_and_punctuation():
    assert normalise("Lupa auttaa! -hanke") == "lupa auttaa hanke"
    assert normalise("P-K LAPE") == "p k lape"


def test_a_lower_case_unpunctuated_project_name_is_found():
    assert _found(_matcher(), "kuka hallinnoi lupa auttaa hanketta") == [LUPA]


def test_an_acronym_with_hyphens_is_found_however_it_is_written():
    assert _found(_matcher(), "Mikä oli P-K LAPE -hankkeen hankeaika?") == [PK]
    assert _found(_matcher(), "mikä oli p k lape hankkeen hankeaika") == [PK]


def test_an_inflected_last_word_is_found_by_its_base_form():
    bases = {"hämeen": "Häme"}
    matcher = _matcher(lambda w: bases.get(w))
    assert _found(matcher, "Kuka oli Päijät-Hämeen muutosagentti?") == [PH]


def test_a_name_typed_without_diacritics_or_with_a_typo_is_found():
    assert _found(_matcher(), "kuka oli paijat-hame muutosagentti") == [PH]
    assert [(f.entity, f.score < 1) for f in _matcher().find(
        "pohjois karjalan sairanhoitopiiri")] == [(SHP, True)]


def test_a_question_naming_nothing_known_finds_nothing():
    assert _found(_matcher(), "Mikä on kuun etäisyys maasta?") == []


def test_kinds_that_are_no_names_are_left_to_other_matchers():
    assert _found(_matcher(), "missä perhekeskus toimii") == []


SAARIKKA = EntityRef("Organisation", "saarikka", "Saarikka")
LIMINKA = EntityRef("Municipality", "liminka", "Liminka")
KANNUS = EntityRef("Municipality", "kannus", "Kannus")
KUUSIO = EntityRef("Organisation", "kuusiokunnat", "Kuusiokuntien kuntayhtymä")
KOKKOLA = EntityRef("Municipality", "kokkola", "Kokkola")
KOKKOLA_CITY = EntityRef("Organisation", "kokkolan-kaupunki", "Kokkolan kaupunki")


def _names(known: dict[str, str]) -> EntityMatcher:
    """Names Voikko does not know (it knows only the words in `known`)."""
    entities = (SAARIKKA, LIMINKA, KANNUS, KUUSIO, KOKKOLA, KOKKOLA_CITY)
    return EntityMatcher([(e, e.label) for e in entities], known.get)


def test_a_name_voikko_does_not_know_is_read_through_its_case_ending_and_gradation():
    matcher = _names({})
    assert _found(matcher, "Mitä Saarikan kunnissa saatiin aikaan?") == [SAARIKKA]
    assert _found(matcher, "mitä limingassa tehtiin") == [LIMINKA]
    assert _found(matcher, "mitä liminassa vakinaistettiin") == [LIMINKA]  # a typo besides


def test_a_word_voikko_knows_is_not_read_as_an_inflected_name():
    """'kannusta' is the verb 'encourage' to Voikko, not the elative of Kannus."""
    assert _found(_names({"kannusta": "kannustaa"}), "kannusta perheitä puhumaan") == []


def test_a_body_is_named_by_its_distinctive_word_unless_that_word_names_another_entity():
    matcher = _names({"kuusiokunnat": "kuusiokunta", "kuusiokuntien": "kuusiokunta",
                      "kokkolan": "Kokkola", "kokkolassa": "Kokkola"})
    assert _found(matcher, "what did the Kuusiokunnat joint authority take into use") == [KUUSIO]
    assert _found(matcher, "mitä kokkolassa tehtiin") == [KOKKOLA]


def test_a_broken_name_forms_file_is_an_error_naming_the_file(tmp_path):
    import pytest

    from search.entity_matcher import NameForms

    broken = tmp_path / "name_forms.json"
    broken.write_text('{"endings": ["ssa"]}', encoding="utf-8")
    with pytest.raises(ValueError, match="name_forms.json: cannot read the forms of names"):
        NameForms.load(broken)
