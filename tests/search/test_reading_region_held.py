"""A passage of a region's document is read as about that region, though it does not name it:
the region the question names is not counted as lacking there, and is lacking in a passage of
another region's document."""

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
