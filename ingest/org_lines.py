"""Organisations recognised by their form, which the NER model often misses: named one per line,
as the items of a list or the cells of a table ("* Eskoon sosiaalipalvelujen kuntayhtymä",
"Autismisäätiö": a capitalised line of at most five words, no verb among them, whose last word is
an organisation's head noun), or in running text by a capitalised name that ends in a head noun
("Riihimäen seudun terveyskeskuksen kuntayhtymä", "Lapin Ensi- ja turvakoti ry:n")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ingest.records import AnalysedPassage, Mention, Token

_ITEM = re.compile(r"^[ \t]*(?:[-*•–][ \t]+)?([A-ZÅÄÖ][^\n]{1,80}?)[ \t.,;]*$", re.MULTILINE)
_MAX_WORDS = 5


def org_lines(ap: AnalysedPassage, heads: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each line that names an organisation and nothing else."""
    for line in _ITEM.finditer(ap.passage.text):
        start, end = line.start(1), line.end(1)
        words = [t for t in ap.tokens if start <= t.start < end and t.pos not in ("PUNCT", "SYM")]
        if not words or len(words) > _MAX_WORDS:
            continue
        if any(t.pos in ("VERB", "AUX") for t in words):
            continue
        last = words[-1].lemma.lower()
        if not last.endswith(heads) or last in heads and len(words) == 1:
            continue  # the head noun ends the name ("… kuntayhtymä", "Autismisäätiö")
        if len(words) > 1 and words[-1].text != words[-1].text.lower():
            continue  # a capitalised last word starts another name
        yield start, end, line.group(1)


_NAME_POS = ("NOUN", "PROPN", "ADJ")
_MAX_NAME_WORDS = 7


def _hyphened_word(tokens: Sequence[Token], j: int) -> str:
    """The word a hyphen at j ends: "Ensi-" as one token, or "Ensi" and "-" as two."""
    if tokens[j].text == "-" and j > 0 and tokens[j - 1].end == tokens[j].start:
        return tokens[j - 1].text
    return tokens[j].text


def bodies_by_form(ap: AnalysedPassage, taken: Sequence[Mention], heads: tuple[str, ...]
                   ) -> Iterator[tuple[int, int, str]]:
    """Organisations the reference data does not know, recognised by their form in running
    text: a name that ends in an organisation's head noun ("... ry", "... kuntayhtymä",
    "... seurakuntayhtymä", "... ammattikorkeakoulu") and starts with a capitalised word, the
    nouns and adjectives between them belonging to it ("Riihimäen seudun terveyskeskuksen
    kuntayhtymä", "Lapin Ensi- ja turvakoti ry:n"; a "ja" only after a hyphen, so "A ja B ry"
    stays two names)."""
    tokens, text = ap.tokens, ap.passage.text
    named_starts = {m.start for m in taken if m.kind == "Organisation"}
    for k, tok in enumerate(tokens):
        word = tok.text.split(":", 1)[0].lower().rstrip(".")  # "ry:n", "ry."
        if tok.pos not in _NAME_POS or not (tok.lemma.lower().rstrip(".").endswith(heads)
                                            or word in heads):
            continue
        if k + 1 < len(tokens) and text[tok.end:tokens[k + 1].start] == " " and (
                tokens[k + 1].text.split(":", 1)[0].lower() in heads):
            continue  # "Ensi- ja turvakoti ry": the name goes on to "ry"
        if any(m_start == tok.end + 1 for m_start in named_starts):
            continue  # "Sosiaali- ja terveyspalvelujen kuntayhtymä Saarikka": the kind of body
        first = k
        j = k - 1
        while j >= 0 and k - j < _MAX_NAME_WORDS and (
                # the parser may start a sentence inside a name ("... osahankkeillaan | Eskoon
                # sosiaalipalvelujen kuntayhtymä"): a space without end punctuation joins it
                tokens[j].sent == tok.sent or tokens[j].text[-1:] not in ".!?:;") and (
                text[tokens[j].end:tokens[j + 1].start] in (" ", "")):
            # right before the head any word of the name ("Setlementti ry"); further left the
            # genitives and adjectives that modify it ("Riihimäen seudun terveyskeskuksen"),
            # not a name in the nominative ("järjestöagentti Sanna Peltonen Lahden ...")
            # a coordination is part of a name only capitalised ("Ensi- ja turvakoti ry"; "Lahden
            # ensi- ja turvakoti" describes a kind of home)
            hyphen = tokens[j].text.endswith("-")
            if hyphen and tokens[j].text[:1].isalpha() and not tokens[j].text[:1].isupper():
                break
            # (a capitalised name in -n before a genitive is one too, whatever case the tagger
            # read: "Eskoon sosiaalipalvelujen kuntayhtymä")
            if hyphen or (tokens[j].pos in _NAME_POS and (
                    j == k - 1 or tokens[j].pos == "ADJ" or "Case=Gen" in tokens[j].morph
                    or (tokens[j].pos == "PROPN" and tokens[j].text.endswith("n")
                        and "Case=Nom" not in tokens[j].morph  # not "Sanna Peltonen Lahden ..."
                        and "Case=Gen" in tokens[j + 1].morph))):
                first = j
            elif tokens[j].text == "ja" and j > 0 and tokens[j - 1].text.endswith("-") and (
                    _hyphened_word(tokens, j - 1)[:1].isupper()):
                first = j
            else:
                break
            j -= 1
        opening = min((n for n, t in enumerate(tokens) if t.sent == tok.sent), default=0)
        # a capital that only opens the sentence is no name ("Sosiaali- ja terveyspalvelujen
        # kuntayhtymä ...", "Seurakuntayhtymä ...") unless the word is a proper noun
        # a capitalised compound of the head is a name by itself ("Autismisäätiö",
        # "Nuorisoseuraliitto"), not the bare head ("Säätiö", "Liitto")
        # (a head of a few letters, "ry", is no compound part: "February")
        compound = first == k and word not in heads and "Foreign=Yes" not in tok.morph and any(
            tok.lemma.lower().endswith(h) and len(h) > 3 and tok.lemma.lower() != h
            for h in heads)
        capitals = [n for n in range(first, k + (1 if compound else 0))
                    if tokens[n].text[:1].isupper() and (n != opening or tokens[n].pos == "PROPN")]
        if not capitals:
            continue  # "alueen järjestöt": no name
        start = tokens[capitals[0]].start if compound else tokens[next(
            n for n in range(first, k) if tokens[n].text[:1].isupper())].start
        end = tok.end - (1 if tok.text.endswith(".") else 0)  # "ry." ends a sentence too
        yield start, end, re.sub(r"\s+", " ", text[start:end])
