"""The words a place question's passages must be about (search/answer_topics.py): what was done
is no topic, but a noun of action naming the work is ('eroauttaminen', 'stöd vid skilsmässa'
read through the glossary)."""

from libvoikko import Voikko

from search.answer_topics import names_action


def test_a_compound_noun_of_action_names_a_kind_of_work_but_a_verb_form_does_not():
    analyze = Voikko("fi").analyze
    assert names_action(analyze("eroauttaminen"))
    assert names_action(analyze("eroauttamisen"))
    # a lone noun of action names no work of its own ('competence' read as 'osaaminen')
    assert not names_action(analyze("osaaminen"))
    assert not names_action(analyze("kehittämistä"))
    assert not names_action(analyze("kokeilla"))
    assert not names_action(analyze("laadittiin"))
    assert not names_action(analyze("todetaan"))
    assert not names_action(analyze("perhevalmennus"))


def test_the_place_asked_in_any_inflection_is_no_focus_of_a_graph_answer(services):
    """'kunnissa' of 'kunta' is the kind of place asked, not what narrows the graph's places: a
    list headed 'Mitä kunnissa on tekeillä?' would otherwise be the only evidence kept."""
    ans = services.answerer
    for question, thing in (("missä kunnissa perheneuvola kokeili etävastaanottoa", "perhene"),
                            ("Missä maakunnissa avattiin kohtaamispaikkoja?", "kohtaam")):
        stems = ans._thing_stems(ans.searcher.analyzer.analyse(question), question)
        assert not any(s.startswith(("kunn", "maakun")) for s in stems), stems
        assert any(s.startswith(thing) for s in stems), stems


def test_a_word_naming_whom_the_work_was_for_is_no_focus_of_a_graph_answer(services):
    """'trained staff in X': every place trained its staff; the passages that happen to say
    'staff' ('henkilöstö', 'työntekijä', 'personal') are no narrower answer than the rest."""
    ans = services.answerer
    for question in ("which municipalities trained staff in lets talk about children",
                     "Which regions have trained staff to run Incredible Years groups?",
                     "missä maakunnissa henkilöstöä koulutettiin lapset puheeksi -menetelmään"):
        stems = ans._thing_stems(ans.searcher.analyzer.analyse(question), question)
        assert not any(s.startswith(("työnt", "henkil")) for s in stems), stems
    question = "missä kunnissa perheiden kohtaamispaikka avattiin kirjaston yhteyteen"
    stems = ans._thing_stems(ans.searcher.analyzer.analyse(question), question)
    assert any(s.startswith("kirjas") for s in stems), stems
