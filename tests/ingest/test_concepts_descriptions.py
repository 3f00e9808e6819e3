"""Models recognised by description: the descriptions in methods.ttl, the margin rule, and the
provenance of what is inferred."""

from __future__ import annotations

import pytest
from tests_support import TableEncoder

from ingest.records import Fact, Mention

MAIN = ("nimetty-tyontekija", "perhekeskus", "lapset-puheeksi", "kohtaamispaikka",
        "ihmeelliset-vuodet", "systeeminen-lastensuojelun-toimintamalli", "eroauttaminen",
        "lapsiperheiden-palveluohjaus", "lapsivaikutusten-arviointi", "etavastaanotto")


def test_main_models_have_finnish_and_english_descriptions(reference):
    for key in MAIN:
        entity = reference.get("Method", key)
        langs = [lang for _, lang in entity.descriptions]
        assert langs.count("fi") >= 5 and langs.count("en") >= 2, key


def test_no_description_names_its_own_model(reference):
    for key in MAIN:
        entity = reference.get("Method", key)
        labels = {label.lower() for label in reference.all_labels(entity)}
        for text, _ in entity.descriptions:
            if text == entity.definition:
                continue  # the English definition may name the model's Finnish terms
            assert not any(label in text.lower() for label in labels if len(label) > 4), text


def _matcher(margin: float = 0.05):  # noqa: ANN202
    from ingest.concept_descriptions import DescriptionMatcher

    encoder = TableEncoder({"yksi yhteyshenkilö": [1, 0, 0, 0], "saman katon alle": [0, 1, 0, 0],
                             "taustaa": [0, 0, 1, 0],
                             "Perheellä on oma yhteyshenkilö.": [1, 0.1, 0, 0],
                             "Palvelut yhteen, myös yhteyshenkilö.": [1, 0.97, 0, 0],
                             "Hankkeessa oli taustaryhmä ja yhteyshenkilö.": [0.8, 0, 1, 0]})
    return DescriptionMatcher(encoder, {"nimetty": ("nimetty työntekijä", ["yksi yhteyshenkilö"]),
                                        "perhekeskus": ("perhekeskus", ["saman katon alle"])},
                              ["taustaa"], margin)


def test_a_sentence_must_beat_the_other_models_and_the_background_by_the_margin():
    text = ("Perheellä on oma yhteyshenkilö. Palvelut yhteen, myös yhteyshenkilö. "
            "Hankkeessa oli taustaryhmä ja yhteyshenkilö.")
    spans = [(0, 31), (32, 68), (69, len(text))]
    found = _matcher().infer(text, spans, [set(), set(), set()])
    assert [(m.key, m.start, m.inferred) for m in found] == [("nimetty", 0, True)]


def test_a_sentence_that_names_a_model_is_not_read_for_a_description():
    text = "Perheellä on oma yhteyshenkilö."
    assert _matcher().infer(text, [(0, len(text))], [{"nimetty"}]) == []
    assert _matcher().infer(text, [(0, len(text))], [{"perhekeskus"}]) == []


def test_facts_about_a_described_model_say_they_were_inferred():
    from ingest.concept_descriptions import CONFIDENCE, SOURCE
    from ingest.described_facts import mark_inferred

    inferred = Mention("d", 3, 10, 16, "mallia", "Method", "nimetty", "nimetty työntekijä", SOURCE)
    named = Mention("d", 4, 5, 12, "...", "Method", "nimetty", "nimetty työntekijä", "label")
    facts = [Fact("Municipality", "kemi", "piloted", "Method", "nimetty", None, "d", 3, 0, 40,
                  "rule:method-status", 0.85),
             Fact("Municipality", "kemi", "piloted", "Method", "nimetty", None, "d", 4, 0, 40,
                  "rule:method-status", 0.85)]
    first, second = mark_inferred(facts, [inferred], [named])
    assert first.extractor == f"{SOURCE}+rule:method-status" and first.confidence == CONFIDENCE
    assert second == facts[1]


def test_a_described_model_needs_its_actor_named_in_the_same_sentence():
    from ingest.concept_descriptions import SOURCE
    from ingest.described_facts import mark_inferred

    inferred = Mention("d", 3, 10, 16, "mallia", "Method", "nimetty", "nimetty työntekijä", SOURCE)
    from_context = Fact("Project", "p", "piloted", "Method", "nimetty", None, "d", 3, 0, 40,
                        "rule:method-status", 0.6)
    assert list(mark_inferred([from_context], [inferred], [])) == []


