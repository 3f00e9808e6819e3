"""Working models recognised by description: a sentence that describes a model without naming it
("perheellä on yksi yhteyshenkilö ...") is linked to it through the model's definitions and
example descriptions (skos:definition, skos:example in ontology/reference/methods.ttl) and the
labelled sentences that describe it (ingest/learned/concept_*).

By default a calibrated classifier decides (ClassifiedMatcher, ingest/concept_model.py: logistic
regression over cosines to each model's nearest descriptions, the gaps to the next model and to a
background of ordinary report sentences, and definition keywords; threshold chosen for
cross-validated precision .95). The older margin rule stays available (DescriptionMatcher,
LAPEKG_CONCEPT_CLASSIFIER=false): a sentence describes a model when its similarity to that
model's descriptions (the mean of the TOP_K nearest) beats both the next model and the
background by MARGIN; `python -m ingest.concept_descriptions measure` prints its precision and
recall by margin on ingest/learned/concept_sentences.txt.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.extract.lexicon import Lexicon
from ingest.extract.status_cues import cue_status
from ingest.records import AnalysedPassage, Mention, Token

if TYPE_CHECKING:
    from ontology.reference import ReferenceData
    from search.encoder import Encoder

logger = logging.getLogger(__name__)

LEARNED = Path(__file__).parent / "learned"
BACKGROUND = LEARNED / "concept_background.txt"
LABELLED = LEARNED / "concept_sentences.txt"
# Precision >= .95 on the labelled set (not .9: half of the labelled sentences describe a model,
# far more than in a report, so precision in running text is lower than measured there). With
# sixteen models, 174 sentences: .0225 gives P .968, R .435 and is the margin verified on the
# development documents (seeds relation P .904); `measure`'s own choice, .0175 (P .952, R .58),
# has not been run on them yet.
MARGIN = 0.0225
CONFIDENCE = 0.5  # an inferred mention's facts are less certain than a named mention's
# Extraction's confidence for an actor named in the sentence itself (0.75 for a list of towns,
# 0.85 for one); an actor taken from the context or the document scores 0.65 or less.
# A sentence that names no actor may still say who acted by a word of its kind: the project
# ("Hankkeessa kokeiltiin ...", 0.75), the joint authority a word refers back to ("Neuvolakäyntejä
# on kuntayhtymässä hoidettu ...", 0.7); or it goes on about the body of the sentence before or
# of its section's heading ("Perheneuvolassa kokeiltiin ..." under Nokia, 0.65). Such a sentence
# is read for a description too, and its fact is kept at REFERRED or above; the document's
# project or region taken only because nothing nearer acts (0.6 or less) is not enough for a
# model that is itself uncertain. (.7 kept precision exactly on the development status sets,
# 509/710; .65 reads 513/710, relations +4 right, +2 false.)
REFERRED = 0.65
SOURCE = "inferred:description"
# A fact about the method a section's heading names, read from a sentence that takes it up by a
# model word or a noun of the heading (ingest/extract/extractor.py): inferred too, and not a
# fact carried over from a description in the sentence before.
HEADING_SOURCE = "inferred:heading"
# A fact about a method carried from the sentence before into one that names none and takes it up
# by a model word, a pronoun or the head noun of its name ("Mallia kokeiltiin Sallassa").
BACK_REFERENCE_SOURCE = "inferred:back-reference"
PRACTICE = "pattern:practice"  # ingest/new_entities.py: a local practice found by its shape
ACTOR_KINDS = ("Municipality", "Organisation", "Region", "Project")
MIN_CHARS = 25  # headings and fragments describe nothing
TOP_K = 2


@dataclass(frozen=True)
class InferredMention:
    """A sentence [start, end) of a passage that describes method `key` without naming it."""

    start: int
    end: int
    key: str
    label: str
    similarity: float
    margin: float  # the margin rule's margin, or the classifier's probability
    inferred: bool = True


def _top_mean(sims: np.ndarray) -> np.ndarray:
    k = min(TOP_K, sims.shape[1])
    return np.sort(sims, axis=1)[:, -k:].mean(axis=1)


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def method_descriptions(reference: ReferenceData) -> dict[str, tuple[str, list[str]]]:
    """Method key -> (Finnish label, its definitions and examples), for methods with examples."""
    out = {}
    for entity in reference.by_kind("Method"):
        texts = [text for text, _ in entity.descriptions]
        if len(texts) > 2:  # a bare English definition is too little to recognise a model by
            out[entity.key] = (entity.pref_fi, texts)
    return out


class DescriptionMatcher:
    """Embeds every description and background sentence once ('query: ' on both sides, as e5
    asks for symmetric similarity); vectors are L2-normalised, so inner product is cosine."""

    def __init__(self, encoder: Encoder, descriptions: Mapping[str, tuple[str, Sequence[str]]],
                 background: Sequence[str], margin: float = MARGIN) -> None:
        if not descriptions:
            raise ValueError("no method descriptions: add skos:example texts to methods.ttl")
        self.encoder = encoder
        self.margin = margin
        self.keys = list(descriptions)
        self.labels = {k: descriptions[k][0] for k in self.keys}
        texts = [t for k in self.keys for t in descriptions[k][1]]
        self.owner = np.array([i for i, k in enumerate(self.keys) for _ in descriptions[k][1]])
        from search.bank_vectors import encode_bank

        vectors = encode_bank(encoder, texts + list(background))  # kept beside the model
        self.described, self.background = vectors[:len(texts)], vectors[len(texts):]

    def scores(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(n × methods) mean cosine of the TOP_K nearest descriptions of each method, and (n,)
        the same for the background (a mean of a few is steadier than one nearest text)."""
        if not sentences:
            return np.zeros((0, len(self.keys))), np.zeros(0)
        vectors = self.encoder.encode_labels(list(sentences))
        sims = vectors @ self.described.T
        per_method = np.full((len(sentences), len(self.keys)), -1.0)
        for i in range(len(self.keys)):
            per_method[:, i] = _top_mean(sims[:, self.owner == i])
        background = _top_mean(vectors @ self.background.T) if len(self.background) else \
            np.full(len(sentences), -1.0)
        return per_method, background

    def best(self, sentences: Sequence[str]) -> list[tuple[str, float, float]]:
        """Each sentence's nearest method with its similarity and margin over the runner-up
        (the second method or the background, whichever is closer)."""
        per_method, background = self.scores(sentences)
        out = []
        for row, bg in zip(per_method, background, strict=True):
            order = np.argsort(-row)
            second = row[order[1]] if len(order) > 1 else -1.0
            out.append((self.keys[order[0]], float(row[order[0]]),
                        float(row[order[0]] - max(second, bg))))
        return out

    def infer(self, text: str, spans: Sequence[tuple[int, int]],
              named: Sequence[set[str]]) -> list[InferredMention]:
        """Inferred mentions for the sentences `spans` of `text`; `named[i]` holds the method
        keys sentence i names already (such a sentence is linked by name, not by description)."""
        return self.infer_many([(text, spans, named)])[0]

    def infer_many(self, items: Sequence[tuple[str, Sequence[tuple[int, int]],
                                                Sequence[set[str]]]]
                   ) -> list[list[InferredMention]]:
        """`infer` of each (text, spans, named), the sentences of all of them encoded in one
        call."""
        # A sentence that names a model speaks of that model: only one that names none is read
        # for a description ("Etävastaanotot tiivistävät yhteydenpitoa" is no named worker).
        chosen = [[(s, e, n) for (s, e), n in zip(spans, named, strict=True)
                   if len(text[s:e].strip()) >= MIN_CHARS and not n]
                  for text, spans, named in items]
        results = iter(self.best([" ".join(text[s:e].split())
                                  for (text, _, _), picked in zip(items, chosen, strict=True)
                                  for s, e, _ in picked]))
        return [[InferredMention(s, e, key, self.labels[key], round(sim, 4), round(margin, 4))
                 for (s, e, names), (key, sim, margin) in zip(picked, results, strict=False)
                 if margin >= self.margin and key not in names] for picked in chosen]


