"""The pages' words in Finnish (default) and English, and how a request picks its language."""

from __future__ import annotations

from typing import Any

LANGS = ("fi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "fi": {
        "site": "LAPE-tietoverkko",
        "tagline": "Lapsi- ja perhepalvelujen muutosohjelman raportit kysyttävinä",
        "nav_search": "Haku", "nav_sparql": "SPARQL", "nav_data": "Aineisto",
        "nav_api": "API", "switch": "In English", "switch_lang": "en",
        "placeholder": "Kysy tai hae, esim. missä maakunnissa kokeiltiin perhekeskusmallia?",
        "search": "Hae", "searching": "Haetaan…", "error": "Haku epäonnistui",
        "answers": "Vastaus", "no_answer": "Tietoverkosta ei löytynyt suoraa vastausta; "
                                            "alla parhaiten sopivat tekstikappaleet.",
        "evidence": "näyttö", "source": "lähde", "document": "dokumentti",
        "passages": "Tekstikappaleet", "facets": "Rajaa",
        "facet_region": "Maakunta", "facet_method": "Toimintamalli",
        "facet_organisation": "Organisaatio", "facet_year": "Vuosi",
        "facet_document": "Dokumentti", "clear_filters": "Poista rajaukset",
        "map": "Kartta", "map_answer": "vastauksessa (tila ei tiedossa)",
        "map_passages": "mainitaan kappaleissa",
        "map_none": "ei osumia",
        "map_note": "Kaaviokartta: jokainen ruutu on maakunta suunnilleen paikallaan.",
        "examples": "Esimerkkejä",
        "same_passage": "sama kappale kuin vastauksessa {n}", "from_graph": "tietoverkosta",
        "from_text": "tekstistä", "statuses_of": "Tilat",
        "status_unknown": "tila ei tiedossa",
        "ex1": "Missä maakunnissa kokeiltiin perhekeskusmallia?",
        "ex2": "Kuka oli muutosagentti Keski-Pohjanmaalla?",
        "ex3": "Paljonko rahoitusta KP LAPE sai?",
        "results_count": "kappaletta",
        "label": "Nimi", "type": "Tyyppi", "codes": "Tunnukset", "labels": "Nimet",
        "properties": "Ominaisuudet", "links": "Yhteydet", "incoming": "Viittaukset tähän",
        "facts": "Väitteet ja niiden lähteet", "confidence": "varmuus",
        "graphs": "Nimetyt graafit", "download": "Lataa", "text": "Teksti",
        "more": "lisää", "not_found": "Tuntematon tunniste",
        "query": "Kysely", "run": "Suorita", "example_queries": "Esimerkkikyselyt",
        "results": "Tulokset", "rows": "riviä", "format": "Muoto",
        "sparql_help": "SPARQL 1.1 -kysely koko aineistoon (oletusgraafi on kaikkien "
                       "nimettyjen graafien yhdiste). Ctrl+Enter suorittaa, Ctrl+Space "
                       "täydentää etuliitteet ja termit.",
        "nav_matrix": "Matriisi",
        "matrix_title": "Toimintamallit maakunnittain",
        "matrix_help": "Jokaisen toimintamallin vahvin tila jokaisessa maakunnassa, kuten "
                       "raportit sen kertovat. Ruutu vie näyttöön; vie osoitin ruudun päälle "
                       "nähdäksesi kaikki tilat.",
        "matrix_empty": "Tietoverkossa ei ole yhtään toimintamallin tilaa.",
        "evidence_title": "Näyttö ruuduittain",
        "status": "Tila", "statuses_legend": "Tilat",
        "editor_needs_js": "Kyselyeditori tarvitsee JavaScriptin; alla tavallinen lomake.",
        "editor_missing": "Kyselyeditoria (YASGUI) ei ole asennettu: aja `make setup`. "
                          "Sillä välin tavallinen lomake toimii.",
        "error_at": "Virhe rivillä {line}, sarakkeessa {column}:",
    },
    "en": {
        "site": "LAPE knowledge graph",
        "tagline": "Reports of Finland's child and family services reform, answerable",
        "nav_search": "Search", "nav_sparql": "SPARQL", "nav_data": "Dataset",
        "nav_api": "API", "switch": "Suomeksi", "switch_lang": "fi",
        "placeholder": "Ask or search, e.g. which regions piloted the family centre model?",
        "search": "Search", "searching": "Searching…", "error": "The search failed",
        "answers": "Answer", "no_answer": "The graph holds no direct answer; these are the "
                                          "best matching passages.",
        "evidence": "evidence", "source": "source", "document": "document",
        "passages": "Passages", "facets": "Filter",
        "facet_region": "Region", "facet_method": "Working model",
        "facet_organisation": "Organisation", "facet_year": "Year",
        "facet_document": "Document", "clear_filters": "Clear filters",
        "map": "Map", "map_answer": "in the answer (status unknown)",
        "map_passages": "named in passages",
        "map_none": "no hits",
        "map_note": "Schematic map: each tile is a region, roughly where it lies.",
        "examples": "Examples",
        "same_passage": "same passage as in answer {n}", "from_graph": "from the graph",
        "from_text": "from the text", "statuses_of": "Statuses",
        "status_unknown": "status unknown",
        "ex1": "Which regions piloted the family centre model?",
        "ex2": "Who was the change agent in Central Ostrobothnia?",
        "ex3": "How much funding did KP LAPE get?",
        "results_count": "passages",
        "label": "Name", "type": "Type", "codes": "Codes", "labels": "Labels",
        "properties": "Properties", "links": "Links", "incoming": "Referred to by",
        "facts": "Statements and their sources", "confidence": "confidence",
        "graphs": "Named graphs", "download": "Download", "text": "Text",
        "more": "more", "not_found": "Unknown identifier",
        "query": "Query", "run": "Run", "example_queries": "Example queries",
        "results": "Results", "rows": "rows", "format": "Format",
        "sparql_help": "A SPARQL 1.1 query over the whole dataset (the default graph is the "
                       "union of all named graphs). Ctrl+Enter runs it, Ctrl+Space completes "
                       "prefixes and terms.",
        "nav_matrix": "Matrix",
        "matrix_title": "Working models by region",
        "matrix_help": "Each working model's strongest status in each region, as the reports "
                       "tell it. A cell opens its evidence; hover over it for every status.",
        "matrix_empty": "The graph holds no status of any working model.",
        "evidence_title": "Evidence per cell",
        "status": "Status", "statuses_legend": "Statuses",
        "editor_needs_js": "The query editor needs JavaScript; the plain form is below.",
        "editor_missing": "The query editor (YASGUI) is not installed: run `make setup`. "
                          "Meanwhile the plain form works.",
        "error_at": "Error at line {line}, column {column}:",
    },
}


def pick_lang(query_lang: str | None, cookie_lang: str | None) -> str:
    """?lang= wins, then the choice remembered in a cookie; Finnish by default."""
    for lang in (query_lang, cookie_lang):
        if lang in LANGS:
            return lang  # type: ignore[return-value]
    return "fi"


def messages(lang: str) -> dict[str, Any]:
    return MESSAGES.get(lang, MESSAGES["fi"])
