"""A planner types a question into the search page in a real browser and reads the answer with
its statuses; a researcher runs a query in the SPARQL editor and follows an IRI; the matrix
links to evidence; facets and the language switch work. Headless Chromium via Playwright."""

import json
import re

import pytest

pytestmark = pytest.mark.browser

QUESTION = "Missä maakunnissa kokeiltiin perhekeskusmallia?"
STATUS_FILL = {"implemented": "rgb(20, 99, 58)", "piloted": "rgb(31, 111, 191)"}
LEVEL_4_FILL = "rgb(63, 75, 94)"


def ask(page, url, question, lang=None):
    page.goto(url + "/" + (f"?lang={lang}" if lang else ""))
    page.fill("#q", question)
    page.press("#q", "Enter")
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)


def with_statuses(page):
    """Serve /api/ask as the answerer does, with the first answer's statuses filled in as the
    shared contract says when the answerer has not (a UI test of the contract, not of it)."""
    def handle(route):
        response = route.fetch()
        body = response.json()
        first = body["answers"][0]
        if not first.get("statuses"):
            passage = first["evidence"][0]["passage"]
            first["statuses"] = [
                {"status": "implemented", "year": 2018, "evidence": [passage]},
                {"status": "trained", "year": None, "evidence": [passage]}]
        route.fulfill(response=response, body=json.dumps(body))
    page.route("**/api/ask?*", handle)


def test_an_answer_shows_its_statuses_and_colours_its_region(page, server_url):
    with_statuses(page)
    ask(page, server_url, QUESTION)
    first = page.locator("#answers li.answer").nth(0)
    chips = first.locator(".status-chip")
    assert chips.all_inner_texts()[:2] == ["käytössä 2018", "koulutettu"]
    assert page.locator("#answers li.tier").first.inner_text().lower() == "käytössä"
    assert first.locator(".type").inner_text() == "maakunta"
    label = first.locator(".answer-label").inner_text()
    tile = page.locator(f"#region-map .tile[data-name-fi='{label}']")
    assert tile.get_attribute("data-status") == "implemented"
    assert tile.locator("rect").evaluate("r => getComputedStyle(r).fill") == \
        STATUS_FILL["implemented"]
    assert page.locator("#map-legend .swatch[class*='status-']").count() == 6
    href = chips.nth(0).get_attribute("href")
    assert href.startswith("/id/document/") and "/passage/" in href
    assert page.errors == []


def test_an_answer_quotes_a_passage_once_and_marks_no_question_words(page, server_url):
    ask(page, server_url, QUESTION)
    answers = page.locator("#answers li.answer")
    assert answers.count() >= 1
    assert answers.nth(0).locator("blockquote.evidence mark").count() >= 1
    quotes = page.locator("#answers blockquote.evidence").all_inner_texts()
    assert len(quotes) == len(set(quotes))
    marked = {m.lower().strip(".,:;") for m in page.locator("#passages mark").all_inner_texts()}
    assert marked and "missä" not in marked
    assert page.errors == []


def test_the_map_colours_the_regions_in_the_answer(page, server_url):
    ask(page, server_url, QUESTION)
    labels = page.locator("#answers .answer-label").all_inner_texts()
    coloured = page.eval_on_selector_all(
        "#region-map .tile[data-level='4']", "tiles => tiles.map(t => t.dataset.nameFi)")
    assert coloured and set(coloured) <= set(labels)
    assert page.locator("#region-map .tile").count() == 19
    tile = page.locator("#region-map .tile[data-level='4']").first
    status = tile.get_attribute("data-status")
    fill = tile.locator("rect").evaluate("r => getComputedStyle(r).fill")
    assert fill == (STATUS_FILL.get(status, fill) if status else LEVEL_4_FILL)


def test_facets_group_by_entity_and_filter_the_passages(page, server_url):
    ask(page, server_url, QUESTION)
    total = page.locator("#passages li.passage").count()
    assert total > 1
    assert "built-in method" not in page.inner_text("#facets")
    regions = page.locator("fieldset[data-facet='region'] label")
    names = [n.strip() for n in regions.locator(".facet-label").all_inner_texts()]
    assert names and len(names) == len(set(names))
    assert all(not re.match(r"https?://", n) for n in names)
    value = regions.nth(0).locator("input").get_attribute("value")
    assert value.startswith("https://w3id.org/lapekg/id/region/")
    regions.nth(0).locator("input").check()
    shown = page.locator("#passages li.passage").count()
    assert 0 < shown <= total
    assert page.inner_text("#clear-facets") == "Poista rajaukset"
    page.click("#clear-facets")
    assert page.locator("#passages li.passage").count() == total


