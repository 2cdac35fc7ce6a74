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
                address_confirmed=True,
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


def test_confirmations_racing_with_expiry_never_give_one_place_twice():
    """Each round: one place, held for an unconfirmed registrant whose time runs out just as they
    confirm, and one person waiting. Whichever runs first wins; the place is never given twice."""
    from datetime import timedelta

    from django.utils import timezone

    from events.actions import confirm_registration, expire_unconfirmed_registrations

    event = make_event(member=MemberFactory(), capacity=1, revision=False)
    outcomes = set()
    for round_number in range(8):
        now = timezone.now()
        held = register_for_event(
            event,
            RegistrationDetails(name="H", email=f"h{round_number}@example.org", consent=True),
            now=now,
        )
        waiting = register_for_event(
            event,
            RegistrationDetails(name="W", email=f"w{round_number}@example.org", consent=True),
            address_confirmed=True,
            now=now,
        )
        deadline = held.confirm_by
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def confirm(registration=held, deadline=deadline, barrier=barrier, errors=errors) -> None:
            try:
                barrier.wait()
                confirm_registration(registration, now=deadline - timedelta(seconds=1))
            except RegistrationError:
                pass  # lost the race to expiry: refused cleanly
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        def expire(deadline=deadline, barrier=barrier, errors=errors) -> None:
            try:
                barrier.wait()
                expire_unconfirmed_registrations(now=deadline + timedelta(seconds=1))
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=confirm), threading.Thread(target=expire)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        close_old_connections()
        assert errors == []
        held.refresh_from_db()
        waiting.refresh_from_db()
        outcomes.add((held.status, waiting.status))
        assert (held.status, waiting.status) in {
            (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED),
            (Registration.Status.EXPIRED, Registration.Status.CONFIRMED),
        }
        assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1
        event.registrations.update(status=Registration.Status.CANCELLED)
    assert outcomes
