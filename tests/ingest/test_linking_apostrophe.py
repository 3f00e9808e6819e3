"""Reference labels with an apostrophe inside a word link in running text: the tokenizer keeps
"Let's" one token, so the label is looked up with that word whole as well as split."""

from __future__ import annotations

import pytest

from ingest.records import Passage


@pytest.fixture(scope="module")
def link(voikko, reference):
    from ingest.linking import Linker
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    analyzer = PassageAnalyzer(load_nlp(), voikko)
    linker = Linker(reference, voikko)

    def methods(text: str) -> set[str]:
        (ap,) = analyzer.analyse([Passage("t", 0, 0, len(text), text)])
        return {m.key for m in linker.link("t", ap) if m.kind == "Method"}
    return methods


def test_an_english_method_name_with_an_apostrophe_links_in_running_text(link):
    assert "lapset-puheeksi" in link(
        "The town of Ii made the Let's Talk about Children approach part of every clinic visit.")
    assert "lapset-puheeksi" in link("Kerava has used Let's Talk in day care since 2018.")
