"""A fill threshold of the learned status layer chosen from the classifier's own cross-validated
calibration (ingest/status_fill.py), not from any gold set. Made-up out-of-fold figures.
(The layer does not read its file: at .9 per status, xstatus18b, the development status sets
lost 7 right statuses for 2 false ones fewer; FILL_AT .85 stands.)"""

from __future__ import annotations

import numpy as np

from ingest.status_fill import choose, threshold
from ingest.status_model import STATUSES


def test_the_threshold_is_where_every_band_above_it_is_precise_enough():
    """95 % right at .95, 92 % at .87, 60 % at .8: at a target of .9 the threshold is .87, where
    the precise predictions end (each fill added there is itself right nine times in ten)."""
    conf = np.concatenate([np.full(100, 0.95), np.full(100, 0.87), np.full(100, 0.8)])
    correct = np.concatenate([np.arange(100) < 95, np.arange(100) < 92, np.arange(100) < 60])
    assert threshold(correct, conf, 0.9) == 0.87
    # the precision of everything at >= t, carried by the sure ones, reaches .9 lower down
    assert threshold(correct, conf, 0.8, criterion="cumulative") < 0.8 + 0.01


def test_a_status_with_too_few_predictions_takes_the_pooled_threshold():
    rng = np.random.default_rng(0)
    n = 600
    y = rng.integers(0, len(STATUSES), n)
    proba = np.full((n, len(STATUSES)), 0.01)
    proba[np.arange(n), y] = 0.94  # sure and right
    y[:3] = STATUSES.index("created")
    proba[:3] = 0.01
    proba[:3, STATUSES.index("created")] = 0.94
    chosen = choose(y, proba, 0.9, min_support=1000)
    assert chosen["per_status"]["created"] == chosen["pooled"]
    assert "none" not in chosen["per_status"]



def test_the_fill_population_is_the_mentions_the_rules_leave_silent():
    """`--rule-silent` calibrates on the training mentions the real rules read no status for:
    a sentence with a cue of its own is read by the rules, one that only says where the model
    is met ("perheet tapaavat") is not."""
    from ingest.status_fill import rule_silent
    from ingest.status_model import LabelledSentence

    said = "Kemissä otettiin perhekeskusmalli käyttöön vuonna 2018."
    silent = "Kemissä perheet tapaavat perhekeskusmallin työntekijät joka viikko."
    sentences = [LabelledSentence(text, ((text.index("perhekeskusmalli"),
                                          text.index("perhekeskusmalli") + len("perhekeskusmalli"),
                                          "implemented"),))
                 for text in (said, silent)]
    assert rule_silent(sentences).tolist() == [False, True]
