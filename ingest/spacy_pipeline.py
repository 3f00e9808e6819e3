"""spaCy's Finnish pipeline (Voikko lemmas, POS, sentences, NER) over passages, in batches."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ingest.errors import LapekgError
from ingest.records import AnalysedPassage, Entity, Passage, Token
from ingest.voikko_analyzer import VoikkoAnalyzer

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "spacy_fi_experimental_web_md"
_COMPOUND_POS = {"NOUN", "PROPN", "ADJ"}


class SpacyModelError(LapekgError):
    prefix = "cannot load the spaCy model"
    hint = "run `make setup`, which installs spacy-fi-experimental-web-md"


# What spaCy's load reads and nothing of ours uses: the vocabulary's lookup tables, which for
# the Finnish model hold only `lexeme_prob` (500,000 word probabilities, read by `Lexeme.prob`
# alone; no layer's features, no lemma, tag or entity depends on them) and its default. Filling
# them took 0.9 of the load's 1.4 CPU seconds.
UNUSED_VOCAB_PARTS = ("lookups",)


def load_nlp(model: str = DEFAULT_MODEL, disable: Iterable[str] = ()) -> Language:
    """Load the Finnish pipeline, disabling components a stage does not use, without the
    vocabulary's lookup tables (UNUSED_VOCAB_PARTS: `token.prob` is then its default)."""
    with _without_torch():
        import spacy

        try:
            # `exclude` names pipeline components and, passed on to Vocab.from_disk, its parts.
            return spacy.load(model, disable=list(disable), exclude=list(UNUSED_VOCAB_PARTS))
        except (OSError, ImportError) as exc:
            raise SpacyModelError(f"{model}: {exc}") from exc


@contextmanager
def _without_torch() -> Iterator[None]:
    """spaCy's thinc imports PyTorch when it is installed (1.4 of spaCy's 2.1 CPU seconds of
    import, in every build and add) although the Finnish pipeline runs on thinc's numpy ops.
    While spaCy loads, `import torch` fails unless torch is already imported; afterwards it
    works again, for whatever needs it."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError
    try:
        yield
    finally:
        if sys.modules.get("torch") is None:
            del sys.modules["torch"]


def _faster(nlp: Language, voikko: VoikkoAnalyzer) -> Language:
    """`nlp` with the per-word caches and numpy's matrix products (changed in place)."""
    from ingest.spacy_caches import cache_word_work
    from ingest.spacy_ops import use_numpy_gemm

    return use_numpy_gemm(cache_word_work(nlp, voikko))


class PassageAnalyzer:
    """Turns passages into tokens with lemmas, compound parts, sentences and NER spans.

    `nlp` is the loaded pipeline or a function that loads it: then it is loaded on first use
    (about 3 CPU seconds, most of an `add` whose documents all come from the analysis cache,
    and all of an unchanged rebuild's). Its lemmatizer's Voikko analyses and its floret word
    vectors are kept per word form (ingest/spacy_caches.py), and its layers multiply through
    numpy's BLAS (ingest/spacy_ops.py): the same annotations."""

    def __init__(self, nlp: Language | Callable[[], Language], voikko: VoikkoAnalyzer,
                 batch_size: int = 32) -> None:
        self._nlp: Language | None = None if callable(nlp) and not hasattr(nlp, "pipe") \
            else _faster(nlp, voikko)  # type: ignore[arg-type]
        self._load = nlp if self._nlp is None else None
        self._lock = threading.Lock()
        self.voikko = voikko
        self.batch_size = batch_size

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded now if it was not."""
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    assert self._load is not None
                    self._nlp = _faster(self._load(), self.voikko)
        return self._nlp

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def analyse(self, passages: Iterable[Passage], n_process: int = 1) -> Iterator[AnalysedPassage]:
        items = ((p.text, p) for p in passages)
        for doc, passage in self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size,
                                          n_process=n_process):
            yield self._convert(doc, passage)

    def _lemma(self, text: str, lemma: str, pos: str) -> str:
        # The model leaves some proper nouns inflected ("Sotessa"); ask Voikko directly then.
        if pos == "PROPN" and lemma == text:
            base = self.voikko.baseform(text)
            if base:
                return base[0].upper() + base[1:] if text[:1].isupper() else base
        if pos == "VERB" and lemma == text and text.isalpha() and text.islower():
            return self._compound_verb(text) or lemma
        return lemma or text

    def _compound_verb(self, text: str) -> str | None:
        """The base form of a compound verb Voikko does not know, from the longest verb it
        knows at the end: "jatkokehitettiin" → jatko + kehittää."""
        if self.voikko.analyze(text):
            return None
        for i in range(2, len(text) - 5):
            verbs = [a.get("BASEFORM", "") for a in self.voikko.analyze(text[i:])
                     if a.get("CLASS") == "teonsana"]
            if verbs and verbs[0].isalpha():
                return text[:i].lower() + verbs[0]
        return None

    def _pos(self, text: str, pos: str) -> str:
        """A word the model tags as a noun but Voikko reads only as a numeral is a numeral:
        "Kuuteen yksikköön" is 'to six units', not 'to a spruce' (kuusi), whose own forms
        have another stem ("kuuseen")."""
        if pos in _COMPOUND_POS and text.isalpha():
            analyses = self.voikko.analyze(text)
            if analyses and all(a.get("CLASS") == "lukusana" for a in analyses):
                return "NUM"
        return pos

    def _convert(self, doc, passage: Passage) -> AnalysedPassage:  # type: ignore[no-untyped-def]
        sent_of: dict[int, int] = {}
        has_sents = doc.has_annotation("SENT_START")
        sents = list(doc.sents) if has_sents else [doc[:]]
        for s_index, sent in enumerate(sents):
            for tok in sent:
                sent_of[tok.i] = s_index
        tokens = []
        for tok in doc:
            if tok.is_space:
                continue
            lemma = self._lemma(tok.text, tok.lemma_, tok.pos_)
            pos = self._pos(tok.text, tok.pos_)
            parts = self.voikko.compound_parts(tok.text) if pos in _COMPOUND_POS else ()
            # a few hundred distinct feature strings: interned, a token holds a reference
            tokens.append(Token(tok.text, lemma, pos, tok.idx, tok.idx + len(tok.text),
                                sent_of.get(tok.i, 0), parts, tok.dep_, tok.head.i,
                                sys.intern(str(tok.morph))))
        entities = tuple(
            Entity(ent.text, " ".join(self._lemma(t.text, t.lemma_, t.pos_) for t in ent),
                   ent.label_, ent.start_char, ent.end_char)
            for ent in doc.ents
        )
        return AnalysedPassage(passage, tuple(tokens), entities)
