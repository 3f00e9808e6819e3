"""Honest silence in English and Swedish: a lower-case word before a project head that no
glossary row translates and no passage holds names a project the corpus does not hold."""

from search.silence import Vocabulary, unknown_words

STOP = frozenset({"how", "much", "did", "the", "of", "who", "was"})
GLOSSARY = {"funding": "rahoitus", "receive": "saada", "centre": "keskus", "pilot": "pilotti",
            "development": "kehittäminen"}


def _unknown(question: str, corpus_words: set[str], translated=None) -> list[str]:
    forms = {w.lower(): (w.lower(), (), ()) for w in question.replace("?", "").split()}
    known = translated or (lambda w: w in GLOSSARY)
    return [u.word for u in unknown_words(question, forms, Vocabulary([corpus_words]), "en",
                                          {"lapland"}, STOP, lambda w: [], known)]


def test_an_english_topic_word_before_project_that_nothing_holds_is_an_unknown_name():
    assert _unknown("How much funding did the Lapland reindeer project receive?",
                    set()) == ["reindeer"]


def test_glossary_words_and_words_of_order_or_extent_before_project_are_no_names():
    assert _unknown("How much funding did the Lapland development project receive?",
                    set()) == []
    assert _unknown("How much funding did the Lapland pilot project receive?", set()) == []
    assert _unknown("How much funding did the whole project receive?", set()) == []
    assert _unknown("How much funding did the previous project receive?", set()) == []


def test_a_word_before_project_that_a_passage_holds_is_known():
    assert _unknown("How much funding did the Lapland reindeer project receive?",
                    {"reindeer"}) == []


def test_without_a_glossary_no_lower_case_english_word_is_taken_for_a_name():
    forms = {w: (w, (), ()) for w in "how much did the reindeer project get".split()}
    assert unknown_words("how much did the reindeer project get", forms, Vocabulary([set()]),
                         "en", set(), STOP, lambda w: []) == []