def test_a_described_model_gets_the_status_of_its_sentence(voikko, reference, model_dir):
    from ingest.concept_descriptions import matcher_for
    from ingest.extraction import FactExtractor
    from ingest.linking import Linker
    from ingest.pipeline import IngestPipeline
    from ingest.records import Document, DocumentMeta
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from search.encoder import Encoder

    pipeline = IngestPipeline(voikko, PassageAnalyzer(load_nlp(), voikko),
                              Linker(reference, voikko), FactExtractor(reference),
                              matcher_for(reference, Encoder(model_dir)))
    text = ("Inarissa kokeiltiin mallia, jossa monia palveluja käyttävällä perheellä on yksi "
            "pysyvä työntekijä, joka sovittaa yhteen sen saaman tuen.")
    analysed = pipeline.analyse(Document("t", "t.txt", text, "T", "txt", "0",
                                         DocumentMeta(region="Lappi")))
    inferred = [f for f in analysed.facts if f.object_key == "nimetty-tyontekija"]
    assert [(f.subject_key, f.predicate) for f in inferred] == [("148", "piloted")]
    assert inferred[0].extractor.startswith("inferred:description") and \
        inferred[0].confidence <= 0.5
    assert not any(m.source == "inferred:description" for m in analysed.mentions)


@pytest.fixture(scope="module")
def matcher(reference, model_dir):
    from ingest.concept_descriptions import matcher_for
    from search.encoder import Encoder

    return matcher_for(reference, Encoder(model_dir))


def test_the_real_encoder_recognises_a_described_model_and_not_a_project_detail(matcher):
    described = "Jokaisella perheellä on yksi tuttu työntekijä, joka pitää palvelut koossa."
    detail = "Hankkeen ohjausryhmä kokoontui neljä kertaa vuoden aikana."
    found = matcher.infer(f"{described} {detail}", [(0, len(described)),
                          (len(described) + 1, len(described) + 1 + len(detail))],
                          [set(), set()])
    assert [m.key for m in found] == ["nimetty-tyontekija"]


def test_the_stored_classifier_reads_no_aside_hard_negative_as_a_description(matcher):
    """Sentences that name a town or body and talk about premises, staff, queues, budgets or
    websites (the hard negatives at the end of concept_labelled.txt, their aside part: never
    trained on) describe no working model."""
    from ingest.concept_model import LABELLED

    text = LABELLED.read_text(encoding="utf-8")
    section = text[text.index("# Hard negatives"):].splitlines()
    hard = [line.split("\t")[2] for line in section if line.startswith("-\taside\t")]
    assert len(hard) >= 15
    found = [(text, key, p) for text, (key, _, p) in zip(hard, matcher.best(hard), strict=True)
             if p >= matcher.margin]
    assert found == []


def test_sentences_long_enough_to_describe_are_read_whether_or_not_they_name_an_actor():
    """A sentence may say who acted by a word of its kind ("Hankkeessa kokeiltiin ...",
    "Kuntayhtymässä on hoidettu ..."), which only the extractor resolves, so every sentence of
    MIN_CHARS or more is read; a heading or fragment is not."""
    from ingest.concept_descriptions import inferred_mentions
    from ingest.records import AnalysedPassage, Passage, Token

    text = "Perheellä on oma yhteyshenkilö. Kemissä perheellä on oma yhteyshenkilö. Kemi."
    tokens = tuple(Token(w, w, "NOUN", a, a + len(w), s, (), "root")
                   for w, a, s in (("Perheellä", 0, 0), ("yhteyshenkilö.", 17, 0),
                                   ("Kemissä", 32, 1), ("yhteyshenkilö.", 57, 1),
                                   ("Kemi.", 72, 2)))
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    kemi = Mention("d", 0, 32, 39, "Kemissä", "Municipality", "240", "Kemi", "label")

    class Recorder:
        def __init__(self) -> None:
            self.spans: list = []

        def infer(self, text, spans, named):  # noqa: ANN001, ANN202
            self.spans.extend(spans)
            return []

    recorder = Recorder()
    assert inferred_mentions(recorder, "d", [ap], [kemi]) == []  # type: ignore[arg-type]
    assert recorder.spans == [(32, 71), (0, 31)]  # the sentence that names an actor first


