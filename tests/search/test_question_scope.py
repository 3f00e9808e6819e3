"""A question's words weighed as unknown (search/question_scope.py): spoken Finnish clips a case
ending's last vowel, and the word is then read in its written form."""

from search.question_scope import with_spoken

# Readings as Voikko would give them for these written forms; a clipped form has none of its own.
READINGS = {"maakunnassa": ["maakunta"], "kunnista": ["kunta"], "kunnilla": ["kunta"],
            "perheille": ["perhe"]}


def _readings(word: str) -> list[str]:
    return READINGS.get(word, [])


def test_a_clipped_spoken_case_ending_is_read_as_the_written_one():
    readings = with_spoken(_readings)
    assert readings("maakunnas") == ["maakunta"]
    assert readings("kunnist") == ["kunta"]
    assert readings("kunnil") == ["kunta"]


def test_a_word_with_readings_of_its_own_keeps_them_and_an_unreadable_one_gets_none():
    readings = with_spoken(_readings)
    assert readings("perheille") == ["perhe"]
    assert readings("jääkiekkokoulus") == []


def test_a_place_question_in_the_plural_asks_for_every_place_in_any_language():
    from libvoikko import Voikko

    from search.question_scope import in_plural

    voikko = Voikko("fi")
    assert in_plural("Missä maakunnissa otettiin käyttöön perhekeskus?", voikko.analyze)
    assert in_plural("Which regions trained staff?", voikko.analyze)
    assert in_plural("Vilka kommuner prövade modellen?", voikko.analyze)
    assert not in_plural("Missä maakunnassa avattiin neljä perhekeskusta?", voikko.analyze)
    assert not in_plural("Which region opened four family centres?", voikko.analyze)
    # 'landskap' has one form for both numbers: the plural 'vilka' tells
    assert in_plural("I vilka landskap utbildades personal?", voikko.analyze)
    assert not in_plural("I vilket landskap kan man låna familjetjänster?", voikko.analyze)


def test_a_question_asking_only_where_names_no_kind_of_place():
    from libvoikko import Voikko

    from search.question_scope import names_place_kind

    voikko = Voikko("fi")
    assert names_place_kind("Missä kunnassa kokeiltiin perhevalmennusta?", voikko.analyze)
    assert names_place_kind("Which town opened a family centre?", voikko.analyze)
    assert names_place_kind("I vilket landskap prövades modellen?", voikko.analyze)
    assert not names_place_kind("Where were residents heard at the openings of meeting places?",
                                voikko.analyze)
    assert not names_place_kind("Missä kokeiltiin perhevalmennusta?", voikko.analyze)
    assert not names_place_kind("Var gjorde man en utvecklingsplan?", voikko.analyze)


def test_the_noun_an_opening_interrogative_governs_fixes_the_kind_of_place_asked():
    """'Missä maakunnassa …', 'Which region's project …', 'I vilken kommun …' ask for a place
    whatever the rest is about; a Finnish interrogative governs only a noun in its own case, and
    'how many', 'who' or a place noun out of the interrogative's reach ask for something else."""
    from libvoikko import Voikko

    from search.question_scope import asked_place

    analyze = Voikko("fi").analyze
    assert asked_place("Missä maakunnassa hankkeen esimies oli sotekoordinaattori?",
                       analyze) == "region"
    assert asked_place("Minkä maakunnan hankkeen asiakkaita perheet olivat?", analyze) == "region"
    assert asked_place("Missä pilottikunnassa rehtori vastasi ryhmästä?",
                       analyze) == "municipality"
    assert asked_place("Which pilot municipality had a headteacher in charge?",
                       analyze) == "municipality"
    assert asked_place("Which region's project worked with pop-up events?", analyze) == "region"
    assert asked_place("I vilken kommun var alla svarande nöjda?", analyze) == "municipality"
    assert asked_place("Vilket landskaps projekt hade en tudelad strategi?", analyze) == "region"
    assert asked_place("Mikä kunnan hanke sai rahoitusta?", analyze) is None
    assert asked_place("Missä pilotissa videoista luovuttiin?", analyze) is None
    assert asked_place("How many municipalities took part?", analyze) is None
    # 'mikä' has one form for both numbers outside the nominative: the plural noun it governs
    assert asked_place("missä kunnissa seurakunta oli mukana", analyze) == "municipality"
    assert asked_place("minkä maakuntien hankkeet kokeilivat", analyze) == "region"
    assert asked_place("mitkä kunnat avasivat kohtaamispaikan", analyze) == "municipality"
    assert asked_place("mikä kunnat yhdistää", analyze) is None
    assert asked_place("Who in which region led the work?", analyze) is None
    assert asked_place("What did the project do in the region?", analyze) is None


def _scope():
    from types import SimpleNamespace

    from libvoikko import Voikko

    return SimpleNamespace(searcher=SimpleNamespace(
        analyzer=SimpleNamespace(voikko=Voikko("fi"))))


def test_a_place_question_is_asked_through_a_relation_a_place_can_answer():
    """The model's two heads may disagree: places are a method's actors, never an actor's
    methods; a person's role under a place noun asks for the places of the topic; a town
    administering something stays a body, and a place question of a fact keeps its relation."""
    from search.question_model import QuestionKind
    from search.question_scope import QuestionScope

    def asked(question, answer_type, relation):
        kind = QuestionScope.place_asked(_scope(), QuestionKind(answer_type, relation, 1, 1),
                                         question)
        return kind.answer_type, kind.relation

    assert asked("missä kunnassa kokeillaan kerhoa", "municipality", "actorMethods") == (
        "municipality", "methodActors")
    assert asked("Which region's coordinator led the work?", "person", "roleHolder") == (
        "region", "topic")
    assert asked("Mikä kaupunki hallinnoi hanketta?", "body", "administeredBy") == (
        "body", "administeredBy")
    assert asked("Which region administered Lupa auttaa?", "region", "administeredBy") == (
        "region", "administeredBy")
    # places asked for in the plural are places, whatever relation the model read
    assert asked("Vilka kommuner utvecklade familjemedling?", "body", "partner")[0] == (
        "municipality")


def test_a_spoken_interrogative_and_place_noun_ask_for_the_place():
    """Spoken Finnish clips a case ending's vowel ('mis kunnis' for 'missä kunnissa', 'mis
    maakunnas'): a word Voikko does not know is read as its written form, so the question
    asks for municipalities (search.question_scope.spoken). A word Voikko knows keeps its own
    readings: 'maakunnas' is read as a noun of its own, not as 'maakunnassa' (a known gap)."""
    from libvoikko import Voikko

    from search.question_scope import asked_place, names_place_kind, spoken

    voikko = Voikko("fi")
    analyze = spoken(voikko.analyze)
    question = "mis kunnis on kokeiltu jotain maahanmuuttajaperheille"
    assert asked_place(question, voikko.analyze) is None
    assert asked_place(question, analyze) == "municipality"
    assert names_place_kind(question, analyze)
    assert asked_place("mis maakunnissa otettiin käyttöön perhekeskus", analyze) == "region"
    assert analyze("maakunnas") == voikko.analyze("maakunnas")
    # known words read as before
    assert analyze("kunnissa") == voikko.analyze("kunnissa")
    assert analyze("perheille") == voikko.analyze("perheille")
    assert analyze("regions") == []
