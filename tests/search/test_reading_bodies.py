"""Issue 19: bodies the linker does not know are read from the passage by the shape of an
organisation's name (a proper-noun phrase ending in a head word such as kuntayhtymä, ry,
säätiö, piiri, Oy, förening, or an English capitalised phrase holding University,
Association, League …), as text answers in their base form; a person question naming no
role reads bodies too; an abbreviation's case ending and a kind-of-body compound are no
unknown words."""

from tests_support import passage_hit

from search.reading import Reader
from search.reading_bodies import BodyShapes
from search.records import EntityRef
from search.silence import Vocabulary, unknown_words


def _labels(text: str) -> list[str]:
    return [s.label for s in BodyShapes().spans(text)]


def test_names_ending_in_a_head_word_are_read_in_their_base_form():
    text = ("Hankekonsortioon kuuluvat Eskoon sosiaalipalvelujen kuntayhtymä, Autismisäätiö ja "
            "Riihimäen seudun terveyskeskuksen kuntayhtymä. Työtä tehtiin yhdessä Lapin Ensi- "
            "ja turvakoti ry:n, MLL:n Pohjanmaan piirin ja Verso Kuntoutus Oy:n kanssa.")
    assert _labels(text) == [
        "Eskoon sosiaalipalvelujen kuntayhtymä", "Autismisäätiö",
        "Riihimäen seudun terveyskeskuksen kuntayhtymä", "Lapin Ensi- ja turvakoti ry",
        "MLL:n Pohjanmaan piiri", "Verso Kuntoutus Oy"]


def test_english_and_swedish_names_are_read_and_a_list_is_split_at_its_and():
    text = ("The project worked with the City of Pori and Satakunta University of Applied "
            "Sciences. Familjerådgivningen sköttes av Folkhälsans förening.")
    assert _labels(text) == ["Satakunta University of Applied Sciences",
                             "Folkhälsans förening"]


def test_a_bare_head_word_or_a_sentence_opening_adverb_names_no_body():
    text = "Esittelijä: kuntayhtymän johtaja. Lisäksi seurakunnat ovat mukana. Yliopisto auttoi."
    assert _labels(text) == []


def test_an_unlinked_body_of_the_passage_answers_a_body_question():
    hit = passage_hit("Hankkeen osatoteuttajana toimi Eskoon sosiaalipalvelujen kuntayhtymä.")
    best = Reader().read([hit], "body", "partner", ["osatoteuttaja"], set())
    assert best[0].label == "Eskoon sosiaalipalvelujen kuntayhtymä"
    assert best[0].entity is None


def test_a_linked_part_of_a_longer_name_gives_way_to_the_whole_name():
    league = EntityRef("Organisation", "mll", "Mannerheimin Lastensuojeluliitto")
    hit = passage_hit("Kumppaneiksi sitoutuivat Mannerheimin Lastensuojeluliiton Hämeen piiri.",
                      [league])
    labels = [c.label for c in Reader().read([hit], "body", "partner", ["kumppani"], set())]
    assert labels == ["Mannerheimin Lastensuojeluliiton Hämeen piiri"]


def test_a_person_question_naming_no_role_reads_the_body_that_did_it():
    hit = passage_hit("Hankkeen arvioinnista vastasi Kaakkois-Suomen ammattikorkeakoulu.")
    best = Reader().read([hit], "person", "peopleOf", ["arviointi", "vastata"], set(),
                         question="Kuka arvioi hankkeen?")
    assert best[0].label == "Kaakkois-Suomen ammattikorkeakoulu"
    assert best[0].type == "body"


def test_an_abbreviation_with_a_case_ending_and_a_kind_of_body_compound_are_held():
    corpus = {"mll", "nuorisoseura", "kumppani"}
    question = "mikä mll:n nuorisoseurajärjestö kumppani"
    forms = {w: (w, (), ()) for w in question.split()}
    unknown = unknown_words(question, forms, Vocabulary([corpus]), "fi", set(),
                            frozenset({"mikä"}), lambda w: [w])
    assert unknown == []


def test_a_body_read_for_a_who_question_is_the_doer_of_its_verb():
    # issue 19 (qwho28): 'Who evaluated X?' that no person answers is answered by the body
    # beside the question's verb ('arvioinnista'), not by another body of the passage.
    hit = passage_hit("Hankkeen kumppanina toimi Oulunkaaren kuntayhtymä, ja Oulun "
                      "ammattikorkeakoulu vastasi arvioinnista.")
    for question in ("Who evaluated the project?", "Vem utvärderade projektet?"):
        best = Reader().read([hit], "person", "peopleOf", ["arvioida", "hanke"], set(),
                             question=question)
        assert best[0].label == "Oulun ammattikorkeakoulu", question
        assert best[0].confidence >= best[0].floor, question


def test_a_verb_or_a_nominative_before_a_head_word_is_no_part_of_the_name():
    text = ("Myönteinen tunnistaminen kehitettiin Tampereen yliopiston tutkimusryhmässä. "
            "Mukana oli Itä-Savon sairaanhoitopiirin kuntayhtymä.")
    assert _labels(text) == ["Tampereen yliopisto", "Itä-Savon sairaanhoitopiirin kuntayhtymä"]
