"""'Which regions …' about any topic: places only with a passage over the threshold."""

from search.records import EntityRef, Hit, StoredPassage
from search.topic_answer import TopicAnswerer

EP = EntityRef("Region", "14", "Etelä-Pohjanmaa")
PP = EntityRef("Region", "17", "Pohjois-Pohjanmaa")
KAINUU = EntityRef("Region", "18", "Kainuu")


def _hit(pid, text, similarity, region=None, entities=()):
    return Hit(StoredPassage(pid, f"d{pid}", 0, 0, len(text), text, "t", (), tuple(entities),
                             region), 0.0, {}, similarity)


def _answerer():
    return TopicAnswerer({r.label: r for r in (EP, PP, KAINUU)}, threshold=0.85,
                         generic=frozenset({"maakunta", "palvelu"}))


def test_places_come_from_passages_over_the_threshold_ranked_by_evidence():
    hits = [_hit(1, "Eroauttamisen palvelupolku otettiin käyttöön.", 0.86, "Pohjois-Pohjanmaa"),
            _hit(2, "Eroperheiden ryhmä kokoontui.", 0.87, "Pohjois-Pohjanmaa"),
            _hit(3, "Eroauttamisen polku on valmisteilla.", 0.86, None, [EP]),
            _hit(4, "Perhekeskus avattiin.", 0.95, "Kainuu")]
    places = _answerer().places(hits, "Region", ["ero", "palvelu", "maakunta"], set())
    assert [p.place for p in places] == [PP, EP]
    assert [h.passage.pid for h, _ in places[0].evidence] == [1, 2]


def test_no_place_without_a_passage_over_the_threshold():
    hits = [_hit(1, "Eroauttamisen palvelupolku.", 0.70, "Pohjois-Pohjanmaa")]
    assert _answerer().places(hits, "Region", ["ero"], set()) == []


def test_a_passage_without_the_topics_words_is_not_about_it():
    hits = [_hit(1, "Perhekeskus avattiin.", 0.99, "Kainuu")]
    assert _answerer().places(hits, "Region", ["jäähalli"], set()) == []


def test_municipalities_come_from_the_passages_linked_places_only():
    town = EntityRef("Municipality", "972", "Ylivieska")
    hits = [_hit(1, "Ylivieskassa otettiin käyttöön eroauttamisen polku.", 0.9,
                 "Pohjois-Pohjanmaa", [town])]
    places = _answerer().places(hits, "Municipality", ["ero"], set())
    assert [p.place for p in places] == [town]


def _focus_hits():
    return [_hit(1, "Verkkoperhevalmennusta kokeiltiin kahdessa kunnassa.", 0.90, "Kainuu"),
            _hit(2, "Omatyöntekijää kokeiltiin.", 0.90, "Pohjois-Pohjanmaa"),
            _hit(3, "Perhetupaa kokeiltiin kylillä.", 0.90, "Etelä-Pohjanmaa"),
            _hit(4, "Kohtaamispaikkaa kokeiltiin.", 0.90, "Etelä-Pohjanmaa")]


def test_places_hold_the_questions_most_specific_word_when_commoner_ones_are_everywhere():
    places = _answerer().places(_focus_hits(), "Region", ["kokeilla", "perhevalmennus"], set())
    assert [p.place for p in places] == [KAINUU]


def test_a_question_naming_alternatives_keeps_every_place_over_the_threshold():
    places = _answerer().places(_focus_hits(), "Region", ["kokeilla", "perhevalmennus"], set(),
                                alternatives=True)
    assert {p.place for p in places} == {KAINUU, PP, EP}


def test_english_questions_have_their_own_calibrated_threshold():
    from search.topic_answer import CROSS_LANGUAGE_THRESHOLD, THRESHOLD, TopicAnswerer

    answerer = TopicAnswerer({})
    assert answerer.threshold_for("fi") == THRESHOLD
    assert answerer.threshold_for("en") == CROSS_LANGUAGE_THRESHOLD < THRESHOLD


def _graph_answer(label, text):
    from search.answer_records import Answer, Evidence

    return Answer(None, label, "Region", [Evidence("p", "d", text, 0, 1, 0.9)])


def test_graph_places_keep_those_whose_evidence_holds_the_questions_specific_noun():
    from search.topic_answer import held_by_focus

    answers = [_graph_answer("Kainuu", "Kainuuseen muodostettiin kolme perheasemaa."),
               _graph_answer("Satakunta", "Perhekeskus avattiin Poriin."),
               _graph_answer("Pohjois-Karjala", "Neljä perhekeskusta aloitti."),
               _graph_answer("Etelä-Savo", "Pieksämäen perhekeskus avattiin.")]
    kept = held_by_focus(answers, ["perheasem", "perhekesk"], ["perhekeskus"])
    assert [a.label for a in kept] == ["Kainuu"]
    assert held_by_focus(answers, ["perheasem"], [], alternatives=True) == answers
