"""Reading for English questions and about the thing asked: English and Swedish passages are
read by the Finnish of their glossary phrases, their dates are dates, a sentence about another
municipality or a body of another kind answers another question, and a Finnish project name in
an English question is a name however it is written."""

from tests_support import passage_hit

from search.glossary import Glossary
from search.reading import Reader
from search.reading_spans import count_spans, date_spans
from search.reading_values import dates_of, number_of
from search.records import EntityRef
from search.silence import Vocabulary, unknown_words

PORI = EntityRef("Municipality", "pori", "Pori")
RAUMA = EntityRef("Municipality", "rauma", "Rauma")


def test_an_english_passage_holds_the_finnish_of_its_glossary_phrases_where_they_stand():
    glossary = Glossary([("state aid", "valtionavustus"), ("family centre", "perhekeskus")])
    text = "The family centre got state aid."
    located = glossary.located(text)
    assert (text.index("family"), "perhekeskus") in located
    assert (text.index("state"), "valtionavustus") in located


def test_english_and_swedish_dates_are_dates_and_their_days_are_no_counts():
    text = "The project ran from 1 March 2017 to 31 December 2018. It opened in August 2018."
    spans = date_spans(text, {"opening": ["opened"]})
    assert dates_of(spans[0].text) == {"2017-03-01", "2018-12-31"}
    assert spans[-1].text == "August 2018" and spans[-1].event == "opening"
    assert not {c.label for c in count_spans(text, {})} & {"1", "31"}
    assert dates_of("den 17 maj 2017") == {"2017-05-17"}


def test_a_swedish_sum_in_millions_is_an_amount_not_a_count():
    text = "Programmet har fått 1,1 miljoner euro av ministeriet."
    assert not count_spans(text, {})
    assert number_of("1,1 miljoner euro") == 1_100_000


def test_a_number_in_a_sentence_about_another_municipality_is_read_lower():
    text = ("Porissa avattiin kohtaamispaikka kirjastossa. Raumalla koulutettiin 40 "
            "varhaiskasvattajaa Lapset puheeksi -keskusteluihin.")
    question = "How many workers were trained in Pori?"
    asked_pori = Reader().read([passage_hit(text, [PORI, RAUMA])], "count", "quantity",
                               ["kouluttaa", "varhaiskasvattaja"], {PORI}, question=question)
    asked_rauma = Reader().read([passage_hit(text, [PORI, RAUMA])], "count", "quantity",
                                ["kouluttaa", "varhaiskasvattaja"], {RAUMA},
                                question=question.replace("Pori", "Rauma"))
    assert asked_pori[0].score < asked_rauma[0].score * 0.5


def test_a_question_for_a_kind_of_body_reads_bodies_of_that_kind():
    reader = Reader()
    assert reader.kinds_asked("Which university of applied sciences evaluated it?") == [
        reader.body_kinds["ammattikorkeakoulu"]]
    uni = EntityRef("Organisation", "uni", "Lapin yliopisto")
    town = EntityRef("Municipality", "inari", "Inari")
    text = "Kysely tehtiin Inarissa, ja sen toteutti Lapin yliopisto."
    best = reader.read([passage_hit(text, [uni, town])], "body", "partner", ["kysely"], set(),
                       question="Which university carried out the survey?")
    assert best[0].label == "Lapin yliopisto"


def test_a_finnish_project_name_in_an_english_question_is_a_name_in_lower_case_too():
    question = "who was the project manager of the perheapu project"
    forms = {w: (w, (), ()) for w in question.split()}
    stop = frozenset({"who", "was", "the", "of", "project", "manager"})
    finnish = {"perheapu": ["perheapu"]}  # Voikko reads it: a Finnish word
    found = unknown_words(question, forms, Vocabulary([{"perhe", "apu"}]), "en", set(), stop,
                          lambda w: finnish.get(w, []))
    assert [u.word for u in found] == ["perheapu"]
