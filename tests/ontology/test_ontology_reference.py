"""Reference data: complete regions and municipalities, organisations, working models and roles."""

import csv
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from ontology.iris import IriMinter, slug
from ontology.namespace import LAPE
from ontology.reference import (
    DEFAULT_REFERENCE_DIR,
    KINDS,
    ORGANISATION_CLASSES,
    ReferenceData,
    ReferenceDataError,
    entity_iri,
    load_reference,
    reference_triples,
)


@pytest.fixture(scope="module")
def triples_graph(reference: ReferenceData, minter: IriMinter) -> Graph:
    graph = Graph()
    for triple in reference_triples(reference, minter):
        graph.add(triple)
    return graph


def test_nineteen_regions(reference: ReferenceData) -> None:
    regions = reference.by_kind("Region")
    assert len(regions) == 19
    assert {r.code for r in regions} == {f"{n:02d}" for n in range(1, 20) if n != 3} | {"21"}
    assert reference.get("Region", "12").pref_fi == "Pohjois-Karjala"  # type: ignore[union-attr]


def test_region_english_variants(reference: ReferenceData) -> None:
    north_karelia = reference.get("Region", "12")
    assert north_karelia is not None
    assert north_karelia.pref_en == "North Karelia"
    assert north_karelia.pref_sv == "Norra Karelen"
    assert reference.get("Region", "07").lang_of("Päijänne Tavastia") == "en"  # type: ignore[union-attr]


def test_311_municipalities_each_in_an_existing_region(reference: ReferenceData) -> None:
    municipalities = reference.by_kind("Municipality")
    region_codes = {r.code for r in reference.by_kind("Region")}
    assert len(municipalities) == 311
    assert len({m.code for m in municipalities}) == 311
    assert all(m.region_code in region_codes for m in municipalities)
    assert all(m.key == m.code and len(m.code or "") == 3 for m in municipalities)


def test_lape_era_municipalities(reference: ReferenceData) -> None:
    """2018–2019 borders: Valtimo and Honkajoki still exist, Heinävesi is in Etelä-Savo."""
    names = {m.pref_fi: m for m in reference.by_kind("Municipality")}
    assert {"Valtimo", "Honkajoki"} <= set(names)
    assert names["Heinävesi"].region_code == "10"


@pytest.mark.parametrize(
    ("fi", "sv"),
    [
        ("Helsinki", "Helsingfors"),
        ("Vaasa", "Vasa"),
        ("Porvoo", "Borgå"),
        ("Pietarsaari", "Jakobstad"),
        ("Kokkola", "Karleby"),
        ("Raasepori", "Raseborg"),
        ("Espoo", "Esbo"),
        ("Turku", "Åbo"),
        ("Parainen", "Pargas"),
        ("Maarianhamina", "Mariehamn"),
        ("Tampere", "Tammerfors"),
        ("Oulu", "Uleåborg"),
    ],
)
def test_swedish_municipality_names(reference: ReferenceData, fi: str, sv: str) -> None:
    (municipality,) = [m for m in reference.by_kind("Municipality") if m.pref_fi == fi]
    assert municipality.pref_sv == sv


def test_every_csv_row_names_its_source() -> None:
    for name in ("regions.csv", "municipalities.csv", "organisations.csv"):
        with (DEFAULT_REFERENCE_DIR / name).open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and all(row["source"].strip() for row in rows), name


def test_organisations_are_well_formed(reference: ReferenceData) -> None:
    organisations = reference.by_kind("Organisation")
    region_codes = {r.code for r in reference.by_kind("Region")}
    assert len(organisations) >= 100
    for org in organisations:
        assert org.cls in ORGANISATION_CLASSES
        assert org.key == slug(org.key)
        assert org.region_code is None or org.region_code in region_codes
        assert org.pref_fi


