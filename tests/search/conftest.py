"""What the answer and reading layers' unit tests share."""

import pytest


@pytest.fixture(scope="module")
def reader():
    """The reading layer with its default cues (no build, no model)."""
    from search.reading import Reader

    return Reader()