def sentence_spans(ap: AnalysedPassage) -> list[tuple[int, int]]:
    """Each spaCy sentence of the passage as (start, end) in its text."""
    spans: dict[int, tuple[int, int]] = {}
    for tok in ap.tokens:
        start, _ = spans.get(tok.sent, (tok.start, tok.end))
        spans[tok.sent] = (start, tok.end)
    return list(spans.values())


def _anchor(ap: AnalysedPassage, heads: Sequence[int], start: int, end: int
            ) -> tuple[int, int]:
    """Where extraction should read the described model: the subject or object of the
    sentence's main verb ("Raumalla kokeiltiin [mallia], jossa ..."), else its first noun; its
    status is then read from the clause around it, as for a named model."""
    inside = [k for k, t in enumerate(ap.tokens) if start <= t.start < end]
    roots = [k for k in inside if heads[k] == k or heads[k] not in inside]
    nouns = [k for k in inside if ap.tokens[k].pos in ("NOUN", "PROPN")]
    core = [k for k in nouns if heads[k] in roots
            and ap.tokens[k].dep.split(":")[0] in ("nsubj", "obj")]
    k = (core or nouns or inside)[0]
    return ap.tokens[k].start, ap.tokens[k].end


def may_keep_fact(lex: Lexicon, tokens: Iterable[Token],
                  words: frozenset[str] | None = None) -> bool:
    """A sentence that names no actor can only keep a fact about a model it describes when a
    word of it lets the extractor read a status: a status cue (cue_status,
    ingest/extract/status_cues.py) or another status word of its lexicon (_status_words). Any
    other sentence gives extraction nothing to keep, so it is not encoded. A word referring to
    the project or a joint authority alone does not let a sentence in: without a status it
    keeps no fact either (on the development status sets, letting such sentences in too
    changed nothing). A lexical test on the parsed tokens, before any encoding; `words` is
    _status_words(lex), made once by a caller that asks for many sentences."""
    words = _status_words(lex) if words is None else words
    for tok in tokens:
        lemma = tok.lemma.lower()
        if cue_status(lex, tok) is not None or lemma in words or tok.text.lower() in words:
            return True
    return False


