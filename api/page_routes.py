"""/: the search page (one box; answers with evidence, a region map, passages with facets)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.pages import lang_of, render

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
                  q=request.query_params.get("q", ""))


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
