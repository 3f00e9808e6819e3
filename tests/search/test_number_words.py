"""Numbers written as words in the reading layer (search/reading_values.number_words): the words
listed in search/data/reading_cues.json (_number_words, inflected forms and all) and every number
built of _numerals' units and parts, read by the one reader of ingest
(ingest/extract/numerals.spelled_number)."""

from __future__ import annotations

import json

import pytest

from ingest.extract.numerals import NumberWords, spelled_number
from search.reading import CUES
from search.reading_values import number_words

_FI = ["", "yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan",
       "yhdeksän"]
_SV_UNITS = ["", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
_SV_TEENS = ["tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton",
             "nitton"]
_SV_TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"]
_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _written_out(n: int) -> list[str]:
    """`n` (10-99) written out as one word in Finnish, Swedish and English."""
    tens, unit = divmod(n, 10)
    if tens == 1:
        return ["kymmenen" if unit == 0 else _FI[unit] + "toista", _SV_TEENS[unit],
                _EN_TEENS[unit]]
    words = [_FI[tens] + "kymmentä" + _FI[unit], _SV_TENS[tens] + _SV_UNITS[unit],
             _EN_TENS[tens] + ("-" + _EN_UNITS[unit] if unit else "")]
    return words + ([_SV_TENS[tens] + "en"] if unit == 1 else [])


@pytest.fixture(scope="module")
def cues() -> dict:
    return json.loads(CUES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def words(cues) -> NumberWords:
    return number_words(cues)


def test_every_number_from_ten_to_ninety_nine_written_out_is_read_in_each_language(words):
    for n in range(10, 100):
        for word in _written_out(n):
            assert words.get(word) == n, word


@pytest.mark.parametrize(("word", "value"), [
    ("kahdessa", 2), ("kolmeen", 3), ("neljänä", 4), ("viittä", 5), ("kymmenessä", 10),
    ("yhtätoista", 11), ("kahdeksassatoista", 18), ("kymmentä", 10), ("tolv", 12), ("six", 6)])
def test_an_inflected_or_listed_number_word_is_read_as_listed(words, word, value):
    assert words.get(word) == value


def test_every_listed_word_keeps_its_listed_value(cues, words):
    assert {w: words.get(w) for w in cues["_number_words"]} == cues["_number_words"]


@pytest.mark.parametrize("word", [
    "yksi", "one", "en", "ett", "perhe", "kymmeniä", "satoja", "kaksikolme", "tjugo-"])
def test_an_article_a_plural_or_no_number_is_no_number_word(words, word):
    assert words.get(word) is None


@pytest.fixture(scope="module")
def lex():
    from ingest.extract.registry import load_lexicon

    return load_lexicon()


@pytest.mark.parametrize("word", [
    "kaksikymmentäneljä", "kuusikymmentäkolme", "yhdeksänkymmentäyhdeksän", "tjugofyra",
    "nittiotvå", "twenty-four", "ninety-nine"])
def test_a_number_built_of_parts_has_one_value_in_ingest_and_in_search(words, lex, word):
    assert words.get(word) == spelled_number(word, lex.number_words, lex.number_parts)
