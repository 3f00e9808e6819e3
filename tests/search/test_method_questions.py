"""Whether a question asks what an actor did, read from its structure, whatever answer type the
question model gave it (search/method_questions.py)."""

import pytest

from search.method_questions import QuestionWords, asks_actor_methods, names_method_kind
from search.question_cues import STATUS_WORDS
from search.records import EntityRef

KAINUU = EntityRef("Region", "18", "Kainuu")
KEMI = EntityRef("Municipality", "240", "Kemi")
NARPES = EntityRef("Municipality", "545", "Närpiö")
SOITE = EntityRef("Organisation", "soite", "Soite")
# Finnish verbs as Voikko would know them in these questions.
VERBS = {"kokeilivat", "pilotoi", "testasi", "järjesti", "oli"}
# Finnish nouns as Voikko would read them.
NOUNS = {"kunnat", "järjestö", "kemin", "kaupunki", "hankkeen", "budjetti", "kainuun"}


def _forms(question: str, lemmas: dict[str, str] | None = None) -> dict:
    words = question.replace("?", "").lower().split()
    return {w: ((lemmas or {}).get(w, w), (), ()) for w in words}


def _asks(question: str, entities, answer_type: str = "topic",
          lemmas: dict[str, str] | None = None) -> bool:
    return asks_actor_methods(question, _forms(question, lemmas), entities, answer_type,
                              lambda w: "verb" if w in VERBS else "noun" if w in NOUNS else None,
                              STATUS_WORDS)


def test_a_noun_naming_a_kind_of_working_model_after_the_interrogative_asks_methods():
    assert _asks("Mihin toimintamalleihin Kainuussa koulutettiin työntekijöitä?", [KAINUU],
                 "body", {"toimintamalleihin": "toimintamalli"})
    assert _asks("Vilken barnskyddsmodell utbildades man i i Kemi?", [KEMI], "body")
    assert _asks("Which working practices did Soite offer?", [SOITE], "municipality")


@pytest.mark.parametrize("question, answer_type", [
    ("What kind of assessment did Kainuu make of its services?", "topic"),
    ("Which type of model did Kainuu try out?", "body"),
    ("Vilken typ av modell prövade man i Kainuu?", "municipality"),
    ("Vad för en metod införde man i Kainuu?", "topic"),
    ("Minkä tyyppisiä malleja Kainuussa kokeiltiin?", "region"),
])
def test_kind_words_between_the_interrogative_and_the_noun_asked_are_read_past(question,
                                                                              answer_type):
    assert _asks(question, [KAINUU], answer_type, {"malleja": "malli"})


def test_a_model_noun_right_after_the_interrogative_asks_methods_even_of_an_amount_or_person():
    assert _asks("Mistä mallista Kainuussa pidettiin koulutusaamupäivä?", [KAINUU], "amount",
                 {"mallista": "malli"})
    assert _asks("Which programme did Soite train its staff in?", [SOITE], "person")
    assert not _asks("Mikä oli Kainuun mallin budjetti?", [KAINUU], "amount")
    assert not _asks("Which kindergartens did Kemi open?", [KEMI], "municipality")


def test_the_actor_and_a_status_word_ask_methods_even_of_a_question_read_as_an_amount():
    question = "mitä kemissä kokeiltiin vuoden 2018 talousarviossa"
    assert _asks(question, [KEMI], "amount", {"kokeiltiin": "kokeilla"})
    assert _asks(question, [KEMI], "count", {"kokeiltiin": "kokeilla"})
    # a person is never; nor an amount without a status word or with no actor after 'mitä'
    assert not _asks(question, [KEMI], "person", {"kokeiltiin": "kokeilla"})
    assert not _asks("What did Kemi spend on family centres?", [KEMI], "amount")
    assert not _asks("mitä hanke maksoi kemissä vuonna 2018", [KEMI], "amount")


