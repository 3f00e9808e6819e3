"""The search page and the region map, as HTML (the browser tests drive them for real)."""

import re

from api.region_map import TILES, region_map_svg
from ontology.iris import IriMinter
from ontology.reference import load_reference


def test_the_search_page_is_finnish_with_an_english_switch(api):
    api.cookies.clear()
    fi = api.get("/").text
    assert '<html lang="fi">' in fi and ">Hae</button>" in fi
    assert 'id="lang-switch"' in fi and "lang=en" in fi
    en = api.get("/?lang=en")
    assert '<html lang="en">' in en.text and ">Search</button>" in en.text
    assert en.cookies.get("lang") == "en"
    api.cookies.clear()


def test_every_region_has_its_own_tile_named_from_the_reference_data():
    reference = load_reference()
    codes = {e.code for e in reference.entities if e.kind == "Region"}
    assert set(TILES) == codes and len(codes) == 19
    assert len(set(TILES.values())) == len(TILES)
    svg = region_map_svg(reference, IriMinter(), "en")
    assert len(re.findall(r'class="tile"', svg)) == 19
    assert 'data-name-en="South Karelia"' in svg and "Lapland" in svg
    assert 'href="/id/region/19"' in svg


def test_the_page_carries_the_map(api):
    page = api.get("/").text
    assert page.count('class="tile"') == 19 and "Pohjois-Karjala" in page


def _page_data(html: str) -> dict:
    import json

    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def test_the_map_legend_names_every_status_in_the_pages_language(api):
    fi = api.get("/?lang=fi").text
    en = api.get("/?lang=en").text
    api.cookies.clear()
    for word in ("käytössä", "kehitteillä", "kokeiltu", "koulutettu", "suunniteltu", "luotu"):
        assert word in fi
    for word in ("in use", "developing", "piloted", "trained", "planned", "created"):
        assert word in en
    assert fi.count('class="swatch status-') == 6


def test_type_badges_and_question_words_come_in_the_pages_language(api):
    fi = _page_data(api.get("/?lang=fi").text)["words"]
    en = _page_data(api.get("/?lang=en").text)["words"]
    api.cookies.clear()
    assert fi["types"]["Region"] == "maakunta" and en["types"]["Region"] == "region"
    assert fi["types"]["Amount"] == "rahamäärä"
    assert {"mitä", "tehtiin", "missä"} <= set(fi["stopwords"])
    assert "perhekeskusmallia" not in fi["stopwords"]
    assert fi["status_order"][:3] == ["implemented", "developing", "piloted"]


def test_entities_get_one_preferred_label_in_the_pages_language(api):
    region = "https://w3id.org/lapekg/id/region/12"
    en = api.post("/api/labels", json={"iris": [region, "not an iri"], "lang": "en"})
    fi = api.post("/api/labels", json={"iris": [region], "lang": "fi"})
    assert en.json() == {region: "North Karelia"} and fi.json() == {region: "Pohjois-Karjala"}
    bad = api.post("/api/labels", json={"iris": [region], "lang": "sv"})
    assert bad.status_code == 400 and "fi, en" in bad.json()["detail"]


def test_the_funding_example_lists_each_project_and_amount_once(api):
    import csv
    import io

    from api.sparql_examples import EXAMPLES

    query = next(e.query for e in EXAMPLES if e.key == "funding-per-project")
    body = api.post("/sparql?format=csv", data={"query": query}).text
    rows = list(csv.DictReader(io.StringIO(body)))
    keys = [(r["project"], r["amount"]) for r in rows]
    assert rows and len(keys) == len(set(keys))
    national = [r for r in rows if r["project"].endswith("/project/lape")]
    assert len(national) == 1
