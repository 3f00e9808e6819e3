"""Hybrid passage search: BM25 over lemmas, dense vectors and entity matches, fused by RRF."""

from __future__ import annotations

import re
from collections.abc import Callable

from search.bm25_index import BM25Index
from search.encoder import Encoder
from search.faiss_index import FaissIndex
from search.fusion import reciprocal_rank_fusion
from search.glossary import Glossary
from search.passage_store import PassageStore
from search.query import AnalysedQuery, QueryAnalyzer
from search.records import Hit, StoredPassage

CANDIDATES = 100
RELATED_WEIGHT = 0.8
GLOSS_WEIGHT = 0.5
# Fusion weights by query language: English words never meet Finnish lemmas in BM25, so an
# English query leans on the multilingual vectors (measured with `lapekg eval`).
# Measured on 39 passage questions (tests/eval + dev): English dense-only hit@5 0.846 vs 0.769
# with BM25 and entities mixed in; for Finnish the entity list added nothing over BM25 + dense,
# and even at weight 0.1 cost hit@5 (0.846 → 0.821), so it is off by default; answers use the
# entities through the graph instead.
# "gloss" is BM25 over the Finnish lemmas of an English or Swedish question's service words
# (search.glossary): a second vote for the Finnish passages on the question's topic, so a weak
# cross-language match (a Swedish page for an English question) does not push them out.
# Capitalised words that open an English or Swedish question, never a name of one thing.
NOT_NAMES = frozenset({"when", "who", "which", "what", "how", "where", "why", "did", "does",
                       "was", "were", "is", "are", "under", "in", "for", "roughly", "när",
                       "vem", "vilken", "vilket", "vilka", "vad", "hur", "var", "varför",
                       # the programme every document is about
                       "lape"})
WEIGHTS = {
    "fi": {"bm25": 1.0, "dense": 1.5, "entity": 0.0, "region": 0.5},
    "en": {"bm25": 0.0, "dense": 1.0, "entity": 0.0, "region": 0.5, "gloss": GLOSS_WEIGHT},
    "sv": {"bm25": 0.0, "dense": 1.0, "entity": 0.0, "region": 0.5, "gloss": GLOSS_WEIGHT},
}