@pytest.mark.parametrize(
    ("key", "cls", "region", "labels"),
    [
        ("siun-sote", "JointAuthority", "12", {"Siun sote", "Siun Sote"}),
        ("soite", "JointAuthority", "16", {"Soite"}),
        ("eksote", "JointAuthority", "09", {"Eksote"}),
        ("essote", "JointAuthority", "10", {"Essote"}),
        ("kainuun-sote", "JointAuthority", "18", {"Kainuun sote"}),
        ("phhyky", "JointAuthority", "07", {"PHHYKY", "Päijät-Hämeen hyvinvointiyhtymä"}),
        ("kymsote", "JointAuthority", "08", {"Kymsote"}),
        ("stm", "Ministry", None, {"STM", "sosiaali- ja terveysministeriö"}),
        ("okm", "Ministry", None, {"OKM"}),
        ("thl", "Agency", None, {"THL", "Terveyden ja hyvinvoinnin laitos"}),
        ("kela", "Agency", None, {"Kela"}),
        ("mll", "NGO", None, {"MLL", "Mannerheimin Lastensuojeluliitto"}),
        ("sos-lapsikyla", "NGO", None, {"SOS-Lapsikylä"}),
        ("karelia-amk", "University", "12", {"Karelia AMK", "Karelia-ammattikorkeakoulu"}),
        ("lamk", "University", "07", {"Lahden ammattikorkeakoulu", "LAMK"}),
        ("iso", "Organisation", None, {"ISO", "Itä-Suomen sosiaalialan osaamiskeskus"}),
        ("kirkkohallitus", "Church", None, {"Kirkkohallitus"}),
        ("seurakunnat", "Church", None, {"seurakunta"}),
    ],
)
def test_known_organisations(
    reference: ReferenceData, key: str, cls: str, region: str | None, labels: set[str]
) -> None:
    org = reference.get("Organisation", key)
    assert org is not None
    assert org.cls == cls
    assert org.region_code == region
    assert labels <= set(reference.all_labels(org))


def test_method_keys_are_slugs_of_finnish_labels(reference: ReferenceData) -> None:
    methods = reference.by_kind("Method") + reference.by_kind("Role")
    assert all(m.key == slug(m.pref_fi) for m in methods)


def test_methods_have_finnish_and_english_labels_and_definitions(reference: ReferenceData) -> None:
    methods = reference.by_kind("Method")
    assert len(methods) >= 25
    assert all(m.pref_fi and m.pref_en and m.definition for m in methods)


def test_named_worker_model_labels(reference: ReferenceData) -> None:
    named_worker = reference.get("Method", "nimetty-tyontekija")
    assert named_worker is not None
    assert named_worker.pref_fi == "nimetty työntekijä"
    assert named_worker.pref_en == "named worker model"
    assert {"vastuutyöntekijä", "omatyöntekijä", "oma yhteyshenkilö"} <= set(
        named_worker.alt_labels
    )
    assert "vastuutyöntekijämalli" in reference.all_labels(named_worker)
    assert "omatyöntekijämalli" in named_worker.hidden_labels
    assert named_worker.lang_of("named worker") == "en"
    assert named_worker.lang_of("omatyöntekijä") == "fi"


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("lapset-puheeksi", "Let's Talk about Children"),
        ("ihmeelliset-vuodet", "Incredible Years"),
        ("systeeminen-lastensuojelun-toimintamalli", "systemic child protection model"),
        ("perhekeskus", "family centre"),
        ("kohtaamispaikka", "meeting place"),
        ("pyyda-apua-nappi", "Ask for help button"),
        ("lapsivaikutusten-arviointi", "child impact assessment"),
        ("myonteinen-tunnistaminen", "positive recognition"),
        ("etavastaanotto", "remote appointment"),
        ("voimaperheet", "Strongest Families"),
        ("kiva-koulu", "KiVa antibullying programme"),
    ],
)
def test_well_known_methods(reference: ReferenceData, key: str, label: str) -> None:
    method = reference.get("Method", key)
    assert method is not None and method.pref_en == label


def test_method_hierarchy(reference: ReferenceData) -> None:
    assert reference.get("Method", "kohtaamispaikka").broader == ("perhekeskus",)  # type: ignore[union-attr]
    assert reference.get("Method", "lapset-puheeksi").broader == (  # type: ignore[union-attr]
        "toimiva-lapsi-perhe-menetelmat",
    )
    keys = {m.key for m in reference.by_kind("Method")}
    assert all(set(m.broader) <= keys for m in reference.by_kind("Method"))


@pytest.mark.parametrize(
    ("key", "en"),
    [
        ("muutosagentti", "change agent"),
        ("kunta-agentti", "municipal agent"),
        ("projektipaallikko", "project manager"),
        ("hankepaallikko", "project lead"),
        ("hankejohtaja", "programme director"),
        ("perhekeskuskoordinaattori", "family centre coordinator"),
        ("kehittamisasiantuntija", "development specialist"),
        ("sotekoordinaattori", "health and social services reform coordinator"),
        ("kehittajasosiaalityontekija", "development social worker"),
        ("sosiaali-ja-terveysjohtaja", "director of social and health services"),
    ],
)
def test_roles(reference: ReferenceData, key: str, en: str) -> None:
    role = reference.get("Role", key)
    assert role is not None and role.pref_en == en


def test_lookup_helpers(reference: ReferenceData) -> None:
    assert reference.get("Organisation", "no-such-thing") is None
    assert sum(len(reference.by_kind(kind)) for kind in KINDS) == len(reference.entities)
    with pytest.raises(ValueError, match="valid kinds"):
        reference.by_kind("Planet")
    labels = reference.all_labels(reference.get("Municipality", "091"))  # type: ignore[arg-type]
    assert labels == ("Helsinki", "Helsingfors")


