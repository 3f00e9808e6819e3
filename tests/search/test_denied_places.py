"""Issue 19 item 3: a place question asking where something was NOT done ('missä kunnissa
kohtaamispaikkaa ei ole edes suunniteltu', 'which municipalities never started the group',
'vilka kommuner har beslutat att inte införa …') is answered by the places a passage's
sentence denies it of, never by the places the graph says did it (search/negation.py,
search/topic_answer.py `attributed`, search/answer.py)."""

from search.negation import denied_in, denies, negation_words
from search.records import EntityRef, Hit, StoredPassage
from search.topic_answer import TopicAnswerer
from tests.search.fakes import names_by_spelling

PYHTAA = EntityRef("Municipality", "624", "Pyhtää")
KOTKA = EntityRef("Municipality", "285", "Kotka")
HAMINA = EntityRef("Municipality", "075", "Hamina")
KYMENLAAKSO = EntityRef("Region", "08", "Kymenlaakso")
_SPELLED = {"pyhtäällä": PYHTAA, "kotkassa": KOTKA, "haminassa": HAMINA}


_names = names_by_spelling(_SPELLED)


def _answerer():
    return TopicAnswerer({KYMENLAAKSO.label: KYMENLAAKSO}, threshold=0.85,
                         generic=frozenset({"kunta"}), names=_names,
                         region_of={("Municipality", m.key): KYMENLAAKSO
                                    for m in (PYHTAA, KOTKA, HAMINA)})


def _hit(pid, text, similarity, entities):
    return Hit(StoredPassage(pid, f"d{pid}", 0, 0, len(text), text, "t", (), tuple(entities),
                             "Kymenlaakso"), 0.0, {}, similarity)


_STATUS = ("Kotkassa kohtaamispaikka avattiin kirjaston yhteyteen. "
           "Pyhtäällä kohtaamispaikkaa ei ole vielä edes suunniteltu.")


def test_a_question_denies_by_its_languages_negation_words():
    assert denies("missä kunnissa kohtaamispaikkaa ei ole edes suunniteltu", "fi")
    assert denies("missä maakunnissa ryhmät eivät koskaan alkaneet", "fi")
    assert denies("which municipalities never managed to start a parents' group", "en")
    assert denies("Which towns didn't open a family centre?", "en")
    assert denies("vilka kommuner har bestämt sig för att inte införa systemiskt arbete", "sv")


def test_a_noun_denied_or_a_service_without_something_is_no_denial():
    assert not denies("missä kunnissa kotipalvelua sai ilman palvelutarpeen arviota", "fi")
    assert not denies("which regions offered young people a walk-in service with no "
                      "appointment needed", "en")
    assert not denies("where was home help offered without a needs assessment", "en")
    # Swedish 'en' is an article, Finnish 'en' a negation
    assert not denies("i vilka kommuner finns en öppen mötesplats", "sv")
    assert not denies("missä kunnissa perhekeskus avattiin", "fi")


def test_negation_and_polarity_words_are_no_topic_words():
    assert {"ei", "koskaan", "edes"} <= negation_words("fi")
    assert {"never", "not", "yet"} <= negation_words("en")
    assert {"inte", "aldrig"} <= negation_words("sv")
    assert "kohtaamispaikka" not in negation_words("fi")


def test_a_sentence_is_denied_by_a_negation_word_in_any_language():
    assert denied_in("Ryhmiä ei toteutunut, koska ohjaajia ei saatu.")
    assert denied_in("The group never started.")
    assert denied_in("The board didn't adopt it.")
    assert denied_in("De otroliga åren kom aldrig i gång.")
    assert not denied_in("Kohtaamispaikka avattiin kirjaston yhteyteen.")


def test_a_denied_question_gets_the_place_its_topic_sentence_denies():
    hits = [_hit(1, _STATUS, 0.90, [KOTKA, PYHTAA])]
    denied = _answerer().places(hits, "Municipality", ["kohtaamispaikka"], set(), denied=True)
    assert [p.place for p in denied] == [PYHTAA]
    # asked where it was done, both sentences hold the topic and name their place
    done = _answerer().places(hits, "Municipality", ["kohtaamispaikka"], set())
    assert {p.place for p in done} == {KOTKA, PYHTAA}


def test_a_passage_denying_nothing_is_no_evidence_for_a_denied_question():
    hits = [_hit(1, "Kotkassa kohtaamispaikka avattiin kirjaston yhteyteen.", 0.90, [KOTKA])]
    assert _answerer().places(hits, "Municipality", ["kohtaamispaikka"], set(),
                              denied=True) == []


def test_a_denial_told_without_the_topics_words_names_its_place():
    """The passage is about the topic ('vanhemmille oma ryhmä'), and the sentence denying it
    says only 'ryhmää ei aloitettu': the denying sentences are read for places."""
    text = ("Kotkassa kokeiltiin vanhempainryhmiä syksyllä. "
            "Haminassa yritettiin koota oma ryhmä, mutta ryhmää ei aloitettu.")
    hits = [_hit(1, text, 0.90, [KOTKA, HAMINA])]
    places = _answerer().places(hits, "Municipality", ["vanhempainryhmä"], set(), denied=True)
    assert [p.place for p in places] == [HAMINA]


def test_a_denied_region_question_reaches_the_region_through_the_denying_sentence():
    hits = [_hit(1, _STATUS, 0.90, [KOTKA, PYHTAA])]
    places = _answerer().places(hits, "Region", ["kohtaamispaikka"], set(), denied=True)
    assert [p.place for p in places] == [KYMENLAAKSO]
