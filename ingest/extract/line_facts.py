"""Project facts on the lines of a facts list, which the parser cuts from their key: sums
("Valtionavustus: | 450 000 €"), periods ("Toteutus: 1.3.2017 – 31.12.2018") and partners
("Osatoteuttajat:" / "- Oulun kaupunki")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.extract.dates import find_dates
from ingest.extract.facts import make_fact
from ingest.extract.funding import mentions_in
from ingest.extract.lists import ListItem
from ingest.extract.project_facts import ProjectFactRules
from ingest.records import AnalysedPassage, Document, Fact, Mention


def funding_lines(rules: ProjectFactRules, doc: Document, ap: AnalysedPassage,
                  local: Sequence[Mention], project: str | None) -> Iterator[Fact]:
    """Sums on the lines of a facts list, which the parser may have cut from their key
    ("- Valtionavustus: | 450 000 €"); a sum the sentences gave already is not repeated."""
    funding = rules.funding
    for line in funding.lines(ap):
        _, funded = rules.subject_project(line, mentions_in(line, local), local, project)
        if funded is not None:
            yield from funding.facts(doc, line, funded)


def period_lines(rules: ProjectFactRules, doc: Document, ap: AnalysedPassage,
                 local: Sequence[Mention], project: str | None) -> Iterator[Fact]:
    """The period on a "key: value" line ("Toteutus: 1.3.2017 – 31.12.2018"), which the
    parser cuts at the colon."""
    for m in re.finditer(r"[^\n]+", ap.passage.text):
        if len(find_dates(m.group())) < 2:
            continue
        line = rules.funding._sentence(ap, m.start(), m.end())
        if line is None or not rules.is_period(line):
            continue
        subject, _ = rules.subject_project(line, mentions_in(line, local), local, project)
        if subject is not None:
            yield from rules.period(doc, line, local, subject)


def listed_partners(rules: ProjectFactRules, doc: Document, ap: AnalysedPassage,
                    items: Sequence[ListItem], local: Sequence[Mention],
                    project: str | None) -> Iterator[Fact]:
    """The bodies on the item lines of a list of partners ("Osatoteuttajat:" / "- Oulun
    kaupunki"), partners of the project the passage speaks of."""
    text = ap.passage.text
    for item in items:
        line = rules.funding._sentence(ap, item.start, item.end)
        if item.kind != "partner" or line is None:
            continue
        in_line = mentions_in(line, local)
        subject, _ = rules.subject_project(line, in_line, local, project)
        if subject == rules.actors.programme and project is not None:
            subject = project  # national bodies in a project's list are its partners too
        if subject is None:
            continue
        for m in in_line:
            if rules.actors.partner(m, subject, text):
                yield make_fact(doc, line, ("Project", subject), "partner", (m.kind, m.key),
                                None, "rule:partner-list", 0.75, (m.start, m.end))
