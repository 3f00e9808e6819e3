"""Who did what the question's verb says (round 20): a person question naming no role asks for
the one who did it, and the agent noun of its verb beside a name ('Valmistelija: …',
'Pöytäkirjanpitäjä Mervi Kauppila') is that person's role; and a later passage of a town's own
minutes, which names no municipality, is about the town its first passage names."""

from tests_support import passage_hit

from search.reading import Reader
from search.records import EntityRef

HILTULA = EntityRef("Person", "riikka-hiltula", "Riikka Hiltula")
OJALA = EntityRef("Person", "seija-ojala", "Seija Ojala")
KAUPPILA = EntityRef("Person", "mervi-kauppila", "Mervi Kauppila")
II = EntityRef("Municipality", "ii", "Ii")

PREPARED = ("Kokouksen puheenjohtaja Seija Ojala avasi kokouksen. Asian valmistelijana oli "
            "perhepalvelujen esimies Riikka Hiltula.")
SIGNED = ("Esitys hyväksyttiin yksimielisesti.\n\n"
          "Puheenjohtaja Seija Ojala\nPöytäkirjanpitäjä Mervi Kauppila")


def _first(question: str, terms: list[str], text: str, entities, named=frozenset(),
           reader: Reader | None = None):
    reader = reader or Reader(learned=False)
    found = reader.read([passage_hit(text, entities=entities)], "person", "peopleOf", terms,
                        set(named), question=question)
    return found[0]


def test_the_agent_noun_of_the_verb_asked_names_the_one_who_did_it():
    found = _first("kuka valmisteli asian kokoukseen",
                   ["valmistella", "valmisteli", "asia", "kokous"], PREPARED, [OJALA, HILTULA])
    assert found.label == "Riikka Hiltula"
    assert found.parts[4] > 0.3  # tied by 'valmistelijana' before the name
    assert found.confidence >= found.floor


def test_an_agent_noun_is_read_through_the_verb_voikko_derives_it_from(voikko):
    reader = Reader(learned=False)
    reader.derived = voikko.derived_bases
    found = _first("kuka piti pöytäkirjaa kokouksessa", ["pitää", "piti", "pöytäkirja", "kokous"],
                   "Kokouksen puheenjohtaja Seija Ojala\nPöytäkirjanpitäjä Mervi Kauppila",
                   [OJALA, KAUPPILA], reader=reader)
    assert found.label == "Mervi Kauppila"


def test_an_agent_noun_is_only_a_word_ending_in_ja_of_the_verb_asked():
    reader = Reader(learned=False)
    assert reader._agent_of("valmistelijana", frozenset({"valmisteli"}))
    assert reader._agent_of("esittelijä", frozenset({"esitteli"}))
    assert not reader._agent_of("valmistelija", frozenset({"esitteli"}))
    assert not reader._agent_of("kaija", frozenset({"ka"}))
    assert not reader._agent_of("valmistelu", frozenset({"valmisteli"}))


def test_a_later_passage_of_a_towns_own_minutes_is_about_that_town():
    head = passage_hit("IIN KUNTA\nHyvinvointilautakunta\nPöytäkirja 5/2018", entities=[II])
    later = passage_hit(SIGNED, entities=[OJALA, KAUPPILA], pid=1)
    question = "kuka oli iin hyvinvointilautakunnan puheenjohtaja"
    terms = ["ii", "hyvinvointilautakunta", "puheenjohtaja"]
    alone = Reader(learned=False).read([later], "person", "roleHolder", terms, {II},
                                       question=question)
    reader = Reader(learned=False)
    reader.index_documents([head.passage, later.passage])
    held = reader.read([later], "person", "roleHolder", terms, {II}, question=question)
    assert alone[0].parts[5] == 1.0  # the passage lacks the town asked about
    assert held[0].label == "Seija Ojala"
    assert held[0].parts[5] == 0.0
    assert held[0].confidence > alone[0].confidence


SEMINAR = ("Seminaari on maksuton. Ilmoittautuminen 22.11.2018 mennessä.\n"
           "Seminaari pidetään 29.11.2018 Porin kaupungintalolla.")


def test_a_date_by_which_something_is_due_answers_a_deadline_asked():
    for question in ("mihin mennessä piti ilmoittautua seminaariin",
                     "by when did one have to sign up for the seminar (deadline)"):
        found = Reader(learned=False).read(
            [passage_hit(SEMINAR)], "date", "period", ["seminaari", "ilmoittautua"], set(),
            question=question)
        assert found[0].label == "22.11.2018"
        # 'mennessä' dates an end, as the question asks: tied more than the seminar's own day
        assert found[0].parts[4] > next(c for c in found if c.label == "29.11.2018").parts[4]


def test_the_year_a_day_falls_in_is_no_rival_of_the_day_but_the_day_is_one_of_the_year():
    from search.reading_candidates import _vaguer

    day, year, month = frozenset({"2017-01-13"}), frozenset({"2017"}), frozenset({"2017-01"})
    assert _vaguer(year, day) and _vaguer(month, day)
    assert not _vaguer(day, year)
    assert not _vaguer(year, month)  # a month is no exact reading of a time
    assert not _vaguer(frozenset({"2018"}), day)
    assert not _vaguer(frozenset({"2017", "2018"}), day)  # '2017 2018' also names 2018


def test_a_day_leads_by_its_margin_over_another_time_not_over_its_own_year():
    text = ("Työvaliokunta 13.1.2017: LAPE-tilannekatsaus esiteltiin. "
            "Kärkihankkeen toimeenpano 2017.")
    found = Reader(learned=False).read(
        [passage_hit(text)], "date", "period", ["työvaliokunta", "tilannekatsaus"], set(),
        question="milloin työvaliokunnalle esiteltiin tilannekatsaus")
    assert found[0].label == "13.1.2017"
    year = next(c for c in found if c.label.strip() == "2017")
    assert found[0].margin == round(found[0].score, 3)  # no rival: only its own year besides
    assert year.margin < 0
