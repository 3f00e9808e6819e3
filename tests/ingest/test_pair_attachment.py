"""Who a method fact belongs to when a sentence names several bodies: the attachment stages of
tests/eval/pair_diagnose.py (issue 13, round 17). Real spaCy and Voikko; made-up sentences about
places and bodies of the reference data."""

from __future__ import annotations

STATUSES = ("implemented", "piloted", "trained", "planned", "developing", "created")


def pairs(read_facts, text: str) -> set[tuple[str, str]]:
    """(actor key, method key) of the method status facts read from `text`."""
    return {(s, o) for s, p, o in read_facts(text) if p in STATUSES}


def test_a_body_named_with_kanssa_is_a_partner_not_the_actor(read_facts):
    found = pairs(read_facts, "Eroauttamisen palveluja kehitetään edelleen yhdessä Pesäpuu "
                              "ry:n kanssa.")
    assert not any(actor == "pesapuu" for actor, _ in found)
    found = pairs(read_facts, "Eroauttamisen palveluja kehitetään Torniossa edelleen yhdessä "
                              "Pesäpuu ry:n kanssa.")
    assert found == {("851", "eroauttaminen")}  # Tornio


def test_a_town_in_the_elative_after_a_training_body_tells_where_trainees_came_from(read_facts):
    found = pairs(read_facts, "Eksote on kouluttanut 40 työntekijää Lapset puheeksi "
                              "-menetelmään, heistä Lappeenrannasta 12.")
    assert ("eksote", "lapset-puheeksi") in found
    assert ("405", "lapset-puheeksi") not in found  # Lappeenranta


def test_the_owner_of_the_unit_where_a_method_was_tried_acts_with_the_town(read_facts):
    found = pairs(read_facts, "Eksoten perheneuvolassa Imatralla kokeiltiin etävastaanottoja "
                              "keväällä 2019.")
    assert ("eksote", "etavastaanotto") in found
    assert ("153", "etavastaanotto") in found  # Imatra


def test_the_owner_of_the_people_who_run_it_acts(read_facts):
    found = pairs(read_facts, "Pelastakaa Lapset ry:n vapaaehtoiset kokeilivat Sodankylässä "
                              "Lapset puheeksi -keskusteluja keväällä 2019.")
    assert ("pelastakaa-lapset", "lapset-puheeksi") in found
    assert ("758", "lapset-puheeksi") in found  # Sodankylä


def test_a_clause_after_a_colon_that_takes_the_method_up_gives_its_status(read_facts):
    found = {(s, p, o) for s, p, o in read_facts(
        "Ihmeelliset vuodet -ohjelma on levinnyt Sodankylässä laajalle: kevään aikana siihen on "
        "koulutettu 40 työntekijää.") if p in STATUSES}
    assert ("758", "trained", "ihmeelliset-vuodet") in found  # Sodankylä


def test_a_clause_beside_the_method_that_takes_up_something_else_gives_nothing(read_facts):
    found = pairs(read_facts, "Ihmeelliset vuodet -ohjelma on levinnyt Sodankylässä laajalle: "
                              "kevään aikana kirjastoon on koulutettu 40 lukulähettilästä.")
    assert not found


def test_towns_of_another_clause_do_not_take_the_fact_of_the_body_that_acts(read_facts):
    found = pairs(read_facts, "Eksote avaa tänä vuonna kolme alueellista perhekeskusta, ja Imatra "
                              "kuuluu eteläisen alueen keskukseen yhdessä Ruokolahden kanssa.")
    assert ("eksote", "perhekeskus") in found
    assert ("153", "perhekeskus") not in found  # Imatra


def test_towns_in_the_clause_of_the_body_that_acts_keep_the_fact(read_facts):
    found = pairs(read_facts, "Eksote kokeili perhekeskusmallia Imatralla ja Ruokolahdella.")
    assert {("eksote", "perhekeskus"), ("153", "perhekeskus")} <= found
