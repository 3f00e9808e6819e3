"""Cleaning removes extraction noise and keeps the content."""

from ingest.cleaning import clean, cut_related_documents, join_broken_words, strip_page_numbers


def test_page_numbers_at_start_and_end_of_pages_are_removed():
    text = ("1 Otsikko ja tekijät\n\n2 Sisällys tässä 2\n\n3 Tausta: perhekeskus aloitti. 3"
            "\n\n4 Loppu 4")
    assert strip_page_numbers(text) == ("Otsikko ja tekijät\n\nSisällys tässä\n\n"
                                        "Tausta: perhekeskus aloitti.\n\nLoppu")


def test_numbered_paragraphs_without_a_run_are_kept():
    text = "2017 aloitettiin hanke.\n\n14 kuntaa osallistui."
    assert strip_page_numbers(text) == text


def test_related_documents_list_of_a_document_site_is_cut():
    text = ("Raportin viimeinen kappale.\n\nToinen dokumentti\n\nToinen dokumentti ote tekstistä"
            "\n\nLisätiedot\n\nKolmas\n\nKolmas ote\n\nLisätiedot")
    assert cut_related_documents(text) == "Raportin viimeinen kappale."


def test_a_single_lisatietoja_section_with_contacts_is_content():
    text = "Uutinen.\n\nLisätiedot\n\nhankejohtaja Maria Esimerkki, p. 029 123"
    assert cut_related_documents(text) == text


def test_navigation_and_breadcrumbs_are_dropped():
    raw = ("Hyppää sisältöön\nSoite ➔ Kehittämistoiminta ➔\n\nVarsinainen teksti alkaa.\n\n"
           "Sivun alkuun")
    assert clean(raw) == "Varsinainen teksti alkaa."


def test_words_broken_across_lines_are_joined_when_voikko_knows_the_word(voikko):
    assert join_broken_words("perhe-\npalvelut", voikko.is_word) == "perhepalvelut"
    assert join_broken_words("Päijät- Häme", voikko.is_word) == "Päijät-Häme"


def test_elliptic_hyphens_before_conjunctions_stay():
    assert join_broken_words("sosiaali- ja terveystoimi") == "sosiaali- ja terveystoimi"


def test_whitespace_and_control_characters_are_normalised():
    assert clean("a\u00a0 b\r\n\r\n\r\n\x07c\tdd  ") == "a b\n\nc dd"


def test_two_lisatietoja_sections_inside_a_report_are_content():
    text = ("Raportti alkaa.\n\nLisätietoja\n\nMaija Esimerkki, p. 1\n\nLuku kaksi jatkuu.\n\n"
            "Lisätietoja\n\nMatti Esimerkki, p. 2\n\nLoppu.")
    assert clean(text) == text


def test_chains_of_broken_words_are_joined_in_one_pass(voikko):
    once = join_broken_words("perhe- palvelu- keskus ja sosiaali-\npalvelut", voikko.is_word)
    assert once == "perhe-palvelu-keskus ja sosiaalipalvelut"
    assert join_broken_words(once, voikko.is_word) == once
