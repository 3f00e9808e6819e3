"""The passages that are about an actor a question names, for "which methods did X use".

What an organisation did is often said with another subject ('Saarikka pilotoi
omatyöntekijämallia Saarijärvellä ja Karstulassa' has the municipalities for subject), and a
project's or a region's report tells what was done without naming the project or the region in
each sentence. So the passages about an actor are:
- an organisation or municipality: the passages naming it;
- a project: every passage of the documents that name it and are of the region most of its
  mentions are in (its own report, not a list of links in another region's report);
- a region: every passage of the documents of that region.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from ontology.iris import IriMinter
from search.records import EntityRef
from search.searcher import Searcher

# Passages read for one question at most: a region's documents at a large corpus are many.
MAX_SCOPE = 600


class ActorScope:
    def __init__(self, searcher: Searcher, minter: IriMinter,
                 iri: Callable[[EntityRef], str], region_labels: Mapping[str, str]) -> None:
        self.region_labels = dict(region_labels)  # region IRI -> label
        self._naming: dict[str, list[str]] = {}  # entity IRI -> passage IRIs
        self._doc_passages: dict[str, list[str]] = {}  # document key -> passage IRIs
        self._doc_region: dict[str, str | None] = {}
        self._region_docs: dict[str, list[str]] = {}  # region label -> document keys
        self._passage_doc: dict[str, str] = {}
        for p in searcher.passages:
            piri = str(minter.passage(p.doc_key, p.index))
            self._passage_doc[piri] = p.doc_key
            if p.doc_key not in self._doc_passages:
                self._doc_region[p.doc_key] = p.region
                if p.region:
                    self._region_docs.setdefault(p.region, []).append(p.doc_key)
            self._doc_passages.setdefault(p.doc_key, []).append(piri)
            for e in p.entities:
                self._naming.setdefault(iri(e), []).append(piri)

    def _project_docs(self, project: str) -> list[str]:
        docs = [self._passage_doc[p] for p in self._naming.get(project, [])]
        regions = Counter(self._doc_region[d] for d in docs if self._doc_region[d])
        if not regions:
            return list(dict.fromkeys(docs))
        home = regions.most_common(1)[0][0]
        return [d for d in dict.fromkeys(docs) if self._doc_region[d] == home]

    def passages(self, by_kind: Mapping[str, list[str]]) -> list[str]:
        out: list[str] = []
        for kind in ("Organisation", "Municipality"):
            for actor in by_kind.get(kind, []):
                out += self._naming.get(actor, [])
        for project in by_kind.get("Project", []):
            for doc in self._project_docs(project):
                out += self._doc_passages[doc]
        for region in by_kind.get("Region", []):
            label = self.region_labels.get(region)
            for doc in self._region_docs.get(label or "", []):
                out += self._doc_passages[doc]
        return list(dict.fromkeys(out))[:MAX_SCOPE]
