"""The machinery the learned status and result models share."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.learned_models import calibrated_choice, fitted_logistic, load_arrays, save_arrays


def test_an_artifact_round_trips_its_arrays_and_metadata_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "m.npz"
    arrays = {"mean": [1.0, 2.0], "scale": [1.0, 1.0], "coef": [[0.5, -0.5]], "intercept": 0.25,
              "temperature": 1.5, "c": 0.1}
    save_arrays(path, arrays, {"encoder": "e5", "n": 3})
    back, meta = load_arrays(path, ValueError)
    assert meta == {"encoder": "e5", "n": 3}
    assert np.allclose(back["coef"], [[0.5, -0.5]]) and float(back["temperature"]) == 1.5
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_a_missing_artifact_raises_the_callers_error_naming_the_file(tmp_path):
    with pytest.raises(KeyError, match="nothing.npz"):
        load_arrays(tmp_path / "nothing.npz", KeyError)


def test_the_chosen_c_and_temperature_come_from_the_candidates_given():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(80, 4))
    y = (x[:, 0] > 0).astype(int)
    groups = np.repeat(np.arange(20), 4)

    def nll(logit, y, t):  # type: ignore[no-untyped-def]
        p = 1.0 / (1.0 + np.exp(-logit / t))
        return float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))

    def fit(x, y, c):  # type: ignore[no-untyped-def]
        mean, scale, lr = fitted_logistic(x, y, c)
        return lambda rows: ((rows - mean) / scale) @ lr.coef_[0] + lr.intercept_[0]

    c, t = calibrated_choice(x, y, groups, (0.01, 1.0), (0.5, 1.0, 2.0), fit,
                             lambda m, rows: m(rows), nll)
    assert c in (0.01, 1.0) and t in (0.5, 1.0, 2.0)
