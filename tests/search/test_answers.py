"""Answers come from graph relations, rolled up to regions, each with its evidence passage."""


def _labels(answer_set):
    return {a.label for a in answer_set.answers}


def test_finnish_question_with_a_synonym_reaches_the_named_worker_model(services):
    # The reports say vastuutyöntekijä and nimetty työntekijä; the question says omatyöntekijä.
    answers = services.answerer.ask("missä maakunnissa kokeiltiin omatyöntekijämallia")
    assert answers.target == "Region"
    assert {"Pohjois-Karjala", "Päijät-Häme"} <= _labels(answers)
    for a in answers.answers:
        assert a.evidence and all(e.text and e.document for e in a.evidence)


def test_english_question_gets_the_same_regions(services):
    answers = services.answerer.ask("In which regions was the key worker model put to use?")
    assert "Pohjois-Karjala" in _labels(answers)


def test_who_question_answers_with_the_person_holding_the_role(services):
    answers = services.answerer.ask("Kuka on Keski-Pohjanmaan LAPE-muutosagentti?")
    assert "Anne Saarela" in _labels(answers)


def test_a_question_the_graph_cannot_answer_says_so_and_shows_passages(services):
    answers = services.answerer.ask("Mikä on kuun etäisyys maasta?")
    assert answers.answers == []
    assert answers.note
    assert answers.hits
