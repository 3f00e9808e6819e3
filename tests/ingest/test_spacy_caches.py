"""The per-word caches in front of spaCy change nothing the pipeline annotates."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

TEXT = ("Perhekeskustoimintamallia kehitettiin Pohjois-Karjalassa EU-hankkeen tuella, ja "
        "kuntien perhekeskukset ottivat mallin käyttöön. Perhekeskusten työntekijät "
        "koulutettiin vuonna 2018. Kuntien perhekeskuksissa jatkettiin työtä.")


@pytest.fixture(scope="module")
def plain_nlp():
    from ingest.spacy_pipeline import load_nlp

    return load_nlp()


def test_the_lemmatizer_gets_fresh_copies_of_the_analyses(voikko):
    """Each call returns new dicts equal to libvoikko's own: the lemmatizer writes into the one
    it picks, which must not reach the cache."""
    import libvoikko

    from ingest.spacy_caches import CachedAnalyses

    cached = CachedAnalyses(voikko)
    first = cached.analyze("hankkeen")
    assert first == libvoikko.Voikko("fi").analyze("hankkeen")
    first[0]["BASEFORM"] = "EU-hanke"
    assert cached.analyze("hankkeen")[0]["BASEFORM"] == "hanke"


def test_a_cached_floret_vector_is_the_tables_own_in_any_batch(plain_nlp):
    """A word's vector from the cache equals spaCy's, whether computed alone, first in one
    batch or reused in another, and the cache starts again when full."""
    from ingest.spacy_caches import cached_floret

    table = plain_nlp.vocab.vectors
    words = ["perhekeskus", "hanke", "Kouvola", "perhekeskus", "kehitettiin", "."]
    keys = np.array([plain_nlp.vocab.strings.add(w) for w in words], dtype=np.uint64)
    cached = cached_floret(table, max_words=5)
    assert cached is not None and cached_floret(cached) is cached
    np.testing.assert_array_equal(cached.get_batch(keys), table.get_batch(keys))
    again = keys[[2, 0, 5]]
    np.testing.assert_array_equal(cached.get_batch(again), table.get_batch(again))
    assert len(cached.rows) == 5
    new = np.array([plain_nlp.vocab.strings.add("toimintamalli"), keys[1]], dtype=np.uint64)
    np.testing.assert_array_equal(cached.get_batch(new), table.get_batch(new))
    assert set(cached.rows) == {int(k) for k in new}


def test_the_analyzer_annotates_the_same_with_the_caches(plain_nlp, voikko):
    """Tokens, lemmas, POS, parses and entities equal those of the pipeline without caches,
    also when the text comes round again and is answered from them."""
    from ingest.records import Passage
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    passages = [Passage("d", i, 0, len(TEXT), TEXT) for i in range(2)]

    def annotations(nlp) -> list[bytes]:
        analyzer = PassageAnalyzer(lambda: nlp, voikko)
        return [pickle.dumps((ap.tokens, ap.entities)) for ap in analyzer.analyse(passages)]

    expected = [pickle.dumps((ap.tokens, ap.entities)) for ap in _uncached(plain_nlp, voikko,
                                                                          passages)]
    nlp = load_nlp()
    assert annotations(nlp) == expected
    assert type(nlp.vocab.vectors).__name__ == "CachedFloret"
    assert type(nlp.get_pipe("lemmatizer").voikko).__name__ == "CachedAnalyses"


def _uncached(nlp, voikko, passages):
    """The analyzer over a pipeline that kept spaCy's own lemmatizer and vectors."""
    from ingest.spacy_pipeline import PassageAnalyzer

    analyzer = PassageAnalyzer(lambda: nlp, voikko)
    analyzer._nlp = nlp  # noqa: SLF001 - bypass the caches the constructor would add
    return list(analyzer.analyse(passages))
