"""Capacity holds when many people register at the same moment (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import close_old_connections, connection, connections

from events.actions import RegistrationDetails, RegistrationError, register_for_event
from events.models import Registration
from tests.events.factories import make_event
from tests.factories import MemberFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_fifty_parallel_registrations_for_ten_places_confirm_exactly_ten():
    event = make_event(member=MemberFactory(), capacity=10, revision=False)
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def register(number: int) -> None:
        try:
            barrier.wait()
            register_for_event(
                event,
                RegistrationDetails(
                    name=f"P{number}", email=f"p{number}@example.org", organisation="X", consent=True
                ),
            )
        except (RegistrationError, Exception) as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert errors == []
    assert "postgresql" in connection.vendor or connection.vendor == "postgresql"
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 10
    assert event.registrations.filter(status=Registration.Status.WAITLISTED).count() == 40
