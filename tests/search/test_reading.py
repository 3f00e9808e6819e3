"""The reading layer finds candidates of the asked type in passages the graph did not read."""

from tests_support import passage_hit

from search.reading import Reader, content_stems
from search.records import EntityRef

_hit = passage_hit


ROLE = EntityRef("Role", "muutosagentti", "muutosagentti")
REGION = EntityRef("Region", "16", "Keski-Pohjanmaa")


def test_a_count_is_the_number_beside_the_asked_word():
    hits = [_hit("Hankkeessa rekrytoitiin 268 vapaaehtoista ja noin 40 skidiagenttia. "
                 "Hanke kesti vuodet 2017–2018.")]
    best = Reader().read(hits, "count", "quantity", ["vapaaehtoinen", "rekrytoida"], set())
    assert best[0].label == "268"
    assert hits[0].passage.text[best[0].start:best[0].end] == "268"


def test_a_count_is_never_a_year_a_date_or_a_sum():
    hits = [_hit("Vuonna 2018 avustus oli 50 000 euroa ja 12.3.2018 alkoi kokeilu.")]
    labels = {c.label for c in Reader().read(hits, "count", "quantity", ["avustus"], set())}
    assert not labels & {"2018", "50 000", "12"}


def test_no_word_of_the_question_near_a_number_means_no_count():
    hits = [_hit("Kyselyyn vastasi 430 vanhempaa.")]
    assert Reader().read(hits, "count", "quantity", ["jäätelökioski"], set()) == []


def test_the_holder_of_a_named_role_is_read_beside_the_role_word():
    text = ("Ryhmän puheenjohtaja on Tarja Virtanen ja sihteeri Marjo Laine. "
            "Keski-Pohjanmaan LAPE-muutosagentti on Anne Saarela.")
    people = [EntityRef("Person", k, k) for k in ("Tarja Virtanen", "Marjo Laine",
                                                 "Anne Saarela")]
    best = Reader().read([_hit(text, people + [REGION, ROLE])], "person", "roleHolder",
                         ["muutosagentti", "keski-pohjanmaa"], {ROLE, REGION})
    assert best[0].label == "Anne Saarela"


def test_an_entity_the_question_names_is_no_answer_to_it():
    hits = [_hit("Keski-Pohjanmaan hanke alkoi.", [REGION])]
    assert Reader().read(hits, "region", "topic", ["hanke"], {REGION}) == []


def test_dates_and_amounts_are_read_with_their_whole_form():
    hits = [_hit("Hankeaika: 1.3.2017–31.12.2018. Valtionavustus 850 000 € myönnettiin.")]
    dates = Reader().read(hits, "date", "period", ["hankeaika"], set())
    amounts = Reader().read(hits, "amount", "fundingAmount", ["valtionavustus"], set())
    assert dates[0].label == "1.3.2017–31.12.2018"
    assert amounts[0].label == "850 000 €"


def test_confidence_rises_with_the_reading():
    hits = [_hit("Hankkeessa rekrytoitiin 268 vapaaehtoista."),
            _hit("Hanke toimi 18 kunnassa.", pid=1)]
    found = Reader().read(hits, "count", "quantity", ["vapaaehtoinen", "rekrytoida"], set())
    assert [c.label for c in found][:1] == ["268"]
    assert all(0.0 <= c.confidence <= 1.0 for c in found)
    assert found[0].confidence == max(c.confidence for c in found)


def test_generic_words_of_any_question_are_no_content():
    assert content_stems(["hankkeen", "hanke", "vapaaehtoinen"], frozenset({"hanke"})) == [
        "vapaaeh"]
