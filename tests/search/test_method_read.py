"""Methods of an actor read from the best passages when the graph holds none of them."""

from search.method_reading import methods_read
from search.records import EntityRef, Hit, StoredPassage

POHJANMAA = EntityRef("Region", "15", "Pohjanmaa")
JAKOBSTAD = EntityRef("Municipality", "598", "Pietarsaari")
LP = EntityRef("Method", "lapset-puheeksi", "Lapset puheeksi")
KP = EntityRef("Method", "kohtaamispaikka", "kohtaamispaikka")


def _hit(pid, text, region, entities):
    return Hit(StoredPassage(pid, f"d{pid}", 0, 0, len(text), text, "t", (), tuple(entities),
                             region), 0.0, {}, 0.8)


def _read(hits, entities):
    return methods_read(hits, entities, lambda e: f"iri:{e.key}", lambda h: f"p{h.passage.pid}",
                        lambda h: f"d{h.passage.pid}")


def test_methods_linked_in_passages_about_the_actor_are_read_best_ranked_first():
    hits = [_hit(1, "I Jakobstad infördes Föra barnen på tal (Lapset puheeksi).", "Pohjanmaa",
                 [JAKOBSTAD, LP]),
            _hit(2, "Kohtaamispaikka avattiin Kajaanissa.", "Kainuu", [KP]),
            _hit(3, "I Vasa startades en träffpunkt (kohtaamispaikka).", "Pohjanmaa", [KP])]
    answers = _read(hits, [POHJANMAA])
    assert [a.label for a in answers] == ["Lapset puheeksi", "kohtaamispaikka"]
    assert all(a.source == "text" and a.evidence for a in answers)
    assert answers[1].evidence[0].passage == "p3"


def test_no_method_is_read_without_an_actor_or_a_passage_about_it():
    hits = [_hit(1, "Kohtaamispaikka avattiin Kajaanissa.", "Kainuu", [KP])]
    assert _read(hits, []) == []
    assert _read(hits, [POHJANMAA]) == []


def test_a_regional_body_is_about_the_documents_of_the_region_it_serves():
    soite = EntityRef("Organisation", "soite", "Soite")
    hits = [_hit(1, "Kokkolassa perheasioiden sovittelu otettiin käyttöön.", "Keski-Pohjanmaa",
                 [EntityRef("Municipality", "272", "Kokkola"), KP])]
    assert _read(hits, [soite]) == []
    answers = methods_read(hits, [soite], lambda e: e.key, lambda h: "p", lambda h: "d",
                           {("Organisation", "soite"): "Keski-Pohjanmaa"})
    assert [a.label for a in answers] == ["kohtaamispaikka"]


def _place(label, *statuses):
    from search.answer_records import Answer
    from search.statuses import Status

    return Answer(f"iri:{label}", label, "Region", statuses=[Status(s) for s in statuses])


def test_places_asked_as_piloted_are_those_that_piloted_but_in_use_keeps_the_tiers():
    from search.method_answers import strictly_as_said
    from search.query import AnalysedQuery

    answers = [_place("Keski-Suomi", "piloted"), _place("Etelä-Savo", "implemented")]
    piloted = AnalysedQuery("which regions piloted systemic child protection", "en", (), ())
    assert [a.label for a in strictly_as_said(answers, piloted, {}, ("implemented",))] == [
        "Keski-Suomi"]
    in_use = AnalysedQuery("which regions adopted systemic child protection", "en", (), ())
    assert strictly_as_said(answers, in_use, {}, ("implemented",)) == answers
    assert [a.label for a in strictly_as_said(answers, in_use, {})] == ["Etelä-Savo"]


def test_opening_a_service_asks_where_it_was_taken_into_use():
    from search.query import AnalysedQuery
    from search.question_cues import STATUS_SCOPE, detect_statuses

    for text in ("which municipalities opened a meeting place",
                 "I vilka kommuner öppnades en träffpunkt"):
        aq = AnalysedQuery(text, "en", (), ())
        assert detect_statuses(aq, {}) == STATUS_SCOPE["implemented"]
    aq = AnalysedQuery("missä kunnissa avattiin kohtaamispaikka", "fi", (), ())
    assert detect_statuses(aq, {"avattiin": {"avata"}}) == STATUS_SCOPE["implemented"]


