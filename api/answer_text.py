"""An ask response as plain text for the terminal, in Finnish or English: each answer with its
type, statuses (strongest first, with years) or amount, and its evidence — a passage quoted
once, then referred to by number."""

from __future__ import annotations

from api.schemas import AskResponse, StatusOut

SAME = {"fi": "sama kappale kuin [{n}]", "en": "same passage as [{n}]"}
SOURCE = {"fi": {"graph": "tietoverkosta", "text": "tekstistä"},
          "en": {"graph": "from the graph", "text": "from the text"}}


def around(text: str, start: int, end: int, width: int = 240) -> str:
    """The words around the evidence span [start, end), the span itself in «»."""
    if not 0 <= start < end <= len(text):
        return text[:width].replace("\n", " ")
    left = max(0, start - (width - (end - start)) // 2)
    right = min(len(text), max(end, left + width))
    out = text[left:start] + "«" + text[start:end] + "»" + text[end:right]
    return ("…" if left else "") + out.replace("\n", " ") + ("…" if right < len(text) else "")


def statuses_text(statuses: list[StatusOut], lang: str) -> str:
    """"käytössä 2018 · kokeiltu" — strongest first."""
    from graph.statuses import label

    return " · ".join(label(s.status, lang) + (f" {s.year}" if s.year else "") for s in statuses)


def answer_lines(response: AskResponse, lang: str = "fi", per_answer: int = 3,
                 names: dict[str, str] | None = None) -> list[str]:
    """The answers as text; `names` maps answer IRIs to their label in `lang`."""
    from api.vocabulary import type_label

    names = names or {}
    lines: list[str] = []
    quoted: dict[str, int] = {}  # passage IRI -> its number where it was quoted first
    for a in response.answers:
        title = a.amount.display[lang] if a.amount else names.get(a.iri or "", a.label)
        head = f"• {title} ({type_label(a.type, lang)})"
        if a.statuses:
            head += " — " + statuses_text(a.statuses, lang)
        if a.source:
            head += f"  [{SOURCE[lang].get(a.source, a.source)}"
            head += f", {a.confidence:.2f}]" if a.confidence is not None else "]"
        lines.append(head)
        for e in a.evidence[:per_answer]:
            if e.passage in quoted:
                lines.append("    (" + SAME[lang].format(n=quoted[e.passage]) + ")")
                continue
            quoted[e.passage] = len(quoted) + 1
            lines.append(f"    [{quoted[e.passage]}] “" + around(e.text, e.start, e.end) + "”")
            lines.append(f"        {e.passage}")
    return lines
