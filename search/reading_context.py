"""The context a passage is read in: the projects its document names (for a passage that does not
repeat them), its words with the glossary's Finnish where it is in English or Swedish, and whether
a candidate's sentence is about another municipality than the one asked."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from ingest.language import detect_language
from search.glossary import Glossary
from search.reading_found import _label_span
from search.reading_words import _found, _word_index
from search.records import EntityRef, Hit, StoredPassage

MUNICIPALITIES = (Path(__file__).resolve().parent.parent / "ontology" / "reference"
                  / "municipalities.csv")


def town_names(path: Path = MUNICIPALITIES) -> dict[str, list[str]]:
    """A municipality's Finnish name (casefolded) → its Swedish and English names where they
    differ ('loviisa' → ['Lovisa']): a Swedish sentence names the town asked in Finnish."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise ValueError(f"{path}: cannot read the municipalities ({e}); restore the file "
                         "from git") from e
    out: dict[str, list[str]] = {}
    for row in rows:
        fi = (row.get("name_fi") or "").strip()
        others = {(row.get(k) or "").strip() for k in ("name_sv", "name_en")} - {"", fi}
        if fi and others:
            out[fi.casefold()] = sorted(others)
    return out


class PassageContext:
    """What a passage is read with beside its own text; `glossary` and `_projects` come from
    search.reading.Reader."""

    glossary: Glossary
    _projects: dict[str, set[EntityRef]]
    _heads: dict[str, set[EntityRef]]
    _towns: dict[str, EntityRef] = {}

    def index_documents(self, passages: Iterable[StoredPassage]) -> None:
        """Remember the projects each document names, and the bodies its first passage names,
        for passages that do not repeat them."""
        projects: dict[str, set[EntityRef]] = {}
        heads: dict[str, set[EntityRef]] = {}
        towns: dict[str, set[EntityRef]] = {}
        for p in passages:
            projects.setdefault(p.doc_key, set()).update(
                e for e in p.entities if e.kind == "Project")
            if p.index == 0:
                heads[p.doc_key] = {e for e in p.entities if e.kind == "Organisation"}
                towns[p.doc_key] = {e for e in p.entities if e.kind == "Municipality"}
        self._projects = projects
        self._heads = heads
        self._towns = {doc: next(iter(named)) for doc, named in towns.items() if len(named) == 1}

    def document_town(self, hit: Hit) -> EntityRef | None:
        """The one municipality the document's first passage names (whose minutes or page it
        is: 'KUOPION KAUPUNKI Kaupunginhallitus'), for a passage naming no municipality itself;
        None when the first passage names none or several."""
        if any(e.kind == "Municipality" for e in hit.passage.entities):
            return None
        return self._towns.get(hit.passage.doc_key)

    def _document_body(self, hit: Hit) -> set[EntityRef]:
        """The bodies the document's first passage names (whose page or minutes it is) when
        the passage names no body itself: a contact list of Soite's page is Soite's."""
        if any(e.kind == "Organisation" for e in hit.passage.entities):
            return set()
        return self._heads.get(hit.passage.doc_key, set())

    def _document_project(self, hit: Hit) -> set[EntityRef]:
        """The projects of the passage's document when the passage names no project itself."""
        if any(e.kind == "Project" for e in hit.passage.entities):
            return set()
        return self._projects.get(hit.passage.doc_key, set())

    def _words_of(self, text: str) -> list[tuple[int, str]]:
        """A passage's words; one in English or Swedish (a summary for partners abroad) also
        holds the Finnish of the phrases the glossary translates, where they stand, so that it
        is read by the question's Finnish words like any other passage."""
        words = _word_index(text)
        if detect_language(text) == "fi":
            return words
        return sorted(words + self.glossary.located(text))

    @staticmethod
    def _elsewhere(hit: Hit, said: str, places: Sequence[tuple[EntityRef, list[str]]]) -> int:
        """1 when a candidate's sentence is about another municipality than the one asked:
        it names a municipality linked in the passage and none of the question's ('Raumalla
        koulutettiin 40' for a question about Pori, though Pori is in the paragraph)."""
        if not places:
            return 0
        words = _word_index(said)
        if any(all(_found(words, [s]) for s in g) for _, g in places):
            return 0
        asked = {e for e, _ in places}
        return int(any(e.kind == "Municipality" and e not in asked
                       and _label_span(said, e.label) is not None
                       for e in hit.passage.entities))
