"""Cue words of a method's status read in their syntactic place: a cue token's status, and the
shapes that change it (an intention over a verb, a necessive, a conditional subject, a cue that
frames an adverbial, a goal that is the method's own)."""

from __future__ import annotations

from ingest.extract.lexicon import Lexicon
from ingest.extract.segment import Sentence
from ingest.extract.status_time import conditional_form, conditional_verb, present_verb
from ingest.extract.syntax import ancestors, clause_head, positions, span_head
from ingest.records import Mention, Token

_CORE_DEPS = ("ROOT", "root", "nsubj", "obj", "conj", "appos", "xcomp", "csubj")
_LOCATIVE = ("ssa", "ssä", "lla", "llä")  # inessive and adessive endings: where


def purpose_of(lex: Lexicon, sent: Sentence, method: Mention, cue: Token) -> bool:
    """ "Perhekeskusmallin tarkoituksena on ...": the goal is the method's own, no plan for it."""
    if cue.lemma.lower() not in lex.goal_words or not sent.heads:
        return False
    k = span_head(sent, method.start, method.end)
    if k is None:
        return False
    tokens = sent.passage.tokens
    for a in ancestors(sent, k):
        if tokens[a] is cue:
            return tokens[k].dep.startswith("nmod")
        if not tokens[a].dep.startswith("nmod"):
            # climb only through genitive chains ("mallin vakiinnuttamisen tavoitteena")
            return tokens[sent.heads[a]] is cue and tokens[a].dep.startswith("nmod")
        k = a
    return False


def place_of(lex: Lexicon, sent: Sentence, method: Mention, cue: Token) -> bool:
    """ "Käyntejä kokeillaan kerhossa ja kohtaamispaikoissa": the method is where something
    else (the verb's object) was tried, not what was tried."""
    if cue.pos not in ("VERB", "AUX") or not sent.heads:
        return False
    k = span_head(sent, method.start, method.end)
    if k is None:
        return False
    tokens = sent.passage.tokens
    while tokens[k].dep == "conj" and sent.heads[k] != k:
        k = sent.heads[k]
    c = sent.first + sent.tokens.index(cue)
    if not tokens[k].text.lower().endswith(_LOCATIVE):
        return False
    objects = [j for j in range(sent.first, sent.first + len(sent.tokens))
               if sent.heads[j] == c and j != c and tokens[j].dep.startswith("obj")
               and cue_status(lex, tokens[j]) is None
               and not method.start <= tokens[j].start < method.end]
    # an adverbial of the verb, or a modifier of the object ("käyntejä kerhoissa")
    return bool(objects) and (
        (tokens[k].dep.startswith("obl") and sent.heads[k] == c)
        or (tokens[k].dep.startswith("nmod") and sent.heads[k] in objects))


