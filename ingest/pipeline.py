"""The ingest pipeline for a batch of files: read, clean, split, analyse, link, extract."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.concept_descriptions import DescriptionMatcher, inferred_mentions
from ingest.described_facts import described_in_use, mark_inferred
from ingest.documents import load_document
from ingest.errors import ReadError
from ingest.extraction import FactExtractor
from ingest.linking import Linker
from ingest.method_forms import with_document_aliases
from ingest.new_entities import new_entities
from ingest.passages import split_passages
from ingest.project_identity import ProjectIdentity, with_project_labels
from ingest.records import AnalysedDocument, AnalysedPassage, Document, DocumentMeta, Mention
from ingest.spacy_pipeline import PassageAnalyzer
from ingest.voikko_analyzer import VoikkoAnalyzer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """A file that could not be ingested, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Notice:
    """A file that was ingested (or skipped) with something the user should know."""

    path: str
    message: str


class IngestPipeline:
    """Composes the stages; every heavy component comes in from outside."""

    def __init__(self, voikko: VoikkoAnalyzer, analyzer: PassageAnalyzer, linker: Linker,
                 extractor: FactExtractor, describer: DescriptionMatcher | None = None) -> None:
        self.voikko = voikko
        self.analyzer = analyzer
        self.linker = linker
        self.extractor = extractor
        self.describer = describer  # models recognised by description, when configured
        self.identity = ProjectIdentity(extractor.reference.by_kind("Region"), voikko.baseform)

    def _is_post(self, mention: Mention) -> bool:
        """A role mention naming a post of an organisation or the reform, in the singular: one
        (perhaps unnamed) holder. Occupations (the reference data's 'occupations' collection)
        and plurals ("Hanketyöntekijät", "asiantuntijat") speak of a class of people."""
        entity = self.extractor.reference.get("Role", mention.key)
        if entity is None or "occupations" in entity.collections:
            return False
        words = mention.surface.split()
        analyses = self.voikko._analyze(words[-1]) if words else ()  # noqa: SLF001
        return not analyses or any(a.get("NUMBER") != "plural" for a in analyses)

    def load(self, items: Iterable[tuple[Path, DocumentMeta | None]]
             ) -> Iterator[Document | Failure | Notice]:
        """Each file as a Document or a Failure; warnings logged while reading it (a skipped
        PDF page, HTML read as plain text) come first, as Notices."""
        for path, meta in items:
            heard = _Warnings()
            logging.getLogger("ingest").addHandler(heard)
            try:
                document = load_document(path, meta, self.voikko.is_word)
            except ReadError as exc:
                logger.info("%s", exc)
                yield Failure(str(path), str(exc))
                continue
            except OSError as exc:
                logger.info("cannot read %s: %s", path, exc)
                yield Failure(str(path), f"cannot read: {path}: {exc.strerror or exc}")
                continue
            except Exception as exc:  # one bad file must not stop the batch; the report names it
                logger.warning("cannot read %s: unexpected %s", path, type(exc).__name__,
                               exc_info=True)
                yield Failure(str(path), f"cannot read: {path}: unexpected error "
                              f"({type(exc).__name__}: {exc})")
                continue
            finally:
                logging.getLogger("ingest").removeHandler(heard)
            for message in heard.messages:
                yield Notice(str(path), message.removeprefix(f"{path}: "))
            yield document

    def prepare(self, also: Sequence[Callable[[], object]] = ()) -> None:
        """Load the models now (before forking workers, so that they share them), side by side
        in threads with `also` (e.g. the passage encoder): spaCy's load holds the GIL, ONNX
        Runtime builds its sessions without it, so on two cores the sessions come free."""
        from ingest.parallel import load_together

        load_together([*self.loaders(), *also])

    def loaders(self) -> list[Callable[[], object]]:
        """What `prepare` loads, as jobs that may run side by side in threads (each is
        thread-safe and loads once): spaCy, and the encoder a learned status model encodes
        clauses with (its ONNX session, ~1.5 CPU s, which ONNX Runtime builds without the GIL)."""
        jobs: list[Callable[[], object]] = [lambda: self.analyzer.nlp]
        classifier = getattr(self.extractor.status_model, "classifier", None)
        encoder = getattr(classifier, "encoder", None)
        if encoder is not None and callable(getattr(encoder, "load", None)):
            jobs.append(encoder.load)
        return jobs

    def _mentions(self, doc_key: str, ap: AnalysedPassage) -> list[Mention]:
        """The passage's linked and newly found mentions."""
        linked = self.linker.link(doc_key, ap)
        found = new_entities(doc_key, ap, self.voikko, linked)
        # A regional project named after its region ("P-K LAPE", "LAPE Päijät-Häme")
        # replaces the region and programme mentions inside its name.
        # So does a town's parish or an organisation's district ("Kajaanin seurakunta",
        # "MLL:n Lapin piiri") the town, region and organisation inside its name.
        named = [(m.start, m.end, _REPLACES[m.source]) for m in found if m.source in _REPLACES]
        return [*(m for m in linked if not any(
            s <= m.start and m.end <= e and m.kind in kinds for s, e, kinds in named)), *found]

    def analyse(self, document: Document, n_process: int = 1) -> AnalysedDocument:
        passages = split_passages(document.key, document.text, document.related_start)
        everything = tuple(self.analyzer.analyse(passages, n_process=n_process))
        # Related material (other documents' titles and excerpts) is searched, never read for
        # this document's facts.
        analysed = tuple(ap for ap in everything if not document.is_related(ap.passage.start))
        mentions = [m for ap in analysed for m in self._mentions(document.key, ap)]
        mentions.extend(_named_again(analysed, mentions))
        # short names the document gives its methods in parentheses ("... -menetelmä (LP)")
        mentions = with_document_aliases(analysed, mentions)
        national = {e.key for e in self.extractor.reference.by_kind("Project")}
        mentions, project_names = self.identity.merge(
            mentions, national, {ap.passage.index: ap.passage.text for ap in analysed})
        regional = self.identity.region_project(
            mentions, national, self.extractor.document_region(document, mentions), analysed)
        if regional is not None:  # "the project" of a document that names none: its region's
            mentions = [*mentions, regional[0]]
            project_names = [*project_names, regional[1]]
        # Models a sentence only describes take part in extraction, not in the mentions: they
        # name nothing; their facts say they were inferred.
        inferred = (inferred_mentions(self.describer, document.key, analysed, mentions,
                                       self.extractor.lex)
                    if self.describer is not None else [])
        seen = sorted(mentions + inferred, key=_position) if inferred else mentions
        facts = tuple(mark_inferred(self.extractor.extract(document, analysed, seen), inferred,
                                    mentions))
        if inferred:  # described models the rules gave no status (ingest/concept_descriptions)
            facts += tuple(described_in_use(analysed, inferred, mentions, facts,
                                            self.extractor.lex))
        mentions = _roles_held(mentions, facts, self._is_post)
        new, alts = with_project_labels(_new_entity_labels(mentions), project_names)
        # Related material names people, bodies and places for search and reading only (the
        # graph leaves its mentions out). Its projects are other documents' projects, which only
        # their own documents key (ProjectIdentity), so they are left out.
        mentions += [m for ap in everything[len(analysed):]
                     for m in self._mentions(document.key, ap) if m.kind != "Project"]
        return AnalysedDocument(document, everything, tuple(mentions), facts, new, alts)