def _status_words(lex: Lexicon) -> frozenset[str]:
    """The lexicon's words besides its cues that let the extractor read a status: work going
    on, an intention, taking part, use, use told by its time ("nykyisin", "vuodesta")."""
    return frozenset(w for group in (
        lex.progressive_cues, lex.ongoing_adverbs, lex.intent, lex.goal_words, lex.use_words,
        lex.begin, lex.part_of, lex.take_part, lex.routine_words, lex.since_words,
        lex.place_use_cues) for w in group)


def inferred_mentions(matcher: DescriptionMatcher, doc_key: str,
                      passages: Sequence[AnalysedPassage], mentions: Sequence[Mention],
                      lex: Lexicon | None = None) -> list[Mention]:
    """Method mentions for the document's sentences that describe a model they do not name,
    found in two batches of sentences per document (per passage with an int8 encoder: see
    below), those that name an actor and the others; the mention is anchored on the sentence's
    subject or object and its source says it was inferred."""
    from ingest.extraction import head_positions

    words = _status_words(lex) if lex is not None else frozenset()
    asked = []
    for ap in passages:
        here = [m for m in mentions if m.passage_index == ap.passage.index]
        # A sentence that names who acted, or refers to it by a word of its kind, can keep a
        # fact (mark_inferred); which of them refers is the extractor's to say, so every
        # sentence long enough to describe something is read: first those that name an actor,
        # then the others, each group in calls of its own (an int8 encoder quantises per call,
        # so the sentences that name an actor get the vectors they got when only they were read).
        spans = sentence_spans(ap)
        acting = [(s, e) for s, e in spans
                  if any(m.kind in ACTOR_KINDS and s <= m.start < e for m in here)]
        # Of the others, with a lexicon, only those with a status word (may_keep_fact): the
        # rest could keep no fact.
        others = [(s, e) for s, e in spans if (s, e) not in acting
                  and len(ap.passage.text[s:e].strip()) >= MIN_CHARS
                  and (lex is None or may_keep_fact(
                      lex, (t for t in ap.tokens if s <= t.start < e), words))]
        # A local practice found by its shape ("kokeiltiin yhteistä puhelinnumeroa") is no
        # reference model: its sentence is still read for the model it may describe.
        questions = tuple((ap.passage.text, group, [
            {m.key for m in here if m.kind == "Method" and m.source != PRACTICE
             and s <= m.start < e} for s, e in group]) for group in (acting, others))
        asked.append((ap, here, questions))
    # The document's sentences in one encoder call (per group) where the encoder's vectors do
    # not depend on their call (float32, openvino-bf16); per passage for the int8 variants, whose
    # activations are quantised per call (search/onnx_variants.py).
    answers: list[list[InferredMention]] = [[] for _ in asked]
    for group in (0, 1):
        if getattr(getattr(matcher, "encoder", None), "float32_equal", False):
            found_in = matcher.infer_many([questions[group] for _, _, questions in asked])
        else:
            found_in = [matcher.infer(*questions[group]) if questions[group][1] else []
                        for _, _, questions in asked]
        for into, inferred in zip(answers, found_in, strict=True):
            into.extend(inferred)
    answers = [sorted(inferred, key=lambda m: m.start) for inferred in answers]
    found: list[Mention] = []
    for (ap, here, _), inferred in zip(asked, answers, strict=True):
        heads = head_positions(ap) if inferred else ()
        for m in inferred:
            practice = next((p for p in here if p.kind == "Method" and p.source == PRACTICE
                             and m.start <= p.start < m.end), None)
            # the practice's words are where the sentence names what it describes
            start, end = ((practice.start, practice.end) if practice is not None
                          else _anchor(ap, heads, m.start, m.end))
            found.append(Mention(doc_key, ap.passage.index, start, end,
                                 ap.passage.text[start:end], "Method", m.key, m.label, SOURCE))
    return found


