"""Method names in forms no label spells out link in running text (ingest/method_forms.py):
a compound opened by a label, an acronym's compound, a Swedish word one letter off a label word,
an English hyphenated compound."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "key"), [
    ("Nokialta koulutettiin neljä työntekijää perhekeskusvalmennuksissa.", "perhekeskus"),
    ("Kuntayhtymä koulutti kaksi LP-kouluttajaa.", "lapset-puheeksi"),
    ("The family-centre pilots ran in Lahti.", "perhekeskus"),
    ("Familjecentren ska byggas ut till ett nätverk.", "perhekeskus"),
])
def test_forms_no_label_spells_out_link_to_the_method(linked_methods, text, key):
    assert key in linked_methods(text)


def test_a_compound_opened_by_no_label_links_nothing(linked_methods):
    assert linked_methods("Perhetyöntekijä aloitti työnsä syyskuussa.") == set()
