"""Helpers for tests (not fixtures)."""

from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def make_pdf(text_lines: list[str]) -> bytes:
    """A minimal one-page PDF with a text layer (Helvetica, Latin-1 text)."""
    content = "BT /F1 12 Tf 50 750 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in text_lines) + " ET"
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)



def subjects(store) -> set[str]:
    """IRIs of all subjects (blank nodes have no stable identity to compare)."""
    return {str(r.s) for r in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER isIRI(?s) }")}


def passage_hit(text: str, entities=(), pid: int = 0,  # type: ignore[no-untyped-def]
                title: str = "title", region=None, similarity: float | None = None):
    """A search hit on one stored passage of document "doc", for the answer and reading layers'
    unit tests (no build)."""
    from search.records import Hit, StoredPassage

    passage = StoredPassage(pid, "doc", pid, 0, len(text), text, title, (), tuple(entities),
                            region)
    return Hit(passage, 0.0) if similarity is None else Hit(passage, 0.0, {}, similarity)


class TableEncoder:
    """A fake encoder: vectors looked up by text; unknown texts get a vector far from everything."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = table

    def encode_labels(self, texts):  # type: ignore[no-untyped-def]  # noqa: ANN001
        import numpy as np

        rows = [np.array(self.table.get(t, [0.0, 0.0, 0.0, 1.0])) for t in texts]
        return np.stack([r / np.linalg.norm(r) for r in rows])


# A first paragraph that gives a test document its project and region (Lappi).
REGIONAL = "Revontuli-hanke kehitti lapsiperheiden palveluja Lapissa.\n\n"


def result_quantities(pipeline, text: str) -> set[float]:  # type: ignore[no-untyped-def]
    """The quantities of the results the pipeline reads from REGIONAL + text."""
    from ingest.records import Document, DocumentMeta

    doc = Document("testi", "testi.txt", REGIONAL + text, "Testi", "txt", "0",
                   DocumentMeta(region="Lappi"))
    return {float(dict(f.extra)["quantity"]) for f in pipeline.analyse(doc).facts
            if f.predicate == "hasResult" and "quantity" in dict(f.extra)}