@pytest.mark.parametrize("question, entities", [
    ("mitä kemin kaupunki testasi lastensuojelussa", [KEMI]),
    ("What did Kemi set up for families with small children?", [KEMI]),
    ("what is kainuu planning for next year", [KAINUU]),
    ("Vad planerar Närpes?", [NARPES]),
    ("Vad gjorde man i Kemi?", [KEMI]),
    ("Mitä Kainuussa tapahtui?", [KAINUU]),
    ("Vad hände i Kemi?", [KEMI]),
])
def test_the_actor_or_a_verb_after_the_interrogative_asks_what_the_actor_did(question,
                                                                             entities):
    assert _asks(question, entities, "date" if "planning" in question else "municipality")


# The question's own verb, not a verb of doing from the list, says the actor did something.
ACTS_VERBS = {"sovelletaan": "soveltaa", "siirsi": "siirtää", "on": "olla", "ajan": "ajaa",
              "toimi": "toimia"}


def _asks_acting(question: str, entities, answer_type: str,
                 derived: dict[str, str] | None = None) -> bool:
    """`derived`: a participle and the verb it derives from, as Voikko gives them."""
    words = question.replace("?", "").lower().split()
    forms = {w: (ACTS_VERBS.get(w, w), (), ((derived or {})[w],) if w in (derived or {}) else ())
             for w in words}
    return asks_actor_methods(question, forms, entities, answer_type,
                              lambda w: "verb" if w in ACTS_VERBS else "noun" if w in NOUNS
                              else None, STATUS_WORDS)


@pytest.mark.parametrize("question, entities, derived", [
    ("mitä kemin varhaiskasvatuksessa sovelletaan", [KEMI], None),
    ("mitä kainuun hanke siirsi vuodelle 2019", [KAINUU], None),
    ("mitä kemissä on liitetty valtuuston esityksiin", [KEMI], {"liitetty": "liittää"}),
    ("what is kemi extending to youth services", [KEMI], None),
    ("what did soite look into for adult clients", [SOITE], None),
])
def test_a_verb_of_its_own_after_the_actor_or_an_auxiliary_says_the_actor_did_something(
        question, entities, derived):
    assert _asks_acting(question, entities, "topic", derived)


@pytest.mark.parametrize("question, entities", [
    ("mikä on kemin hankkeen budjetti", [KEMI]),          # only 'to be'
    ("what is kemi's budget", [KEMI]),                  # a possessive, no verb after the name
    ("what is soite going to expand", [SOITE]),          # 'going': an auxiliary, not the verb
    ("minkä ajan kainuun hanke toimi", [KAINUU]),        # 'ajan' only read as a verb
])
def test_being_a_possessive_or_a_word_only_read_as_a_verb_says_nothing_was_done(question,
                                                                                entities):
    assert not _asks_acting(question, entities, "date")


@pytest.mark.parametrize("question, entities, answer_type", [
    ("Mitkä kunnat Kainuussa kokeilivat perhekeskusta?", [KAINUU], "municipality"),
    ("Which Kainuu municipalities tried out the omatyöntekijä model?", [KAINUU], "municipality"),
    ("Mitkä Kainuun kunnat kokeilivat perhekeskusta?", [KAINUU], "municipality"),
    ("What year did Kemi pilot the family centre?", [KEMI], "date"),
    ("Mikä oli Kainuun hankkeen budjetti?", [KAINUU], "topic"),
    ("What did Kemi spend on family centres?", [KEMI], "amount"),
    ("Who did Soite train?", [SOITE], "person"),
    ("Mitä perhekeskuksessa kokeiltiin?", [], "topic"),
    ("Mikä järjestö avasi Kemiin kohtaamispaikan?", [KEMI], "body"),
    ("Mitkä kunnat toimintamallia Kainuussa kokeilivat?", [KAINUU], "municipality"),
])
def test_a_place_or_another_noun_asked_or_no_actor_or_a_person_amount_is_no_such_question(
        question, entities, answer_type):
    assert not _asks(question, entities, answer_type)


def test_a_head_closes_a_compound_or_begins_an_english_or_swedish_plural():
    heads = ("malli", "model", "modell", "menetelm")
    assert names_method_kind("toimintamalleja", "toimintamalli", (), heads)
    assert names_method_kind("arbetsmodeller", "arbetsmodeller", (), heads)
    assert names_method_kind("models", "model", (), heads)
    assert not names_method_kind("kunnat", "kunta", (), heads)


