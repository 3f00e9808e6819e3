"""A planner types a question into the search page in a real browser and reads the answer;
a researcher runs an example query; pages follow links. Headless Chromium via Playwright."""

import pytest

pytestmark = pytest.mark.browser

QUESTION = "Missä maakunnissa kokeiltiin perhekeskusmallia?"


def ask(page, url, question):
    page.goto(url + "/")
    page.fill("#q", question)
    page.press("#q", "Enter")
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)


def test_typing_a_question_shows_regions_with_highlighted_evidence(page, server_url):
    ask(page, server_url, QUESTION)
    answers = page.locator("#answers li.answer")
    assert answers.count() >= 1
    first = answers.nth(0)
    assert first.locator(".type").inner_text() == "Region"
    assert first.locator("blockquote.evidence mark").count() >= 1
    assert "lähde" in first.locator(".source").first.inner_text()
    assert page.errors == []


def test_the_map_colours_the_regions_in_the_answer(page, server_url):
    ask(page, server_url, QUESTION)
    labels = page.locator("#answers .answer-label").all_inner_texts()
    coloured = page.eval_on_selector_all(
        "#region-map .tile[data-level='4']", "tiles => tiles.map(t => t.dataset.nameFi)")
    assert coloured and set(coloured) <= set(labels)
    assert page.locator("#region-map .tile").count() == 19
    fill = page.eval_on_selector("#region-map .tile[data-level='4'] rect",
                                 "r => getComputedStyle(r).fill")
    assert fill == "rgb(31, 111, 191)"


def test_facets_filter_the_passages(page, server_url):
    ask(page, server_url, QUESTION)
    total = page.locator("#passages li.passage").count()
    assert total > 1
    documents = page.locator("fieldset[data-facet='document'] input")
    assert documents.count() >= 1
    choice = documents.nth(0)
    title = choice.get_attribute("value")
    choice.check()
    shown = page.locator("#passages li.passage h3").all_inner_texts()
    assert 0 < len(shown) <= total and set(shown) == {title}
    page.click("#clear-facets")
    assert page.locator("#passages li.passage").count() == total


def test_the_english_switch_translates_the_page(page, server_url):
    page.goto(server_url + "/")
    assert page.inner_text("#search-button") == "Hae"
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#search-button") == "Search"
    page.click("#lang-switch")  # back to Finnish, and the choice is remembered again
    assert page.get_attribute("html", "lang") == "fi"


def test_an_answer_links_to_its_entity_page(page, server_url):
    ask(page, server_url, QUESTION)
    label = page.locator("#answers .answer-label").first.inner_text()
    page.locator("#answers a.answer-label").first.click()
    page.wait_for_selector("#entity-label")
    assert page.inner_text("#entity-label") == label
    assert page.locator("#facts li.fact").count() >= 1
    assert page.errors == []


def test_an_example_query_runs_on_the_sparql_page(page, server_url):
    page.goto(server_url + "/sparql")
    page.click("button.example-query[data-key='documents-by-region']")
    page.wait_for_selector("#result-table tbody tr")
    assert page.locator("#result-table tbody tr").count() == 5
    assert page.errors == []
    page.fill("#query", "SELEC nothing")
    page.click("#run")
    page.wait_for_selector("#sparql-error")
    assert "parse error" in page.inner_text("#sparql-error")
