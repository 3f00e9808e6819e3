"""Methods of an actor read from the best passages when the graph holds none of them."""

from search.method_answers import methods_read
from search.records import EntityRef, Hit, StoredPassage

POHJANMAA = EntityRef("Region", "15", "Pohjanmaa")
JAKOBSTAD = EntityRef("Municipality", "598", "Pietarsaari")
LP = EntityRef("Method", "lapset-puheeksi", "Lapset puheeksi")
KP = EntityRef("Method", "kohtaamispaikka", "kohtaamispaikka")


def _hit(pid, text, region, entities):
    return Hit(StoredPassage(pid, f"d{pid}", 0, 0, len(text), text, "t", (), tuple(entities),
                             region), 0.0, {}, 0.8)


def _read(hits, entities):
    return methods_read(hits, entities, lambda e: f"iri:{e.key}", lambda h: f"p{h.passage.pid}",
                        lambda h: f"d{h.passage.pid}")


def test_methods_linked_in_passages_about_the_actor_are_read_best_ranked_first():
    hits = [_hit(1, "I Jakobstad infördes Föra barnen på tal (Lapset puheeksi).", "Pohjanmaa",
                 [JAKOBSTAD, LP]),
            _hit(2, "Kohtaamispaikka avattiin Kajaanissa.", "Kainuu", [KP]),
            _hit(3, "I Vasa startades en träffpunkt (kohtaamispaikka).", "Pohjanmaa", [KP])]
    answers = _read(hits, [POHJANMAA])
    assert [a.label for a in answers] == ["Lapset puheeksi", "kohtaamispaikka"]
    assert all(a.source == "text" and a.evidence for a in answers)
    assert answers[1].evidence[0].passage == "p3"


def test_no_method_is_read_without_an_actor_or_a_passage_about_it():
    hits = [_hit(1, "Kohtaamispaikka avattiin Kajaanissa.", "Kainuu", [KP])]
    assert _read(hits, []) == []
    assert _read(hits, [POHJANMAA]) == []


def test_a_regional_body_is_about_the_documents_of_the_region_it_serves():
    soite = EntityRef("Organisation", "soite", "Soite")
    hits = [_hit(1, "Kokkolassa perheasioiden sovittelu otettiin käyttöön.", "Keski-Pohjanmaa",
                 [EntityRef("Municipality", "272", "Kokkola"), KP])]
    assert _read(hits, [soite]) == []
    answers = methods_read(hits, [soite], lambda e: e.key, lambda h: "p", lambda h: "d",
                           {("Organisation", "soite"): "Keski-Pohjanmaa"})
    assert [a.label for a in answers] == ["kohtaamispaikka"]
