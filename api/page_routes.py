"""/: the search page (one box; answers with evidence, a region map, passages with facets)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from api.i18n import LANGS
from api.pages import lang_of, render
from graph.statuses import STATUSES

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    from api.region_map import region_map_svg

    services = request.app.state.services
    lang = lang_of(request)
    # Where municipalities and organisations lie, so answers about them colour their region.
    region_of = {f"{e.kind.lower()}/{e.key}": e.region_code
                 for e in services.reference.entities
                 if e.kind in ("Municipality", "Organisation") and e.region_code}
    return render(request, "search.html",
                  region_map=region_map_svg(services.reference, services.minter, lang),
                  region_of=json.dumps(region_of, separators=(",", ":")),
                  q=request.query_params.get("q", ""), statuses=STATUSES,
                  page_words={"types": type_labels(lang), "stopwords": stopwords(lang),
                              "statuses": {s.key: s.label(lang) for s in STATUSES},
                              "status_order": [s.key for s in STATUSES]})


STOPWORDS = Path(__file__).parent / "highlight_stopwords.txt"


@lru_cache(maxsize=2)
def stopwords(lang: str, path: Path = STOPWORDS) -> list[str]:
    """Words of a question that passages never highlight (question words, copulas)."""
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *rest = line.split()
            if code == lang:
                words.update(w.lower() for w in rest)
    return sorted(words)


def type_labels(lang: str) -> dict[str, str]:
    from api.vocabulary import class_labels

    return dict(class_labels(lang))


_OWL = "http://www.w3.org/2002/07/owl#"
_TERM_KINDS = {"classes": ("Class",), "properties": ("ObjectProperty", "DatatypeProperty")}


@router.get("/api/sparql-editor")
def sparql_editor_config(request: Request) -> dict[str, object]:
    """What the SPARQL editor completes: the ontology's prefixes (and `id:` for our entity
    IRIs), its classes and its properties (full IRIs; the editor writes them prefixed)."""
    import pyoxigraph as ox

    from graph.sparql import PREFIXES

    settings = request.app.state.settings
    prefixes = {**PREFIXES, "id": settings.base_iri}
    store = request.app.state.graph.store
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

    terms: dict[str, list[str]] = {}
    for key, kinds in _TERM_KINDS.items():
        found = {q.subject.value for kind in kinds
                 for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(_OWL + kind), None)
                 if isinstance(q.subject, ox.NamedNode)}
        terms[key] = sorted(found)
    return {"prefixes": prefixes, **terms}


class LabelsRequest(BaseModel):
    iris: list[str] = Field(max_length=500)
    lang: str = "fi"


@router.post("/api/labels")
def labels(request: Request, body: LabelsRequest) -> dict[str, str]:
    """Each entity's preferred label in the page's language (facets, answers, type badges)."""
    from graph.labels import preferred_labels

    if body.lang not in LANGS:
        raise HTTPException(400, f"unknown lang {body.lang!r}; choose one of {', '.join(LANGS)}")
    return preferred_labels(request.app.state.graph.store, body.iris, body.lang)