def test_a_passage_listing_several_places_gives_the_methods_of_the_sentences_naming_the_one_asked():
    porvoo = EntityRef("Municipality", "638", "Porvoo")
    lohja = EntityRef("Municipality", "444", "Lohja")
    digital = EntityRef("Method", "sahkoinen-perhekeskus", "sähköinen perhekeskus")
    remote = EntityRef("Method", "etavastaanotto", "etävastaanotto")
    text = ("Porvoo has offered the digital family centre since May 2019.\n"
            "Lohja trialled remote appointments in school health care.")
    # what each sentence names: the linked entities, and a method read in its English words
    named = {"Porvoo": [porvoo, digital], "Lohja": [lohja, remote]}

    def said(sentence):
        return next((v for k, v in named.items() if sentence.startswith(k)), [])

    hits = [_hit(1, text, "Uusimaa", [porvoo, lohja, digital])]
    answers = methods_read(hits, [lohja], lambda e: e.key, lambda h: "p", lambda h: "d",
                           said=said)
    assert [a.label for a in answers] == ["etävastaanotto"]
    # without reading sentences, every method linked in the passage is the actor's
    assert [a.label for a in _read(hits, [lohja])] == ["sähköinen perhekeskus"]


IISALMI = EntityRef("Municipality", "140", "Iisalmi")
VARKAUS = EntityRef("Municipality", "915", "Varkaus")
KUOPIO = EntityRef("Municipality", "297", "Kuopio")
FC = EntityRef("Method", "perhekeskus", "perhekeskus")
NW = EntityRef("Method", "nimetty-tyontekija", "nimetty työntekijä")
IV = EntityRef("Method", "ihmeelliset-vuodet", "Ihmeelliset vuodet")
MINUTES = ("Syksyn pilotoinnit:\n- Iisalmi: perhekeskus\n- Varkaus: nimetty työntekijä\n"
           "Koulutukset:\n- Kuopio: Ihmeelliset vuodet")


def _places_said(sentence):
    """A sentence's places, as the entity matcher finds them (it finds no method)."""
    return [p for p in (IISALMI, VARKAUS, KUOPIO) if p.label in sentence]


def _minutes():
    return [_hit(1, MINUTES, "Pohjois-Savo", [IISALMI, FC, VARKAUS, NW, KUOPIO, IV])]


def test_the_linked_methods_of_a_finnish_sentence_naming_the_place_are_its_methods():
    answers = methods_read(_minutes(), [VARKAUS], lambda e: e.key, lambda h: "p",
                           lambda h: "d", said=_places_said)
    assert [a.label for a in answers] == ["nimetty työntekijä"]
    assert answers[0].source == "text" and answers[0].evidence[0].text == MINUTES


def test_a_status_asked_is_read_in_the_sentence_or_the_key_line_above_its_list_item():
    def trained(sentence):
        return "Koulutukset" in sentence

    def piloted(sentence):
        return "pilotoinnit" in sentence

    def read(place, says):
        return [a.label for a in methods_read(_minutes(), [place], lambda e: e.key,
                                              lambda h: "p", lambda h: "d", said=_places_said,
                                              says_status=says)]

    assert read(KUOPIO, trained) == ["Ihmeelliset vuodet"]
    assert read(IISALMI, trained) == []
    assert read(IISALMI, piloted) == ["perhekeskus"]


def test_beside_the_graph_only_a_sentence_naming_the_place_gives_a_method():
    hits = [_hit(1, "Maakunnassa kohtaamispaikka avattiin kirjastoon.", "Pohjois-Savo", [KP]),
            *_minutes()]
    region = EntityRef("Region", "11", "Pohjois-Savo")
    assert [a.label for a in methods_read(hits, [IISALMI, region], lambda e: e.key,
                                          lambda h: "p", lambda h: "d", said=_places_said,
                                          sentences_only=True)] == ["perhekeskus"]


def test_methods_asked_as_piloted_or_trained_are_those_holding_either_status():
    from search.method_answers import strictly_as_said
    from search.query import AnalysedQuery

    answers = [_place("etävastaanotto", "piloted"), _place("perhekeskus", "implemented"),
               _place("Lapset puheeksi", "trained")]
    aq = AnalysedQuery("which methods were piloted or trained in Kainuu", "en", (), ())
    assert [a.label for a in strictly_as_said(answers, aq, {})] == [
        "etävastaanotto", "Lapset puheeksi"]


