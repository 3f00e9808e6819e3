"""Issue 19 (qwho28): 'kuka / who / vem' asks for a person or a body, and the relation asked
decides. Administering, partnering and funding (the relations whose range is lape:Organisation)
ask for a body; a who-question the model read as a body that asks none of them, and names no
organisation ('mikä taho', 'which organisation'), has the person who did it as its other
reading, asked when no body is found (search.answer.Answerer._who_not_a_bodys). Real Voikko,
no build."""

from types import SimpleNamespace

import pytest

from search.answer import Answerer
from search.question_cues import cue_forms
from search.question_model import QuestionKind
from search.reading import Reader

BODY = QuestionKind("body", "administeredBy", 0.5, 0.5)


@pytest.fixture(scope="module")
def who(voikko):
    from search.query import QueryAnalyzer

    analyzer = QueryAnalyzer(voikko, None)
    answerer = Answerer.__new__(Answerer)
    answerer.reader = Reader()

    def other_reading(question: str, kind: QuestionKind = BODY) -> bool:
        aq = SimpleNamespace(text=question)  # the cues are found in the question's words
        forms = {w: cue_forms(*a) for w, a in analyzer.word_forms(question).items()}
        return answerer._who_not_a_bodys(question, kind, aq, forms)

    return other_reading


@pytest.mark.parametrize("question", [
    "kuka valmisteli asian lautakunnalle",
    "Who chaired the board meeting in June?",
    "Vem presenterade projektet på seminariet?",
])
def test_who_asking_no_bodys_relation_has_a_person_as_its_other_reading(who, question):
    assert who(question)


@pytest.mark.parametrize("question", [
    "kuka hallinnoi lupa auttaa hanketta",      # administering: a body's
    "Who were the partners of the project?",     # partnering
    "Who funded the trial?",                     # funding
    "Mikä taho valmisteli asian?",               # the opener asks for a body
    "Who from which organisation presented it?",  # an organisation named as asked
    "Mikä kuntayhtymä esitteli mallin?",
])
def test_who_asking_a_bodys_relation_or_naming_a_body_stays_a_body(who, question):
    assert not who(question)


def test_only_a_body_reading_has_the_person_as_its_other(who):
    assert not who("kuka valmisteli asian", QuestionKind("person", "peopleOf", 0.5, 0.5))
    assert not who("milloin asia valmisteltiin")