def necessive(sent: Sentence, method: Mention) -> bool:
    """The method's clause is a necessive passive ("on järjestettävä", "on luotava")."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return False
    head = clause_head(sent, k)
    tok = sent.passage.tokens[head]
    return (tok.pos == "VERB" and tok.text.lower().endswith(("tava", "tävä"))
            and any(sent.heads[j] == head and sent.passage.tokens[j].lemma.lower() == "olla"
                    for j in range(sent.first, sent.first + len(sent.tokens))))


def predicates_under_name(sent: Sentence, method: Mention) -> list[Token]:
    """A method whose name holds a verb ("Pyydä apua -nappi") can be parsed as the sentence's
    root, with the real predicates hung under it as conjuncts ("... -nappia, jossa ...,
    jatkokehitettiin ja levitettiin") or parsed as a second root before it ("Merikarvia
    kokeilisi Pyydä apua -nappia"): those verbs belong to the method's clause."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads:
        return []
    tokens = sent.passage.tokens
    head = clause_head(sent, k)
    if not (method.start <= tokens[head].start < method.end and tokens[head].pos == "VERB"):
        return []
    # or as a root of its own beside the real one ("Merikarvia kokeilisi Pyydä apua -nappia":
    # two roots, "kokeilisi" and "Pyydä"): the other root verb is the sentence's predicate
    return [tokens[j] for j in range(sent.first, sent.first + len(sent.tokens))
            if tokens[j].pos == "VERB" and not method.start <= tokens[j].start < method.end
            and ((sent.heads[j] == head and j != head and tokens[j].dep == "conj"
                  and tokens[j].start >= method.end)
                 or (sent.heads[j] == j and tokens[j].dep in ("ROOT", "root")))]


def conditional(sent: Sentence, method: Mention) -> bool:
    """The method is the subject of a verb in the conditional mood ("malli rakentuisi osaksi
    ...", "malli voisi levitä"): what it would become is not reported as done. Only as the
    subject: "olisi mahdollista ohjata perhe työntekijälleen" weighs options around it."""
    k = span_head(sent, method.start, method.end)
    tokens = sent.passage.tokens
    if k is None or not sent.heads or not tokens[k].dep.startswith("nsubj"):
        return False
    head = sent.heads[k]
    verbs = [head] + [j for j in range(sent.first, sent.first + len(sent.tokens))
                      if sent.heads[j] == head and tokens[j].dep.startswith(("aux", "cop"))]
    return any(tokens[j].pos in ("VERB", "AUX") and conditional_form(tokens[j].text)
               for j in verbs)


def done(lex: Lexicon, sent: Sentence, method: Mention) -> Token | None:
    """The verb 'tehdä' with the method as its object: an assessment or review that was made
    ("Kemissä tehtiin lapsivaikutusten arviointi", "tehtyä arviointia") was carried out."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads or not sent.passage.tokens[k].dep.startswith("obj"):
        return None
    verb = sent.passage.tokens[sent.heads[k]]
    return verb if verb.pos == "VERB" and verb.lemma.lower() in lex.do_verbs else None


def intent_child(sent: Sentence, tok: Token) -> int | None:
    """The infinitive an intention word governs ("on määrä saada", "tarkoitus on laajentaa")."""
    if not sent.heads:
        return None
    k = sent.first + sent.tokens.index(tok)
    for j in range(sent.first, sent.first + len(sent.tokens)):
        dep = sent.passage.tokens[j]
        if j != k and sent.heads[j] == k and dep.pos == "VERB" and (
                dep.dep.startswith(("xcomp", "csubj")) or _infinitive_modifier(dep)):
            return j
    return None


def _infinitive_modifier(tok: Token) -> bool:
    """An infinitive the parser hung on a noun as a modifier: "on määrä avata" (acl)."""
    return tok.dep == "acl" and "VerbForm=Inf" in tok.morph


def intended(lex: Lexicon, sent: Sentence, k: int) -> bool:
    """The verb at passage position k is only intended: it has 'aikoa' as its auxiliary
    ("kunta aikoo ottaa käyttöön") or is the infinitive of an intention word ("on määrä
    avata", "on tarkoitus laajentaa", "aikoo laajentaa")."""
    if not sent.heads or not sent.first <= k < sent.first + len(sent.tokens):
        return False
    verb = sent.passage.tokens[k]
    if verb.pos != "VERB":
        return False
    for j in range(sent.first, sent.first + len(sent.tokens)):
        dep = sent.passage.tokens[j]
        if j != k and sent.heads[j] == k and dep.dep.startswith("aux") and (
                dep.lemma.lower() == "aikoa"):
            return True
    h = sent.heads[k]
    if h == k or not (verb.dep.startswith(("xcomp", "csubj")) or _infinitive_modifier(verb)):
        return False
    head = sent.passage.tokens[h]
    return head.lemma.lower() in lex.intent + lex.goal_words + ("aikoa",)


def taking_part(lex: Lexicon, sent: Sentence, method: Mention) -> str | None:
    """A compound of the method and a trial or a training that someone takes part in, or that
    is itself the subject of its clause: "Kemi oli mukana perhekeskuskokeilussa",
    "osallistui omatyöntekijäpilottiin", "kohtaamispaikkakokeilu päättyi lokakuussa",
    "Perhekeskuspilotti käynnistyi" → the trial's or the training's status (the cue inside the
    method's own word is otherwise not read). Not under a negation ("kokeilu ei alkanut")."""
    if not sent.heads:
        return None
    own = [i for i, t in enumerate(sent.tokens) if method.start <= t.start < method.end]
    if not own:
        return None
    k = sent.first + own[-1]
    tok = sent.passage.tokens[k]
    lemma = tok.lemma.lower()
    if not lemma.endswith(("kokeilu", "pilotti", "koulutus", "valmennus")):  # POS may be wrong
        return None
    head = sent.passage.tokens[sent.heads[k]]
    part = (any(sent.heads[j] == k and j != k
                and sent.passage.tokens[j].lemma.lower() in lex.part_of
                for j in range(sent.first, sent.first + len(sent.tokens)))
            or (head is not tok and tok.dep.startswith(("obl", "obj"))
                and head.lemma.lower() in lex.take_part + lex.part_of))
    # a trial itself as the subject of a verb ("kokeilu päättyi", "pilotti käynnistyi"); not a
    # training ("perhevalmennus siirtyy": a method whose own name ends in the word, or the
    # families' coaching, not the staff's training)
    # A finite verb or one with its auxiliary (the genitive agent of a participle, "pilottien
    # tekemästä työstä", only says whose work it was), and without an object: an intransitive
    # verb tells the trial's own course ("päättyi", "käynnistyi", "jatkuu"); a transitive one
    # what it showed of something else ("kokeilu on paljastanut eroja"), a finding.
    children = [sent.passage.tokens[j] for j in range(sent.first, sent.first + len(sent.tokens))
                if sent.heads[j] == sent.heads[k] and j != sent.heads[k]]
    subject = (lemma.endswith(("kokeilu", "pilotti")) and head is not tok
               and tok.dep.startswith("nsubj") and head.pos == "VERB"
               and ("VerbForm=Fin" in head.morph or any(c.dep.startswith("aux")
                                                        for c in children))
               and not any(c.dep.startswith(("obj", "ccomp", "xcomp")) for c in children)
               and not method.label.lower().endswith(("kokeilu", "pilotti"))
               and not _negated(sent, sent.heads[k]))
    if not (part or subject):
        return None
    return "trained" if lemma.endswith(("koulutus", "valmennus")) else "piloted"


def in_use_line(lex: Lexicon, sent: Sentence, method: Mention) -> bool:
    """A line without a verb that says the method is in use by a word of use on the method
    itself: "- nimetty työntekijä käytössä lastensuojelussa vuodesta 2018",
    "perhekeskus käytössä kaikissa kunnissa" (a list item, a slide line). With a verb the
    clause's own cues decide."""
    k = span_head(sent, method.start, method.end)
    if k is None or not sent.heads or any(t.pos in ("VERB", "AUX") and t.lemma.lower() != "ei"
                                          and "VerbForm=Part" not in t.morph
                                          for t in sent.tokens):
        return False
    if any(t.lemma.lower() == "ei" for t in sent.tokens):
        return False
    for j in range(sent.first, sent.first + len(sent.tokens)):
        t = sent.passage.tokens[j]
        # hung on the method, the method on it, or a fragment root of its own (the parser
        # splits a line without a verb into pieces)
        linked = j != k and (sent.heads[j] in (k, j) or sent.heads[k] == j)
        if linked and (t.lemma.lower() in lex.use_words or t.text.lower() in lex.use_words):
            return True
    return False


def cue_status(lex: Lexicon, tok: Token) -> str | None:
    """The status a cue word names by itself; a compound noun of a cue counts as the cue
    ("koulutusaamupäivä" is a training)."""
    parts = {p.lower() for p in tok.parts} if tok.pos == "NOUN" else set()
    forms = {tok.lemma.lower(), tok.text.lower()} | (parts & lex.noun_cue_set)
    return lex.status_of(forms, tok.lemma.lower())


def _negated(sent: Sentence, k: int) -> bool:
    """The verb at passage position k has the negation verb as its auxiliary ("ei kehitetä")."""
    return any(sent.heads[j] == k and j != k and sent.passage.tokens[j].lemma.lower() == "ei"
               and sent.passage.tokens[j].dep.startswith("aux")
               for j in range(sent.first, sent.first + len(sent.tokens)))


def in_progress(lex: Lexicon, sent: Sentence, tok: Token, status: str) -> bool:
    """A cue of developing work that is still going on: a verb of it in the present tense
    ("mallia juurrutetaan", "hanke kehittää mallia"; a cue noun under such a verb:
    "kehittäminen jatkuu"), with an ongoing adverb ("kehitettiin edelleen"), or developed into
    a part of something ("kehitetään / kehittäminen perhekeskustyön sydämeksi")."""
    if not sent.heads:
        return False
    k = sent.first + sent.tokens.index(tok)
    verb = k if tok.pos in ("VERB", "AUX") else sent.heads[k]
    tokens = sent.passage.tokens
    if tok.lemma.lower() not in lex.progressive_cues:
        # a making verb with an ongoing adverb: "perhekeskusta rakennetaan yhä", "mallia
        # laaditaan parhaillaan", in the progressive with its object ("ollaan rakentamassa
        # perhekeskusta"), or in the present with a partitive object, the aspect of work not
        # finished ("perhekeskusta rakennetaan neuvolan ympärille"; "rakennetaan perhekeskus",
        # a whole object, keeps its own status)
        return status == "created" and tok.pos in ("VERB", "AUX") and (any(
            tokens[j].lemma.lower() in lex.ongoing_adverbs
            for j in range(sent.first, sent.first + len(sent.tokens))
            if sent.heads[j] == k and j != k) or _worked_on(sent, k, partitive=True))
    if present_verb(tokens[verb]) and not any(
            sent.heads[j] == verb and tokens[j].dep.startswith("aux") and j != verb
            for j in range(sent.first, sent.first + len(sent.tokens))):
        return True
    if verb == k and _worked_on(sent, k, partitive=False):
        return True  # "on kehittämässä perhekeskusta", "ollaan uudistamassa mallia"
    if verb == k and tok.pos not in ("VERB", "AUX") and _present_copula(sent, k):
        return True  # "on mukana perhekeskuksen kehittämisessä": the noun is the predicate, now
    children = [tokens[j] for j in range(sent.first, sent.first + len(sent.tokens))
                if j not in (k, verb) and sent.heads[j] in (k, verb)]
    if any(c.lemma.lower() in lex.ongoing_adverbs for c in children):
        return True
    if verb != k and ({tokens[verb].lemma.lower(), tokens[verb].text.lower()}
                      & {*lex.ongoing_adverbs, *lex.begin}):
        return True  # "kehittäminen on käynnissä / on aloitettu": begun, still going on
    # making into a part is developing it; a past "juurrutettiin osaksi" was done (implemented)
    return status == "created" and any(
        c.lemma.lower() in lex.into_words and ("Case=Tra" in c.morph or c.text.lower().endswith(
            "ksi")) for c in children)


def _worked_on(sent: Sentence, k: int, partitive: bool) -> bool:
    """The verb at passage position k works on an object that it has not finished: in the
    progressive with an object ("on kehittämässä perhekeskusta"; an intransitive "perhekeskuksia
    on kehittymässä" has its thing as the subject, a coming into being, not work done on it), or,
    with `partitive`, a finite verb in the present with no auxiliary and a partitive object
    ("perhekeskusta rakennetaan"): Finnish aspect, the deed under way."""
    tokens = sent.passage.tokens
    span = range(sent.first, sent.first + len(sent.tokens))
    objects = [tokens[j] for j in span if sent.heads[j] == k and j != k
               and tokens[j].dep.startswith("obj")]
    if not objects:
        return False
    if progressive(sent, k):
        return True
    return partitive and present_verb(tokens[k]) and not any(
        sent.heads[j] == k and j != k and tokens[j].dep.startswith("aux") for j in span
    ) and any("Case=Par" in o.morph for o in objects) and not _under_past(sent, k)


def _under_past(sent: Sentence, k: int) -> bool:
    """The clause of the verb at passage position k (or the first of its conjuncts) completes a
    verb in the past: a present there is relative to that past ("pidettiin tärkeänä, että
    ... rakennetaan mallia" tells what was held important then, not work under way now)."""
    tokens = sent.passage.tokens

    def past(j: int) -> bool:
        return "Tense=Past" in tokens[j].morph or (
            "VerbForm=Part" in tokens[j].morph and "PartForm=Past" in tokens[j].morph)

    seen = set()
    while tokens[k].dep == "conj" and sent.heads[k] != k and k not in seen:
        seen.add(k)
        up = sent.heads[k]
        # "pidettiin tärkeänä, että A, mutta samalla B": a conjunct after a complement clause
        # of the same past verb continues that clause, wherever the parser hangs it
        if past(up) and any(sent.heads[j] == up and j != up and j < k
                            and tokens[j].dep.split(":")[0] in ("ccomp", "csubj")
                            for j in range(sent.first, sent.first + len(sent.tokens))):
            return True
        k = up
    if tokens[k].dep.split(":")[0] not in ("ccomp", "csubj", "advcl", "acl") or sent.heads[k] == k:
        return False
    return past(sent.heads[k])


def _present_copula(sent: Sentence, k: int) -> bool:
    """The non-verbal predicate at passage position k ("mukana", "käynnissä") has a copula in
    the present and no other auxiliary: "on mukana", not "oli mukana", "on ollut mukana"."""
    tokens = sent.passage.tokens
    helpers = [tokens[j] for j in range(sent.first, sent.first + len(sent.tokens))
               if sent.heads[j] == k and j != k and tokens[j].dep.split(":")[0] in ("cop", "aux")]
    return bool(helpers) and all(present_verb(t) for t in helpers)


def progressive(sent: Sentence, k: int) -> bool:
    """The verb at passage position k is in the progressive: the third infinitive in the
    inessive with "olla" as its auxiliary ("on ottamassa käyttöön", "ollaan viemässä",
    "olemme avaamassa"): the action is under way, not done."""
    if not sent.heads:
        return False
    verb = sent.passage.tokens[k]
    if verb.pos != "VERB" or not ("InfForm=3" in verb.morph and "Case=Ine" in verb.morph
                                  or verb.text.lower().endswith(("massa", "mässä"))):
        return False
    return any(sent.heads[j] == k and j != k and sent.passage.tokens[j].lemma.lower() == "olla"
               and sent.passage.tokens[j].dep.startswith("aux")
               for j in range(sent.first, sent.first + len(sent.tokens)))


def copular_predicate(sent: Sentence, k: int) -> bool:
    """The noun at passage position k is the predicate of a copula ("Ryhmäneuvola on
    kokeiluvaiheessa", "malli on pilottivaiheessa"): it reports the subject's state, even where
    the parser hung the predicate on a heading word ("Vastaus: ...") as a parataxis."""
    return any(sent.heads[j] == k and j != k and sent.passage.tokens[j].dep == "cop"
               for j in range(sent.first, sent.first + len(sent.tokens)))


def _genitive(tok: Token) -> bool:
    """A genitive owner ("kuntien käyttöön"): its case, or the parser's possessive label where
    the tagger leaves the case out."""
    return "Case=Gen" in tok.morph or tok.dep == "nmod:poss" or (
        "Case=" not in tok.morph and tok.pos in ("PROPN", "NOUN"))


def token_status(lex: Lexicon, sent: Sentence, tok: Token) -> str | None:
    """The status a cue token gives the clause it stands in, or None where its place in the
    clause takes it back (an adverbial frame, an intention, a begun infinitive)."""
    status = cue_status(lex, tok)
    if status is None:
        if tok.lemma.lower() in lex.intent and intent_child(sent, tok) is not None:
            return "planned"  # "perhekeskus on määrä avata": what is due is planned
        if tok.pos == "VERB" and in_progress(lex, sent, tok, ""):
            return "developing"  # "mallia työstetään": a cue of work in progress only
        return None
    if tok.pos == "VERB" and intended(lex, sent, sent.first + sent.tokens.index(tok)):
        return "planned"  # "aikoo ottaa käyttöön", "on tarkoitus laajentaa": not done yet
    if tok.pos not in ("VERB", "AUX"):
        # A noun reports what was done when it is the clause's subject, object or predicate
        # ("kokeilu jatkuu", "tehtiin suunnitelma"), not when it frames an adverbial
        # ("pilotoinnin tukena", "osallistuivat koulutukseen").
        k = sent.first + sent.tokens.index(tok)
        head = sent.passage.tokens[sent.heads[k]] if sent.heads else tok
        if tok.lemma.lower() in lex.use_words or tok.text.lower() in lex.use_words:
            # "otettiin käyttöön", "on käytössä"; not "tehtiin kartat kuntien käyttöön"
            # (made for someone's use): a genitive owner or a noun governing it. A modifier in
            # another case owns nothing: "käytössä vuodesta 2018" says since when.
            owned = any(sent.heads[j] == k and sent.passage.tokens[j].dep.startswith("nmod")
                        and _genitive(sent.passage.tokens[j])
                        for j in range(sent.first, sent.first + len(sent.tokens)))
            governed = head is not tok and head.pos in ("NOUN", "PROPN")
            if owned or governed:
                return None
            if head is not tok and head.pos in ("VERB", "AUX") and _negated(sent, sent.heads[k]):
                return None  # "ei ole otettu käyttöön": what was not done is not reported
            if head is not tok and conditional_verb(head):
                return "planned"  # "ottaisi käyttöön, jos ...": would be, is not yet
            # "mallia valmistellaan käyttöön": prepared for use is planned, not in use
            planning = head is not tok and head.pos == "VERB" and (
                cue_status(lex, head) == "planned" or intended(lex, sent, sent.heads[k]))
            if planning:
                return "planned"
            if status == "implemented" and head is not tok and progressive(sent, sent.heads[k]):
                return "developing"  # "on ottamassa mallia käyttöön": the taking is under way
            return status
        core = (tok.dep.split(":")[0] in _CORE_DEPS
                # "osallistui koulutukseen": taking part in a training is being trained
                or (head.lemma.lower() in lex.take_part + lex.part_of and tok.dep.startswith("obl"))
                # "arviointi on vakiintunut osa": the cue qualifies the predicate
                or (tok.dep == "amod" and head.dep.split(":")[0] in ("ROOT", "root"))
                or copular_predicate(sent, k))
        if not core:
            return None
        return "developing" if in_progress(lex, sent, tok, status) else status
    k = sent.first + sent.tokens.index(tok)
    head = sent.passage.tokens[sent.heads[k]] if sent.heads else tok
    if _negated(sent, k):
        return None  # "mallia ei otettu käyttöön": what was not done is not reported
    if conditional_verb(tok):
        return "planned"  # "kokeilisi mallia, jos ...": what would be done is not yet done
    if head is not tok and head.lemma.lower() == "tulla" and tok.dep.startswith("xcomp"):
        return "planned"  # "tullaan laatimaan": what will be done is planned
    if status == "implemented" and progressive(sent, k):
        return "developing"  # "ollaan juurruttamassa", "on avaamassa": under way, not done
    if tok.lemma.lower() in lex.begin and any(
            sent.heads[j] == k and j != k and sent.passage.tokens[j].dep.startswith("xcomp")
            for j in range(sent.first, sent.first + len(sent.tokens))):
        return None  # "aletaan suunnitella": the infinitive says what was begun
    return "developing" if in_progress(lex, sent, tok, status) else status




def trial_frame(lex: Lexicon, sent: Sentence, clause: list[Token], method: Mention) -> bool:
    """A trial noun in the essive or a trial adverb on a verb of the method's clause
    ("kokoontui kokeiluna", "otettiin käyttöön pilottina", "järjestettiin kokeiluluonteisesti"):
    what the verb reports was done as a trial. "Kokeilun jälkeen otettiin käyttöön" (after the
    trial) is no frame."""
    verbs = {sent.first + sent.tokens.index(t) for t in clause if t.pos in ("VERB", "AUX")}
    if not verbs or not sent.heads:
        return False
    for k in range(sent.first, sent.first + len(sent.tokens)):
        t = sent.passage.tokens[k]
        if (sent.heads[k] in verbs and k not in verbs
                and not method.start <= t.start < method.end
                and cue_status(lex, t) == "piloted"  # the tagger may call "kokeiluna" a verb
                and ("Case=Ess" in t.morph or t.dep == "advmod")):
            return True
    return False


def made_permanent(lex: Lexicon, sent: Sentence, method: Mention) -> bool:
    """The sentence says a trial became a standing service: a word of permanence
    ("vakinaistettiin", "vakiintui", "jäi pysyväksi toiminnaksi", "vakituiseksi") or a verb of
    continuing after a project or a trial ("jatkuu hankkeen jälkeen"), not negated ("ei
    vakinaistettu") and not the method's own words. Read only where the rules found a trial."""
    if not sent.heads:
        return False
    tokens = sent.passage.tokens
    after = tuple(lex.project_words) + tuple(lex.status_cues.get("piloted", ()))
    # the project or trial words that "jälkeen" follows ("hankkeen jälkeen"), by position
    after_what = {j for j in positions(sent) if tokens[j].lemma.lower().endswith(after) and any(
        sent.heads[i] == j and tokens[i].lemma.lower() == "jälkeen" for i in positions(sent))}
    for k in positions(sent):
        t = tokens[k]
        if method.start <= t.start < method.end:
            continue
        verb = k if t.pos in ("VERB", "AUX") else sent.heads[k]
        if _negated(sent, verb) or _negated(sent, k):
            continue
        lemma = t.lemma.lower()
        if lemma in lex.permanent_words:
            return True
        if lemma in lex.continue_words and any(sent.heads[j] == k and j != k for j in after_what):
            return True
    return False
