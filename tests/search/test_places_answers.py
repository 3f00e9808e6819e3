"""Issue 19: method answers of an actor, places of a topic, and honest silence."""

from search.answer_records import Answer, Evidence
from search.records import EntityRef
from search.silence import Vocabulary, about_places, unknown_words

STOP = frozenset({"mitä", "missä", "who", "was", "the", "of", "kuka", "oli", "hankkeen"})


def _forms(question: str) -> dict:
    return {w.lower(): (w.lower(), (), ()) for w in question.replace("?", "").split()}


def _unknown(question: str, language: str, corpus_words: set[str], readable: bool = True):
    vocabulary = Vocabulary([corpus_words])
    return [u.word for u in unknown_words(question, _forms(question), vocabulary, language,
                                          set(), STOP,
                                          (lambda w: [w]) if readable else (lambda w: []))]


def test_a_project_name_no_passage_holds_is_unknown_lower_case_or_not():
    known = {"toimintamalleja", "pilotoitiin", "hankkeessa"}
    assert _unknown("mitä toimintamalleja perhekompassi hankkeessa pilotoitiin", "fi",
                    known) == ["perhekompassi"]
    assert _unknown("Who was the project manager of the Perhetähti project?", "en",
                    {"project", "manager"}) == ["perhetähti"]


def test_a_finnish_content_word_no_passage_holds_is_unknown_but_a_compound_head_is_not():
    words = {"missä", "maakunnissa", "kokeiltiin", "nuorille", "verkkoperhevalmennusta"}
    assert _unknown("missä maakunnissa kokeiltiin jääkiekkokouluja nuorille", "fi",
                    words) == ["jääkiekkokouluja"]
    assert _unknown("missä maakunnissa kokeiltiin perhevalmennusta", "fi", words) == []


def test_english_words_and_words_voikko_cannot_read_are_no_unknown_topic():
    assert _unknown("which regions piloted school family work", "en", set()) == []
    assert _unknown("vem administrerade projektet", "fi", {"projektet"},
                    readable=False) == []


def _answer(label: str, regions=(), passage="p1") -> Answer:
    return Answer(None, label, "Person", [Evidence(passage, "d", "t", 0, 1, 0.9)],
                  list(regions))


def test_answers_not_about_the_region_the_question_names_are_dropped():
    lappi = EntityRef("Region", "19", "Lappi")
    answers = [_answer("A", passage="pp-doc"), _answer("B", passage="lappi-doc"),
               _answer("C", regions=["Lappi"], passage="pp-doc")]
    regions = {"pp-doc": "Pohjois-Pohjanmaa", "lappi-doc": "Lappi"}
    kept = about_places(answers, [lappi], "Person", regions.get,
                        lambda p: {"lappi-iri"} if p == "pp-doc" else set(),
                        lambda e: "lappi-iri", {})
    assert [a.label for a in kept] == ["B", "C"]


def test_a_question_for_regions_is_not_narrowed_by_the_region_it_names():
    lappi = EntityRef("Region", "19", "Lappi")
    answers = [_answer("Kainuu", passage="x")]
    assert about_places(answers, [lappi], "Region", {}.get, lambda p: set(),
                        lambda e: "i", {}) == answers


def test_a_project_nobody_reported_on_gets_no_answer_but_passages(services):
    answers = services.answerer.ask("mitä toimintamalleja perhekompassi hankkeessa pilotoitiin")
    assert not answers.answers and answers.hits
    assert "perhekompassi" in answers.note


def test_a_region_without_documents_gets_no_answer(services):
    answers = services.answerer.ask("Missä Ahvenanmaan kunnissa pilotoitiin perhekeskusta?")
    assert not answers.answers and answers.hits


def test_the_methods_of_a_region_include_those_its_report_develops(services):
    answers = services.answerer.ask("Mitä toimintamalleja Keski-Pohjanmaalla kehitetään?")
    labels = {a.label for a in answers.answers}
    assert {"Lapset puheeksi", "perhekeskus"} <= labels
    assert all(a.type == "Method" and a.evidence for a in answers.answers)


def test_the_methods_an_organisation_uses_come_from_passages_naming_it(services):
    answers = services.answerer.ask("Mikä toimintamalli Siun sotessa on käytössä?")
    assert "nimetty työntekijä" in {a.label for a in answers.answers}


def test_a_compound_of_a_held_word_and_a_generic_head_is_not_unknown():
    question = "missä maakunnissa kokeiltiin omatyöntekijämallia"
    forms = {**_forms(question), "omatyöntekijämallia": ("omatyöntekijämalli", (), ())}
    vocabulary = Vocabulary([{"missä", "maakunnissa", "kokeiltiin", "omatyöntekijä"}])
    assert unknown_words(question, forms, vocabulary, "fi", set(), STOP, lambda w: [w]) == []


def test_a_question_for_regions_naming_one_region_asks_for_its_municipalities():
    from search.question_model import QuestionKind
    from search.silence import within_named_region

    kind = QuestionKind("region", "methodActors", 0.9, 0.9)
    satakunta = EntityRef("Region", "04", "Satakunta")
    assert within_named_region(kind, [satakunta]).answer_type == "municipality"
    assert within_named_region(kind, []).answer_type == "region"


