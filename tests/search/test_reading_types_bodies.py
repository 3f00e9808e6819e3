"""An interrogative governing a noun of a kind of body asks for a body, whatever the question
model read; a person is never asked through the body that administered. The interrogatives,
prepositions and nouns are data (reading_cues.json)."""

import pytest

from search.question_model import QuestionKind
from search.reading_types import BodyOpeners, InterrogativeTypes

METHOD = QuestionKind("method", "actorMethods", 0.5, 0.5)
DATE = QuestionKind("date", "period", 0.5, 0.5)
PERSON = QuestionKind("person", "roleHolder", 0.5, 0.5)
ADMIN = QuestionKind("body", "administeredBy", 0.5, 0.5)


@pytest.mark.parametrize("question", [
    "Mikä kuntayhtymä kokeili mallia Kankaanpäässä?",
    "mihin kuntayhtymään hanke on linkittynyt",
    "Which foundation funded the trial?",
    "From which association did the agent come?",
    "Vilken förening driver mötesplatsen?",
    "Which joint municipal authority piloted the model?",
])
def test_an_interrogative_governing_a_kind_of_body_asks_for_a_body(question):
    assert BodyOpeners().asks_body(question)


@pytest.mark.parametrize("question", [
    "Mikä järjestöagentti aloitti ensin?",  # a compound of a body noun is a role
    "Which region piloted the model?",
    "Who funded the trial?",
    "What did the association's trial cost?",  # the body noun is no noun the opener governs
    "what did the Kuusiokunnat joint authority take into use",  # nor a phrase after the subject
])
def test_no_kind_of_body_governed_asks_for_none(question):
    assert not BodyOpeners().asks_body(question)


def test_the_body_asked_overrides_the_model_and_its_relation_becomes_a_bodys():
    types = InterrogativeTypes()
    piloted = types.corrected("Mikä kuntayhtymä pilotoi mallia Saarijärvellä?", METHOD)
    assert (piloted.answer_type, piloted.relation) == ("body", "methodActors")
    part = types.corrected("Which association takes part in the project?", DATE)
    assert (part.answer_type, part.relation) == ("body", "partner")
    held = types.corrected("Mikä taho hallinnoi muutosagentin työtä?", PERSON)
    assert (held.answer_type, held.relation) == ("body", "partner")


def test_who_with_a_verb_of_leading_keeps_the_body_the_model_read():
    # 'Who leads the LAPE programme nationally?' asks for the ministry: a verb of leading
    # alone does not make a body question a person question.
    types = InterrogativeTypes()
    assert types.corrected("Vem ledde LAPE-projektet i regionen?", ADMIN) == ADMIN
    assert types.corrected("Kuka hallinnoi hanketta?", ADMIN) == ADMIN


def test_a_person_is_never_asked_through_the_administering_body():
    types = InterrogativeTypes()
    read = QuestionKind("person", "administeredBy", 0.5, 0.5)
    led = types.corrected("who coordinated the project", read)
    assert (led.answer_type, led.relation) == ("person", "roleHolder")


def test_an_opening_that_fixes_a_fact_is_known_to_fix_it():
    types = InterrogativeTypes()
    assert types.fixes_fact("mistä lähtien palveluohjaus on ollut käytössä soitessa")
    assert types.fixes_fact("Mikä kuntayhtymä kokeili mallia?")
    assert not types.fixes_fact("Mitä Imatralla tehtiin?")
    assert not types.fixes_fact("Who piloted the model?")
