"""'Which regions …' about any topic: places only with a passage over the threshold."""

from search.records import EntityRef, Hit, StoredPassage
from search.topic_answer import TopicAnswerer
from tests.search.fakes import names_by_spelling

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


TAMPERE = EntityRef("Municipality", "837", "Tampere")
YLOJARVI = EntityRef("Municipality", "980", "Ylöjärvi")
ORIVESI = EntityRef("Municipality", "562", "Orivesi")
PIRKANMAA = EntityRef("Region", "06", "Pirkanmaa")
_SPELLED = {"tampereella": TAMPERE, "ylöjärvellä": YLOJARVI, "oriveden": ORIVESI}


_names = names_by_spelling(_SPELLED)


def _attributing():
    return TopicAnswerer({r.label: r for r in (EP, PP, KAINUU, PIRKANMAA)}, threshold=0.85,
                         generic=frozenset({"kunta"}), names=_names,
                         region_of={("Municipality", m.key): PIRKANMAA
                                    for m in (TAMPERE, YLOJARVI, ORIVESI)})


_LIST = ("Kunnissa tehtiin seuraavaa:\n- Tampereella toimi perhekeskuspilotti.\n"
         "- Oriveden neuvolassa kokeiltiin ryhmäneuvolaa.\n"
         "- Ylöjärvellä eroperheiden vertaisryhmät vakiintuivat.")


def test_a_passage_listing_several_places_is_evidence_for_those_of_its_topic_sentences():
    hits = [_hit(1, _LIST, 0.90, "Pirkanmaa", [TAMPERE, ORIVESI, YLOJARVI])]
    places = _attributing().places(hits, "Municipality", ["eroperhe", "vertaisryhmä"], set())
    assert [p.place for p in places] == [YLOJARVI]


def test_a_region_is_found_through_the_municipality_its_topic_sentence_names():
    hits = [_hit(1, _LIST, 0.90, None, [TAMPERE, ORIVESI, YLOJARVI])]
    places = _attributing().places(hits, "Region", ["ryhmäneuvola"], set())
    assert [p.place for p in places] == [PIRKANMAA]


def test_a_topic_sentence_naming_no_municipality_gives_none_of_the_passages_several():
    text = "Tampereella ja Ylöjärvellä avattiin perhekeskus. Eroryhmiä kokeiltiin myös."
    hits = [_hit(1, text, 0.90, "Pirkanmaa", [TAMPERE, YLOJARVI])]
    assert _attributing().places(hits, "Municipality", ["eroryhmä"], set()) == []


def test_a_passage_linked_to_the_method_asked_holds_the_topic_in_any_wording():
    method = EntityRef("Method", "lava", "lapsivaikutusten arviointi")
    hits = [_hit(1, "Lapsivaikutusten arviointia edistettiin.", 0.78, "Pirkanmaa", [method])]
    answerer = TopicAnswerer({"Pirkanmaa": PIRKANMAA}, threshold=0.85, generic=frozenset())
    assert answerer.places(hits, "Region", ["child", "impact"], set()) == []
    places = answerer.places(hits, "Region", ["child", "impact"], {method})
    assert [p.place for p in places] == [PIRKANMAA]


def test_an_english_passage_meets_a_finnish_topic_through_its_service_words():
    def finnish(text):
        return ["etävastaanotto"] if "remote appointments" in text else []

    hits = [_hit(1, "Kankaanpää piloted remote appointments over a video link.", 0.86,
                 "Satakunta")]
    plain = TopicAnswerer({"Satakunta": EP}, threshold=0.85, generic=frozenset())
    read = TopicAnswerer({"Satakunta": EP}, threshold=0.85, generic=frozenset(),
                         finnish=finnish)
    assert plain.places(hits, "Region", ["etävastaanotto"], set()) == []
    assert [p.place for p in read.places(hits, "Region", ["etävastaanotto"], set())] == [EP]


def test_a_passage_holding_only_the_status_verb_is_not_about_the_topic():
    answerer = TopicAnswerer({"Kainuu": KAINUU}, threshold=0.85, generic=frozenset(),
                             verbs=frozenset({"kokeilla"}))
    hits = [_hit(1, "Vanhempainiltoja kokeiltiin keväällä.", 0.90, "Kainuu")]
    assert answerer.places(hits, "Region", ["kokeilla", "ryhmäneuvola"], set()) == []
    hits = [_hit(2, "Ryhmäneuvolaa kokeiltiin keväällä.", 0.90, "Kainuu")]
    assert [p.place for p in answerer.places(hits, "Region", ["kokeilla", "ryhmäneuvola"],
                                              set())] == [KAINUU]