def test_with_a_lexicon_only_sentences_that_could_keep_a_fact_are_read_besides_the_actors():
    """Of the sentences that name no actor, only one with a status cue ("kokeiltiin") or a
    status word of the lexicon ("nykyisin") is encoded; a sentence without one could keep no
    fact. The sentence that names an actor is read either way."""
    from ingest.concept_descriptions import inferred_mentions, may_keep_fact
    from ingest.extract.registry import load_lexicon
    from ingest.records import AnalysedPassage, Passage, Token

    lex = load_lexicon()
    words = [("Nykyisin", "nykyisin", 0), ("tuetaan", "tukea", 0), ("perheitä.", "perhe", 0),
             ("Perheitä", "perhe", 1), ("kokeiltiin", "kokeilla", 1), ("ryhmässä.", "ryhmä", 1),
             ("Perheellä", "perhe", 2), ("yhteyshenkilö", "yhteyshenkilö", 2),
             ("lapsille.", "lapsi", 2),
             ("Kemissä", "Kemi", 3), ("perheellä", "perhe", 3),
             ("yhteyshenkilö.", "yhteyshenkilö", 3)]
    tokens, text = [], ""
    for word, lemma, sent in words:
        if text:
            text += " "
        tokens.append(Token(word, lemma, "VERB" if lemma in ("tukea", "kokeilla") else "NOUN",
                            len(text), len(text) + len(word), sent, (), "root"))
        text += word
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tuple(tokens), ())
    assert may_keep_fact(lex, tokens[0:3]) and may_keep_fact(lex, tokens[3:6])
    assert not may_keep_fact(lex, tokens[6:9])
    kemi_at = tokens[9].start
    kemi = Mention("d", 0, kemi_at, kemi_at + 7, "Kemissä", "Municipality", "240", "Kemi", "label")

    class Recorder:
        def __init__(self) -> None:
            self.spans: list = []

        def infer(self, text, spans, named):  # noqa: ANN001, ANN202
            self.spans.extend(spans)
            return []

    recorder = Recorder()
    inferred_mentions(recorder, "d", [ap], [kemi], lex)  # type: ignore[arg-type]
    read = [text[s:e] for s, e in recorder.spans]
    assert read == ["Kemissä perheellä yhteyshenkilö.", "Nykyisin tuetaan perheitä.",
                    "Perheitä kokeiltiin ryhmässä."]


def test_a_described_model_keeps_an_actor_said_near_it_not_the_documents_fallback():
    """The project a sentence names by its kind ("Hankkeessa", 0.75), a joint authority a word
    refers back to (0.7) or the body of the sentence before or of the section's heading (0.65)
    is said near the description; the document's project or region taken because nothing nearer
    acts (0.6, 0.55) is not kept for a model only described."""
    from ingest.concept_descriptions import REFERRED, SOURCE
    from ingest.described_facts import mark_inferred

    inferred = Mention("d", 3, 10, 16, "mallia", "Method", "nimetty", "nimetty työntekijä", SOURCE)

    def fact(confidence: float) -> Fact:
        return Fact("Organisation", "sote", "piloted", "Method", "nimetty", None, "d", 3, 0, 40,
                    "rule:method-status", confidence)

    kept = list(mark_inferred([fact(0.7), fact(REFERRED), fact(0.6), fact(0.55)], [inferred],
                              []))
    assert [f.extractor for f in kept] == [f"{SOURCE}+rule:method-status"] * 2
    assert REFERRED > 0.6


