"""The learned status layer: its training data, its features, its committed artifact, the way it
combines with the rules, and what the real model says of sentences it was not trained on."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.records import Mention, Passage, Token


def test_markers_give_the_mention_spans_in_the_unmarked_sentence(tmp_path):
    from ingest.status_model import read_sentences

    path = tmp_path / "s.txt"
    path.write_text("# comment\nKemi otti [[Lapset puheeksi|implemented]] käyttöön ja "
                    "[[perhekeskusta|planned]] suunnitellaan.\n", encoding="utf-8")
    (sentence,) = read_sentences(path)
    assert sentence.text == "Kemi otti Lapset puheeksi käyttöön ja perhekeskusta suunnitellaan."
    assert [(sentence.text[a:b], st) for a, b, st in sentence.mentions] == [
        ("Lapset puheeksi", "implemented"), ("perhekeskusta", "planned")]


def test_an_unknown_status_is_refused_with_its_line(tmp_path):
    from ingest.status_model import StatusModelError, read_sentences

    path = tmp_path / "s.txt"
    path.write_text("[[Perhekeskus|opened]] avattiin.\n", encoding="utf-8")
    with pytest.raises(StatusModelError, match=r"s.txt:1: unknown status 'opened'"):
        read_sentences(path)


def test_the_training_data_covers_every_status_with_varied_sentences():
    from ingest.status_model import STATUSES, read_sentences

    sentences = read_sentences()
    labels = [st for s in sentences for _, _, st in s.mentions]
    assert len(sentences) >= 400
    assert all(labels.count(st) >= 40 for st in STATUSES)
    assert sum(len(s.mentions) > 1 for s in sentences) >= 20  # several mentions per sentence
    assert len({s.text for s in sentences}) == len(sentences)


def _tok(text: str, lemma: str, pos: str, dep: str, start: int) -> Token:
    return Token(text, lemma, pos, start, start + len(text), 0, (), dep)


def test_verb_endings_give_voice_mood_and_negation():
    from ingest.status_features import MentionSite, syntax_names, syntax_vector

    # "Perhekeskus ei avattaisi" (hand-made parse): conditional, passive, negated
    words = [("Perhekeskus", "perhekeskus", "NOUN", "nsubj:pass"), ("ei", "ei", "AUX", "aux"),
             ("avattaisi", "avata", "VERB", "root")]
    tokens, at = [], 0
    for text, lemma, pos, dep in words:
        tokens.append(_tok(text, lemma, pos, dep, at))
        at += len(text) + 1
    site = MentionSite("Perhekeskus ei avattaisi", tuple(tokens), (2, 2, 2), 0, 11)
    named = dict(zip(syntax_names(), syntax_vector(site), strict=True))
    assert named["conditional"] == named["negation"] == named["dep=nsubj:pass"] == 1.0
    assert named["verbless"] == named["question"] == 0.0


def test_fitting_twice_gives_the_same_model():
    from ingest.status_model import fit

    rng = np.random.default_rng(0)
    x = rng.normal(size=(140, 6))
    y = np.repeat(np.arange(7), 20)
    x[:, 0] += y
    groups = np.arange(140)
    a, b = fit(x, y, groups), fit(x, y, groups)
    assert np.array_equal(a.coef, b.coef) and a.temperature == b.temperature


def test_reliability_bins_hold_every_prediction():
    from ingest.status_report import report

    proba = np.array([[0.95, 0.05], [0.55, 0.45], [0.3, 0.7], [0.8, 0.2]])
    figures = report(np.array([0, 1, 1, 0]), proba, ("a", "b"))
    assert sum(row["n"] for row in figures["reliability"]) == 4
    assert figures["accuracy"] == 0.75


class _Says:
    """A classifier that answers one status with one confidence."""

    def __init__(self, status: str, confidence: float) -> None:
        from ingest.status_model import StatusDecision

        self.decision = StatusDecision(status, confidence, "fake")

    def prime(self, sites) -> None:  # noqa: ANN001
        pass

    def predict(self, sites):  # noqa: ANN001
        return [self.decision for _ in sites]


def _decide(policy: str, said: tuple[str, float], rule: str | None, carried: bool = False,
            named: bool = True, negated: bool = False):
    from ingest.extract.segment import Sentence
    from ingest.extract.status import StatusContext, StatusDecision
    from ingest.records import AnalysedPassage
    from ingest.status_layer import LearnedStatusModel

    text = "Kemi kokeili mallia."
    tokens = (_tok("Kemi", "Kemi", "PROPN", "nsubj", 0), _tok("kokeili", "kokeilla", "VERB",
              "root", 5), _tok("mallia", "malli", "NOUN", "obj", 13), _tok(".", ".", "PUNCT",
              "punct", 19))
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    sent = Sentence(ap, 0, tokens, 0, len(text), 0, (1, 1, 1, 1))
    method = Mention("d", 0, 13, 19, "mallia", "Method", "m", "malli", "test")
    kemi = Mention("d", 0, 0, 4, "Kemi", "Municipality", "240", "Kemi", "test")
    ctx = StatusContext(sent, method, tokens, "kokeilla", "Past", negated, "indicative", False,
                        carried, StatusDecision(rule, 1.0 if rule else 0.0, "rules"),
                        (kemi,) if named else ())
    decision = LearnedStatusModel(_Says(*said), policy).predict(ctx)  # type: ignore[arg-type]
    return decision.status, decision.source


def test_fill_adds_a_sure_status_only_where_the_rules_found_none():
    from ingest.status_layer import FILL_AT

    assert _decide("fill", ("piloted", FILL_AT + 0.01), None) == ("piloted", "learned")
    assert _decide("fill", ("piloted", FILL_AT - 0.01), None) == (None, "rules")
    assert _decide("fill", ("piloted", 0.99), "implemented") == ("implemented", "rules")


def test_the_model_adds_a_status_only_where_the_sentence_names_who_acted():
    """An actor guessed from the document (the report's project or region) is where a learned
    status costs precision, so without a named actor no status is added."""
    assert _decide("fill", ("piloted", 0.99), None, named=False) == (None, "rules")


def test_fill_gives_no_status_to_a_negated_clause():
    """"X ei ole ottanut mallia käyttöön": the rules read no status, and a sure reading of the
    words of adoption must not add one."""
    assert _decide("fill", ("implemented", 0.99), None, negated=True) == (None, "rules")


def test_without_a_named_actor_the_override_needs_a_surer_reading():
    """A survey answer under "Kunta: X" or a list item of minutes names nobody: the rules' fact
    stands with its actor from the context, and the classifier may reframe its "implemented"
    only when it is surer than where the sentence names who acted."""
    from ingest.status_layer import OVERRIDE_AT, OVERRIDE_UNNAMED_AT

    assert OVERRIDE_UNNAMED_AT > OVERRIDE_AT
    assert _decide("override", ("planned", OVERRIDE_UNNAMED_AT + 0.01), "implemented",
                   named=False) == ("planned", "learned")
    assert _decide("override", ("planned", OVERRIDE_UNNAMED_AT - 0.01), "implemented",
                   named=False) == ("implemented", "rules")


def test_the_actors_a_sentence_names_include_the_owner_written_before_the_model():
    from ingest.extract.status import named_actors

    method = Mention("d", 0, 12, 33, "perhekeskusverkosto", "Method", "perhekeskus", "p", "t")
    town = Mention("d", 0, 0, 11, "Savonlinnan", "Municipality", "740", "Savonlinna", "t")
    project = Mention("d", 0, 40, 46, "Hanke", "Project", "hanke", "Hanke", "t")
    assert named_actors(method, [town, method, project]) == (town,)


def test_fill_leaves_a_heading_without_a_verb_to_the_rules():
    from ingest.extract.segment import Sentence
    from ingest.extract.status import StatusContext, StatusDecision
    from ingest.records import AnalysedPassage
    from ingest.status_layer import LearnedStatusModel

    text = "Kemin perhekeskusmalli"
    tokens = (_tok("Kemin", "Kemi", "PROPN", "nmod:poss", 0),
              _tok("perhekeskusmalli", "perhekeskusmalli", "NOUN", "root", 6))
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    sent = Sentence(ap, 0, tokens, 0, len(text), 0, (1, 1))
    method = Mention("d", 0, 6, 22, "perhekeskusmalli", "Method", "m", "malli", "test")
    kemi = Mention("d", 0, 0, 5, "Kemin", "Municipality", "240", "Kemi", "test")
    ctx = StatusContext(sent, method, tokens, None, None, False, "indicative", False, False,
                        StatusDecision(None, 0.0, "rules"), (kemi,))
    decision = LearnedStatusModel(_Says("developing", 0.99), "fill").predict(ctx)  # type: ignore[arg-type]
    assert decision.status is None


def test_fill_reads_a_verbless_line_that_says_more_than_its_names():
    """A list item, table row or slide line without a verb ("- LP-keskustelut käytössä Soiten
    neuvoloissa") reports like a sentence when it names its actor: the classifier's sure
    reading is taken, as for a clause with a verb."""
    from ingest.extract.segment import Sentence
    from ingest.extract.status import StatusContext, StatusDecision
    from ingest.records import AnalysedPassage
    from ingest.status_layer import FILL_AT, LearnedStatusModel

    text = "- LP-keskustelut käytössä Soiten neuvoloissa"
    words = [("-", "-", "PUNCT"), ("LP-keskustelut", "LP-keskustelu", "NOUN"),
             ("käytössä", "käyttö", "NOUN"), ("Soiten", "Soite", "PROPN"),
             ("neuvoloissa", "neuvola", "NOUN")]
    tokens, at = [], 0
    for w, lemma, pos in words:
        at = text.index(w, at)
        tokens.append(_tok(w, lemma, pos, "nmod", at))
        at += len(w)
    tokens = tuple(tokens)
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    sent = Sentence(ap, 0, tokens, 0, len(text), 0, (1, 1, 1, 4, 1))
    method = Mention("d", 0, 2, 16, "LP-keskustelut", "Method", "lapset-puheeksi", "LP", "t")
    soite = Mention("d", 0, 26, 32, "Soiten", "Organisation", "soite", "Soite", "t")
    ctx = StatusContext(sent, method, tokens[:3], None, None, False, "indicative", False, False,
                        StatusDecision(None, 0.0, "rules"), (soite,))
    sure = LearnedStatusModel(_Says("implemented", FILL_AT + 0.01), "fill")
    unsure = LearnedStatusModel(_Says("implemented", FILL_AT - 0.01), "fill")
    assert sure.predict(ctx).status == "implemented"  # type: ignore[arg-type]
    assert unsure.predict(ctx).status is None  # type: ignore[arg-type]


def test_override_reframes_a_rule_implemented_only_when_very_sure():
    """An implementation verb inside a plan or a trial: the classifier may read the framing."""
    assert _decide("override", ("piloted", 0.95), "implemented") == ("piloted", "learned")
    assert _decide("override", ("planned", 0.95), "implemented") == ("planned", "learned")
    assert _decide("override", ("piloted", 0.7), "implemented") == ("implemented", "rules")


def test_override_withdraws_a_status_only_from_a_negated_clause_it_reads_as_none():
    """"ei ole vielä otettu käyttöön, mutta ...": a cue under a negation the rules did not see;
    the classifier, very sure the clause reports nothing, takes the status back."""
    from ingest.status_layer import VETO_AT

    assert _decide("override", ("none", VETO_AT), "implemented", negated=True) == (
        None, "learned")
    assert _decide("override", ("none", VETO_AT - 0.05), "implemented", negated=True) == (
        "implemented", "rules")
    assert _decide("fill", ("none", 0.99), "implemented", negated=True) == (
        "implemented", "rules")


def test_a_swedish_or_english_sentence_is_read_though_the_finnish_tagger_finds_no_verb():
    """The Finnish tagger gives a Swedish sentence no VERB; the verbless-heading guard would
    refuse every fill there, so a sentence in another language counts as reporting."""
    from ingest.extract.segment import Sentence
    from ingest.extract.status import StatusContext, StatusDecision
    from ingest.records import AnalysedPassage
    from ingest.status_layer import FILL_AT, LearnedStatusModel

    text = "I Jakobstad har familjecentret varit i drift sedan hösten 2018."
    words = text.rstrip(".").split()
    tokens, at = [], 0
    for w in words:
        at = text.index(w, at)
        tokens.append(_tok(w, w.lower(), "PROPN" if w[0].isupper() else "NOUN", "nmod", at))
        at += len(w)
    tokens = tuple(tokens)
    ap = AnalysedPassage(Passage("d", 0, 0, len(text), text), tokens, ())
    sent = Sentence(ap, 0, tokens, 0, len(text), 0, tuple(range(len(tokens))))
    method = Mention("d", 0, 15, 29, "familjecentret", "Method", "perhekeskus", "p", "test")
    town = Mention("d", 0, 2, 11, "Jakobstad", "Municipality", "598", "Pietarsaari", "test")
    ctx = StatusContext(sent, method, tokens, None, None, False, "indicative", False, False,
                        StatusDecision(None, 0.0, "rules"), (town,))
    said = _Says("implemented", FILL_AT + 0.01)
    decision = LearnedStatusModel(said, "override").predict(ctx)  # type: ignore[arg-type]
    assert decision.status == "implemented"


def test_override_leaves_other_rule_statuses_and_never_withdraws_one():
    assert _decide("override", ("developing", 0.99), "piloted") == ("piloted", "rules")
    assert _decide("override", ("none", 0.99), "implemented") == ("implemented", "rules")
    assert _decide("override", ("trained", 0.99), "implemented") == ("implemented", "rules")


def test_a_method_carried_from_the_sentence_before_is_left_to_the_rules():
    assert _decide("learned", ("trained", 0.99), "piloted", carried=True) == ("piloted", "rules")
    assert _decide("learned", ("none", 0.9), "created") == (None, "learned")


def test_the_learned_models_are_registered_by_name():
    from ingest.extract.status import STATUS_MODELS

    assert {"rules", "fill", "override", "learned"} <= set(STATUS_MODELS)


@pytest.fixture(scope="module")
def classifier(model_dir):
    from ingest.status_model import StatusClassifier
    from search.encoder import Encoder

    return StatusClassifier(Encoder(model_dir))


@pytest.fixture(scope="module")
def analyse(voikko):
    from ingest.extraction import head_positions
    from ingest.spacy_pipeline import PassageAnalyzer, load_nlp
    from ingest.status_features import sites_in_sentence

    analyzer = PassageAnalyzer(load_nlp(), voikko)

    def sites(text: str, surface: str):  # noqa: ANN202
        (ap,) = analyzer.analyse([Passage("t", 0, 0, len(text), text)])
        start = text.index(surface)
        return sites_in_sentence(text, ap.tokens, head_positions(ap),
                                 [(start, start + len(surface))])
    return sites


@pytest.mark.parametrize(("text", "surface", "status"), [
    ("Sodankylä aikoo aloittaa Ihmeelliset vuodet -ryhmät vasta ensi syksynä.",
     "Ihmeelliset vuodet", "planned"),
    ("Pelkosenniemellä omatyöntekijämallia kokeiltiin puolen vuoden ajan.",
     "omatyöntekijämallia", "piloted"),
    ("Inarin terveydenhoitajat koulutettiin Lapset puheeksi -keskusteluihin.",
     "Lapset puheeksi", "trained"),
    ("Mikä on kohtaamispaikka ja kenelle se on tarkoitettu?", "kohtaamispaikka", "none"),
])
def test_the_model_reads_unseen_sentences(classifier, analyse, text, surface, status):
    (decision,) = classifier.predict(analyse(text, surface))
    assert decision.status == status
    assert 0.0 <= decision.confidence <= 1.0


def test_the_committed_artifact_fits_the_features_and_the_encoder(classifier):
    from ingest.status_features import syntax_names

    assert classifier.model.coef.shape == (7, 384 + len(syntax_names()))
    assert classifier.meta["mentions"] >= 400