def test_a_foreign_loanword_no_passage_holds_meets_the_finnish_spelling_the_passages_hold():
    from search.silence import Vocabulary
    from search.topic_answer import loanword

    words = Vocabulary([{"lastenpsykiatri", "psykiatri", "koulu", "koordinaattori"}])
    assert loanword("psychiatrists", words) == "psykiatri"
    assert loanword("coordinators", words) == "koordina"
    # a word no passage holds in any spelling stays as written: the topic stays absent
    assert loanword("hockey", words) == "hockey"
    assert loanword("schools", Vocabulary([{"schools"}])) == "schools"


def test_a_topic_compound_beginning_with_a_generic_word_stays_in_the_topic():
    from search.records import EntityRef
    from search.topic_answer import TopicAnswerer

    topics = TopicAnswerer({"Kainuu": EntityRef("Region", "18", "Kainuu")},
                           generic=frozenset({"perhe", "maakunta"}))
    stems = topics.topic_stems(["perhevalmennus", "perhetyö", "perheasema", "perheitä",
                                "perheessä", "maakunnissa"])
    # the stems of perhevalmennus, perhetyö and perheasema; before, none was left
    assert len(stems) == 3
    assert [s[:6] for s in stems] == ["perhev", "perhet", "perhea"]


def test_an_abbreviations_full_stop_keeps_the_place_after_it_in_the_topic_sentence():
    text = ("Perhetyötä tarjottiin päiväkodeissa ja kirjastoihin jalkautui palveluohjausta mm. "
            "Tampereella nuorille. Eroryhmiä kokeiltiin Oriveden neuvolassa.")
    hits = [_hit(1, text, 0.90, "Pirkanmaa", [TAMPERE, ORIVESI])]
    places = _attributing().places(hits, "Municipality", ["kirjasto", "palveluohjaus"], set())
    assert [p.place for p in places] == [TAMPERE]


EKSOTE = EntityRef("Organisation", "eksote", "Eksote")
ETELA_KARJALA = EntityRef("Region", "02", "Etelä-Karjala")


def test_a_region_is_found_through_the_regional_body_its_topic_sentence_names():
    answerer = TopicAnswerer({ETELA_KARJALA.label: ETELA_KARJALA}, threshold=0.85,
                             names=lambda s: {("Organisation", "eksote")} if "Eksote" in s
                             else set(),
                             region_of={("Organisation", "eksote"): ETELA_KARJALA})
    hits = [_hit(1, "Esimerkiksi Eksoten auto tulee koulupudokkaan avuksi.", 0.90, None, [])]
    places = answerer.places(hits, "Region", ["koulupudokas"], set())
    assert [p.place for p in places] == [ETELA_KARJALA]


def test_a_where_question_gets_the_region_of_a_passage_that_names_no_municipality():
    hits = [_hit(1, "Kuntalaisia kuultiin kuntakierroksilla.", 0.90, "Pirkanmaa", [])]
    answerer = _attributing()
    assert answerer.places(hits, "Municipality", ["kuntakierros"], set()) == []
    places = answerer.places(hits, "Municipality", ["kuntakierros"], set(), any_kind=True)
    assert [p.place for p in places] == [PIRKANMAA]


def test_a_topic_word_is_also_held_by_the_verb_of_its_agent_noun():
    forms = {"maahanmuuttajaperheitä": ("maahanmuuttajaperhe", ("maahanmuuttaja", "perhe"), ()),
             "tuettiin": ("tukea", (), ())}
    bases = {"maahanmuuttajaperheitä": ("muuttaa",)}.get
    words = _answerer().topic_words(["maahanmuuttajaperhe"], forms, lambda w: bases(w, ()))
    assert words == [("maahanmuuttajaperhe", "maahanmuuttajaperheitä", "muuttaa")]
    # without the derivations, the word is only its own forms
    assert _answerer().topic_words(["maahanmuuttajaperhe"], forms) == [
        ("maahanmuuttajaperhe", "maahanmuuttajaperheitä")]
