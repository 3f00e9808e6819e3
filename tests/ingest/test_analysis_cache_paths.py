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
