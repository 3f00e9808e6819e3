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