class Searcher:
    """Ranks stored passages for a query; filters (facets) apply before fusion."""

    def __init__(self, passages: PassageStore, bm25: BM25Index, dense: FaissIndex,
                 encoder: Encoder, analyzer: QueryAnalyzer,
                 glossary: Glossary | None = None) -> None:
        self.passages = passages
        self.glossary = glossary if glossary is not None else Glossary.load()
        self.bm25 = bm25
        self.dense = dense
        self.encoder = encoder
        self.analyzer = analyzer
        self._by_entity: dict[tuple[str, str], list[int]] = {}
        for p in passages:
            for e in p.entities:
                self._by_entity.setdefault((e.kind, e.key), []).append(p.pid)

    @property
    def entity_index(self) -> dict[tuple[str, str], list[int]]:
        """(kind, key) → the passages that name the entity."""
        return self._by_entity

    def cross_language_terms(self, query: str, aq: AnalysedQuery) -> list[str]:
        """The Finnish lemmas an English or Swedish question meets Finnish passages by: the
        glossary's Finnish for its service words (a phrase's and its words' both), and the names
        it holds as the passages write them: its entities' Finnish labels and its capitalised
        words no glossary row translates ('Tesoma', 'Eksote'); a question about one project
        otherwise meets its passages only through the vectors, where a longer passage on the same
        theme may win."""
        finnish, rest = self.glossary.translate(query, parts=True)
        written = {w.casefold(): w for w in re.findall(r"\w[\w\-]*", query)}
        # A region has a vote of its own (the passages of its documents); a project the
        # question names by an acronym ('LAPE' for the national programme) would add its
        # label's service words, which every passage holds.
        low = query.casefold()
        names = [e.label for e in aq.entities if e.kind not in ("Role", "Method", "Region")
                 and (e.kind != "Project" or all(
                     w[:4] in low for w in re.findall(r"\w+", e.label.casefold()) if len(w) > 3))]
        # The words of a method's or role's name are service words, not names ('Lapset').
        generic = {w.casefold() for e in aq.entities if e.kind in ("Role", "Method", "Region")
                   for w in re.findall(r"\w[\w\-]*", e.label)}
        names += [written.get(w, w) for w in rest if written.get(w, w)[:1].isupper()
                  and w not in generic]
        names = [n for n in names if n.casefold() not in NOT_NAMES]
        if not finnish and not names:
            return []
        named = self.analyzer.analyse(" ".join(names)).terms if names else ()
        return list(dict.fromkeys([*finnish, *named]))

    def search(self, query: str, k: int = 10,
               keep: Callable[[StoredPassage], bool] | None = None,
               analysed: AnalysedQuery | None = None) -> list[Hit]:
        aq = analysed or self.analyzer.analyse(query)
        depth = CANDIDATES if keep is None else CANDIDATES * 5
        weights = WEIGHTS.get(aq.language, WEIGHTS["fi"])
        lexical = ([pid for pid, _ in self.bm25.search(aq.terms, depth)]
                   if weights["bm25"] > 0 else [])
        scored = self.dense.search(self.encoder.encode_query(query), depth)
        dense = [pid for pid, _ in scored]
        similarity = {pid: float(score) for pid, score in scored}
        rankings = {"bm25": lexical, "dense": dense}
        if weights.get("gloss", 0.0) > 0 and (finnish := self.cross_language_terms(query, aq)):
            rankings["gloss"] = [pid for pid, _ in self.bm25.search(tuple(finnish), depth)]
        if aq.entities and weights.get("entity", 0.0) > 0:
            lex_rank = {pid: r for r, pid in enumerate(lexical)}
            dense_rank = {pid: r for r, pid in enumerate(dense)}
            counts: dict[int, int] = {}
            for e in aq.entities:
                for pid in self._by_entity.get((e.kind, e.key), ()):
                    counts[pid] = counts.get(pid, 0) + 1
            # Passages naming more of the query's entities first; ties by the other two lists.
            rankings["entity"] = sorted(counts, key=lambda pid: (
                -counts[pid], min(lex_rank.get(pid, depth), dense_rank.get(pid, depth))))
        regions = {e.label for e in aq.entities if e.kind == "Region"}
        if regions and weights.get("region", 0.0) > 0:
            # A region named in the question favours passages of documents about that region,
            # those an English or Swedish question meets through its Finnish words included
            # (else only the vectors' weak cross-language matches get the region's vote).
            found = dense + lexical + rankings.get("gloss", [])
            rankings["region"] = [pid for pid in dict.fromkeys(found)
                                  if self.passages.get(pid).region in regions]
        if keep is not None:
            rankings = {name: [pid for pid in ids if keep(self.passages.get(pid))]
                        for name, ids in rankings.items()}
        fused = related_after_body(reciprocal_rank_fusion(rankings, weights=weights),
                                   self.passages, k)
        return [Hit(self.passages.get(pid), score, ranks, similarity.get(pid, 0.0))
                for pid, score, ranks in fused[:k]]



Fused = list[tuple[int, float, dict[str, int]]]


def related_after_body(fused: Fused, passages: PassageStore, k: int) -> Fused:
    """A passage of related material (other documents' excerpts at a document's end) counts
    RELATED_WEIGHT of its fused score among the first 3k: it wins only where it matches clearly
    better than the documents' own text."""
    head = [(pid, score * (RELATED_WEIGHT if passages.get(pid).related else 1.0), ranks)
            for pid, score, ranks in fused[:3 * k]]
    return sorted(head, key=lambda t: -t[1]) + fused[3 * k:]