def test_a_float32_equal_encoder_reads_the_documents_sentences_in_one_call():
    """With vectors that do not depend on their call (float32, openvino-bf16) the sentences of
    all passages go to the encoder together, and the same models are found as passage by
    passage; an int8 encoder is asked passage by passage."""
    from ingest.concept_descriptions import inferred_mentions
    from ingest.records import AnalysedPassage, Passage, Token

    def passage(index: int, text: str) -> tuple[AnalysedPassage, Mention]:
        words = text.split()
        starts = [text.index(w) for w in words]
        tokens = tuple(Token(w, w, "NOUN", a, a + len(w), 0, (), "root")
                       for w, a in zip(words, starts, strict=True))
        place = Mention("d", index, 0, len(words[0]), words[0], "Municipality", "240", "Kemi",
                        "label")
        return AnalysedPassage(Passage("d", index, 0, len(text), text), tokens, ()), place

    first, kemi = passage(0, "Kemissä perheellä on oma yhteyshenkilö.")
    second, tornio = passage(1, "Torniossa palvelut yhteen, myös yhteyshenkilö.")

    class Counting(TableEncoder):
        def __init__(self, table, float32_equal: bool) -> None:  # noqa: ANN001
            super().__init__(table)
            self.float32_equal = float32_equal
            self.calls: list[list[str]] = []

        def encode_labels(self, texts):  # type: ignore[no-untyped-def]  # noqa: ANN001
            self.calls.append(list(texts))
            return super().encode_labels(texts)

    found = {}
    for equal in (True, False):
        matcher = _matcher()
        table = {**matcher.encoder.table,
                 "Kemissä perheellä on oma yhteyshenkilö.": [1, 0.1, 0, 0],
                 "Torniossa palvelut yhteen, myös yhteyshenkilö.": [1, 0.97, 0, 0]}
        matcher.encoder = Counting(table, equal)
        found[equal] = inferred_mentions(matcher, "d", [first, second], [kemi, tornio])
        assert len(matcher.encoder.calls) == (1 if equal else 2)
    assert found[True] == found[False]
    assert [(m.passage_index, m.key) for m in found[True]] == [(0, "nimetty")]


def _described(text: str, words: list[tuple[str, int]]):  # noqa: ANN202
    from ingest.concept_descriptions import SOURCE
    from ingest.records import AnalysedPassage, Passage, Token

    tokens = tuple(Token(w, w.lower().strip("."), "NOUN", a, a + len(w), 0, (), "root")
                   for w, a in words)
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    place = Mention("d", 0, 0, 8, text[:8], "Municipality", "165", "Janakkala", "label")
    anchor = Mention("d", 0, words[1][1], words[1][1] + len(words[1][0]), words[1][0], "Method",
                     "etavastaanotto", "etävastaanotto", SOURCE)
    return ap, place, anchor


def test_a_described_model_without_a_status_from_the_rules_is_read_as_in_use():
    from ingest.described_facts import IN_USE_CONFIDENCE, described_in_use

    text = "Janakkalassa perheet tapaavat psykologin videolla."
    ap, place, anchor = _described(text, [("Janakkalassa", 0), ("perheet", 13),
                                          ("tapaavat", 21), ("psykologin", 30)])
    [fact] = described_in_use([ap], [anchor], [place], [])
    assert (fact.subject_key, fact.predicate, fact.object_key) == ("165", "implemented",
                                                                   "etavastaanotto")
    assert fact.extractor.startswith("inferred:description") and \
        fact.confidence == IN_USE_CONFIDENCE
    ruled = Fact("Municipality", "165", "piloted", "Method", "etavastaanotto", None, "d", 0, 0,
                 len(text), "inferred:description+rule:method-status", 0.5)
    assert described_in_use([ap], [anchor], [place], [ruled]) == []


def test_a_place_named_as_a_partner_is_not_where_a_described_model_runs():
    from ingest.described_facts import described_in_use
    from ingest.extract.registry import load_lexicon

    text = "Janakkalassa perheet tapaavat psykologin videolla yhdessä Setlementti Lahden kanssa."
    words, at = [], 0
    for w in text.split():
        words.append((w, text.index(w, at)))
        at = words[-1][1] + len(w)
    ap, place, anchor = _described(text, words)
    start = text.index("Lahden")
    partner = Mention("d", 0, start, start + 6, "Lahden", "Municipality", "398", "Lahti",
                      "label")
    facts = described_in_use([ap], [anchor], [place, partner], [], load_lexicon())
    assert {f.subject_key for f in facts} == {"165"}  # Janakkala, not Lahti
    assert {f.subject_key for f in described_in_use([ap], [anchor], [place, partner], [])} \
        == {"165", "398"}  # without the lexicon every place named counts


def test_a_negated_description_is_not_read_as_in_use():
    from ingest.described_facts import described_in_use

    text = "Janakkalassa perheet eivät tapaa psykologia videolla."
    ap, place, anchor = _described(text, [("Janakkalassa", 0), ("perheet", 13), ("ei", 21),
                                          ("tapaa", 27)])
    assert described_in_use([ap], [anchor], [place], []) == []


