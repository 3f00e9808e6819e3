"""Reference labels with an apostrophe inside a word link in running text: the tokenizer keeps
"Let's" one token, so the label is looked up with that word whole as well as split."""

from __future__ import annotations


def test_an_english_method_name_with_an_apostrophe_links_in_running_text(linked_methods):
    assert "lapset-puheeksi" in linked_methods(
        "The town of Ii made the Let's Talk about Children approach part of every clinic visit.")
    assert "lapset-puheeksi" in linked_methods("Kerava has used Let's Talk in day care since 2018.")
