"""A document site's trailing list of related documents (their titles and excerpts) is kept as
related material: searched and read for answers, never read for this document's facts."""

from pathlib import Path

from ingest.cleaning import clean, clean_with_related
from ingest.documents import load_document
from ingest.passages import split_passages

BODY = ("Päijät-Hämeen perhekeskushanke kokeili nimettyä työntekijää Asikkalassa vuonna 2018. "
        "Hankkeen hallinnoijana toimi Päijät-Hämeen hyvinvointikuntayhtymä.")
RELATED = ("Kanta-Hämeen LAPE-hanke\n\nKanta-Hämeen LAPE-hanke otti Lapset puheeksi "
           "-menetelmän käyttöön Hämeenlinnassa.\n\nLisätiedot\n\n"
           "Työvaliokunta 15.8.\n\nTyövaliokunta 15.8. Muutosagentti Elina Vesterinen, "
           "lapsi- ja perhepalvelujen muutosohjelma Päijät-Häme.\n\nLisätiedot")


def test_the_related_list_is_cleaned_apart_from_the_body():
    body, related = clean_with_related(f"{BODY}\n\n{RELATED}")
    assert body == BODY == clean(f"{BODY}\n\n{RELATED}")
    assert "Elina Vesterinen" in related and "Kanta-Hämeen LAPE-hanke" in related
    assert "Lisätiedot" not in related


def test_a_text_without_a_related_list_has_no_related_material():
    assert clean_with_related(BODY) == (BODY, "")


def test_the_document_keeps_the_related_material_after_its_body(tmp_path: Path):
    path = tmp_path / "sivu.txt"
    path.write_text(f"{BODY}\n\n{RELATED}", encoding="utf-8")
    doc = load_document(path)
    assert doc.text.startswith(BODY) and doc.related_start is not None
    assert "Elina Vesterinen" in doc.text[doc.related_start:]
    assert not doc.is_related(0) and doc.is_related(doc.related_start)


def test_no_passage_spans_the_start_of_the_related_material(tmp_path: Path):
    path = tmp_path / "sivu.txt"
    path.write_text(f"{BODY}\n\n{RELATED}", encoding="utf-8")
    doc = load_document(path)
    passages = split_passages(doc.key, doc.text, doc.related_start)
    assert any(p.end <= doc.related_start for p in passages)
    assert any(p.start >= doc.related_start for p in passages)
    assert all(p.end <= doc.related_start or p.start >= doc.related_start for p in passages)
    assert all(doc.text[p.start:p.end] == p.text for p in passages)


def test_related_material_names_people_but_gives_this_document_no_facts(tmp_path, pipeline):
    path = tmp_path / "sivu.txt"
    path.write_text(f"{BODY}\n\n{RELATED}", encoding="utf-8")
    doc = load_document(path)
    analysed = pipeline.analyse(doc)
    related = {ap.passage.index for ap in analysed.passages if doc.is_related(ap.passage.start)}
    assert related, "the related material is analysed into passages"
    assert any(m.kind == "Person" and "Vesterinen" in m.label for m in analysed.mentions
               if m.passage_index in related)
    assert not any(m.kind == "Project" for m in analysed.mentions if m.passage_index in related)
    assert analysed.facts, "the body still gives facts"
    assert all(f.passage_index not in related for f in analysed.facts)
    assert not any(f.object_key == "lapset-puheeksi" for f in analysed.facts)
