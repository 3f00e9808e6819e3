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


def test_who_with_a_verb_of_leading_asks_first_for_the_person_then_for_the_body():
    # issue 19 (qwho28): who leads a project is its manager, a person; the body the model read
    # stays the question's other reading ('Who leads the LAPE programme nationally?' is the
    # ministry when no person is found: tests/search/test_answers.py).
    types = InterrogativeTypes()
    for question in ("Vem ledde LAPE-projektet i regionen?", "kuka vetää kainuun lape-hanketta",
                     "Who led the project?"):
        led = types.corrected(question, ADMIN)
        assert (led.answer_type, led.relation) == ("person", "roleHolder"), question
        assert types.led_body(question, ADMIN) == ADMIN, question
    # administering is a body's, with or without a verb of leading elsewhere
    assert types.corrected("Kuka hallinnoi hanketta?", ADMIN) == ADMIN
    assert types.led_body("Kuka hallinnoi hanketta?", ADMIN) is None
    # an opener asking for a body keeps it: 'Mikä taho johti hanketta?'
    assert types.corrected("Mikä taho johti hanketta?", ADMIN) == ADMIN


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
