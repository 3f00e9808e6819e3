"""Parts of a sentence read as sentences of their own for results (ingest/result_rows.py):
sentences the splitter ran together, cut only where a sentence really ends."""

from __future__ import annotations

from ingest.extract.segment import Sentence
from ingest.records import AnalysedPassage, Passage, Token
from ingest.result_rows import run_together


def _sentence(text: str) -> Sentence:
    tokens, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        tokens.append(Token(word, word.lower(), "X", start, pos, 0))
    passage = Passage("d", 0, 0, len(text), text)
    return Sentence(AnalysedPassage(passage, tuple(tokens), ()), 0, tuple(tokens), 0, len(text))


def test_two_sentences_run_together_are_cut_where_the_first_ends():
    parts = run_together(_sentence("In all, 412 parents answered. Waiting fell to 9 days."))
    assert [p.text for p in parts] == ["In all, 412 parents answered.", "Waiting fell to 9 days."]


def test_an_abbreviation_before_a_capital_ends_no_sentence():
    assert run_together(_sentence("Hanke koulutti esim. Kemin ja Tornion 40 työntekijää.")) == []


def test_a_sentence_ending_in_a_number_is_cut_there():
    parts = run_together(_sentence("Waiting fell from 30 to 9. Visits rose to 800."))
    assert [p.text for p in parts] == ["Waiting fell from 30 to 9.", "Visits rose to 800."]


def test_a_two_letter_word_can_end_a_sentence():
    parts = run_together(_sentence("Den har varit i gång i ett år. Under året kom 2 400 besök."))
    assert [p.text for p in parts] == ["Den har varit i gång i ett år.",
                                       "Under året kom 2 400 besök."]
