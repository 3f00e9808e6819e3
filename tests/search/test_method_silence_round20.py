"""Honest silence for method questions (issue 19 item 5, round 20): a method read from a passage
ranked too low to be about the question is no answer."""

from search.method_reading import READ_METHOD_DEPTH, methods_read
from search.records import EntityRef, Hit, StoredPassage
from search.silence import Vocabulary, unknown_words

PELLO = EntityRef("Municipality", "854", "Pello")
VP = EntityRef("Method", "voimaperheet", "Voimaperheet")


def _hit(pid, text, entities, region="Lappi"):
    return Hit(StoredPassage(pid, f"d{pid}", 0, 0, len(text), text, "t", (), tuple(entities),
                             region), 0.0, {}, 0.8)


def _read(hits, entities):
    return methods_read(hits, entities, lambda e: f"iri:{e.key}", lambda h: f"p{h.passage.pid}",
                        lambda h: f"d{h.passage.pid}")


def _filler(n):
    return [_hit(100 + i, "Rovaniemellä pidettiin seminaari.", []) for i in range(n)]


def test_a_method_of_the_actor_in_a_top_passage_is_read():
    hits = _filler(2) + [_hit(1, "Pellon perhetyöntekijät suorittivat Voimaperheet-koulutuksen.",
                              [PELLO, VP])]
    assert [a.label for a in _read(hits, [PELLO])] == ["Voimaperheet"]


def test_a_method_only_in_a_passage_below_the_reading_depth_is_no_answer():
    hits = _filler(READ_METHOD_DEPTH) + [
        _hit(1, "Pellon perhetyöntekijät suorittivat Voimaperheet-koulutuksen.", [PELLO, VP])]
    assert _read(hits, [PELLO]) == []


def test_the_reading_depth_stays_shallow():
    # calibrated: methods read from the sixth passage on were false answers to absent things
    assert READ_METHOD_DEPTH <= 5


def _unknown(question, corpus_words):
    forms = {w: (w, (), ()) for w in question.lower().replace("?", "").split()}
    return [u.word for u in unknown_words(question, forms, Vocabulary([corpus_words]), "fi",
                                          set(), frozenset({"mitä", "missä", "kunnissa"}),
                                          lambda w: [w])]


def test_a_topic_word_no_document_asked_over_holds_is_unknown():
    assert _unknown("Missä kunnissa kokeiltiin perustuloa?", {"kokeiltiin"}) == ["perustuloa"]
    assert _unknown("Missä kunnissa kokeiltiin perustuloa?", {"kokeiltiin", "perustuloa"}) == []



# A working model a passage about the actor describes without naming it (the reading when
# neither the graph nor a named method answers). The classifier is faked: what is specified is
# which sentences are read and what a reading above or below the threshold gives.
KORSHOLM = EntityRef("Municipality", "499", "Mustasaari")
VASA = EntityRef("Municipality", "905", "Vaasa")
NW = ("nimetty-tyontekija", "nimetty työntekijä")


def _said(sentence):
    return [e for word, e in (("Korsholm", KORSHOLM), ("Vasa", VASA)) if word in sentence]


def _described(hits, entities, probability=0.9, says_status=None, negated=None, seen=None):
    from search.method_reading import DESCRIBED_MIN_PROBABILITY, methods_described

    def describe(sentences):
        if seen is not None:
            seen.extend(sentences)
        return [(*NW, probability) for _ in sentences]

    return methods_described(hits, entities, describe, DESCRIBED_MIN_PROBABILITY,
                             lambda e: f"iri:{e.key}", lambda h: f"p{h.passage.pid}",
                             lambda h: f"d{h.passage.pid}", _said, says_status=says_status,
                             negated=negated)


DESCRIBING = ("I Korsholm har barnskyddet sedan september prövat ett arbetssätt där varje "
              "familj får en egen kontaktperson.")


def test_a_model_described_in_a_sentence_naming_the_actor_is_read_from_the_text():
    answers = _described([_hit(1, DESCRIBING, [KORSHOLM])], [KORSHOLM])
    assert [a.label for a in answers] == ["nimetty työntekijä"]
    assert answers[0].source == "text"
    assert "egen kontaktperson" in answers[0].evidence[0].text[
        answers[0].evidence[0].start:answers[0].evidence[0].end]


def test_a_weak_reading_is_no_answer():
    assert _described([_hit(1, DESCRIBING, [KORSHOLM])], [KORSHOLM], probability=0.2) == []


def test_a_sentence_about_another_place_or_negated_or_of_another_status_is_not_read():
    other = ("I Vasa har barnskyddet prövat ett arbetssätt där varje familj får en egen "
             "kontaktperson. Korsholm följer med.")
    seen: list[str] = []
    _described([_hit(1, other, [KORSHOLM, VASA])], [KORSHOLM], seen=seen)
    assert not any("Vasa" in s for s in seen)
    assert _described([_hit(1, DESCRIBING, [KORSHOLM])], [KORSHOLM],
                      negated=lambda s: True) == []
    assert _described([_hit(1, DESCRIBING, [KORSHOLM])], [KORSHOLM],
                      says_status=lambda s: "planerar" in s) == []


def test_a_sentence_holding_a_method_its_passage_links_is_left_to_the_named_reading():
    kp = EntityRef("Method", "kohtaamispaikka", "kohtaamispaikka")
    text = "I Korsholm öppnades en kohtaamispaikka där varje familj får en egen kontaktperson."
    assert _described([_hit(1, text, [KORSHOLM, kp])], [KORSHOLM]) == []


def test_without_an_actor_nothing_is_read():
    assert _described([_hit(1, DESCRIBING, [KORSHOLM])], []) == []


def test_a_modal_of_intent_in_a_sentence_reads_as_planned(voikko):
    from search.method_answers import MethodAnswers
    from search.query import QueryAnalyzer

    class _Searcher:
        analyzer = QueryAnalyzer(voikko, None)

    answers = MethodAnswers.__new__(MethodAnswers)
    answers.searcher = _Searcher()  # type: ignore[assignment]
    reads = answers._reads_status(("planned",))
    assert reads("Kommunen ska enligt planen införa ett arbetssätt med en egen kontaktperson.")
    assert reads("Kunta aikoo ottaa mallin käyttöön ensi vuonna.")
    assert not reads("Kunta otti mallin käyttöön viime vuonna.")


def test_the_sentences_read_for_described_models_are_bounded():
    from search.method_reading import MAX_DESCRIBED_SENTENCES

    long = " ".join(f"I Korsholm prövade man arbetssätt nummer {i} med familjerna."
                    for i in range(3 * MAX_DESCRIBED_SENTENCES))
    seen: list[str] = []
    _described([_hit(1, long, [KORSHOLM])], [KORSHOLM], seen=seen)
    assert 0 < len(seen) <= MAX_DESCRIBED_SENTENCES
