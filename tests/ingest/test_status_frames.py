"""Training sentences from hand-written frames: slots filled in the case the frame asks for, the
method marked with the section's status, and every filling of a frame in one CV group."""

from __future__ import annotations

import pytest

METHOD = {"nom": "perhekeskus", "gen": "perhekeskuksen", "part": "perhekeskusta",
          "ill": "perhekeskukseen", "ela": "perhekeskuksesta"}
OTHER = {"nom": "kohtaamispaikka", "gen": "kohtaamispaikan", "part": "kohtaamispaikkaa",
         "ill": "kohtaamispaikkaan", "ela": "kohtaamispaikasta"}
ACTOR = {"nom": "Kemi", "gen": "Kemin", "loc": "Kemissä", "ill": "Kemiin", "ela": "Kemistä"}


def test_a_frame_is_filled_in_its_cases_and_marks_each_method():
    from ingest.status_frames import Frame, fill

    frame = Frame("{A.loc} kokeiltiin {M.part} vuonna {Y}, ja {N.ela:none} keskusteltiin.",
                  "piloted", 7)
    text, mentions = fill(frame, METHOD, OTHER, ACTOR, "2018")
    assert text == ("Kemissä kokeiltiin perhekeskusta vuonna 2018, ja kohtaamispaikasta "
                    "keskusteltiin.")
    assert [(text[a:b], st) for a, b, st in mentions] == [("perhekeskusta", "piloted"),
                                                          ("kohtaamispaikasta", "none")]


def test_a_generic_actor_opening_a_sentence_is_capitalised():
    from ingest.status_frames import Frame, fill

    actor = {"nom": "kunta", "gen": "kunnan", "loc": "kunnassa", "ill": "kuntaan",
             "ela": "kunnasta"}
    text, _ = fill(Frame("{A.nom} vakinaisti {M.gen}.", "implemented", 1), METHOD, OTHER, actor,
                   "2019")
    assert text == "Kunta vakinaisti perhekeskuksen."


def test_an_unknown_case_is_refused_with_the_frame_line():
    from ingest.status_frames import Frame, FrameError, fill

    with pytest.raises(FrameError, match=r"line 3: unknown case 'abl'"):
        fill(Frame("{A.abl} {M.nom} toimii.", "implemented", 3), METHOD, OTHER, ACTOR, "2019")


def test_a_frame_without_a_section_is_refused(tmp_path):
    from ingest.status_frames import FrameError, read_frames

    path = tmp_path / "frames.txt"
    path.write_text("{M.nom} toimii.\n", encoding="utf-8")
    with pytest.raises(FrameError, match=r"frames.txt:1: a frame before any '## status'"):
        read_frames(path)


def test_the_training_corpus_is_large_varied_and_grouped_by_wording():
    """>= 1,500 sentences; every filling of one frame shares a CV group, so cross-validation
    never scores a wording it was trained on."""
    from ingest.status_frames import FILLINGS, read_frames
    from ingest.status_model import STATUSES, labelled_corpus

    sentences, groups = labelled_corpus()
    labels = [st for s in sentences for _, _, st in s.mentions]
    assert len(sentences) >= 1500
    assert all(labels.count(st) >= 40 for st in STATUSES)
    frames = read_frames()
    assert len({g for g in groups if g.startswith("f")}) == len(frames)
    assert sum(g.startswith("f") for g in groups) == FILLINGS * len(frames)
