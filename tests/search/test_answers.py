"""Answers come from graph relations, rolled up to regions, each with its evidence passage."""

from search.question_cues import cue_forms


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


def test_a_body_that_administers_answers_with_its_projects(services):
    answers = services.answerer.ask("Mitä hankkeita Soite hallinnoi?")
    assert answers.target == "Project"
    assert answers.answers and {a.type for a in answers.answers} == {"Project"}
    assert "Keski-Pohjanmaa" in {r for a in answers.answers for r in a.regions}


def test_regions_asked_of_an_administering_body_are_answered_with_regions(services):
    answers = services.answerer.ask("Which regions' projects did Soite administer?")
    assert answers.target == "Region"
    assert _labels(answers) == {"Keski-Pohjanmaa"}
    assert all(e.text for a in answers.answers for e in a.evidence)


def test_evaluation_counts_an_answer_under_any_label_of_its_entity(services, tmp_path):
    from api.evaluation import evaluate_questions

    # The graph answers with the ministry's Finnish name; the question expects its acronym.
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "t1", "q": "Who leads the LAPE programme nationally?", '
                    '"answer_entities": ["STM"]}\n', encoding="utf-8")
    row = evaluate_questions(services, [path])["per_question"][0]
    assert (row["P"], row["R"]) == (1.0, 1.0)


def test_who_at_a_named_body_answers_with_the_people_working_there(services):
    answers = services.answerer.ask("Which people from SOS-Lapsikylä were involved?")
    assert answers.target == "Person"
    assert answers.answers and {a.type for a in answers.answers} == {"Person"}
    for answer in answers.answers:
        assert any("SOS" in e.text for e in answer.evidence)


def test_a_regional_project_named_with_a_hyphen_is_not_the_national_programme(services):
    # "P-K LAPE" is North Karelia's project; its spaced form "P K LAPE" holds the programme.
    answers = services.answerer.ask("How much funding was granted to P-K LAPE?")
    assert answers.target == "Amount"
    assert answers.answers
    assert all(a.regions == ["Pohjois-Karjala"] for a in answers.answers)


def test_a_compound_that_ends_in_a_budget_asks_for_an_amount(services):
    answers = services.answerer.ask("Kuinka suuri oli KP LAPE -hankkeen kokonaisbudjetti?")
    assert answers.target == "Amount"
    # The report's 1,5 milj. budget is no statement in the graph; the 1,1 milj. grant is no
    # answer to it, so the passages are shown instead.
    assert {a.type for a in answers.answers} <= {"Amount"}
    assert "1100000" not in _labels(answers)


def test_a_region_named_with_lape_asks_about_the_regional_project(services):
    answers = services.answerer.ask("What was the state grant of the Central Ostrobothnia "
                                    "LAPE project?")
    assert answers.answers
    assert {r for a in answers.answers for r in a.regions} == {"Keski-Pohjanmaa"}


def test_compound_heads_do_not_turn_regions_or_parishes_into_municipalities(services):
    answers = services.answerer.ask("Missä maakunnissa avattiin kohtaamispaikkoja "
                                    "seurakuntien tiloihin?")
    assert answers.target == "Region"


def test_a_question_for_start_and_end_gets_both_dates(services):
    answers = services.answerer.ask("Milloin P-K LAPE -hanke alkoi ja päättyi?")
    assert answers.target == "Date"
    assert _labels(answers) == {"2017-03-01", "2018-12-31"}


def test_a_local_practice_named_by_a_verbal_noun_is_found(services):
    # Voikko reads 'verkostojohtamista' as the verb johtaa; the passages' entity is the noun.
    answers = services.answerer.ask("Mikä maakunta kokeili verkostojohtamista?")
    assert answers.target == "Region"
    assert any(e.kind == "Method" and e.key == "verkostojohtaminen" for e in answers.entities)
    assert _labels(answers) == {"Päijät-Häme"}


def test_a_participle_names_the_status_asked_for(services):
    from search.question_cues import detect_statuses

    analyzer = services.searcher.analyzer
    question = "Missä maakunnassa on kehitetty monitoimijamallia?"
    forms = {w: cue_forms(*a) for w, a in analyzer.word_forms(question).items()}
    # what was created and what is being developed ('kehitetään')
    assert detect_statuses(analyzer.analyse(question), forms) == ("created", "developing")
    assert _labels(services.answerer.ask(question)) == {"Varsinais-Suomi"}


def test_the_finnish_branch_of_an_international_body_goes_by_the_movements_name(services):
    # "SOS Children's Villages Finland" is named without the country in an English question.
    answers = services.answerer.ask("Which SOS Children's Villages people were involved in "
                                    "the training on the named worker model?")
    assert answers.target == "Person"
    assert answers.answers and {a.type for a in answers.answers} == {"Person"}
    assert all(any("SOS" in e.text for e in a.evidence) for a in answers.answers)