def test_the_words_a_question_gives_as_a_project_name_are_found_however_joined():
    from search.silence import project_names

    assert project_names("Kuka hallinnoi Perhetaival-hanketta") == ["perhetaival"]
    assert project_names("ketkä olivat perhetaival hankkeen osatoteuttajat") == ["perhetaival"]
    assert project_names("Who ran the Perhetaival project?") == ["perhetaival"]
    assert project_names("Kuka oli LAPE-hankkeen johtaja?") == []


def test_methods_piloted_in_a_named_municipality_are_its_own(services):
    # Raisio is one of the Lupa auttaa! family-centre pilots; the same paragraph's other
    # statements are about other municipalities and other methods.
    answers = services.answerer.ask("Mitä Raisiossa pilotoitiin?")
    assert [a.label for a in answers.answers] == ["perhekeskus"]
    assert answers.answers[0].statuses[0].status == "piloted"


def test_the_doer_of_a_statement_is_read_from_the_statements_own_sentence():
    from search.own_topic import sentence_of

    text = ("Hanketta hallinnoi Jyväskylä. Saarikka pilotoi omatyöntekijämallia Saarijärvellä."
            "\nMuurame juurrutti menetelmän.")
    start = text.index("Saarijärvellä")
    assert sentence_of(text, start, start + 5).strip() == \
        "Saarikka pilotoi omatyöntekijämallia Saarijärvellä"


def test_a_swedish_question_names_the_status_it_asks_for(services):
    from search.question_cues import cue_forms, detect_statuses

    analyzer = services.searcher.analyzer
    question = "Vilka arbetsmodeller prövade man i Kajanaland?"
    forms = {w: cue_forms(*a) for w, a in analyzer.word_forms(question).items()}
    assert detect_statuses(analyzer.analyse(question), forms)[0] == "piloted"


def test_bodies_asked_for_by_their_kind_are_those_of_that_kind(services):
    from search.question_cues import cue_forms, of_kind_asked

    analyzer = services.searcher.analyzer
    question = "Which university of applied sciences evaluated the project?"
    forms = {w: cue_forms(*a) for w, a in analyzer.word_forms(question).items()}
    answers = [Answer("u", "Oamk", "University"), Answer("j", "Oulunkaari", "JointAuthority"),
               Answer("o", "MLL:n piiri", "Organisation")]
    kept = of_kind_asked(answers, analyzer.analyse(question), forms)
    assert [a.label for a in kept] == ["Oamk", "MLL:n piiri"]
    assert of_kind_asked(answers[1:2], analyzer.analyse(question), forms) == answers[1:2]


def _text_answer(label: str, passage: str, text: str = "text") -> Answer:
    return Answer(None, label, "Region", [Evidence(passage, "d", text, 0, 4, 0.9)],
                  source="text")


def test_a_named_method_no_passage_states_keeps_the_places_whose_passages_name_it(monkeypatch):
    """Asked who took a named method into use, when the extraction stated the method in none of
    the passing passages, the places whose passages are linked to the method answer, read from
    the text, rather than silence; a passage stating it still decides when one does."""
    import search.answer_topics as topics
    from graph.queries import PassageStatement

    class Mixin(topics.TopicTerms):
        store = None
        _passage_entities = {"p1": {"m:kiva"}, "p2": {"m:other"}}

    answers = [_text_answer("Kymenlaakso", "p1"), _text_answer("Kainuu", "p2")]
    monkeypatch.setattr(topics, "statements_in_passages", lambda store, passages, preds: [])
    assert [a.label for a in Mixin()._stating(answers, ["m:kiva"])] == ["Kymenlaakso"]
    stated = [PassageStatement("p2", "s", "x", "implemented", "m:kiva", 0, 4, 0.9)]
    monkeypatch.setattr(topics, "statements_in_passages", lambda store, passages, preds: stated)
    assert [a.label for a in Mixin()._stating(answers, ["m:kiva"])] == ["Kainuu"]


def test_a_negated_sentence_naming_the_method_is_no_place_of_it(monkeypatch):
    """'Eksote selvitti … mutta selvitys ei johtanut käyttöönottoon' tells no use: a place whose
    only passage names the method in a negated sentence is not answered from the text."""
    import search.answer_topics as topics

    class Mixin(topics.TopicTerms):
        store = None
        _passage_entities = {"p1": {"m:b"}}

    text = "Eksote selvitti menetelmää, mutta selvitys ei johtanut käyttöönottoon."
    monkeypatch.setattr(topics, "statements_in_passages", lambda store, passages, preds: [])
    assert Mixin()._stating([_text_answer("Etelä-Karjala", "p1", text)], ["m:b"]) == []
    assert topics.negated("Kotkassa otettiin käyttöön. Lahdessa ei otettu.", 3) is False
    assert topics.negated("Kotkassa otettiin käyttöön. Lahdessa ei otettu.", 30) is True


def test_a_noun_naming_the_kind_of_thing_asked_is_no_unknown_topic():
    """'Mitä työtapoja …' asks for working practices: the noun frames the question, so a corpus
    that never writes 'työtapa' is no reason for silence; a topic compound still is."""
    held = {"varkaudessa", "kokeiltiin"}
    assert _unknown("Mitä työtapoja Varkaudessa kokeiltiin?", "fi", held) == []
    assert _unknown("Mitä keinoja Varkaudessa kokeiltiin?", "fi", held) == []
    assert _unknown("Mitä palvelusetelejä Varkaudessa kokeiltiin?", "fi",
                    held) == ["palvelusetelejä"]