def test_unreadable_question_words_name_the_file_and_what_to_do(tmp_path):
    bad = tmp_path / "words.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="words.json.*restore"):
        QuestionWords.load(bad)


def _answer(label: str, text: str):
    from search.answer_records import Answer, Evidence

    return Answer(f"m:{label}", label, "Method", [Evidence("p", "d", text, 0, len(text), 1.0)])


def test_an_actors_methods_narrow_to_those_whose_evidence_holds_the_questions_own_topic():
    from search.method_answers import MethodAnswers

    named = _answer("nimetty työntekijä", "Koulutusaamupäivä pidettiin nimetystä työntekijästä.")
    others = [_answer("perhekeskus", "Perhekeskus avattiin."),
              _answer("lasten eroryhmä", "Eroryhmä alkoi syksyllä.")]
    narrowed = MethodAnswers._of_own_topic([*others, named], ["koulutusaamup"])
    assert [a.label for a in narrowed] == ["nimetty työntekijä"]
    assert MethodAnswers._of_own_topic(others, ["koulutusaamup"]) == others  # none holds it
    assert MethodAnswers._of_own_topic(others, []) == others


def test_the_own_topic_is_read_in_the_sentence_of_the_evidence_not_anywhere_in_its_passage():
    from search.answer_records import Answer, Evidence
    from search.method_answers import MethodAnswers

    text = ("Perhekeskukset toimivat kaikissa kunnissa. Lastensuojelun vakiintunut käytäntö "
            "Kajaanissa on nimetty työntekijä.")
    centre = Answer("m:pk", "perhekeskus", "Method",
                    [Evidence("p", "d", text, 0, len("Perhekeskukset"), 1.0)])
    at = text.index("nimetty")
    named = Answer("m:nt", "nimetty työntekijä", "Method",
                   [Evidence("p", "d", text, at, at + len("nimetty työntekijä"), 1.0)])
    narrowed = MethodAnswers._of_own_topic([centre, named], ["lastensuoj"])
    assert [a.label for a in narrowed] == ["nimetty työntekijä"]


def _topic_reader(terms: list[str], spans: dict[str, list[str]]):
    """A MethodAnswers whose question's topic terms are `terms`, whose matcher finds the names
    `spans` maps a question to (their words), every stem in a tenth of the passages or less."""
    from types import SimpleNamespace

    from search.method_answers import MethodAnswers

    actor = MethodAnswers()
    forms = {"menetelmiä": ("menetelmä", (), ()), "tampereella": ("tampere", (), ()),
             "lastensuojelussa": ("lastensuojelu", ("lasten", "suojelu"), ())}
    actor.searcher = SimpleNamespace(analyzer=SimpleNamespace(  # type: ignore[attr-defined]
        voikko=None, word_forms=lambda q: {w: forms.get(w, (w, (), ()))
                                           for w in q.lower().split()}))

    def find(question):
        words = question.lower().replace("?", "").split()
        return [SimpleNamespace(start=words.index(w), end=words.index(w) + 1)
                for w in spans.get(question, [])]
    actor.matcher = SimpleNamespace(find=find)  # type: ignore[attr-defined]
    actor.place_topic_terms = lambda aq, q, e: terms  # type: ignore[attr-defined]
    actor.topics = SimpleNamespace(topic_stems=lambda ts: [t[:7] for t in ts],  # type: ignore
                                   verb_stems=frozenset())
    actor._shares = {}  # type: ignore[attr-defined]
    actor._share = lambda st: 0.05  # type: ignore[method-assign]
    return actor


