"""/matrix (page) and /api/matrix (JSON or CSV): every working model's status in every region."""

from __future__ import annotations

from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.pages import lang_of, render

router = APIRouter(tags=["Matrix"])

_FORMATS = {"json": "application/json", "csv": "text/csv"}


def _matrix(request: Request, lang: str) -> Any:
    from graph.matrix import build_matrix

    return build_matrix(request.app.state.graph.store, lang)


@router.get("/api/matrix", summary="Region × working model: each model's statuses per region",
            responses={200: {"content": {m: {} for m in _FORMATS.values()}},
                       400: {"description": "unknown format or language"}})
async def api_matrix(request: Request,
                     format: Annotated[str, Query(description="json or csv")] = "json",
                     lang: Annotated[str, Query(description="label language: fi or en")] = "fi",
                     ) -> Response:
    """Every (region, working model) pair the graph holds a status for: the strongest status,
    then every status (strongest first, order: implemented, developing, piloted, trained,
    planned, created) with its year where known and the passages that are its evidence."""
    import json

    if format not in _FORMATS:
        raise HTTPException(400, f"unknown format {format!r}; choose one of {', '.join(_FORMATS)}")
    if lang not in ("fi", "en"):
        raise HTTPException(400, f"unknown lang {lang!r}; choose fi or en")
    matrix = await anyio.to_thread.run_sync(lambda: _matrix(request, lang))
    if format == "csv":
        return Response(matrix.as_csv(), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="lapekg-matrix.csv"'})
    return Response(json.dumps(matrix.as_json(), ensure_ascii=False),
                    media_type="application/json")


@router.get("/matrix", response_class=HTMLResponse, include_in_schema=False)
async def matrix_page(request: Request) -> HTMLResponse:
    from graph.statuses import STATUSES

    lang = lang_of(request)
    matrix = await anyio.to_thread.run_sync(lambda: _matrix(request, lang))
    return render(request, "matrix.html", matrix=matrix, statuses=STATUSES,
                  by_key={s.key: s for s in STATUSES})
