"""The join form's "5 an hour" holds when 20 posts arrive at once: PostgreSQL, real threads, and the
shared Redis cache whose atomic increments django-ratelimit counts with."""

import threading

import pytest
from django.db import close_old_connections, connections
from django.test import Client

from members.models import MembershipApplication
from tests.conftest import redis_cache_configured, require_service
from tests.members.factories import join_form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARALLEL_POSTS = 20


def test_twenty_parallel_join_posts_from_one_address_let_exactly_five_through(settings):
    require_service(redis_cache_configured(), "needs the shared Redis cache: set REDIS_URL=redis://...")
    assert settings.RATE_LIMITS["join"] == "5/h"
    barrier = threading.Barrier(PARALLEL_POSTS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def post(number: int) -> None:
        try:
            client = Client(REMOTE_ADDR="198.51.100.77")
            data = join_form_data(organisation_name=f"Town {number}", contact_email=f"t{number}@example.org")
            barrier.wait()
            statuses.append(client.post("/members/join/", data).status_code)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(number,)) for number in range(PARALLEL_POSTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert errors == []
    assert sorted(statuses) == [302] * 5 + [429] * 15
    assert MembershipApplication.objects.count() == 5
