"""The word lists the extraction rules read, as one typed record (filled from data by the
registry): which lemma says which status, which words frame a project's facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# The statuses a method mention can have, in the order a tie between cues of one clause is
# broken (the nearest cue wins first; at equal distance the earlier status here).
STATUS_ORDER = ("piloted", "trained", "implemented", "developing", "created", "planned")
# What a sum of euros is: a grant (state aid), the project's total budget or costs, or the
# funding its own bodies put in.
FUNDING_KINDS = ("grant", "total", "own")


@dataclass(frozen=True)
class Lexicon:
    """Every word list of the rules; each field is filled by the pattern of the same name."""

    # status of a method mention: lemma (or form) → status, in STATUS_ORDER's tie order
    status_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    status_order: tuple[str, ...] = STATUS_ORDER
    noun_cues: tuple[str, ...] = ()  # compound parts that make a noun a cue ("koulutusaamupäivä")
    part_of: tuple[str, ...] = ()  # "oli mukana kokeilussa": taking part
    take_part: tuple[str, ...] = ()  # "osallistui koulutukseen"
    intent: tuple[str, ...] = ()  # "on määrä avata"
    goal_words: tuple[str, ...] = ()  # "tavoitteena on", "tarkoitus on"
    use_words: tuple[str, ...] = ()  # "otettiin käyttöön", "on käytössä"
    begin: tuple[str, ...] = ()  # "alettiin kokeilla": the infinitive says what
    do_verbs: tuple[str, ...] = ()  # "tehtiin arviointi"
    model_words: tuple[str, ...] = ()  # a bare word that takes up a named method
    way_words: tuple[str, ...] = ()  # "toimintatapa, jossa ..." describes a way of working
    back_words: tuple[str, ...] = ()  # "Näitä menetelmiä ovat ..."
    # "vastaavaa tilaa kokeillaan", "saman käytännön": a thing said to be the same as or like
    # the one named before is that one, whatever noun names it
    same_words: tuple[str, ...] = ()
    # work still going on: a cue of these in the present tense ("juurrutetaan", "kehitetään"),
    # with an ongoing adverb ("kehitettiin edelleen") or made into a part ("kehitetään
    # perhekeskustyön sydämeksi") is developing
    progressive_cues: tuple[str, ...] = ()
    ongoing_adverbs: tuple[str, ...] = ()
    into_words: tuple[str, ...] = ()
    # "avataan ensi syksynä", "koulutetaan maanantaina": a present-tense cue with a time ahead
    future_words: tuple[str, ...] = ()
    # "hoituu nykyisin", "on tehty vuodesta 2016 lähtien": use told by its time, no cue needed
    routine_words: tuple[str, ...] = ()
    # "vuodesta 2016", "keväästä asti", "kahden vuoden ajan" in the perfect: in use since then
    since_words: tuple[str, ...] = ()
    # "kokeiltiin ja vakinaistettiin", "jäi pysyväksi toiminnaksi": a trial made permanent is
    # in use; "jatkuu hankkeen jälkeen" (continue_words with "jälkeen" on a project or trial)
    permanent_words: tuple[str, ...] = ()
    continue_words: tuple[str, ...] = ()
    # actors
    people_words: tuple[str, ...] = ()  # "kunnan työntekijät": whose people, not who acts
    # project facts
    admin_cues: tuple[str, ...] = ()
    admin_verbs: tuple[str, ...] = ()  # "Hanketta koordinoi X": with the project as object
    body_words: tuple[str, ...] = ()  # "toimii kuntayhtymä itse": the body named before
    # "Kuntayhtymä on kouluttanut ...": a joint authority by its kind, the one named before
    authority_words: tuple[str, ...] = ()
    # "kunnan varhaiskasvatuksessa": the town by its kind, in a section or document of one town
    town_words: tuple[str, ...] = ()
    partner_cues: tuple[str, ...] = ()
    cooperation: tuple[str, ...] = ()
    taking_part: tuple[str, ...] = ()  # "hankkeessa ovat mukana A ja B"
    work_words: tuple[str, ...] = ()  # "Kehittämistyö tehtiin X:n kanssa": the project's work
    join_verbs: tuple[str, ...] = ()  # "mukaan lähtivät myös A ja B": joined the project
    doing_verbs: tuple[str, ...] = ()  # "kehittämistyön tekevät A ja B": who do the work
    regional_words: tuple[str, ...] = ()  # "maakunnallinen LAPE-hanke": the region's own
    with_words: tuple[str, ...] = ()  # "kanssa", "with": whom the work was done with
    # English and Swedish phrases that place a body or the work (ingest/extract/referents.py):
    partner_phrases: tuple[str, ...] = ()  # "together with X": X is a partner, not the actor
    town_phrases: tuple[str, ...] = ()  # "the city", "kommunen": the town named before
    project_phrases: tuple[str, ...] = ()  # "under projektet": the document's own project
    region_phrases: tuple[str, ...] = ()  # "for the whole region": the document's region
    funding_cues: tuple[str, ...] = ()
    funding_suffixes: tuple[str, ...] = ()
    funding_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind → words
    cost_items: tuple[str, ...] = ()  # "henkilöstökulut": one item of the costs, no funding
    project_words: tuple[str, ...] = ()
    project_work: tuple[str, ...] = ()  # "hankkeen toteutuksesta vastasi X": the whole work
    national: tuple[str, ...] = ()
    period_words: tuple[str, ...] = ()
    period_between: tuple[str, ...] = ()  # "1.3.2017 ja 31.12.2018 välisenä aikana"
    applied_words: tuple[str, ...] = ()  # "haettu summa": applied for, not received
    share_words: tuple[str, ...] = ()  # "kunnan osuus omarahoituksesta": one member's share
    part_words: tuple[str, ...] = ()  # "osakokonaisuus": one part's sums, not the project's
    # "mikäli valtuusto myöntää 80 000 euroa": a sum under a condition is not yet the funding
    condition_words: tuple[str, ...] = ()
    spent_words: tuple[str, ...] = ()  # "käytettiin 300 000 euroa": money spent, no funding
    other_project_words: tuple[str, ...] = ()  # "rinnakkaishanke sai 0,5 M€": another's sum
    # "maakuntien hankkeille yhteensä 19 miljoonaa euroa": a programme's total for many
    many_recipients_words: tuple[str, ...] = ()  # Finnish lemmas, in the plural allative
    many_recipients_forms: tuple[str, ...] = ()  # English and Swedish plurals, as written
    # "pilotti aloittaa 1.4.2018": the subject of a start or end verb that is the project's
    # own (besides project_words and period_words): "työ jatkuu 31.12.2018 saakka"
    own_work_words: tuple[str, ...] = ()
    start_verbs: tuple[str, ...] = ()
    end_verbs: tuple[str, ...] = ()
    # counted results
    result_verbs: tuple[str, ...] = ()
    result_headings: tuple[str, ...] = ()  # "Keskeiset tulokset": a list of results follows
    pending_headings: tuple[str, ...] = ()  # "Keskeneräistä", "Still to do": no results follow
    unfinished_words: tuple[str, ...] = ()  # "kehittymässä", "valmisteilla": not made yet
    audience_events: tuple[str, ...] = ()  # "seminaariin saapui 200": an audience, no result
    training_words: tuple[str, ...] = ()  # "koulutustilaisuuteen osallistui 90": a training
    label_nouns: tuple[str, ...] = ()
    fraction_words: tuple[str, ...] = ()  # "kaksi kolmasosaa": a share, not a count
    change_from: tuple[str, ...] = ()  # "from 30 days to 9": a change's starting point
    change_verbs: tuple[str, ...] = ()  # "väheni 12 prosenttia": a share that is a change
    dated_result_verbs: tuple[str, ...] = ()  # "avattiin 1.9.2018": a date alone is a result
    speech_verbs: tuple[str, ...] = ()  # "– …, kertoi äiti": a quote reports no result
    place_use_cues: tuple[str, ...] = ()  # "siirryttiin malliin kahdessa tiimissä": where
    scope_words: tuple[str, ...] = ()  # "mukana 18 kuntaa": who takes part, no result
    receiving_verbs: tuple[str, ...] = ()  # "sai valtionavustusta": funding received, no result
    # "koulutettiin 80 työntekijää, heistä 12 Kemissä": a count after these counts a part of
    # the count before it, no result of its own
    part_pronouns: tuple[str, ...] = ()
    time_units: tuple[str, ...] = ()
    per_unit: tuple[str, ...] = ()
    number_words: dict[str, int] = field(default_factory=dict)
    # the parts a number written as one word is built of (ingest/extract/numerals.py): a
    # multiplier ("kymmentä", "sataa", "hundra") or an "about" unit ("kolmisen", "pari")
    number_parts: dict[str, int] = field(default_factory=dict)

    def status_of(self, forms: set[str], lemma: str) -> str | None:
        """The status a token's forms (lemma, text, cue parts) name, in the lexicon's order; a
        cue longer than five letters also counts at the end of a compound lemma
        ("jatkokokeilu")."""
        for status, cues, long_cues in self._status_tables:
            if not forms.isdisjoint(cues) or lemma.endswith(long_cues):
                return status
        return None

    @cached_property
    def noun_cue_set(self) -> frozenset[str]:
        """noun_cues as a set (read for every token a status cue is looked for in)."""
        return frozenset(self.noun_cues)

    @cached_property
    def _status_tables(self) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
        """status_cues as (status, its cues, those longer than five letters), in order: the
        word lists are read-only once loaded."""
        return tuple((status, frozenset(cues), tuple(c for c in cues if len(c) > 5))
                     for status, cues in self.status_cues.items())

    def funding_kind_of(self, word: str) -> str | None:
        """The kind of funding a word names; the longest matching cue wins ("omarahoitus" is
        own funding, not the "rahoitus" at its end); a cue counts at the end of a compound
        only if it is a funding suffix ("kehittämisavustus")."""
        known = self._funding_answers
        if word not in known:
            if len(known) >= 200_000:
                known.clear()
            known[word] = self._funding_kind(word)
        return known[word]

    @cached_property
    def _funding_answers(self) -> dict[str, str | None]:
        """funding_kind_of's answers so far, by word."""
        return {}

    def _funding_kind(self, word: str) -> str | None:
        best: tuple[int, str] | None = None
        for kind, cues in self.funding_kinds.items():
            for cue in cues:
                if word == cue or (cue in self.funding_suffixes and word.endswith(cue)):
                    if best is None or len(cue) > best[0]:
                        best = (len(cue), kind)
        return best[1] if best else None
