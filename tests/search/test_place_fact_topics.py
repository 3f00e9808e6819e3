"""Issue 19 item 3: a place question the question model reads as a project fact (who
administered or partnered, how much, when) but that names no project asks where something was
done; when the graph has no answer, its topic's places are read from the passages
(search/text_reading.py, `TextReading.of_a_project`)."""

from search.text_reading import project_word


def test_a_project_word_in_any_language_and_inflection():
    assert project_word("hankkeessa", "hanke", ())
    assert project_word("lape-hankkeen", "lape-hanke", ("lape", "hanke"))
    assert project_word("kehittämishankkeen", "kehittämishanke", ("kehittäminen", "hanke"))
    assert project_word("project", "project", ())
    assert project_word("projects", "projects", ())
    assert project_word("projektet", "projektet", ())


def test_words_that_only_begin_like_a_project_word_are_none():
    for word, lemma in (("hankala", "hankala"), ("hankinta", "hankinta"),
                        ("seurakunta", "seurakunta"), ("pilotissa", "pilotti"),
                        ("partnership", "partnership")):
        assert not project_word(word, lemma, ()), word


def test_a_question_naming_a_project_or_a_project_word_asks_a_project_fact(services):
    ans = services.answerer
    for question in ("kuka hallinnoi lupa auttaa hanketta",
                     "which regions had their project administered by a joint authority",
                     "i vilka landskap var universitetet partner i projektet"):
        aq = ans.searcher.analyzer.analyse(question)
        assert ans.of_a_project(question, ans.entities_of(aq, question)), question


def test_a_place_question_naming_no_project_asks_where_something_was_done(services):
    ans = services.answerer
    for question in ("which regions worked together with the local parish",
                     "missä maakunnissa on laskettu, paljonko kunnan rahaa menee lapsiin"):
        aq = ans.searcher.analyzer.analyse(question)
        assert not ans.of_a_project(question, ans.entities_of(aq, question)), question


def test_a_place_read_as_a_partner_fact_gets_the_topics_places_when_the_graph_has_none(services):
    """Written for this test over the seed corpus's Päijät-Häme report: Hartola is where the
    pilot noted that without the third sector the work falls on a few people. The question
    model reads the question as who partnered; no project is named, so the topic is read."""
    ans = services.answerer
    question = ("missä kunnassa todettiin että ilman kolmannen sektorin laajaa mukanaoloa työ "
                "kasautuu harvoille")
    result = ans.ask(question)
    labels = {a.label for a in result.answers}
    assert "Hartola" in labels and all(a.source == "text" and a.evidence
                                       for a in result.answers)


def test_the_place_an_interrogative_governs_stays_asked_beside_a_body_noun(services):
    """'missä kunnissa seurakunta oli mukana …': 'missä' governs 'kunnissa'; the parish after it
    is the clause's subject, not the kind of answer (search.question_scope.governed_place)."""
    from search.question_model import QuestionKind

    ans = services.answerer
    place = QuestionKind("municipality", "topic", 0.9, 0.6)
    body = QuestionKind("body", "partner", 0.9, 0.6)
    question = "missä kunnissa seurakunta oli mukana perheiden palveluissa"
    assert ans.governed_place(place, body, question) == place
    # a body governed by the interrogative itself stays a body
    assert ans.governed_place(place, body, "mikä järjestö oli mukana perheiden palveluissa") \
        == body
    # a town administering, in the singular, is a body (as in place_asked)
    town = QuestionKind("municipality", "administeredBy", 0.9, 0.6)
    assert ans.governed_place(town, body, "mikä kaupunki hallinnoi hanketta") == body
