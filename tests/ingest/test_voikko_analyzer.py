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


def test_a_word_voikko_does_not_know_gets_corrections_one_letter_away(voikko):
    assert "Systeemisellä" in voikko.corrections("Systemisellä")
    assert voikko.corrections("systeemisellä") == ()  # a known word needs none


def testone_edit_is_one_letter_added_dropped_or_changed():
    from ingest.voikko_analyzer import one_edit

    assert one_edit("malli", "mallli") and one_edit("malli", "mali")
    assert one_edit("malli", "melli")
    assert not one_edit("malli", "malli") and not one_edit("malli", "mella")


def test_compound_parts_are_computed_once_per_word():
    """A compound's parts are the base forms of its pieces, and asking again answers from the
    cache without a call into libvoikko."""
    from ingest.voikko_analyzer import VoikkoAnalyzer

    voikko = VoikkoAnalyzer()
    assert voikko.compound_parts("perhekeskustoimintamallia") == (
        "perhe", "keskus", "toiminta", "malli")
    calls = voikko.analyze.cache_info().misses
    again = voikko.compound_parts("perhekeskustoimintamallia")
    assert again == ("perhe", "keskus", "toiminta", "malli")
    assert voikko.analyze.cache_info().misses == calls
    assert voikko.compound_parts.cache_info().hits == 1


@pytest.mark.parametrize(("word", "bases"), [
    ("auttajat", ("auttaa",)),                        # agent noun
    ("palveluohjaajana", ("ohjata",)),                # agent noun inside a compound
    ("maahanmuuttajaperheiden", ("muuttaa",)),        # a part Voikko knows as one lexeme
    ("muuttaneiden", ("muuttaa",)),                   # past active participle
    ("vastaanotettu", ("vastaanottaa",)),             # a verb of two words stays one
    ("kokeiltavana", ("kokeilla",)),                  # present passive participle
    ("vanhemmuutta", ()),                             # -us: 'vanha' is not what it means
    ("palvelut", ()),                                 # -u: no 'palvella'
    ("toimintaa", ()),                                # -nta: no 'toimia'
    ("tukematon", ()),                                # the negative participle says the opposite
    ("perheiden", ()),
    ("auttaa", ()),                                   # a verb's own lemma is no extra term
])
def test_agent_nouns_and_participles_name_their_verb(voikko, word, bases):
    assert voikko.derived_bases(word) == bases


def test_a_question_meets_the_passages_verb_through_its_agent_noun(services):
    question = "Missä toimi maahanmuuttajaperheiden auttajia?"
    terms = services.searcher.analyzer.analyse(question).terms
    assert {"muuttaa", "auttaa", "maahanmuuttajaperhe", "perhe"} <= set(terms)
