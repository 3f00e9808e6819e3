"""Spec: the fact verifier (ingest/fact_verifier.py, measured, not a pipeline stage) reads the
shape of each fact's sentence and scores it; its artifact keeps the vocabulary and threshold;
in the measurement a statement stands while any fact that makes it scores at the threshold."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ingest.fact_features import NUMERIC, FactRow, fact_rows
from ingest.fact_verifier import (
    PREDICATES,
    SUBJECT_KINDS,
    FittedVerifier,
    Verifier,
    load,
    save,
    vectorise,
)
from ingest.fact_verifier_cv import Data, counts, withdrawn
from ingest.records import (
    AnalysedDocument,
    AnalysedPassage,
    Document,
    Fact,
    Mention,
    Passage,
    Token,
)

TEXT = "- Kemi ei ottanut Neuvokasta käyttöön.\nOulu kokeili mallia."


def _tok(word: str, start: int, sent: int, pos: str = "NOUN", lemma: str | None = None,
         morph: str = "") -> Token:
    return Token(word, lemma or word.lower(), pos, start, start + len(word), sent, morph=morph)


def _document() -> AnalysedDocument:
    words = [("-", "PUNCT", None, ""), ("Kemi", "PROPN", None, ""),
             ("ei", "AUX", "ei", "Polarity=Neg|VerbForm=Fin"), ("ottanut", "VERB", None, ""),
             ("Neuvokasta", "PROPN", None, ""), ("käyttöön", "NOUN", None, ""),
             (".", "PUNCT", None, "")]
    tokens, at = [], 0
    for word, pos, lemma, morph in words:
        at = TEXT.index(word, at)
        tokens.append(_tok(word, at, 0, pos, lemma, morph))
        at += len(word)
    at = TEXT.index("Oulu")
    tokens.append(_tok("Oulu", at, 1, "PROPN"))
    tokens.append(_tok("kokeili", TEXT.index("kokeili"), 1, "VERB", morph="VerbForm=Fin"))
    passage = Passage("d", 0, 0, len(TEXT), TEXT)
    ap = AnalysedPassage(passage, tuple(tokens), ())
    mentions = (Mention("d", 0, 2, 6, "Kemi", "Municipality", "kemi", "Kemi", "gazetteer"),
                Mention("d", 0, 18, 28, "Neuvokasta", "Method", "neuvokas", "Neuvokas",
                        "gazetteer"),
                Mention("d", 0, 39, 43, "Oulu", "Municipality", "oulu", "Oulu", "gazetteer"))
    first = Fact("Municipality", "kemi", "implemented", "Method", "neuvokas", None, "d", 0, 2,
                 38, "rule:method-status", 0.85)
    second = Fact("Municipality", "oulu", "piloted", "Method", "neuvokas", None, "d", 0, 39,
                  len(TEXT), "rule:method-status", 0.4)
    doc = Document("d", "d.txt", TEXT, "d", "txt", "0")
    return AnalysedDocument(doc, (ap,), mentions, (first, second))


def _feature(row: FactRow, name: str) -> float:
    return row.numeric[NUMERIC.index(name)]


def test_a_fact_is_read_with_the_shape_of_its_own_sentence() -> None:
    negated, tried = fact_rows(_document())
    assert _feature(negated, "negation") == 1.0 and _feature(negated, "list_line") == 1.0
    assert _feature(negated, "subject_in_sentence") == 1.0
    assert _feature(negated, "object_in_sentence") == 1.0
    assert _feature(tried, "negation") == 0.0 and _feature(tried, "finite_verb") == 1.0
    # the method is named in the sentence before: not in the fact's own sentence
    assert _feature(tried, "object_in_sentence") == 0.0
    assert _feature(tried, "confidence") == 0.4


def _confidence_only(threshold: float, extractors: tuple[str, ...] = ()) -> Verifier:
    """A fake model whose logit is the extractor's confidence itself."""
    width = vectorise(fact_rows(_document()), extractors).shape[1]
    coef = np.zeros(width)
    coef[len(PREDICATES) + len(extractors) + len(SUBJECT_KINDS) + NUMERIC.index("confidence")] = 1
    model = FittedVerifier(np.zeros(width), np.ones(width), coef, 0.0, 1.0, 1.0)
    # p = sigmoid(confidence): .85 -> .70, .4 -> .60
    return Verifier(model, extractors, threshold)


def test_scores_follow_the_model_and_the_threshold_splits_them() -> None:
    v = _confidence_only(0.65)
    scores = v.scores(fact_rows(_document()))
    assert scores == pytest.approx([1 / (1 + np.exp(-0.85)), 1 / (1 + np.exp(-0.4))])
    assert [bool(p >= v.threshold) for p in scores] == [True, False]
    assert v.scores([]).shape == (0,)


def test_the_artifact_round_trips_with_its_vocabulary_and_threshold(tmp_path: Path) -> None:
    v = _confidence_only(0.65, ("rule:method-status",))
    save(v, tmp_path / "v.npz", {"sets": ["a"]})
    back, meta = load(tmp_path / "v.npz")
    assert back.extractors == ("rule:method-status",) and back.threshold == pytest.approx(0.65)
    assert meta["sets"] == ["a"]
    rows = fact_rows(_document())
    assert np.allclose(back.scores(rows), v.scores(rows), atol=1e-6)


def test_a_statement_stays_while_any_fact_that_makes_it_stays() -> None:
    rows = [{"set": "s", "key": "k1", "predicate": "partner", "label": True},
            {"set": "s", "key": "k1", "predicate": "partner", "label": True},
            {"set": "s", "key": "k2", "predicate": "partner", "label": False}]
    data = Data({"s": {"tp": 5, "fp": 2, "fn": 1,
                       "by_predicate": {"partner": {"tp": 5, "fp": 2, "fn": 1}}}}, rows)
    gone = withdrawn(data, [0, 1, 2], np.array([0.1, 0.9, 0.2]), 0.5)
    assert counts(data, {"s"}, gone) == (5, 1, 1)
    gone = withdrawn(data, [0, 1, 2], np.array([0.1, 0.3, 0.2]), 0.5)
    assert counts(data, {"s"}, gone) == (4, 1, 2)
    assert counts(data, {"s"}, gone, predicate="partner") == (4, 1, 2)
