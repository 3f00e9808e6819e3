"""spaCy's Finnish pipeline is loaded without the vocabulary parts nothing downstream reads,
and annotates exactly as the pipeline loaded whole."""

from __future__ import annotations

import spacy

from ingest.spacy_pipeline import DEFAULT_MODEL, _without_torch, load_nlp

TEXT = ("Kouvolan perhekeskuksessa otettiin vuonna 2019 käyttöön vastuutyöntekijämalli. "
        "Hanketta koordinoi Kymenlaakson sosiaali- ja terveyspalvelujen kuntayhtymä Kymsote, "
        "ja sen rahoitti sosiaali- ja terveysministeriö.")


def _annotations(nlp) -> list[tuple]:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    return [(t.text, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.is_sent_start,
             t.ent_type_, t.ent_iob_, t.norm_) for t in doc]


def test_the_pipeline_loads_without_the_word_probability_table() -> None:
    nlp = load_nlp()
    assert not nlp.vocab.lookups.has_table("lexeme_prob")
    assert nlp.pipe_names == ["tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler",
                              "lemmatizer", "ner"]


def test_annotations_equal_those_of_the_whole_pipeline() -> None:
    with _without_torch():
        whole = spacy.load(DEFAULT_MODEL)
    assert whole.vocab.lookups.has_table("lexeme_prob")
    assert _annotations(load_nlp()) == _annotations(whole)
