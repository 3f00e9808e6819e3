"""The analysis cache finds a document's analysis wherever its file lies now: a corpus copied or
moved to another folder is not analysed again, and the analysis names the new path."""

from __future__ import annotations

from ingest.analysis_cache import AnalysisCache
from ingest.records import AnalysedDocument, Document


def _document(path: str, text: str = "Kainuu kokeili perhekeskusta.") -> Document:
    return Document(key="kainuu", path=path, text=text, title="Kainuu", fmt="txt",
                    sha1=str(hash(text)))


def test_a_moved_document_finds_its_analysis_under_its_new_path(tmp_path):
    cache = AnalysisCache(tmp_path, "code-1")
    cache.put(AnalysedDocument(document=_document("/old/kainuu.txt"), passages=()))
    found = cache.get(_document("/new/kainuu.txt"))
    assert found is not None
    assert found.document.path == "/new/kainuu.txt"
    cache.close()


def test_missing_counts_the_documents_without_an_analysis_wherever_they_lie(tmp_path):
    cache = AnalysisCache(tmp_path, "code-1")
    cache.put(AnalysedDocument(document=_document("/old/kainuu.txt"), passages=()))
    changed = _document("/old/kainuu.txt", text="Kainuu avasi perhekeskuksen.")
    assert cache.missing([_document("/new/kainuu.txt")]) == 0
    assert cache.missing([_document("/new/kainuu.txt"), changed]) == 1
    assert AnalysisCache(tmp_path, "code-2").missing([_document("/old/kainuu.txt")]) == 1
    cache.close()
