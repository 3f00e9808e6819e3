"""One project entity per project a document names in several ways.

A document names its own project by the region ("Pirkanmaan LAPE-hanke", "LAPE Päijät-Häme",
"Uusimaa LAPE project"), by a proper name in apposition ("... LAPE-hankkeessa Pippurissa"), by a
title ("Huomisen hyvinvointia -hanke") and by the first word of that title the patterns cut short
("Huomisen"). Those mentions are one entity:

- a region's LAPE project gets a key made from the region alone, the same in every document
  ("pirkanmaan-lape"), whatever else the document calls it;
- a name in apposition right after a region-named project, or a name whose words begin another
  project name of the same document (a title cut short), joins that project; so does a
  document's title and the project its subtitle line names;
- the entity's preferred label is its most specific proper name; the region's names, the
  other names the document gives and a region's project written with the region's Swedish or
  English name ("LAPE Österbotten") are its alternative labels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ingest.project_names import TITLE, region_genitive
from ingest.records import AnalysedPassage, Mention
from ontology.iris import slug
from ontology.reference import ReferenceEntity

_LAPE_WORD = re.compile(r"(?:^|[ \t])(?:LAPE|Lape)(?:[-–:]\w*)?(?:[ \t]+(?:hanke|project))?$"
                        r"|^(?:LAPE|Lape)[ \t]+")
# What may stand between a region-named project and its proper name in apposition: the project
# word with its case ending, a dash, a quote ("Pirkanmaan LAPE-hankkeessa Pippurissa",
# "Päijät-Hämeen LAPE-hanke Huomisen ...", 'LAPE-hanke "Lupa auttaa!"').
_APPOSITION_GAP = re.compile(r"[ \t]*(?:[-–][ \t]?)?(?:hank\w*|projekt\w*|project)?[ \t]*,?"
                             r"[ \t]*(?:eli[ \t]+)?[»\"“”]?", re.IGNORECASE)
# A name and the short name a parenthesis gives it right after ('"Lapsen paras Kymenlaaksossa"
# (jäljempänä LAPE Kymenlaakso)', "... parhaaksi -hanke (KEPA)", "Lapsen ääni (The child's
# voice)"): one project.
_DEFINED_GAP = re.compile(r"[»\"“”]?[ \t]*(?:[-–][ \t]?)?(?:hank\w*|projekt\w*|project)?[ \t]*\("
                          r"(?:(?:jäljempänä|jatkossa|myöhemmin|lyh\.|lyhyemmin|hereafter|later)"
                          r"[ \t]+)?[»\"“”]?", re.IGNORECASE)
# "Toimiva arki -hanke oli Pohjois-Pohjanmaan maakunnallinen LAPE-hanke", "Perhesatama is the
# Satakunta LAPE project": a name said to be a region's project is that project.
_COPULA_GAP = re.compile(r"[ \t]*(?:[-–][ \t]?)?(?:hank\w*|projekt\w*|project)?[ \t]+"
                         r"(?:on|oli|was|is|är|var)[ \t]+(?:the[ \t]+)?", re.IGNORECASE)
_REGION_SOURCES = ("pattern:region-lape", "pattern:lape")
# The word a text refers back to its project by: "hanke" (alone or after "LAPE-"), "projekti".
_PROJECT_WORD = re.compile(r"(?:\w+-)?(?:hanke|projekti|project|projekt)")
REGION_PROJECT = "context:region-project"


@dataclass(frozen=True)
class ProjectNames:
    """The labels of one project entity a document names: preferred and alternative."""

    key: str
    pref: str
    alts: tuple[str, ...]


class ProjectIdentity:
    """Merges the mentions of one project into one key (see the module docstring)."""

    def __init__(self, regions: Sequence[ReferenceEntity],
                 baseform: Callable[[str], str | None]) -> None:
        self.baseform = baseform
        self._names: dict[str, ReferenceEntity] = {}
        self._genitive: dict[str, str | None] = {}
        self._by_key = {r.key: r for r in regions}
        for r in regions:
            genitive = region_genitive(baseform, r.pref_fi)
            self._genitive[r.key] = genitive
            for name in (r.pref_fi, r.pref_en, r.pref_sv, *r.alt_labels, genitive):
                if name:
                    self._names.setdefault(name.casefold(), r)

    def region_of(self, label: str) -> ReferenceEntity | None:
        """The region a project label names beside "LAPE" ("Päijät-Hämeen LAPE", "LAPE
        Päijät-Häme", "Uusimaa LAPE"), or None."""
        rest = _LAPE_WORD.sub("", label).strip()
        if not rest or rest == label.strip():
            return None
        found = self._names.get(rest.casefold())
        if found is None:
            base = self.baseform(rest)
            found = self._names.get(base.casefold()) if base else None
        return found

    def names_in_other_language(self, surface: str) -> bool:
        """The surface names a region's LAPE project by the region's Swedish or English name as
        written, uninflected ("LAPE Österbotten", "Lapland LAPE"): a name worth keeping."""
        rest = _LAPE_WORD.sub("", surface).strip()
        region = self._names.get(rest.casefold()) if rest and rest != surface.strip() else None
        return region is not None and rest.casefold() not in (
            region.pref_fi.casefold(), (self._genitive.get(region.key) or "").casefold())

    def region_key(self, region: ReferenceEntity) -> tuple[str, tuple[str, ...]]:
        """The stable key of a region's LAPE project and the names it always has."""
        genitive = self._genitive.get(region.key)
        names = ((f"{genitive} LAPE",) if genitive else ()) + (f"LAPE {region.pref_fi}",)
        return slug(names[0] if genitive else f"{region.pref_fi} LAPE"), names

    def region_project(self, mentions: Sequence[Mention], national: set[str],
                       region: str | None, passages: Sequence[AnalysedPassage]
                       ) -> tuple[Mention, ProjectNames] | None:
        """A document of a known region that names no project of its own yet speaks of "the
        project" ("Hanketta hallinnoi ...", "Maakunnan LAPE-hanke käynnistyi ...", "the project
        started ...") reports its region's LAPE project: a mention of that project on the first
        project word, under the key and names every document of the region gives it. None when
        the document names a project of its own, has no region or never says "project"."""
        entity = self._by_key.get(region or "")
        if entity is None or any(m.kind == "Project" and m.key not in national
                                 for m in mentions):
            return None
        for ap in passages:
            word = next((t for t in ap.tokens if _PROJECT_WORD.fullmatch(t.lemma.lower())), None)
            if word is not None:
                key, always = self.region_key(entity)
                mention = Mention(ap.passage.doc_key, ap.passage.index, word.start, word.end,
                                  word.text, "Project", key, always[0], REGION_PROJECT)
                return mention, ProjectNames(key, always[0], always[1:])
        return None

    def merge(self, mentions: Sequence[Mention], national: set[str],
              texts: Mapping[int, str]) -> tuple[list[Mention], list[ProjectNames]]:
        """The mentions with each project's mentions under one key, and the labels of each
        merged project (`texts`: each passage's text by its index)."""
        projects = [m for m in mentions if m.kind == "Project" and m.key not in national]
        if not projects:
            return list(mentions), []
        parent: dict[str, str] = {m.key: m.key for m in projects}
        region_keys: dict[str, tuple[str, tuple[str, ...]]] = {}
        for m in projects:
            region = self.region_of(m.label) if m.source in _REGION_SOURCES else None
            if region is not None:
                region_keys[m.key] = self.region_key(region)

        def find(k: str) -> str:
            while parent[k] != k:
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            # two regions' projects are never one
            if ra != rb and not (_regional(ra) and _regional(rb)
                                 and region_keys[_regional(ra)][0]
                                 != region_keys[_regional(rb)][0]):
                parent[ra] = rb

        def _regional(root: str) -> str | None:
            return next((k for k in parent if find(k) == root and k in region_keys), None)

        # the same region named in two ways ("LAPE Päijät-Häme", "Päijät-Hämeen LAPE")
        by_region: dict[str, str] = {}
        for key, (stable, _) in region_keys.items():
            if stable in by_region:
                union(key, by_region[stable])
            by_region.setdefault(stable, key)
        # a proper name in apposition right after a region-named project
        for x in projects:
            if x.key not in region_keys:
                continue
            for m in projects:
                if (m.passage_index == x.passage_index and m.key not in region_keys
                        and m.start >= x.end and m.start - x.end <= 16
                        and _APPOSITION_GAP.fullmatch(
                            texts.get(x.passage_index, "")[x.end:m.start]) is not None):
                    union(m.key, x.key)
        # a name said to be a region's project
        for x in projects:
            for m in projects:
                if (m.passage_index == x.passage_index and m.key in region_keys
                        and 0 <= m.start - x.end <= 30 and _COPULA_GAP.fullmatch(
                            texts.get(x.passage_index, "")[x.end:m.start]) is not None):
                    union(x.key, m.key)
        # a title and the project the line right below it names ("# Pohjoisen polku" /
        # "Lapin LAPE-hanke"): the subtitle says which project the title is
        for x in projects:
            if x.source != TITLE:
                continue
            for m in projects:
                if (m.passage_index == x.passage_index and m.key != x.key and m.start > x.end
                        and re.fullmatch(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*",
                                         texts.get(x.passage_index, "")[x.end:m.start])):
                    union(x.key, m.key)
        # a name and the short name its parenthesis gives
        for x in projects:
            for m in projects:
                if (m.passage_index == x.passage_index and 0 <= m.start - x.end <= 24
                        and _DEFINED_GAP.fullmatch(
                            texts.get(x.passage_index, "")[x.end:m.start]) is not None):
                    union(m.key, x.key)
        # a name whose words begin a longer project name of the document: a title cut short
        labels = {m.key: m.label for m in projects}
        for a, la in labels.items():
            for b, lb in labels.items():
                if a != b and len(lb) > len(la) and lb.casefold().startswith(
                        la.casefold() + " ") and a not in region_keys:
                    union(a, b)
        own = _own_named(projects, find, region_keys)
        if own is not None:
            union(*own)

        groups: dict[str, list[Mention]] = {}
        for m in projects:
            groups.setdefault(find(m.key), []).append(m)
        new_key: dict[str, str] = {}
        names: list[ProjectNames] = []
        for members in groups.values():
            keys = {m.key for m in members}
            regional = next((k for k in keys if k in region_keys), None)
            if regional is None and len(keys) == 1:
                continue
            proper = Counter(m.label for m in members if m.key not in region_keys)
            if regional is not None:
                key, always = region_keys[regional]
            else:
                key, always = _most_named(members), ()
            said = Counter(m.label for m in members)  # no proper name: as the document says it
            pref = max(proper or said, key=lambda n: ((proper or said)[n], len(n)))
            # the project as a Swedish or English text writes it ("LAPE Österbotten") too
            written = (m.surface for m in members if m.source in _REGION_SOURCES
                       and m.surface != m.label and self.names_in_other_language(m.surface))
            alts = tuple(dict.fromkeys(n for n in (*always, *(m.label for m in members),
                                                   *written) if n != pref))
            names.append(ProjectNames(key, pref, alts))
            new_key.update(dict.fromkeys(keys, key))
        merged = [replace(m, key=new_key[m.key]) if m.kind == "Project" and m.key in new_key
                  else m for m in mentions]
        return merged, names


def _own_named(projects: Sequence[Mention], find: Callable[[str], str],
               region_keys: Mapping[str, tuple[str, tuple[str, ...]]]) -> tuple[str, str] | None:
    """The document's own project under its proper name and its region's LAPE project, when
    they are one: the document speaks of one region's project only, and the name it opens with
    (title, header, first paragraphs) is its most named project of its own ("Toimiva arki" on a
    page that also says "North Ostrobothnia LAPE project", "KSLAPE" beside "Keski-Suomen LAPE",
    "projektet Samarbete ger mer" beside "Nyland LAPE"). A document that names two regions'
    projects (a neighbour, a trio) or a second own project in its opening keeps them apart."""
    regional_roots = {find(k) for k in region_keys}
    if len({region_keys[k][0] for k in region_keys}) != 1:
        return None
    weight: Counter[str] = Counter()
    opening: set[str] = set()
    for m in projects:
        root = find(m.key)
        if root in regional_roots:
            continue
        weight[root] += 4 if m.passage_index <= _OPENING else 1
        if m.passage_index <= _OPENING:
            opening.add(root)
    ranked = weight.most_common(2)
    if len(opening) != 1 or not ranked or ranked[0][0] not in opening or (
            len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0], next(iter(regional_roots))


# Passages that open a document: its header, title and first paragraph.
_OPENING = 2


def _most_named(members: Sequence[Mention]) -> str:
    return Counter(m.key for m in members).most_common(1)[0][0]


def with_project_labels(new: Sequence[tuple[str, str, str]], names: Sequence[ProjectNames]
                        ) -> tuple[tuple[tuple[str, str, str], ...], tuple[tuple[str, str, str],
                                                                           ...]]:
    """The minted entities' labels with each merged project's preferred label, and the
    alternative labels (kind, key, label) of the merged projects."""
    pref = {n.key: n.pref for n in names}
    labels = tuple(sorted((kind, key, pref.get(key, label) if kind == "Project" else label)
                          for kind, key, label in new))
    have = {(kind, key) for kind, key, _ in labels}
    labels += tuple(("Project", n.key, n.pref) for n in names if ("Project", n.key) not in have)
    alts = tuple(("Project", n.key, a) for n in names for a in n.alts)
    return tuple(sorted(labels)), alts
