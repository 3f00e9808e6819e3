"""Robustness helpers: bad input files, and checks that a data dir's live build is whole."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from tests_support import make_pdf

FINNISH = ("Kainuun perhekeskuksessa kokeiltiin omatyöntekijämallia vuonna 2018. Hankkeessa oli "
           "mukana kahdeksan kuntaa. Perhevalmennus uudistettiin ja vanhemmille tarjottiin "
           "vertaisryhmiä. ")
ENGLISH = ("The region of Kainuu piloted a named-worker model in 2018. Eight municipalities took "
           "part and the family centre was opened in Kajaani. ")
SWEDISH = ("Familjecentret i Vasa öppnade år 2018. Barn och familjer har fått stöd av en ansvarig "
           "arbetare, och kommunerna i Österbotten deltog i projektet. ")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def encrypted_pdf(password: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(["Salainen raportti perhekeskuksesta."])))
    writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# name -> (bytes, expected outcome: "failed" or "added", a phrase the report gives for it or None)
def bad_batch() -> dict[str, tuple[bytes, str, str | None]]:
    pdf = make_pdf(["Hankkeen rahoitus oli 759 952 euroa.", "Perhekeskus aloitti Hartolassa."])
    deep = 100_000
    return {
        "tyhja.txt": (b"", "failed", "file is empty"),
        "roskaa.pdf": (bytes(range(256)) * 40, "failed", "not a readable PDF"),
        "katkennut.pdf": (pdf[: len(pdf) // 2], "failed", "not a readable PDF"),
        "salattu.pdf": (encrypted_pdf("salasana"), "failed", "password-protected PDF"),
        "latin1.txt": (("Päijät-Hämeen perhekeskus: " + FINNISH).encode("latin-1"), "added", None),
        "utf16.txt": (("Pohjois-Savon perhekeskus: " + FINNISH).encode("utf-16"), "added", None),
        "syva.html": (("<html><body>" + "<div>" * deep + f"<p>{FINNISH}</p>" + "</div>" * deep
                       + "</body></html>").encode(), "added", "read as plain text"),
        "english.md": (("# Family centres in Kainuu\n\n" + ENGLISH * 3).encode(), "added",
                       "detected language 'en'"),
        "svenska.txt": ((SWEDISH * 3).encode(), "added", "detected language 'sv'"),
        "hyva.txt": ((FINNISH * 3).encode(), "added", None),
    }


def write_bad_batch(directory: Path) -> dict[str, tuple[str, str | None]]:
    directory.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, outcome, phrase) in bad_batch().items():
        (directory / name).write_bytes(data)
        expected[name] = (outcome, phrase)
    return expected


@dataclass(frozen=True)
class LiveState:
    generation: str
    count: int
    passages: int
    documents: frozenset[str]


def live_state(data: Path) -> LiveState:
    """The live generation, checked whole: COMPLETE, store and files agree with build.json."""
    from graph.store import GraphStore

    name = (data / "CURRENT").read_text().strip()
    gen = data / "generations" / name
    assert (gen / "COMPLETE").exists(), f"CURRENT names an incomplete generation {name}"
    info = json.loads((gen / "build.json").read_text())
    store = GraphStore(gen / "store", read_only=True)
    try:
        assert len(store) == info["triples"]
        count = int(next(iter(store.query(COUNT))).n)
    finally:
        store.close()
    with (gen / "passages.jsonl").open(encoding="utf-8") as handle:
        passages = sum(1 for line in handle if line.strip())
    assert passages == info["passages"]
    documents = json.loads((gen / "documents.json").read_text())
    assert len(documents) == info["documents"]
    return LiveState(name, count, passages, frozenset(documents))


def search_works(settings, encoder) -> None:  # type: ignore[no-untyped-def]
    from api.components import load_services

    services = load_services(settings, encoder=encoder)
    try:
        assert services.searcher.search("perhekeskus Hartola", k=3)
    finally:
        services.close()


def leftovers(data: Path) -> list[str]:
    """Generation dirs that are not complete, and a stale pointer temp file."""
    gens = [p.name for p in (data / "generations").iterdir() if not (p / "COMPLETE").exists()]
    return gens + (["CURRENT.tmp"] if (data / "CURRENT.tmp").exists() else [])