class ClassifiedMatcher(DescriptionMatcher):
    """The classifier of ingest/concept_model.py in the margin rule's place: a sentence is read
    as describing its most probable model when that probability reaches `threshold` (by
    default the one chosen by cross-validation for precision .95, stored with the model)."""

    def __init__(self, encoder: Encoder, descriptions: Mapping[str, tuple[str, Sequence[str]]],
                 threshold: float | None = None) -> None:
        from ingest.concept_model import build_bank, load, read_labelled
        from ingest.concept_model import read_lines as lines
        from ingest.learned_variants import artifact_path, check_fit

        # the fit for the variant the encoder runs (ingest/learned/variants.toml)
        path = artifact_path("concept", encoder)
        self.classifier, meta = load(path)
        check_fit(meta, encoder, path)
        self.encoder = encoder
        self.margin = self.classifier.threshold if threshold is None else threshold
        self.labels = {k: descriptions[k][0] for k in descriptions}
        self.bank = build_bank(encoder, {k: v[1] for k, v in descriptions.items()},
                               read_labelled(), lines(BACKGROUND))
        self.keys = self.bank.keys

    def best(self, sentences: Sequence[str]) -> list[tuple[str, float, float]]:
        """Each sentence's most probable model, its mean cosine to that model's nearest
        descriptions, and the probability."""
        from ingest.concept_model import FEATURES

        if not sentences:
            return []
        x = self.bank.features(list(sentences), self.encoder.encode_labels(list(sentences)))
        proba = self.classifier.proba(x)
        best = proba.argmax(axis=1)
        topk = FEATURES.index("topk")
        return [(self.keys[int(b)], float(x[i, b, topk]), float(proba[i, b]))
                for i, b in enumerate(best)]


def matcher_for(reference: ReferenceData, encoder: Encoder, margin: float = MARGIN,
                classifier: bool = True, threshold: float | None = None) -> DescriptionMatcher:
    """The classifier (ingest/concept_model.py) when `classifier`, else the margin rule."""
    if classifier:
        return ClassifiedMatcher(encoder, method_descriptions(reference), threshold)
    return DescriptionMatcher(encoder, method_descriptions(reference), read_lines(BACKGROUND),
                              margin)


def measure(matcher: DescriptionMatcher, labelled: Sequence[tuple[str, str]],
            margins: Sequence[float] = tuple(np.round(np.arange(-0.01, 0.0401, 0.0025), 4)),
            min_precision: float = 0.95
            ) -> dict[str, Any]:
    """Precision and recall of `infer`'s decision by margin: a hit is a sentence linked to the
    model it describes; a sentence linked to another model or a negative linked to any model
    is a false positive."""
    found = matcher.best([text for _, text in labelled])
    table = []
    for m in margins:
        tp = sum(1 for (gold, _), (key, _, mg) in zip(labelled, found, strict=True)
                 if mg >= m and key == gold)
        fp = sum(1 for (gold, _), (key, _, mg) in zip(labelled, found, strict=True)
                 if mg >= m and key != gold)
        positives = sum(1 for gold, _ in labelled if gold != "-")
        table.append({"margin": float(m), "P": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                      "R": round(tp / positives, 3), "tp": tp, "fp": fp})
    ok = [row for row in table if row["P"] >= min_precision and row["tp"] > 0]
    chosen = max(ok, key=lambda r: (r["R"], -r["margin"])) if ok else None
    errors = [{"gold": gold, "found": key, "margin": round(mg, 4), "text": text}
              for (gold, text), (key, _, mg) in zip(labelled, found, strict=True)
              if chosen and mg >= chosen["margin"] and key != gold]
    return {"n": len(labelled), "min_precision": min_precision, "table": table,
            "chosen": chosen, "false_positives": errors}


def main(argv: Sequence[str]) -> int:
    import os

    from ontology.reference import load_reference
    from search.encoder import Encoder

    if argv[:1] != ["measure"]:
        print("usage: python -m ingest.concept_descriptions measure", file=sys.stderr)
        return 2
    encoder = Encoder(os.environ.get("LAPEKG_MODEL", "models/multilingual-e5-small"))
    matcher = matcher_for(load_reference(), encoder, classifier=False)
    labelled = [tuple(line.split("\t", 1)) for line in read_lines(LABELLED)]
    print(json.dumps(measure(matcher, labelled), indent=1))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