def test_a_kind_of_body_after_the_relation_narrows_who_administered(services):
    # No body is named, only a kind of them: the projects of the cities, not of the joint
    # authorities.
    answers = services.answerer.ask("Which regions' LAPE projects were administered by a city "
                                    "rather than a joint municipal authority?")
    assert answers.target == "Region"
    assert _labels(answers) == {"Varsinais-Suomi"}  # Raision kaupunki; Soite is a joint authority


def test_a_kind_of_body_asked_for_answers_with_those_bodies(services):
    answers = services.answerer.ask("Mitkä kaupungit hallinnoivat LAPE-hankkeita?")
    assert _labels(answers) == {"Raisio"}
    for question in ("Which universities of applied sciences were partners?",
                     "Which universities partnered the projects?"):
        answers = services.answerer.ask(question)
        assert answers.answers and {a.type for a in answers.answers} == {"University"}


def test_a_question_for_the_whole_budget_is_not_answered_with_the_grant(services):
    # KP LAPE: 'on myönnetty valtionavustusta kokonaisuudessaan n. 1,1 milj. euroa' is the grant.
    grant = services.answerer.ask("Paljonko valtionavustusta KP LAPE -hanke sai?")
    assert _labels(grant) == {"1100000"}
    budget = services.answerer.ask("What was the total budget of the KP LAPE project?")
    assert "1100000" not in _labels(budget)


def test_a_local_practice_of_several_words_is_named_in_any_order(services):
    # The passages name 'perhetyö varhaiskasvatuksessa' (Asikkala); the question inflects and
    # reorders its words.
    answers = services.answerer.ask("Missä maakunnissa perhetyötä vietiin varhaiskasvatukseen?")
    assert any(e.key == "perhetyo-varhaiskasvatuksessa" for e in answers.entities)
    assert _labels(answers) == {"Päijät-Häme"}


def test_a_question_for_the_consortium_leaves_out_who_only_cooperated(services):
    # P-K LAPE: 'Hankekonsortioon kuuluivat Karelia AMK ja ... ISO. - Yhteistyötä on tehty
    # Siun Soten ...'
    consortium = services.answerer.ask("Which organisations were in the P-K LAPE consortium?")
    partners = services.answerer.ask("Who were P-K LAPE's partners?")
    assert "Karelia-ammattikorkeakoulu" in _labels(consortium)
    assert "Siun sote" not in _labels(consortium)
    assert "Siun sote" in _labels(partners)
    # The same for a kind of body: Siun sote is a joint authority that only cooperated.
    kind = services.answerer.ask("Which joint authorities were in a project consortium?")
    assert "Siun sote" not in _labels(kind)
    assert "Siun sote" in _labels(services.answerer.ask("Which joint authorities were partners?"))


def test_who_answered_for_a_task_asks_for_that_task_not_the_project(services):
    from search.question_cues import detect_task

    analyzer = services.answerer.searcher.analyzer
    assert detect_task(analyzer.word_forms("Kuka vastasi hankkeen loppuarvioinnista?")) == (
        "loppuarviointi")
    # Answering for the project itself is administering it.
    assert detect_task(analyzer.word_forms("Kuka vastasi Revontuli-hankkeesta?")) is None
    assert detect_task(analyzer.word_forms("Mistä hanke sai rahoitusta?")) is None


def test_a_task_nobody_answered_for_gets_no_partner_as_answer(services):
    # P-K LAPE has partners, but none of them is said to answer for its evaluation.
    answers = services.answerer.ask("Kuka vastasi P-K LAPE -hankkeen loppuarvioinnista?")
    assert answers.answers == []


def test_people_of_a_body_are_narrowed_to_what_the_question_names(services):
    # Two SOS-Lapsikylä people in the Päijät-Häme report; only one presented the named-worker
    # model, the other is named with the family centre pilots.
    named = services.answerer.ask("Kuka SOS-Lapsikylästä esitteli nimetty työntekijä -mallia?")
    assert _labels(named) == {"Miia Lahtela"}
    everyone = services.answerer.ask("Who worked at SOS Children's Villages?")
    assert {"Miia Lahtela", "Elina Stenvall"} <= _labels(everyone)


def test_a_practice_asked_in_the_daycare_centres_is_the_one_in_early_education(services):
    # Asikkala's 'perhetyö varhaiskasvatuksessa'; the question names the daycare centres.
    answers = services.answerer.ask("Missä maakunnassa perhetyötä tehtiin päiväkodissa?")
    assert any(e.key == "perhetyo-varhaiskasvatuksessa" for e in answers.entities)
    assert "Päijät-Häme" in _labels(answers)


def test_a_where_question_about_people_in_a_role_answers_with_no_person(services):
    """People are no answer to 'in which region': the question of where two coordinators
    began is answered with places or not at all."""
    answers = services.answerer.ask(
        "missä maakunnassa aloitti kaksi perhekeskuskoordinaattoria yhtenäistämään käytäntöjä")
    assert answers.target == "Region"
    assert all(a.type != "Person" for a in answers.answers)
