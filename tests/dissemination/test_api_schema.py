"""schemathesis fuzzes every API operation from the live OpenAPI schema, through the real WSGI app,
and fails on any 5xx, undocumented status, or response that does not match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

pytestmark = pytest.mark.django_db

# Bounded so the whole run stays well under two minutes on a shared 2-core machine.
EXAMPLES_PER_OPERATION = 40


@pytest.fixture
def api_schema(corpus, db, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public_api": "100000/m"}
    # As Django's test client does: a request must not close the connection holding the test's
    # transaction (the corpus lives in it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_api_operation_conforms_to_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def conforms(case):
            case.call_and_validate()

        conforms()
