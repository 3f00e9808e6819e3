"""English and Swedish service words reach Finnish lemmas through the glossary data."""

import pytest

from search.glossary import GLOSSARY, Glossary


@pytest.fixture(scope="module")
def glossary():
    return Glossary.load()


def test_the_glossary_ships_over_a_hundred_entries():
    rows = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines()[1:] if line]
    assert len(rows) >= 100


def test_divorce_questions_reach_the_finnish_word_for_separation(glossary):
    assert "ero" in glossary.finnish_terms("What was done for families going through divorce?")
    assert "ero" in glossary.finnish_terms(
        "which regions worked on services for separating or divorcing parents")


def test_plural_english_words_meet_their_singular_entry(glossary):
    assert "maahanmuuttaja" in glossary.finnish_terms("support for immigrants")
    assert "vapaaehtoinen" in glossary.finnish_terms("How many volunteers were recruited?")


def test_a_phrase_wins_over_its_words(glossary):
    terms = glossary.finnish_terms("open meeting place for fathers")
    assert terms[0] == "kohtaamispaikka"
    assert "isä" in terms


def test_swedish_words_reach_finnish_too(glossary):
    assert {"koulu", "nuori"} <= set(glossary.finnish_terms("stöd till ungdom i en skola"))


@pytest.mark.parametrize(("question", "lemma"), [
    ("family counselling for parents", "perheneuvonta"),           # a service
    ("support for blended families", "uusperhe"),                  # a target group
    ("How many midwives were trained?", "kätilö"),                 # a profession
    ("network meetings with the family", "verkostokokous"),        # a kind of work, a meeting
    ("services at the health centre", "terveyskeskus"),            # a place of service
    ("families reached through social media", "some"),             # a digital service
    ("in-service training for the staff", "täydennyskoulutus"),    # training
    ("a self-assessment of the services", "itsearviointi"),        # evaluation
    ("vem utvecklade elevhälsan", "oppilashuolto"),                # Swedish, definite form
])
def test_general_service_vocabulary_reaches_its_finnish_lemma(glossary, question, lemma):
    assert lemma in glossary.finnish_terms(question)


def test_ontology_label_pairs_extend_the_glossary(tmp_path):
    g = Glossary.load(labels=[("named worker model", "nimetty työntekijä")])
    assert g.finnish_terms("the named worker model") == ["nimetty", "työntekijä"]


def test_a_row_without_its_finnish_lemma_is_refused_with_the_line(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("fi,en,sv,note\n,divorce,skilsmässa,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossary.csv:2"):
        Glossary.load(path)


def test_a_phrase_adds_to_what_its_words_translate_to_when_asked_for_its_parts():
    g = Glossary([("family services", "perhepalvelut"), ("family", "perhe"),
                  ("services", "palvelu"), ("staff", "henkilöstö")])
    # read by phrases alone, the phrase replaces its words ...
    assert g.translate("family services for staff") == (["perhepalvelut", "henkilöstö"], ["for"])
    # ... with its parts, the words' own lemmas follow the phrase's, and no word is left over
    assert g.translate("family services for staff", parts=True) == (
        ["perhepalvelut", "henkilöstö", "perhe", "palvelu"], ["for"])


def test_a_lexical_query_keeps_the_words_of_a_phrase(glossary):
    from search.searcher import Searcher

    class Analysed:
        entities = ()

    searcher = Searcher.__new__(Searcher)
    searcher.glossary = glossary
    terms = searcher.cross_language_terms("in-service training for the staff", Analysed())
    assert terms[0] == "täydennyskoulutus" and "koulutus" in terms


@pytest.mark.parametrize(("question", "lemma"), [
    ("which regions piloted online antenatal classes", "verkkoperhevalmennus"),
    ("online antenatal class", "verkkoperhevalmennus"),
])
def test_a_plural_in_es_after_a_sibilant_meets_its_singular_phrase(glossary, question, lemma):
    # 'classes' is 'class' + 'es': the phrase entry 'online antenatal class' wins over its words
    assert glossary.finnish_terms(question)[0] == lemma


def test_plurals_in_s_alone_still_lose_only_the_s():
    from search.glossary import _singular

    assert [_singular(w) for w in ("classes", "churches", "wishes", "taxes", "services",
                                   "places", "families", "class")] == [
        "class", "church", "wish", "tax", "service", "place", "family", "class"]


def test_a_phrase_is_read_only_in_its_own_language(glossary):
    """'same' is Swedish for Sámi, 'far' for father: an English question's 'the same worker'
    or 'so far' names neither; a Swedish one's 'same familjer' names the Sámi."""
    finnish, rest = glossary.translate("where did families keep the same worker", language="en")
    assert "saamelainen" not in finnish and "työntekijä" in finnish
    assert "isä" not in glossary.translate("how far has the work got", language="en")[0]
    assert "saamelainen" in glossary.translate("stöd för same familjer", language="sv")[0]
    # the ontology's labels are of any language, and without a language every phrase is read
    assert "saamelainen" in glossary.translate("the same worker")[0]
