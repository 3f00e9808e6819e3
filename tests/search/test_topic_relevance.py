"""Whether a passage is about a place question's topic: a learned model over features that do
not depend on the question's wording, over the first passages and those the words rank high."""

import json

import pytest

from search.records import EntityRef, Hit, StoredPassage
from search.topic_answer import TopicAnswerer, standout
from search.topic_relevance import (
    FEATURES,
    MODEL,
    RelevanceModel,
    cosine_floor,
    holds,
    topic_features,
    topic_pool,
    weighed,
)

KAINUU = EntityRef("Region", "18", "Kainuu")


def _hit(pid, text, similarity, terms=(), ranks=None, region="Kainuu"):
    return Hit(StoredPassage(pid, f"d{pid}", 0, 0, len(text), text, "t", tuple(terms), (),
                             region), 0.0, dict(ranks or {}), similarity)


def _model(**weights):
    """A model that weighs only the named features (standardised as they are)."""
    return RelevanceModel(tuple(float(weights.get(f, 0.0)) for f in FEATURES), 0.0,
                          tuple(0.0 for _ in FEATURES), tuple(1.0 for _ in FEATURES), 0.5)


def test_a_word_is_held_by_its_lemma_whatever_the_passage_inflects():
    terms = frozenset({"lapsi", "lasten", "eroperhe", "ero", "perhe"})
    assert holds(terms, ("lapsi", "lapsille"))
    assert holds(terms, ("ero",))
    assert not holds(terms, ("maahanmuuttaja", "maahanmuuttajien"))


def test_a_foreign_word_is_held_by_its_beginning_but_a_finnish_lemma_only_as_it_is():
    assert holds(frozenset({"opinions"}), ("opinion",))
    assert not holds(frozenset({"perhetyöntekijä"}), ("perhetyö",))


def test_the_pool_adds_later_passages_a_word_list_ranks_high_and_no_others():
    wide = [_hit(i, f"p{i}", 0.8 - i / 1000, ranks={"dense": i + 1}) for i in range(40)]
    wide.append(_hit(50, "rare topic", 0.0, ranks={"bm25": 2}))
    wide.append(_hit(51, "weak words", 0.0, ranks={"bm25": 40}))
    pool = topic_pool(wide, 30)
    assert [h.passage.pid for h in pool] == list(range(30)) + [50]


def test_a_passage_the_vectors_did_not_return_gets_the_lowest_cosine_they_returned():
    wide = [_hit(0, "a", 0.83, ranks={"dense": 1}), _hit(1, "b", 0.79, ranks={"dense": 2}),
            _hit(2, "c", 0.0, ranks={"bm25": 1})]
    assert topic_pool(wide, 30)[2].similarity == pytest.approx(0.79)


def test_within_a_scope_a_passage_gets_the_lowest_cosine_of_the_whole_ranking():
    # a question asked of some documents: the vectors returned only passages of others, so
    # the scoped part holds none with a cosine of its own; each still gets the whole ranking's
    # lowest, as the model was trained on, not 0
    wide = [_hit(0, "other document", 0.83, ranks={"dense": 1}),
            _hit(1, "other document", 0.79, ranks={"dense": 2}),
            _hit(2, "in scope", 0.0, ranks={"bm25": 1})]
    scoped = [h for h in wide if h.passage.text == "in scope"]
    assert topic_pool(scoped, 30)[0].similarity == 0.0
    assert topic_pool(scoped, 30, cosine_floor(wide))[0].similarity == pytest.approx(0.79)
    assert cosine_floor(scoped) == 0.0


def test_a_rare_topic_word_weighs_more_than_one_every_passage_holds():
    hits = [_hit(0, "lapsi eroperhe", 0.8, terms=("lapsi", "eroperhe")),
            *[_hit(i, "lapsi", 0.8, terms=("lapsi",)) for i in range(1, 6)]]
    rows = topic_features(hits, [("eroperhe",), ("lapsi",)], ["eroperh", "laps"], False,
                          lambda h: frozenset(h.passage.terms))
    weighted = FEATURES.index("weighted_coverage")
    assert rows[0][weighted] == pytest.approx(1.0)
    assert rows[1][weighted] < 0.5


def test_a_topic_word_no_retrieved_passage_holds_is_counted_for_every_passage():
    hits = [_hit(0, "lapsi", 0.8, terms=("lapsi",)), _hit(1, "lapsi", 0.8, terms=("lapsi",))]
    rows = topic_features(hits, [("planetaario",), ("lapsi",)], ["planeta", "laps"], False,
                          lambda h: frozenset(h.passage.terms))
    assert {row[FEATURES.index("unheld")] for row in rows} == {0.5}


def test_the_model_decides_and_a_passage_with_none_of_the_topics_words_never_passes():
    answerer = TopicAnswerer({"Kainuu": KAINUU}, generic=frozenset(),
                             model=_model(similarity=100.0))
    on_topic = _hit(0, "Kainuussa kokeiltiin eroryhmiä.", 0.8, terms=("eroryhmä", "ero"))
    off_topic = _hit(1, "Kainuussa avattiin perhekeskus.", 0.9, terms=("perhekeskus",))
    places = answerer.places([on_topic, off_topic], "Region", ["eroryhmä"], set(),
                             words=[("eroryhmä",)])
    assert [p.place for p in places] == [KAINUU]
    assert [h.passage.pid for h, _ in places[0].evidence] == [0]


