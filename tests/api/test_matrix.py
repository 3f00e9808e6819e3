"""/matrix and /api/matrix: every working model's status in every region, linked to evidence."""

import csv
import io
import re

from graph.statuses import RANK, STATUSES


def test_each_cell_holds_its_statuses_strongest_first_with_passages(api):
    body = api.get("/api/matrix").json()
    assert body["statuses"] == [s.key for s in STATUSES]
    assert len(body["regions"]) == 19 and body["methods"] and body["cells"]
    for cell in body["cells"]:
        ranks = [RANK[s["status"]] for s in cell["statuses"]]
        assert ranks == sorted(ranks) and cell["status"] == cell["statuses"][0]["status"]
        for s in cell["statuses"]:
            assert s["evidence"] and all("/passage/" in p for p in s["evidence"])


def test_the_evidence_of_a_cell_is_a_passage_that_exists(api):
    cell = api.get("/api/matrix").json()["cells"][0]
    passage = cell["statuses"][0]["evidence"][0]
    page = api.get("/id/" + passage.split("/id/", 1)[1], headers={"Accept": "text/html"})
    assert page.status_code == 200


def test_the_csv_has_one_row_per_region_model_and_status(api):
    body = api.get("/api/matrix").json()
    response = api.get("/api/matrix?format=csv&lang=en")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == sum(len(c["statuses"]) for c in body["cells"])
    assert {"region_label", "method_label", "status", "year", "evidence"} <= set(rows[0])
    assert "North Karelia" in {r["region_label"] for r in rows}


def test_an_unknown_format_names_the_valid_ones(api):
    response = api.get("/api/matrix?format=xlsx")
    assert response.status_code == 400 and "json, csv" in response.json()["detail"]


def test_the_page_links_every_cell_to_its_evidence_and_has_a_legend(api):
    html = api.get("/matrix?lang=en").text
    api.cookies.clear()
    anchors = re.findall(r'<td class="cell status-\w+"[^>]*><a href="#([^"]+)"', html)
    assert anchors
    for anchor in anchors:
        assert f'<dt id="{anchor}">' in html
    for s in STATUSES:
        assert f'status-chip status-{s.key}">{s.abbr("en")}</span> {s.label("en")}' in html