def _position(m: Mention) -> tuple[int, int]:
    return m.passage_index, m.start


_REPLACES = {"pattern:lape": ("Region", "Project"), "pattern:region-lape": ("Project",),
             "pattern:local-body": ("Region", "Municipality", "Organisation"),
             "pattern:org-form": ("Region", "Municipality")}
def _named_again(analysed: Iterable[AnalysedPassage], mentions: list[Mention]
                 ) -> Iterator[Mention]:
    """A project found by its name before "hanke" ("Perhekaari-hanke") is the same project
    where the document names it alone, inflected or not ("Perhekaari aloitti", "Perhekaaren
    tuloksia"): each capitalised word whose lemma or form is the one-word name, outside the
    spans already linked."""
    names = {m.label.lower(): m for m in mentions if m.source == "pattern:hanke"
             and " " not in m.label and len(m.label) > 3 and m.label[:1].isupper()}
    if not names:
        return
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.passage_index, []).append((m.start, m.end))
    for ap in analysed:
        spans = taken.get(ap.passage.index, [])
        for tok in ap.tokens:
            hit = names.get(tok.lemma.lower()) or names.get(tok.text.lower())
            if hit is None or not tok.text[:1].isupper() or any(
                    s < tok.end and tok.start < e for s, e in spans):
                continue
            yield Mention(hit.doc_key, ap.passage.index, tok.start, tok.end, tok.text, hit.kind,
                          hit.key, hit.label, "document:named-again")


def _roles_held(mentions: list[Mention], facts: tuple,  # type: ignore[type-arg]
                is_post: Callable[[Mention], bool] = lambda m: False) -> list[Mention]:
    """Role words count as entities where a person holds the role, or where they name a post
    someone holds even unnamed ("Muutosagentin tehtävänä oli ..."); occupations written
    without a holder ("kuraattori", "psykologi") are ordinary nouns and would flood the graph."""
    spans = {(f.passage_index, f.start, f.end) for f in facts if f.predicate == "hasRole"}
    return [m for m in mentions if m.kind != "Role" or is_post(m) or any(
        p == m.passage_index and s <= m.start and m.end <= e for p, s, e in spans)]


class _Warnings(logging.Handler):
    """Collects the warnings ingest logs while one file is read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _new_entity_labels(mentions: list[Mention]) -> tuple[tuple[str, str, str], ...]:
    """Entities minted from the text, one label per key (the first, usually the fullest form)."""
    labels: dict[tuple[str, str], str] = {}
    for m in mentions:
        if m.source != "gazetteer" and m.source != "compound":
            labels.setdefault((m.kind, m.key), m.label)
    return tuple(sorted((kind, key, label) for (kind, key), label in labels.items()))
