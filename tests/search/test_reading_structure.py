"""Structure the reading holds whatever the wording: a passage of a region's document is about
that region though it does not name it (not lacking the region there, lacking it in another
region's); the counted noun of an English or Swedish passage is read in Finnish."""

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
