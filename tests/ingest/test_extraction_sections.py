"""A section's heading names who its passages speak of: facts with no actor of their own take
the municipality or organisation of the heading they stand under, until a heading of the same
or a higher level. Real spaCy and Voikko; made-up texts about regions the corpus does not cover."""

from __future__ import annotations

import pytest

from ingest.records import Document, DocumentMeta


@pytest.fixture(scope="module")
def pipeline(voikko, reference):
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp

    return IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko), Linker(reference, voikko),
                          FactExtractor(reference))


def statuses(pipeline, text: str) -> set[tuple[str, str, str]]:
    """(subject label, status, method key) of the method facts."""
    doc = Document("testi", "testi.txt", text, "Testi", "txt", "0", DocumentMeta(region="Lappi"))
    ad = pipeline.analyse(doc)
    ref = pipeline.extractor.reference
    labels = {(m.kind, m.key): m.label for m in ad.mentions}

    def label(kind: str, key: str) -> str:
        entity = ref.get(kind, key)
        return entity.pref_fi if entity is not None else labels.get((kind, key), key)

    return {(label(f.subject_kind, f.subject_key), f.predicate, f.object_key or "")
            for f in ad.facts if f.extractor == "rule:method-status"}


def method_of(reference, label: str) -> str:
    return next(e.key for e in reference.by_kind("Method")
                if label.lower() in (x.lower() for x in reference.all_labels(e)))


INTRO = ("Lapin perhekeskuspilotit toteutettiin kolmessa kunnassa vuonna 2018. Alla kuvataan "
         "kuntien kokeilut ja niiden opit perhekeskusmallin rakentamiseksi koko maakuntaan.")


def test_a_heading_glued_into_the_text_sets_the_actor_of_its_section(pipeline, reference):
    # The PDF lost the line break after the heading "Salla".
    text = (INTRO + " Salla Sallan pilotin kärkenä oli perheiden kuuleminen.\n\nPilotin aikana "
            "järjestettiin ammattilaisille koulutusaamupäivä Lapset puheeksi -menetelmästä. "
            "Koulutuksen palaute kerättiin kyselyllä, ja sen tulokset käsiteltiin työryhmässä.")
    lp = method_of(reference, "Lapset puheeksi")
    assert ("Salla", "trained", lp) in statuses(pipeline, text)


def test_the_section_runs_on_over_later_paragraphs_until_the_next_heading(pipeline, reference):
    text = (INTRO + "\n\nSalla\nSallan pilotin kärkenä oli perheiden kuuleminen.\n\n"
            + "Kuulemisten tuloksia käsiteltiin kunnan työryhmässä useaan kertaan syksyn aikana, "
              "ja niistä koottiin erillinen raportti kunnan päättäjille. " * 2
            + "\n\nPilotin aikana järjestettiin ammattilaisille koulutusaamupäivä Lapset puheeksi "
              "-menetelmästä.\n\nPelkosenniemi\nTyöntekijät osallistuivat Ihmeelliset vuodet "
              "-koulutukseen.")
    found = statuses(pipeline, text)
    lp, iv = method_of(reference, "Lapset puheeksi"), method_of(reference, "Ihmeelliset vuodet")
    assert ("Salla", "trained", lp) in found
    assert ("Pelkosenniemi", "trained", iv) in found
    assert ("Salla", "trained", iv) not in found


def test_a_higher_numbered_heading_ends_the_section(pipeline, reference):
    text = (INTRO + " Salla Sallan pilotin kärkenä oli perheiden kuuleminen. 4 Yhteenveto "
            "Pilottien jälkeen järjestettiin ammattilaisille koulutusaamupäivä Lapset puheeksi "
            "-menetelmästä.")
    subjects = {s for s, p, _ in statuses(pipeline, text) if p == "trained"}
    assert subjects and "Salla" not in subjects


def test_a_markdown_subheading_keeps_the_actor_of_its_parent(pipeline, reference):
    text = ("# Loppuraportti\n\n" + INTRO + "\n\n## Kolari\n\nKunnan pilotin kärkenä oli "
            "palveluohjaus.\n\n### Koulutukset\n\nPilotin aikana järjestettiin ammattilaisille "
            "koulutusaamupäivä Lapset puheeksi -menetelmästä.")
    assert ("Kolari", "trained", method_of(reference, "Lapset puheeksi")) in statuses(
        pipeline, text)


def test_a_sentence_opening_with_an_adverb_before_a_name_opens_no_section(pipeline, reference):
    # "Lisäksi Sallassa ..." is a sentence, and "Sallassa" is no base form of a heading.
    text = (INTRO + " Lisäksi Sallassa kuultiin perheitä.\n\nPilottien jälkeen järjestettiin "
            "ammattilaisille koulutusaamupäivä Lapset puheeksi -menetelmästä. Koulutuksen "
            "palaute kerättiin kyselyllä, ja sen tulokset käsiteltiin maakunnan työryhmässä.")
    subjects = {s for s, p, _ in statuses(pipeline, text) if p == "trained"}
    assert subjects and not subjects & {"Salla", "Pelkosenniemi"}