def test_the_english_page_speaks_english_next_to_its_map(page, server_url):
    page.goto(server_url + "/")
    assert page.inner_text("#search-button") == "Hae"
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#search-button") == "Search"
    ask(page, server_url, QUESTION, lang="en")
    first = page.locator("#answers li.answer").nth(0)
    assert first.locator(".type").inner_text() == "region"
    english = set(page.eval_on_selector_all("#region-map .tile",
                                            "ts => ts.map(t => t.dataset.nameEn)"))
    labels = page.locator("#answers .answer-label").all_inner_texts()
    assert labels and set(labels) <= english
    page.goto(server_url + "/?lang=fi")  # back to Finnish, and the choice is remembered again
    assert page.get_attribute("html", "lang") == "fi"


def test_an_answer_links_to_its_entity_page(page, server_url):
    ask(page, server_url, QUESTION)
    label = page.locator("#answers .answer-label").first.inner_text()
    page.locator("#answers a.answer-label").first.click()
    page.wait_for_selector("#entity-label")
    assert page.inner_text("#entity-label") == label
    assert page.locator("#facts li.fact").count() >= 1
    assert page.errors == []


def test_the_matrix_shows_statuses_at_a_glance_and_opens_the_evidence(page, server_url):
    page.goto(server_url + "/matrix")
    cells = page.locator("#matrix td.cell[data-status]")
    assert cells.count() >= 5
    assert page.locator("#matrix thead th.region").count() == 19
    cell = cells.nth(0)
    status = cell.get_attribute("data-status")
    assert cell.evaluate("c => getComputedStyle(c).backgroundColor") != "rgba(0, 0, 0, 0)"
    cell.locator("a").click()
    anchor = page.evaluate("location.hash")[1:]
    evidence = page.locator(f"dt#{anchor} + dd")
    assert evidence.locator(f".status-chip.status-{status}").count() == 1
    evidence.locator("a").first.click()
    page.wait_for_selector("#entity-label")
    assert "/passage/" in page.url
    assert page.errors == []


def _editor(page):
    return "document.querySelector('.tabPanel.active .CodeMirror').CodeMirror"


def test_the_editor_runs_a_typed_query_into_a_table_with_local_iri_links(page, server_url):
    page.goto(server_url + "/sparql")
    page.wait_for_selector("body[data-editor=yasgui]")
    page.evaluate("localStorage.clear()")
    query = ("PREFIX lape: <https://w3id.org/lapekg/ontology#>\n"
             "SELECT ?region WHERE { ?region a lape:Region } ORDER BY ?region")
    page.evaluate(f"{_editor(page)}.setValue({json.dumps(query)})")
    page.locator(".tabPanel.active .CodeMirror textarea").focus()
    page.keyboard.press("Control+Enter")
    rows = page.locator(".tabPanel.active .yasr table.dataTable tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() == 19
    link = page.locator(".tabPanel.active .yasr a.iri").first
    assert link.inner_text().startswith("id:region/")
    assert link.get_attribute("href").startswith("/id/region/")
    link.click()
    page.wait_for_selector("#entity-label")
    assert "/id/region/" in page.url
    assert page.errors == []


def test_an_example_opens_as_a_tab_and_a_parse_error_is_marked_where_it_is(page, server_url):
    page.on("console", lambda m: None)
    page.goto(server_url + "/sparql")
    page.wait_for_selector("body[data-editor=yasgui]")
    page.click("button.example-query[data-key='documents-by-region']")
    page.locator(".tabPanel.active .yasr table.dataTable tbody tr").first.wait_for(
        timeout=30_000)
    assert page.locator(".tabPanel.active .yasr table.dataTable tbody tr").count() == 5
    assert page.locator(".tabsList .tab.active").inner_text().strip().startswith("Dokumentit")
    page.evaluate(f"{_editor(page)}.setValue('SELECT ?x WHERE {{\\n ?x ?y\\n}}}}')")
    page.locator(".tabPanel.active .CodeMirror textarea").focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#sparql-error-position:not([hidden])")
    assert re.search(r"rivillä 3, sarakkeessa \d+", page.inner_text("#sparql-error-position"))
    assert page.locator(".tabPanel.active .server-error-line").count() == 1
    assert page.locator(".tabPanel.active .server-error").count() == 1
    # The 400 itself is logged by Chromium; nothing else may fail.
    assert [e for e in page.errors if "400" not in e] == []


def test_the_editor_page_works_without_the_network(page, server_url):
    blocked = []
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1).*"),
               lambda route: (blocked.append(route.request.url), route.abort()))
    page.goto(server_url + "/sparql")
    page.wait_for_selector("body[data-editor=yasgui]")
    page.goto(server_url + "/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=30_000)
    assert blocked == []