def test_when_none_passes_the_one_passage_standing_out_is_the_evidence_never_a_close_pair():
    a, b, c = (_hit(i, "Kainuussa kokeiltiin eroryhmiä.", 0.8) for i in range(3))
    assert [h.passage.pid for h, _ in standout([(a, .2), (b, .55), (c, .25)], .3)] == [1]
    assert standout([(a, .5), (b, .55)], .3) == []          # two alike: no standout
    assert standout([(a, .05), (b, .25)], .3) == []         # under the floor
    assert [h.passage.pid for h, _ in standout([(c, .4)], .3)] == [2]
    assert standout([(a, .3), (b, .5)], .3, margin=.25) == []   # a lead under the margin asked


def test_a_topic_under_the_models_threshold_is_answered_by_its_standout_passage():
    answerer = TopicAnswerer({"Kainuu": KAINUU}, generic=frozenset(),
                             model=_model(sentence_coverage=1.0, similarity=-150.0))
    answerer.fallback = 0.3
    on_topic = _hit(0, "Kainuussa kokeiltiin eroryhmiä.", 0.01, terms=("eroryhmä", "ero"))
    other = _hit(1, "Kainuussa avattiin perhekeskus ja eroryhmä.", 0.02,
                 terms=("perhekeskus", "eroryhmä"), region="Lappi")
    places = answerer.places([on_topic, other], "Region", ["eroryhmä", "kokeilla"], set(),
                             words=[("eroryhmä",), ("kokeilla",)])
    assert [p.place for p in places] == [KAINUU]           # p .38 and .08: under .5
    answerer.fallback = 1.0
    assert answerer.places([on_topic, other], "Region", ["eroryhmä", "kokeilla"], set(),
                           words=[("eroryhmä",), ("kokeilla",)]) == []


def test_the_stored_model_has_the_features_and_a_threshold_chosen_by_cross_validation():
    model = RelevanceModel.load()
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert model.features == FEATURES
    assert 0.0 < model.threshold < 1.0
    assert data["cv"]["absent_topics_passing"] <= 0.1 * data["cv"]["absent_topics"]


def test_only_a_passage_holding_a_topic_word_or_linked_to_the_method_named_is_weighed():
    # the rows the model is trained on are the rows `ask` lets it decide
    row = [0.0] * len(FEATURES)
    assert not weighed(row)
    row[FEATURES.index("coverage")] = 0.5
    assert weighed(row)
    row[FEATURES.index("coverage")] = 0.0
    row[FEATURES.index("linked")] = 1.0
    assert weighed(row)


def test_the_training_questions_span_languages_targets_and_absent_topics():
    from search.topic_relevance_training import UNTRAINED_ABSENT, load_questions

    questions = load_questions()
    assert {q["lang"] for q in questions} == {"fi", "en", "sv"}
    assert {q["target"] for q in questions} == {"Region", "Municipality"}
    assert sum(1 for q in questions if q["pattern"] is None) >= 20
    # the absent topics measured and kept out of training are absent topics, readable alike
    assert all(q["pattern"] is None for q in load_questions(UNTRAINED_ABSENT))
    # questions on one topic share one pattern (the cross-validation folds keep a topic whole)
    patterns: dict[str, set[str]] = {}
    for q in questions:
        if q["topic"]:
            patterns.setdefault(q["topic"], set()).add(q["relevant"])
    assert all(len(p) == 1 for p in patterns.values())


def test_a_model_file_of_other_features_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"features": ["similarity"], "weights": [1.0], "bias": 0.0,
                                "mean": [0.0], "scale": [1.0], "threshold": 0.5}))
    with pytest.raises(ValueError, match="retrain it"):
        RelevanceModel.load(path)


def test_a_full_stop_after_an_abbreviation_ends_no_sentence_but_a_line_does():
    from search.topic_relevance import sentences

    text = "Ohjausta jalkautui mm. Turussa. Bussi kiersi esim. Lahdessa.\n- Toinen rivi. Uusi."
    assert sentences(text) == ["Ohjausta jalkautui mm. Turussa.",
                               "Bussi kiersi esim. Lahdessa.", "- Toinen rivi.", "Uusi."]


def test_a_question_asking_for_one_place_keeps_the_places_near_the_best_ones_evidence():
    """One report telling the topic at length outweighs another mentioning it in passing; a
    place with half the best one's evidence or more is a rival and stays."""
    from search.topic_answer import PlaceAnswer, dominant

    told, rival, passing = (PlaceAnswer(EntityRef("Region", k, k), s)
                            for k, s in (("a", 4.0), ("b", 2.5), ("c", 0.9)))
    assert [p.place.key for p in dominant([told, rival, passing])] == ["a", "b"]
    assert [p.place.key for p in dominant([told, passing])] == ["a"]
    assert dominant([]) == []


def test_a_question_asking_for_one_place_keeps_the_place_of_the_passage_telling_it():
    """Several passages each touching the topic in passing (a region's report naming the
    change agent's superior beside other things) do not outweigh the one passage telling what
    was asked: of one place asked, a place whose best passage is far below the best passage
    of all is no rival, however much its passages add up to."""
    from search.topic_answer import PlaceAnswer, dominant

    def place(key: str, *rels: float) -> PlaceAnswer:
        hits = [(_hit(i, f"{key} {i}", 0.9), r) for i, r in enumerate(rels)]
        return PlaceAnswer(EntityRef("Region", key, key), sum(rels), hits)

    telling, touching, near = place("a", .99, .5), place("b", .55, .5, .45), place("c", .93)
    assert [p.place.key for p in dominant([telling, touching, near])] == ["a", "c"]
    assert [p.place.key for p in dominant([telling, touching])] == ["a"]
