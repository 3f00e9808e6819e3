"""One project under one name in several documents (keyed by its region in one, by its proper
name in another): a question naming it means them all, and linking never depends on the
process's string hashing."""

import os
import subprocess
import sys
from pathlib import Path

from ingest.linking import Linker
from ontology.reference import ReferenceData, ReferenceEntity
from search.query import QueryAnalyzer
from search.records import EntityRef


def _project(key: str, label: str, alt: tuple[str, ...] = ()) -> ReferenceEntity:
    return ReferenceEntity(key, "Project", "Project", label, None, None, alt, (), None, None, ())


def _linker(voikko, entities) -> Linker:
    return Linker(ReferenceData(tuple(entities)), voikko, kinds=("Project",))


_LINK_ONE = """
from ingest.linking import Linker
from ingest.voikko_analyzer import VoikkoAnalyzer
from ontology.reference import ReferenceData, ReferenceEntity
from search.query import QueryAnalyzer
voikko = VoikkoAnalyzer()
entities = [ReferenceEntity(k, "Project", "Project", "Perhevoimala", None, None, (), (), None,
                            None, ()) for k in ("perhevoimala", "kainuun-lape")]
linker = Linker(ReferenceData(tuple(entities)), voikko, kinds=("Project",))
print(QueryAnalyzer(voikko, linker).analyse("Mitä Perhevoimala teki?").entities[0].key)
"""


def test_two_entities_under_one_label_link_the_same_way_under_any_string_hashing():
    keys = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        out = subprocess.run([sys.executable, "-c", _LINK_ONE], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
                             cwd=Path(__file__).resolve().parents[2])
        keys.add(out.stdout.strip())
    assert keys == {"kainuun-lape"}


def test_a_question_naming_a_project_also_names_its_namesakes(voikko):
    linker = _linker(voikko, [_project("kainuun-lape", "Perhevoimala"),
                              _project("perhevoimala", "Perhevoimala")])
    namesakes = {("Project", "kainuun-lape"): (EntityRef("Project", "perhevoimala",
                                                         "Perhevoimala"),)}
    analyzer = QueryAnalyzer(voikko, linker, namesakes=namesakes)
    keys = [e.key for e in analyzer.analyse("mitä perhevoimala-hankkeessa kokeiltiin").entities]
    assert keys == ["kainuun-lape", "perhevoimala"]


def test_namesakes_are_projects_sharing_a_preferred_or_other_name():
    from api.components import _namesakes

    labels = {("Project", "kainuun-lape"): "Perhevoimala", ("Project", "perhevoimala"):
              "Perhevoimala", ("Project", "pippuri"): "Pippuri",
              ("Project", "pirkanmaan-lape"): "Pirkanmaan LAPE", ("Person", "x"): "Pippuri"}
    other = {("Project", "pirkanmaan-lape"): ("pippuri",)}
    found = {k: [e.key for e in v] for k, v in _namesakes(labels, other).items()}
    assert found == {("Project", "kainuun-lape"): ["perhevoimala"],
                     ("Project", "perhevoimala"): ["kainuun-lape"],
                     ("Project", "pippuri"): ["pirkanmaan-lape"],
                     ("Project", "pirkanmaan-lape"): ["pippuri"]}
