"""A fact question's qualifier (the kind of amount, a start or an end, the year, a person's
role) decides which answers answer it: search/fact_qualifiers.py with the real Voikko, on
answers made here (no build)."""

import pytest

from search.answer_records import Answer, Evidence
from search.fact_qualifiers import Qualifiers, Vocabulary


@pytest.fixture(scope="module")
def qualifiers(voikko):
    from search.query import QueryAnalyzer

    return Qualifiers(QueryAnalyzer(voikko, None).word_forms)  # type: ignore[arg-type]


def _answer(text: str, value: str, type_: str = "Amount", label: str | None = None,
            source: str = "graph") -> Answer:
    start = text.index(value)
    return Answer(None, label or value, type_,
                  [Evidence("p", "d", text, start, start + len(value), 0.9)], source=source)


FUNDING = "Rahoitus: STM 800 000 €, omarahoitus 200 000 €"
BUDGET = ("Hankkeen kokonaisbudjetti oli 1,6 miljoonaa euroa, josta valtionavustuksen osuus oli "
          "1,28 miljoonaa euroa.")


def _labels(answers):
    return [a.label for a in answers]


def test_own_funding_is_answered_with_the_own_share_not_the_grant(qualifiers):
    answers = [_answer(FUNDING, "800 000"), _answer(FUNDING, "200 000")]
    kept = qualifiers.filter(answers, "Paljonko omarahoitusta Perhevirta-hankkeessa oli?",
                             "amount")
    assert _labels(kept) == ["200 000"]


def test_own_funding_unstated_gets_no_answer_rather_than_the_grant(qualifiers):
    text = "Valtionavustuksen suuruus on 1 900 000 euroa."
    for q in ("Paljonko omarahoitusta Uudenmaan LAPE-hankkeella oli?",
              "Hur mycket egenfinansiering hade projektet?",
              "What was the own financing share of the project?"):
        assert qualifiers.filter([_answer(text, "1 900 000")], q, "amount") == []


def test_eu_funding_is_not_answered_with_a_ministry_grant(qualifiers):
    text = "the Ministry of Social Affairs and Health granted it EUR 1.2 million."
    for q in ("How much money did the project get from the European Social Fund?",
              "Paljonko EU-rahoitusta hanke sai?"):
        assert qualifiers.filter([_answer(text, "1.2 million")], q, "amount") == []


def test_the_grant_asked_beside_the_budget_is_the_grant(qualifiers):
    answers = [_answer(BUDGET, "1,6 miljoonaa"), _answer(BUDGET, "1,28 miljoonaa")]
    kept = qualifiers.filter(answers, "Hur stor del av projektets budget var statsunderstöd?",
                             "amount")
    assert _labels(kept) == ["1,28 miljoonaa"]


def test_the_total_cost_is_not_answered_with_the_grant(qualifiers):
    text = "Hallinnoija oli Lapin shp, ja valtionavustusta hanke sai 1 350 000 euroa."
    assert qualifiers.filter([_answer(text, "1 350 000")],
                             "Hur stora var totalkostnaderna för projektet?", "amount") == []


def test_an_amount_stated_with_no_kind_still_answers_a_cost_or_a_grant(qualifiers):
    text = "Tilat remontoitiin kevään aikana noin 260 000 eurolla."
    for q in ("How much did the renovation cost?", "Paljonko valtionavustusta hanke sai?"):
        assert len(qualifiers.filter([_answer(text, "260 000")], q, "amount")) == 1


def test_a_kind_word_right_after_the_amount_states_its_kind(qualifiers):
    text = "Hanke sai 1,1 miljoonan euron valtionavustuksen."
    assert qualifiers.amount_stated(text, text.index("1,1"), text.index(" euron")) == "grant"


def test_an_end_asked_is_not_answered_with_a_start(qualifiers):
    text = "Heinolassa perhekeskus aloitti toimintansa helmikuussa 2018."
    answer = _answer(text, "helmikuussa 2018", "Date", source="text")
    assert qualifiers.filter([answer], "When was the Heinola family centre closed down?",
                             "date") == []


def test_a_start_asked_is_not_answered_with_the_end_of_a_range(qualifiers):
    text = "Toiminta-aika: 1.3.2017–31.12.2018"
    answers = [_answer(text, "1.3.2017", "date"), _answer(text, "31.12.2018", "date")]
    assert _labels(qualifiers.filter(answers, "När började projektet?", "date")) == ["1.3.2017"]
    assert _labels(qualifiers.filter(answers, "Milloin hanke päättyi?", "date")) == ["31.12.2018"]