def test_a_fact_carried_over_from_a_described_model_into_the_next_sentence_is_dropped():
    from ingest.concept_descriptions import SOURCE
    from ingest.described_facts import mark_inferred

    inferred = Mention("d", 3, 10, 16, "kahvila", "Method", "kohtaamispaikka", "kohtaamispaikka",
                       SOURCE)
    carried = Fact("Municipality", "081", "piloted", "Method", "kohtaamispaikka", None, "d", 3,
                   60, 120, "rule:method-status", 0.85)
    assert list(mark_inferred([carried], [inferred], [])) == []
    named = Mention("d", 3, 40, 50, "kohtaamispaikka", "Method", "kohtaamispaikka",
                    "kohtaamispaikka", "label")
    assert list(mark_inferred([carried], [inferred], [named])) == [carried]


def test_a_negation_inside_a_subordinate_clause_does_not_stop_the_in_use_reading():
    """'..., jolloin pitkiä ajomatkoja ei tarvita' negates the journeys, not the model's use."""
    from ingest.concept_descriptions import SOURCE
    from ingest.described_facts import described_in_use
    from ingest.records import AnalysedPassage, Passage, Token

    text = "Tuusniemellä vanhemmat tapaavat videolla, jolloin matkoja ei tarvita."
    words = [("Tuusniemellä", 0, 2), ("vanhemmat", 13, 2), ("tapaavat", 23, 2),
             ("videolla", 32, 2), (",", 40, 8), ("jolloin", 42, 8), ("matkoja", 50, 8),
             ("ei", 58, 8), ("tarvita", 61, 2)]
    tokens = tuple(Token(w, w, "NOUN", a, a + len(w), 0, (), "dep", head)
                   for w, a, head in words)
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    place = Mention("d", 0, 0, 12, "Tuusniemellä", "Municipality", "857", "Tuusniemi", "label")
    anchor = Mention("d", 0, 13, 22, "vanhemmat", "Method", "etavastaanotto", "etävastaanotto",
                     SOURCE)
    [fact] = described_in_use([ap], [anchor], [place], [])
    assert fact.predicate == "implemented"


def test_a_local_practice_does_not_hide_the_model_its_sentence_describes():
    """"Kokeiltiin yhteistä puhelinnumeroa": the practice found by its shape is no reference
    model, so the sentence is read for a description, and the model takes the practice's
    words as its mention."""
    from ingest.concept_descriptions import PRACTICE, SOURCE, InferredMention, inferred_mentions
    from ingest.records import AnalysedPassage, Passage, Token

    text = "Kemissä kokeiltiin yhteistä puhelinnumeroa perheille."
    tokens = tuple(Token(w, w, "NOUN", a, a + len(w), 0, (), "root")
                   for w, a in (("Kemissä", 0), ("kokeiltiin", 8), ("puhelinnumeroa", 28)))
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    kemi = Mention("d", 0, 0, 7, "Kemissä", "Municipality", "240", "Kemi", "label")
    practice = Mention("d", 0, 28, 42, "puhelinnumeroa", "Method", "puhelinnumero",
                       "puhelinnumero", PRACTICE)

    class OneModel:
        def infer(self, text, spans, named):  # noqa: ANN001, ANN202
            assert named == [set()]
            return [InferredMention(s, e, "ohjaus", "palveluohjaus", 0.9, 0.95)
                    for s, e in spans]

    found = inferred_mentions(OneModel(), "d", [ap], [kemi, practice])  # type: ignore[arg-type]
    assert [(m.key, m.start, m.end, m.source) for m in found] == [("ohjaus", 28, 42, SOURCE)]


def test_the_facts_of_a_practice_read_as_a_model_go_to_the_model_only():
    from ingest.concept_descriptions import PRACTICE, SOURCE
    from ingest.described_facts import mark_inferred

    inferred = Mention("d", 0, 28, 42, "puhelinnumeroa", "Method", "ohjaus", "ohjaus", SOURCE)
    practice = Mention("d", 0, 28, 42, "puhelinnumeroa", "Method", "puhelinnumero",
                       "puhelinnumero", PRACTICE)
    other = Mention("d", 1, 28, 42, "perhetupaa", "Method", "perhetupa", "perhetupa", PRACTICE)
    facts = [Fact("Municipality", "240", "piloted", "Method", key, None, "d", p, 0, 50,
                  "rule:method-status", 0.85)
             for key, p in (("puhelinnumero", 0), ("ohjaus", 0), ("perhetupa", 1))]
    kept = list(mark_inferred(facts, [inferred], [practice, other]))
    assert [(f.object_key, f.extractor) for f in kept] == [
        ("ohjaus", f"{SOURCE}+rule:method-status"), ("perhetupa", "rule:method-status")]
