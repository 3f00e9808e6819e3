"""Method names in forms no label spells out link in running text (ingest/method_forms.py):
a compound opened by a label, an acronym's compound, a Swedish word one letter off a label word,
an English hyphenated compound."""

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


@pytest.mark.parametrize(("text", "key"), [
    ("Nokialta koulutettiin neljä työntekijää perhekeskusvalmennuksissa.", "perhekeskus"),
    ("Kuntayhtymä koulutti kaksi LP-kouluttajaa.", "lapset-puheeksi"),
    ("The family-centre pilots ran in Lahti.", "perhekeskus"),
    ("Familjecentren ska byggas ut till ett nätverk.", "perhekeskus"),
])
def test_forms_no_label_spells_out_link_to_the_method(link, text, key):
    assert key in link(text)


def test_a_compound_opened_by_no_label_links_nothing(link):
    assert link("Perhetyöntekijä aloitti työnsä syyskuussa.") == set()