def test_a_date_asked_in_one_year_is_not_another_years_date(qualifiers):
    text = "Toiminta-aika: 1.3.2017–31.12.2018"
    answer = _answer(text, "31.12.2018", "date")
    assert qualifiers.filter([answer], "När avslutades Pippuri-projektet år 2017?", "date") == []


def test_a_role_asked_is_answered_by_a_person_not_the_administering_body(qualifiers):
    text = "- Vetovastuu: Tampereen kaupunki"
    body = _answer(text, "Tampereen kaupunki", "Municipality", label="Tampere")
    for q in ("Who was the financial manager of the Pirkanmaa LAPE project?",
              "Kuka oli hankkeen talouspäällikkö?", "Vem var ordförande för styrgruppen?"):
        assert qualifiers.filter([body], q, "body") == []
    assert qualifiers.filter([body], "Which organisation coordinated the project?",
                             "body") == [body]


def test_a_broken_vocabulary_file_names_itself(tmp_path):
    path = tmp_path / "fact_qualifiers.json"
    path.write_text('{"amount_kinds": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="fact_qualifiers.json"):
        Vocabulary.load(path)


def test_an_amount_kind_asked_with_how_much_is_not_answered_with_a_body(qualifiers):
    body = _answer("- Vetovastuu: Tampereen kaupunki", "Tampereen kaupunki", "Municipality",
                   label="Tampere")
    assert qualifiers.filter([body], "What was the own financing share of the project?",
                             "project") == []
    assert qualifiers.filter([body], "Kuka hallinnoi hanketta?", "body") == [body]


def test_a_count_of_the_town_asked_is_not_another_towns_count(voikko):
    from search.query import QueryAnalyzer

    towns = {"Raumalla": ("Municipality", "684"), "Porissa": ("Municipality", "609")}

    def names_in(sentence):
        return {ref for name, ref in towns.items() if name in sentence}

    q = Qualifiers(QueryAnalyzer(voikko, None).word_forms, names_in)  # type: ignore[arg-type]
    text = "Porissa avattiin kohtaamispaikka. Raumalla koulutettiin 40 varhaiskasvattajaa."
    answer = _answer(text, "40", "Count")
    question = "How many workers were trained in Pori?"
    assert q.filter([answer], question, "count", ["609"]) == []
    assert q.filter([answer], "How many workers were trained in Rauma?", "count",
                    ["684"]) == [answer]


def test_the_chair_of_one_group_is_not_the_chair_asked_of_another(qualifiers):
    text = "Ohjausryhmän puheenjohtaja oli Kempeleen sivistysjohtaja Pekka Rautio."
    person = _answer(text, "Pekka Rautio", "Person", source="text")
    assert qualifiers.filter([person], "Who chaired the youth council of the project?",
                             "person") == []
    assert qualifiers.filter([person], "Vem var ordförande för styrgruppen?",
                             "person") == [person]
    plain = _answer("Puheenjohtaja Pekka Rautio avasi kokouksen.", "Pekka Rautio", "Person")
    assert qualifiers.filter([plain], "Kuka johti nuorisovaltuuston kokousta?",
                             "person") == [plain]


def test_a_steering_group_asked_is_met_by_a_management_group(qualifiers):
    text = "Työ jatkuu johtoryhmässä, jonka puheenjohtajana toimii perhepalvelujohtaja Anu Kallio."
    person = _answer(text, "Anu Kallio", "Person", source="text")
    assert qualifiers.filter([person], "Who chairs the steering group for children's services?",
                             "person") == [person]


@pytest.mark.parametrize(("question", "kept"), [
    # a body the reference data does not class, whose name states no kind, may be of any kind
    ("Which university evaluated the family centre trial?",
     ["Itä-Suomen yliopisto", "Siun sote"]),
    ("Mikä kuntayhtymä oli mukana kehittämisessä?",
     ["Eksote", "Ylä-Savon SOTE kuntayhtymä", "Siun sote"]),
    ("Vilken förening deltog i projektet?", ["Pesäpuu ry", "Siun sote"]),
    ("Mikä säätiö toteutti osahanketta?", ["Autismisäätiö", "Siun sote"]),
])
def test_a_body_of_the_kind_asked_by_its_name_or_class_answers_another_kind_does_not(
        qualifiers, question, kept):
    text = "Itä-Suomen yliopisto, Eksote, Ylä-Savon SOTE kuntayhtymä, Pesäpuu ry, Autismisäätiö."
    bodies = [_answer(text, "Itä-Suomen yliopisto", "University"),
              _answer(text, "Eksote", "JointAuthority"),
              _answer(text, "Ylä-Savon SOTE kuntayhtymä", "Organisation"),
              _answer(text, "Pesäpuu ry", "NGO"),
              _answer(text, "Autismisäätiö", "Organisation"),
              _answer(text, "Eksote", "Organisation", label="Siun sote")]
    assert sorted(_labels(qualifiers.filter(bodies, question, "body"))) == sorted(kept)


def test_a_body_question_naming_a_kind_no_answer_is_of_gets_no_answer(qualifiers):
    text = "Hanketta hallinnoi Lapin sairaanhoitopiiri."
    district = _answer(text, "Lapin sairaanhoitopiiri", "JointAuthority")
    for q in ("Which reindeer herders' cooperative administered the project?",
              "Mikä osuuskunta hallinnoi hanketta?", "Vilket andelslag förvaltade projektet?"):
        assert qualifiers.filter([district], q, "body") == []
    assert _labels(qualifiers.filter([district], "Who administered the project?", "body")) == [
        "Lapin sairaanhoitopiiri"]


def test_a_kind_of_body_without_its_reference_classes_is_an_error_naming_the_file(tmp_path):
    from search.reading_kinds import BodyKinds

    cues = tmp_path / "reading_cues.json"
    cues.write_text('{"_body_kinds": {"säätiö": ["foundation"]}, "_body_kind_classes": {}}',
                    encoding="utf-8")
    with pytest.raises(ValueError, match="reading_cues.json: _body_kind_classes lacks"):
        BodyKinds.load(cues)


def test_an_associations_district_is_an_association_not_a_hospital_district(qualifiers):
    text = "Mukana olivat MLL:n Lapin piiri, Lapin sairaanhoitopiiri ja Lapin yliopisto."
    bodies = [_answer(text, "MLL:n Lapin piiri", "Organisation"),
              _answer(text, "Lapin sairaanhoitopiiri", "JointAuthority"),
              _answer(text, "Lapin yliopisto", "University")]
    assert _labels(qualifiers.filter(bodies, "Which MLL district took part?", "body")) == [
        "MLL:n Lapin piiri"]
    assert _labels(qualifiers.filter(bodies, "Mikä sairaanhoitopiiri oli mukana?", "body")) == [
        "Lapin sairaanhoitopiiri"]
    assert _labels(qualifiers.filter(bodies, "Vilket universitet deltog?", "body")) == [
        "Lapin yliopisto"]


def test_a_place_question_keeps_its_places_whatever_role_or_amount_its_topic_names(qualifiers):
    """'Which regions show in their budget how much goes to children' asks for regions, not an
    amount; 'where did a project recruit volunteer secret agents' asks for a place, not a person:
    the places read for the topic stay (a body asked in a person's role still goes)."""
    text = "Varsinais-Suomessa lapsibudjetointi näyttää, paljonko talousarviosta menee lapsiin."
    region = _answer(text, "Varsinais-Suomessa", "Region", "Varsinais-Suomi", source="text")
    question = "which regions show in their budget how much goes to children"
    assert _labels(qualifiers.filter([region], question, "region", place_named=True)) \
        == ["Varsinais-Suomi"]
    # an amount asked of a place the question names in passing is an amount ('how big a
    # subsidy did the soite region get'): a region read for it is no answer
    assert qualifiers.filter([region], "how big a state subsidy did the soite region get",
                             "region") == []
    agents = ("Lupa auttaa -hanke rekrytoi vapaaehtoisia salaisia agentteja Varsinais-Suomessa.")
    region = _answer(agents, "Varsinais-Suomessa", "Region", "Varsinais-Suomi", source="text")
    question = ("where did a project recruit volunteer secret agents to help plan services for "
                "families")
    assert _labels(qualifiers.filter([region], question, "region")) == ["Varsinais-Suomi"]
    # asked for a person, a place named beside the role is no answer
    assert qualifiers.filter([region], "who were the volunteer secret agents", "person") == []
