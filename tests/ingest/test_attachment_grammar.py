"""Who a method fact belongs to where grammar, not a name next to the method, says so
(ingest/extract/referents.py; issue 13, round 19). Real spaCy and Voikko; made-up sentences
about places and bodies of the reference data, each rule with a case that must not read."""

from __future__ import annotations

from ingest.extract.referents import coordinated_run
from ingest.records import Mention

STATUSES = ("implemented", "piloted", "trained", "planned", "developing", "created")
PROJECT = "Revontuli-hanke aloitti työnsä keväällä.\n\n"


def statuses(read_facts, text: str) -> set[tuple[str, str, str]]:
    """(actor key, status, method key) of the method status facts read from `text`."""
    return {(s, p, o) for s, p, o in read_facts(text) if p in STATUSES}


# A body in a partner phrase is whom the work was done with, not who did it.

def test_a_town_inside_a_partners_genitive_phrase_is_no_actor(read_facts):
    found = statuses(read_facts, PROJECT + "Eroauttamisen vertaisryhmiä kokeiltiin yhdessä "
                                           "Setlementti Rovaniemen kanssa.")
    assert ("698", "piloted", "eroauttaminen") not in found  # Rovaniemi
    assert ("revontuli", "piloted", "eroauttaminen") in found


def test_a_town_where_the_work_was_done_is_still_the_actor(read_facts):
    found = statuses(read_facts, PROJECT + "Eroauttamisen vertaisryhmiä kokeiltiin "
                                           "Rovaniemellä.")
    assert ("698", "piloted", "eroauttaminen") in found


def test_an_english_comitative_phrase_names_a_partner(read_facts):
    found = statuses(read_facts, PROJECT + "Video appointments were piloted in the spring "
                                           "together with Rovaniemi.")
    assert ("698", "piloted", "etavastaanotto") not in found
    assert ("revontuli", "piloted", "etavastaanotto") in found


def test_a_partner_is_not_the_body_the_next_sentence_speaks_of(read_facts):
    found = statuses(read_facts, "Kemi kehitti perhekeskusta yhdessä Oulun yliopiston kanssa. "
                                 "Kaupunki aikoo perustaa kohtaamispaikan keskustaan.")
    assert ("240", "planned", "kohtaamispaikka") in found  # Kemi
    assert ("oulun-yliopisto", "planned", "kohtaamispaikka") not in found


# A body named by its kind is the one of that kind named before.

def test_a_town_word_is_the_town_the_passage_named_last_not_a_body_named_after_it(read_facts):
    found = statuses(read_facts, "Savukoskella avataan perhekeskus. Lapin sairaanhoitopiiri "
                                 "tukee työtä. Kunta aikoo kokeilla etävastaanottoa syksyllä.")
    assert ("742", "planned", "etavastaanotto") in found  # Savukoski
    assert ("lshp", "planned", "etavastaanotto") not in found


def test_the_plural_town_word_refers_to_no_one_town(read_facts):
    found = statuses(read_facts, "Savukoskella avataan perhekeskus. Lapin sairaanhoitopiiri "
                                 "tukee työtä. Kunnat aikovat kokeilla etävastaanottoa syksyllä.")
    assert ("742", "planned", "etavastaanotto") not in found


def test_an_english_town_word_is_the_town_named_before(read_facts):
    found = statuses(read_facts, "Savukoskella avataan perhekeskus. Lapin sairaanhoitopiiri "
                                 "tukee työtä. The municipality has started to pilot video "
                                 "appointments for families.")
    assert ("742", "piloted", "etavastaanotto") in found
    assert ("lshp", "piloted", "etavastaanotto") not in found


def test_the_head_noun_of_a_body_named_before_refers_to_it(read_facts):
    found = statuses(read_facts, "Lapin sairaanhoitopiiri järjesti koulutuksen. Kemissä on "
                                 "avattu perhekeskus. Sairaanhoitopiirin lastenpsykiatriassa "
                                 "Lapset puheeksi -menetelmä on ollut käytössä vuodesta 2015.")
    assert ("lshp", "implemented", "lapset-puheeksi") in found
    assert ("240", "implemented", "lapset-puheeksi") not in found  # Kemi


def test_the_plural_of_a_head_noun_refers_to_no_one_body(read_facts):
    found = statuses(read_facts, "Lapin sairaanhoitopiiri järjesti koulutuksen. Kemissä on "
                                 "avattu perhekeskus. Sairaanhoitopiirien lastenpsykiatrioissa "
                                 "Lapset puheeksi -menetelmä on ollut käytössä vuodesta 2015.")
    assert ("lshp", "implemented", "lapset-puheeksi") not in found


# "The project" and "the whole region" in English and Swedish.

def test_a_swedish_project_word_gives_the_fact_to_the_project_not_the_region(read_facts):
    found = statuses(read_facts, PROJECT + "Under projektet utbildades 50 anställda i Lappland "
                                           "i metoden Barnen på tal.")
    assert ("revontuli", "trained", "lapset-puheeksi") in found
    assert ("19", "trained", "lapset-puheeksi") not in found


def test_without_the_project_word_the_region_named_keeps_the_fact(read_facts):
    found = statuses(read_facts, PROJECT + "I Lappland utbildades 50 anställda i metoden "
                                           "Barnen på tal.")
    assert ("19", "trained", "lapset-puheeksi") in found


def test_work_for_the_whole_region_is_the_regions_not_the_last_towns(read_facts):
    found = statuses(read_facts, PROJECT + "Kemissä avattiin perhekeskus keväällä. A digital "
                                           "family centre is being planned for the whole region.")
    assert ("19", "planned", "sahkoinen-perhekeskus") in found
    assert ("240", "planned", "sahkoinen-perhekeskus") not in found


def test_the_regions_genitive_on_the_object_does_not_place_the_work(read_facts):
    found = statuses(read_facts, PROJECT + "Kemissä on avattu perhekeskus. Maakunnan "
                                           "perhekeskusmallia kokeiltiin Torniossa.")
    assert ("851", "piloted", "perhekeskus") in found  # Tornio
    assert ("19", "piloted", "perhekeskus") not in found


# Towns written as one coordinated run act together, whatever the parse.

def _town(start: int, end: int, text: str) -> Mention:
    return Mention("t", 0, start, end, text[start:end], "Municipality", text[start:end],
                   text[start:end], "test")


def _towns(text: str, *names: str) -> list[Mention]:
    return [_town(text.index(n), text.index(n) + len(n), text) for n in names]


def test_a_run_of_towns_joined_by_commas_and_a_conjunction_is_one_list():
    text = "Pello, Ylitornio and Kolari have started planning a shared group."
    towns = _towns(text, "Pello", "Ylitornio", "Kolari")
    assert coordinated_run(text, towns[2], towns) == towns


def test_a_town_of_another_phrase_is_not_in_the_run():
    text = "Pellossa ja Ylitorniossa kokeiltiin mallia, kun taas Kolarissa sitä suunnitellaan."
    towns = _towns(text, "Pellossa", "Ylitorniossa", "Kolarissa")
    assert coordinated_run(text, towns[0], towns) == towns[:2]
    assert coordinated_run(text, towns[2], towns) == towns[2:]