def test_a_method_label_of_several_words_is_read_in_a_sentence_inflected_or_hyphenated():
    from search.method_reading import methods_labelled

    named = EntityRef("Method", "nimetty-tyontekija", "nimetty työntekijä")
    labelled = [("named worker model", named), ("lapset puheeksi", LP)]
    assert methods_labelled("Rovaniemi has been piloting the named-worker model.",
                            labelled) == [named]
    assert methods_labelled("Kemissä koulutettiin Lapset puheeksi -menetelmään.",
                            labelled) == [LP]
    assert methods_labelled("Kemi opened a family centre.", labelled) == []


def _method(label, *statuses):
    from dataclasses import replace

    return replace(_place(label, *statuses), type="Method")


def test_methods_none_of_which_holds_the_status_asked_are_no_answer_but_places_are_kept():
    from search.method_answers import strictly_as_said
    from search.query import AnalysedQuery

    aq = AnalysedQuery("which methods were piloted in Jämsä", "en", (), ())
    assert strictly_as_said([_method("perhekeskus", "trained")], aq, {}) == []
    places = [_place("Keski-Suomi", "trained")]
    assert strictly_as_said(places, aq, {}) == places


def test_a_modal_asks_for_what_is_planned_first_then_for_the_status_of_its_verb():
    from search.method_answers import strictly_as_said
    from search.query import AnalysedQuery
    from search.question_cues import statuses_said

    forms = {"aikoo": {"aikoa"}, "ottaa": {"ottaa"}}
    aq = AnalysedQuery("mitä menetelmiä kainuun sote aikoo ottaa käyttöön", "fi", (), ())
    assert statuses_said(aq, forms) == ["planned", "implemented"]
    answers = [_method("perhekeskus", "implemented"), _method("palveluohjaus", "planned")]
    assert [a.label for a in strictly_as_said(answers, aq, forms)] == ["palveluohjaus"]
    # nothing planned: what the text says the actor will take into use
    assert [a.label for a in strictly_as_said(answers[:1], aq, forms)] == ["perhekeskus"]
    sv = AnalysedQuery("vilket arbetssätt ska Kimitoön införa", "sv", (), ())
    assert statuses_said(sv, {})[0] == "planned"


def _evidenced(label, text, said):
    from search.answer_records import Answer, Evidence

    start = text.index(said)
    return Answer(f"iri:{label}", label, "Method",
                  evidence=[Evidence("p", "d", text, start, start + len(said), 0.9)])


def test_an_answer_holds_the_own_topic_only_in_its_label_or_the_sentence_of_its_evidence():
    from search.method_answers import MethodAnswers

    text = ("Perhekeskus avattiin Kotkaan. Eroperheiden vanhemmille aloitettiin "
            "vertaisryhmät.")
    clinic = _evidenced("perhekeskus", text, "Perhekeskus")
    assert not MethodAnswers._holds_own([clinic], ["ero"])
    groups = _evidenced("eroryhmä", text, "vertaisryhmät")
    assert MethodAnswers._holds_own([groups], ["ero"])
    assert MethodAnswers._holds_own([clinic, groups], ["ero"])
    assert MethodAnswers._holds_own([_evidenced("eroauttaminen", "x", "x")], ["ero"])


def test_graph_methods_of_another_topic_give_way_to_the_top_passages_methods_of_the_topic():
    """'mitä kotkassa tehtiin eroperheiden tueksi': Kotka's graph methods are in sentences
    about something else, so the methods the top passages about Kotka name in a sentence of
    divorce are the answer; methods read in a sentence of another topic are not."""
    from search.method_answers import MethodAnswers
    from search.query import AnalysedQuery

    text = ("Perhekeskus avattiin Kotkaan. Eroperheiden vanhemmille aloitettiin "
            "vertaisryhmät.")
    read = [_evidenced("kohtaamispaikka", text, "Perhekeskus"),
            _evidenced("eroryhmä", text, "vertaisryhmät")]

    class Stub(MethodAnswers):
        def _read_methods(self, pool, entities, statuses, sentences_only=False):
            assert [e.kind for e in entities] == ["Municipality"]
            return read

    kotka = EntityRef("Municipality", "285", "Kotka")
    aq = AnalysedQuery("mitä kotkassa tehtiin eroperheiden tueksi", "fi", (), ())
    got = Stub()._read_of_own_topic([], [kotka, LP], aq, {}, ["ero"])
    assert [a.label for a in got] == ["eroryhmä"]