def test_reference_triples(triples_graph: Graph, minter: IriMinter) -> None:
    joensuu = minter.municipality("167")
    assert (joensuu, RDF.type, LAPE.Municipality) in triples_graph
    assert (joensuu, LAPE.inRegion, minter.region("12")) in triples_graph
    assert (joensuu, LAPE.code, Literal("167")) in triples_graph
    assert (joensuu, SKOS.prefLabel, Literal("Joensuu", lang="fi")) in triples_graph
    siun_sote = minter.organisation("siun-sote")
    assert (siun_sote, RDF.type, LAPE.JointAuthority) in triples_graph
    assert (siun_sote, RDF.type, LAPE.Organisation) in triples_graph
    assert (siun_sote, LAPE.inRegion, minter.region("12")) in triples_graph
    thl = minter.organisation("thl")
    assert (
        thl,
        SKOS.altLabel,
        Literal("National Institute for Health and Welfare", lang="en"),
    ) in triples_graph
    assert (
        thl,
        SKOS.prefLabel,
        Literal("Institutet för hälsa och välfärd", lang="sv"),
    ) in triples_graph
    meeting_place = minter.method("kohtaamispaikka")
    assert (meeting_place, SKOS.broader, minter.method("perhekeskus")) in triples_graph
    assert (meeting_place, SKOS.inScheme, minter.scheme("methods")) in triples_graph
    named_worker = minter.method("nimetty-tyontekija")
    assert (
        named_worker,
        SKOS.hiddenLabel,
        Literal("vastuutyöntekijämalli", lang="fi"),
    ) not in triples_graph
    assert (
        named_worker,
        SKOS.altLabel,
        Literal("vastuutyöntekijämalli", lang="fi"),
    ) in triples_graph
    assert (minter.role("muutosagentti"), RDF.type, LAPE.Role) in triples_graph


def test_reference_triples_follow_the_minter_base(reference: ReferenceData) -> None:
    other = IriMinter("http://example.org/kg/")
    subjects = {s for s, _, _ in reference_triples(reference, other)}
    assert all(str(s).startswith("http://example.org/kg/") for s in subjects)


def test_concept_iris_match_the_turtle_files(reference: ReferenceData, minter: IriMinter) -> None:
    for kind, name, cls in (
        ("Method", "methods.ttl", LAPE.Method),
        ("Role", "roles.ttl", LAPE.Role),
    ):
        graph = Graph().parse(DEFAULT_REFERENCE_DIR / name, format="turtle")
        in_file = set(graph.subjects(RDF.type, cls))
        minted = {entity_iri(e, minter) for e in reference.by_kind(kind)}
        assert in_file == minted
        assert all(isinstance(iri, URIRef) for iri in minted)


def test_inconsistent_reference_data_is_rejected(tmp_path: Path) -> None:
    for path in DEFAULT_REFERENCE_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    municipalities = tmp_path / "municipalities.csv"
    text = municipalities.read_text(encoding="utf-8").replace(
        "\n167,Joensuu,,Joensuu,12,", "\n167,Joensuu,,Joensuu,03,"
    )
    municipalities.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="unknown region '03'"):
        load_reference(tmp_path)


def test_labels_are_unambiguous(reference: ReferenceData) -> None:
    """A label names one entity, except the Ombudsman for Children (an office and a role)."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for entity in reference.entities:
        for label in reference.all_labels(entity):
            owners.setdefault(label.casefold(), set()).add((entity.kind, entity.key))
    ambiguous = {label for label, keys in owners.items() if len(keys) > 1}
    assert ambiguous <= {"lapsiasiavaltuutettu", "ombudsman for children"}


@pytest.mark.parametrize("name", ["methods.ttl", "roles.ttl"])
def test_top_concepts_are_the_concepts_without_broader(name: str) -> None:
    graph = Graph().parse(DEFAULT_REFERENCE_DIR / name, format="turtle")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    without_broader = {c for c in concepts if graph.value(c, SKOS.broader) is None}
    assert set(graph.objects(None, SKOS.hasTopConcept)) == without_broader
    assert set(graph.subjects(SKOS.topConceptOf, None)) == without_broader


def test_a_national_branch_is_also_named_without_the_country() -> None:
    from ontology.reference import load_reference

    organisations = {e.key: e for e in load_reference().by_kind("Organisation")}
    assert "SOS Children's Villages" in organisations["sos-lapsikyla"].hidden_labels
    assert organisations["sos-lapsikyla"].lang_of("SOS Children's Villages") == "en"
    # "... of Eastern Finland" names a place: the name stays whole.
    assert not any(label.endswith("Eastern") for e in organisations.values()
                   for label in e.hidden_labels)
