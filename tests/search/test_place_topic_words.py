"""The words a place question's passages must be about (search/answer_topics.py): what was done
is no topic, but a noun of action naming the work is ('eroauttaminen', 'stöd vid skilsmässa'
read through the glossary)."""

from libvoikko import Voikko

from search.answer_topics import names_action


def test_a_noun_of_action_names_a_thing_but_a_verb_form_does_not():
    analyze = Voikko("fi").analyze
    assert names_action(analyze("eroauttaminen"))
    assert names_action(analyze("kehittämistä"))
    assert not names_action(analyze("kokeilla"))
    assert not names_action(analyze("laadittiin"))
    assert not names_action(analyze("todetaan"))
    assert not names_action(analyze("perhevalmennus"))
