"""What `lapekg ask` prints: statuses with years, amounts with their kind, a passage once."""

from types import SimpleNamespace

from api.answer_text import answer_lines
from api.schemas import AskResponse, ask_response
from ontology.iris import IriMinter

TEXT = ("Päijät-Hämeessä perhekeskusmalli otettiin käyttöön vuonna 2018. "
        "Mallia kokeiltiin Lahdessa.")


def _evidence(passage: str, start: int, end: int) -> SimpleNamespace:
    return SimpleNamespace(passage=passage, document="https://w3id.org/lapekg/id/document/d",
                           text=TEXT, start=start, end=end, confidence=0.9)


def _answers(*answers) -> SimpleNamespace:
    return SimpleNamespace(question="q", target="Region", note="", answers=list(answers),
                           hits=[])


def _answer(label, statuses=None, evidence=(), type_="Region", iri=None,
            **more) -> SimpleNamespace:
    fields = {"iri": iri, "label": label, "type": type_, "evidence": list(evidence),
              "regions": [], **more}
    if statuses is not None:
        fields["statuses"] = statuses
    return SimpleNamespace(**fields)


def _response(*answers) -> AskResponse:
    return ask_response(_answers(*answers), IriMinter())  # type: ignore[arg-type]


def test_statuses_come_strongest_first_from_dicts_or_records():
    response = _response(_answer("Päijät-Häme", statuses=[
        {"status": "trained", "year": None, "evidence": ["p2"]},
        SimpleNamespace(status="implemented", year=2018, evidence=["p1"])]))
    statuses = response.answers[0].statuses
    assert [s.status for s in statuses] == ["implemented", "trained"]
    assert statuses[0].year == 2018 and statuses[0].evidence == ["p1"]


def test_an_answer_without_statuses_still_renders():
    response = _response(_answer("Päijät-Häme"))
    assert response.answers[0].statuses == [] and response.answers[0].source is None
    assert answer_lines(response, "fi") == ["• Päijät-Häme (maakunta)"]


def test_the_text_names_statuses_and_years_in_each_language():
    answer = _answer("Päijät-Häme", source="graph", confidence=0.82, statuses=[
        {"status": "implemented", "year": 2018, "evidence": ["p1"]},
        {"status": "piloted", "year": None, "evidence": ["p1"]}])
    fi = answer_lines(_response(answer), "fi")[0]
    en = answer_lines(_response(answer), "en")[0]
    assert fi == "• Päijät-Häme (maakunta) — käytössä 2018 · kokeiltu  [tietoverkosta, 0.82]"
    assert en == "• Päijät-Häme (region) — in use 2018 · piloted  [from the graph, 0.82]"


def test_a_passage_is_quoted_once_then_referred_to():
    p = "https://w3id.org/lapekg/id/document/d/passage/1"
    response = _response(_answer("A", evidence=[_evidence(p, 0, 15)]),
                         _answer("B", evidence=[_evidence(p, 66, 90)]))
    lines = answer_lines(response, "en")
    assert sum(line.count("«") for line in lines) == 1
    assert "    (same passage as [1])" in lines


def test_an_amount_reads_with_currency_and_kind():
    text = "Hankkeelle myönnettiin valtionavustusta 1 500 000 euroa."
    evidence = SimpleNamespace(passage="p", document="d", text=text, start=40, end=56,
                               confidence=1.0)
    response = _response(_answer("1500000", type_="Amount", evidence=[evidence]))
    amount = response.answers[0].amount
    assert amount is not None and amount.value == 1_500_000 and amount.kind == "state_grant"
    assert amount.display == {"fi": "1\u00a0500\u00a0000\u00a0€, valtionavustus",
                              "en": "€1,500,000, state grant"}
    assert answer_lines(response, "en")[0] == "• €1,500,000, state grant (amount)"


def test_answers_take_their_label_in_the_asked_language():
    iri = "https://w3id.org/lapekg/id/region/12"
    answer = _answer("Pohjois-Karjala", iri=iri)
    lines = answer_lines(_response(answer), "en", names={iri: "North Karelia"})
    assert lines == ["• North Karelia (region)"]
