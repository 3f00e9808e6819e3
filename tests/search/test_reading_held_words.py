"""Issue 19: words a question shares with the passages in another shape are held (no silence
for them), and counts written as Finnish number words above ten are read."""

import json
from pathlib import Path

from search.reading_spans import count_spans
from search.silence import Vocabulary, unknown_words

STOP = frozenset({"montako", "kuinka", "monta", "kertaa", "vanhempaa", "milloin", "avattiin"})
CUES = Path(__file__).resolve().parents[2] / "search" / "data" / "reading_cues.json"


def _unknown(question: str, corpus_words: set[str]) -> list[str]:
    forms = {w.lower(): (w.lower(), (), ()) for w in question.replace("?", "").split()}
    return [u.word for u in unknown_words(question, forms, Vocabulary([corpus_words]), "fi",
                                          set(), STOP, lambda w: [w])]


def test_a_word_that_begins_a_passage_compound_is_held_but_a_short_one_is_not_enough():
    corpus = {"eroneuvontapiste", "palveli", "tampereella"}
    assert _unknown("montako vanhempaa eroneuvonta palveli", corpus) == []
    assert _unknown("montako vanhempaa jääkiekko palveli", corpus) == ["jääkiekko"]


def test_a_hyphenated_name_the_passages_hold_whole_is_held():
    corpus = {"perheneuvo-linja", "avattiin"}
    assert _unknown("milloin perheneuvo-linja avattiin", corpus) == []
    assert _unknown("milloin perhekompassi-linja avattiin", corpus) == ["perhekompassi-linja"]


def test_finnish_number_words_from_eleven_to_nineteen_count():
    words = json.loads(CUES.read_text(encoding="utf-8"))["_number_words"]
    spans = count_spans("Verkostossa toimii nyt kaksitoista perhekeskusta ja kolmetoista "
                        "vertaisryhmää.", words)
    assert {(s.label, s.unit.split()[0]) for s in spans} == {
        ("12", "perhekeskusta"), ("13", "vertaisryhmää")}


def test_a_serial_documents_number_is_no_month_date():
    from search.reading_spans import date_spans

    text = "Hallitus, pöytäkirja 3/2018\nAika: 21.3.2018. Kuntainfo 9/2018. Avattiin 5/2018."
    assert [d.text for d in date_spans(text, {})] == ["21.3.2018", "5/2018"]


def test_a_name_written_with_an_exclamation_mark_is_held_without_it():
    corpus = {"yhdessä", "kokeiltiin"}
    assert _unknown("mitä kokeiltiin YHDESSÄ!-hankkeessa", corpus) == []
