"""Structure the reading holds whatever the wording: a passage of a region's document is about
that region though it does not name it (not lacking the region there, lacking it in another
region's); the counted noun of an English or Swedish passage is read in Finnish; a date of a
plan does not answer what happened; an English thousands separator is no decimal comma; a
question with no word of counting reads no count."""

from tests_support import passage_hit

from search.reading import Reader
from search.records import EntityRef

KAINUU = EntityRef("Region", "18", "Kainuu")
QUESTION = "Kuinka monta työntekijää Kainuussa kävi Lapset puheeksi -koulutuksen?"
TEXT = "Lapset puheeksi -koulutukseen osallistui hankkeen aikana 146 työntekijää."


def _best(region: str) -> float:
    hits = [passage_hit(TEXT, region=region)]
    found = Reader(learned=False).read(hits, "count", "quantity",
                                       ["työntekijä", "Lapset puheeksi", "koulutus"], {KAINUU},
                                       question=QUESTION)
    assert [c.label for c in found][:1] == ["146"]
    return found[0].score


def test_the_region_of_the_passages_document_is_held_by_the_passage():
    assert _best("Kainuu") > _best("Pirkanmaa")


def test_a_passage_of_another_regions_document_still_lacks_the_region():
    lacking = _best("Pirkanmaa")
    held = _best("Kainuu")
    assert lacking <= held * 0.5


def test_an_english_passages_counted_noun_is_matched_through_the_glossary():
    """'kuinka monta ammattilaista' counts the professionals of an English passage."""
    hits = [passage_hit("The working group she leads has more than 20 divorce-support "
                        "professionals from around the region, and it met 3 times.")]
    found = Reader(learned=False).read(
        hits, "count", "quantity", ["ammattilainen", "työryhmä"], set(),
        question="Kuinka monta ammattilaista työryhmässä on?")
    assert [c.label for c in found][:1] == ["20"]
    assert found[0].parts[4] == 1.0  # tied to the counted noun


def _date(text: str, question: str) -> list[str]:
    found = Reader(learned=False).read([passage_hit(text)], "date", "period",
                                       ["perhekeskus", "avata"], set(), question=question)
    return [c.label for c in found if c.parts[4] > 0]


def test_a_date_of_a_plan_does_not_tie_to_a_question_about_what_happened():
    planned = "Ylivieskan perhekeskus on tarkoitus avata syksyllä 2019, kun tilat valmistuvat."
    assert _date(planned, "Milloin Ylivieskan perhekeskus avattiin?") == []


def test_a_question_about_the_plan_is_answered_by_its_date():
    planned = "Ylivieskan perhekeskus on tarkoitus avata syksyllä 2019, kun tilat valmistuvat."
    assert _date(planned, "Milloin perhekeskus on tarkoitus avata?") == ["syksyllä 2019"]


def test_a_plan_in_the_next_coordinated_clause_leaves_the_date_alone():
    text = "Ylivieskan perhekeskus avattiin 1.2.2018 ja Oulun perhekeskus aiotaan avata 2020."
    assert "1.2.2018" in _date(text, "Milloin Ylivieskan perhekeskus avattiin?")


def test_an_english_thousands_separator_is_no_decimal_comma():
    from search.reading_values import number_of

    assert number_of("3,000 professionals") == 3000
    assert number_of("EUR 1,400,000") == 1_400_000
    assert number_of("1,250 milj. euroa") == 1_250_000
    assert number_of("noin 1,5 prosenttia") == 1.5


def test_a_question_with_no_word_of_counting_reads_no_count():
    hits = [passage_hit("Siun sote perustaa neljä alueellista perhekeskusta; 4 on jo auki.")]
    reader = Reader(learned=False)
    asked = reader.read(hits, "count", "quantity", ["perhekeskus"], set(),
                        question="Kuinka monta perhekeskusta perustetaan?")
    assert asked and asked[0].label in ("neljä", "4")
    assert reader.read(hits, "count", "quantity", ["perhekeskus", "kunta"], set(),
                       question="Which municipalities host the family centres?") == []
