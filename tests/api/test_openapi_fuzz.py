"""Fuzz every operation of our OpenAPI spec against a live server: no input gives a 5xx.

Bounded (a dozen examples per operation) so it stays well under a minute; the SPARQL limits
themselves are tested in test_sparql_limits.py.
"""

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error

from api.http import create_app
from api.settings import Settings


def _schema():
    # The spec comes from the app object alone (nothing loads before the lifespan starts).
    return schemathesis.openapi.from_dict(create_app(Settings()).openapi())


OPERATIONS = [r.ok() for r in _schema().get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_input_makes_the_server_fail(live_url, operation):
    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(max_examples=12, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(hypothesis.HealthCheck))
    def check(case):
        case.call_and_validate(base_url=live_url, checks=[not_a_server_error], timeout=60)

    check()


def test_the_spec_covers_the_endpoints():
    labels = {op.label for op in OPERATIONS}
    assert {"GET /api/search", "GET /api/ask", "GET /sparql", "POST /sparql", "GET /api/export",
            "GET /.well-known/void", "GET /id/{path}"} <= labels
