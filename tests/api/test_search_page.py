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