def test_a_questions_own_topic_leaves_out_the_kind_of_model_asked_and_the_actors_name():
    question = "Mitä menetelmiä Tampereella otettiin käyttöön lastensuojelussa?"
    actor = _topic_reader(["menetelmä", "tampere", "lastensuojelu"],
                          {question: ["tampereella"]})
    tampere = EntityRef("Municipality", "837", "Tampere")
    assert actor._own_topic(None, question, [tampere]) == ["lastens"]
    # an organisation's name in another inflection than its label's is no topic either
    question = "Mitä malleja Oulunkaaren kuntayhtymä pilotoi?"
    actor = _topic_reader(["malli", "oulunkaari", "kuntayhtymä"],
                          {question: ["oulunkaaren", "kuntayhtymä"]})
    body = EntityRef("Organisation", "oulunkaari", "Oulunkaaren kuntayhtymä")
    assert actor._own_topic(None, question, [body]) == []


# Voikko's number of the Finnish nouns asked for in these questions.
NUMBERS = {"mallia": "singular", "malleja": "plural", "toimintamalleihin": "plural",
           "palvelu": "singular"}


@pytest.mark.parametrize("question,one", [
    ("Mitä mallia Kainuussa alettiin suunnitella?", True),
    ("Mitä malleja Kainuussa kokeiltiin?", False),
    ("Mihin toimintamalleihin Kainuu panosti?", False),
    ("Mikä palvelu antaa perheille neuvoja?", True),
    ("Which child protection approach were workers oriented to?", True),
    ("What kind of assessment did the project make?", True),
    ("Which methods did Kasvuntuki train staff in?", False),
    ("Vilken tankemodell har personalen utbildats i?", True),
    ("Vilka metoder prövades i Närpes?", False),
    ("Vilka landskap prövade modellen?", False),
])
def test_a_question_asks_for_one_model_by_its_interrogative_or_its_nouns_number(question, one):
    from search.method_questions import asks_one_method

    def analyze(word):
        return [{"NUMBER": NUMBERS[word]}] if word in NUMBERS else []

    assert asks_one_method(question, _forms(question), analyze) is one


def test_a_question_asking_one_model_gets_the_method_of_its_best_passage_not_every_one():
    from types import SimpleNamespace

    from search.answer_records import Answer, Evidence
    from search.method_answers import MethodAnswers
    from search.records import Hit, StoredPassage

    pool = [Hit(StoredPassage(i, "d", i, 0, 1, "x", "t", ()), 0.0) for i in range(3)]
    answers = [Answer(f"m{i}", f"method {i}", "Method", [Evidence(f"d#{p}", "d", "x", 0, 1, 1.0)])
               for i, p in ((0, 2), (1, 0), (2, 7))]
    actor = MethodAnswers()
    actor.searcher = SimpleNamespace(analyzer=SimpleNamespace(  # type: ignore[attr-defined]
        voikko=None, word_forms=lambda q: _forms(q)))
    actor.minter = SimpleNamespace(passage=lambda doc, index: f"{doc}#{index}")  # type: ignore
    one = actor._one_asked(answers, "Which approach did Kainuu train staff in?", pool)
    assert [a.label for a in one] == ["method 1"]
    every = actor._one_asked(answers, "Which approaches did Kainuu train staff in?", pool)
    assert len(every) == 3


def test_of_the_methods_asked_one_those_whose_label_holds_the_questions_topic_come_first():
    from types import SimpleNamespace

    from search.answer_records import Answer, Evidence
    from search.method_answers import MethodAnswers
    from search.records import Hit, StoredPassage

    pool = [Hit(StoredPassage(i, "d", i, 0, 1, "x", "t", ()), 0.0) for i in range(3)]
    answers = [Answer("m0", "pyydä apua -nappi", "Method", [Evidence("d#0", "d", "x", 0, 1, 1.0)]),
               Answer("m1", "systeeminen lastensuojelun toimintamalli", "Method",
                      [Evidence("d#2", "d", "x", 0, 1, 1.0)])]
    actor = MethodAnswers()
    actor.searcher = SimpleNamespace(analyzer=SimpleNamespace(  # type: ignore[attr-defined]
        voikko=None, word_forms=lambda q: _forms(q)))
    actor.minter = SimpleNamespace(passage=lambda doc, index: f"{doc}#{index}")  # type: ignore
    one = actor._one_asked(answers, "Which child protection approach was used?", pool,
                           ["lastensuoj"])
    assert [a.iri for a in one] == ["m1"]
