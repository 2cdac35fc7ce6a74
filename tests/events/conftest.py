import pytest

from tests.events.factories import make_event
from tests.factories import MemberFactory


@pytest.fixture
def member():
    return MemberFactory()


@pytest.fixture
def event(member):
    return make_event(member=member, capacity=2)
