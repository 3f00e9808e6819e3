"""A project a document names in several ways: one entity, its other names as skos:altLabel."""

from rdflib import SKOS, Literal

from graph.triples import TripleMaker
from ingest.records import AnalysedDocument, Document, DocumentMeta
from ontology.iris import IriMinter


def test_a_merged_projects_other_names_are_alt_labels_beside_one_pref_label():
    minter = IriMinter("https://example.org/id/")
    doc = Document("d", "d.txt", "Pirkanmaan LAPE-hankkeessa Pippurissa", "T", "txt", "0",
                   DocumentMeta())
    ad = AnalysedDocument(doc, (), (), (), (("Project", "pirkanmaan-lape", "Pippuri"),),
                          (("Project", "pirkanmaan-lape", "Pirkanmaan LAPE"),))
    quads = list(TripleMaker(minter).document_quads(ad))
    project = minter.project("pirkanmaan-lape")
    assert [o for s, p, o, _ in quads if s == project and p == SKOS.prefLabel] == [
        Literal("Pippuri", lang="fi")]
    assert [o for s, p, o, _ in quads if s == project and p == SKOS.altLabel] == [
        Literal("Pirkanmaan LAPE", lang="fi")]
