"""Method and body names the linker must read for a pair to be found (tests/eval/
pair_diagnose.py, issue 13 round 17): a name written with an ampersand, an unknown name in the weak
grade of consonant gradation. Real spaCy and Voikko; made-up sentences."""

from __future__ import annotations

STATUSES = ("implemented", "piloted", "trained", "planned", "developing", "created")


def pairs(read_facts, text: str) -> set[tuple[str, str]]:
    """(actor key, method key) of the method status facts read from `text`."""
    return {(s, o) for s, p, o in read_facts(text) if p in STATUSES}


def test_a_name_written_with_an_ampersand_links_to_its_method(linked_methods):
    found = linked_methods("Kouluissa otettiin käyttöön Toimiva lapsi & perhe -menetelmiä.")
    assert "toimiva-lapsi-perhe-menetelmat" in found


def test_the_ampersand_name_gets_its_status_and_actor(read_facts):
    found = pairs(read_facts, "Inarissa Toimiva lapsi & perhe -työ on ollut käytössä vuodesta "
                              "2015.")
    assert ("148", "toimiva-lapsi-perhe-menetelmat") in found  # Inari


def test_an_unknown_name_in_its_weak_grade_reads_as_its_base_form():
    from ingest.linking import strip_endings

    assert "saarikka" in strip_endings("Saarikassa")  # kk weakens before -ssa
    assert "saarikka" in strip_endings("Saarikan")
    assert "saarikka" in strip_endings("Saarikkaa")  # the partitive keeps the strong grade
    assert "saarikkka" not in strip_endings("Saarikkaa")
