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


# What separates the items of an enumeration: a comma, a semicolon, "ja" / "sekä" / "and" /
# "och" / "samt"
_SEPARATOR = re.compile(r"[ \t]*[,;][ \t]*(?:(?:ja|sekä|and|och|samt)[ \t]+)?"
                        r"|[ \t]+(?:ja|sekä|and|och|samt)[ \t]+")
_BODY_KINDS = ("Organisation", "Municipality")
_MAX_ITEM_WORDS = 6


def listed_bodies(ap: AnalysedPassage, taken: Sequence[Mention]
                  ) -> Iterator[tuple[int, int, str]]:
    """Bodies the reference data does not know and whose form says nothing ("La Casa Gialla",
    "Viola – väkivallasta vapaaksi ry"), recognised by the company they keep: an item of an
    enumeration in which two or more other items are bodies already recognised ("A, B, X sekä
    C"; a town under its bare name is no body here: a list of places is no list of bodies).
    An item is a capitalised name of at most six words in the nominative, with no finite verb,
    no number and no mention over it (a person's full name is one; a lone first name the model
    calls a person, "Viola", is not); the enumeration is one sentence, its parentheses left
    out."""
    text = ap.passage.text
    blanked = re.sub(r"\([^()\n]*\)", lambda m: " " * len(m.group(0)), text)
    bodies = [m for m in taken if m.kind in _BODY_KINDS]
    spans = [(m.start, m.end) for m in taken]
    for sent in sorted({t.sent for t in ap.tokens}):
        toks = [t for t in ap.tokens if t.sent == sent]
        s0, s1 = toks[0].start, toks[-1].end
        items, at = [], s0
        for sep in _SEPARATOR.finditer(blanked, s0, s1):
            items.append((at, sep.start()))
            at = sep.end()
        items.append((at, s1))
        kinds = [_item_kind(blanked, toks, bodies, spans, a, b) for a, b in items]
        for n, (kind, (a, b)) in enumerate(zip(kinds, items, strict=True)):
            if kind != "new":
                continue
            # the run of items around it: bodies and new names, no other item between
            lo = n
            while lo > 0 and kinds[lo - 1] in ("body", "new", "place"):
                lo -= 1
            hi = n
            while hi + 1 < len(kinds) and kinds[hi + 1] in ("body", "new", "last-body", "place"):
                hi += 1
            known = sum(k in ("body", "last-body") for k in kinds[lo:hi + 1]) + (
                lo > 0 and kinds[lo - 1] == "ends-in-body")
            if known >= 2:
                name = blanked[a:b].strip().rstrip(".")
                start = a + len(blanked[a:b]) - len(blanked[a:b].lstrip())
                yield start, start + len(name), re.sub(r"\s+", " ", name)


def _item_kind(text: str, toks: Sequence[Token], bodies: Sequence[Mention],
               taken: Sequence[tuple[int, int]], a: int, b: int) -> str:
    """What one item of a possible enumeration is: a recognised body ("body"; a town's bare
    name is a "place", which counts for no body; "last-body" when
    the sentence's words end it; "ends-in-body" for the words that open the list, "... ovat
    toimineet Pieksämäen kaupunki"), a name nobody recognised ("new": no mention or person
    over it) or something else."""
    span = text[a:b]
    lead = len(span) - len(span.lstrip())
    a, b = a + lead, a + len(span.rstrip().rstrip("."))
    if a >= b:
        return "other"
    inside = [m for m in bodies if a <= m.start < b]
    words = [t for t in toks if a <= t.start < b and t.pos not in ("PUNCT", "SYM")]
    if inside and inside[0].start == a:
        if inside[0].end < b - 1:
            return "last-body"
        # a town under its bare name is a place as often as a body ("pilotit: Lieto, Raisio")
        return "place" if inside[0].kind == "Municipality" else "body"
    # (a town's name and the body word after it: "... toimineet Pieksämäen kaupunki")
    if inside and words and inside[-1].start >= words[max(0, len(words) - 2)].start:
        return "ends-in-body"
    # a name in the nominative, or of capitalised words only (a foreign name the tagger may
    # read in any case: "La Casa Gialla")
    named = words and ("Case=Nom" in words[-1].morph or "Case=" not in words[-1].morph
                       or all(t.text[:1].isupper() for t in words))
    if (not named or len(words) > _MAX_ITEM_WORDS or not text[a].isupper()
            or any(c.isdigit() for c in text[a:b])
            or any("VerbForm=Fin" in t.morph or t.pos == "AUX" for t in words)
            or any(s < b and a < e for s, e in taken)):
        return "other"
    return "new"
