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
