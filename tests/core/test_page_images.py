"""The one image a practice or an event carries: a text alternative is required unless decorative."""

import pytest
from django.core.exceptions import ValidationError

from tests.events.factories import make_event
from tests.factories import MemberFactory, make_image
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    member = MemberFactory()
    return practice_page(member, publish=False), make_event(member=member, publish=False)


def test_an_image_without_alt_text_or_description_is_refused_on_practices_and_events(pages):
    for page in pages:
        page.image = make_image(description="")
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "image_alt_text" in error.value.message_dict


def test_the_page_alt_text_wins_over_the_image_description(pages):
    for page in pages:
        page.image = make_image(description="A blue square")
        page.image_alt_text = "Volunteers at the language café"
        page.full_clean()
        assert page.image_alt == "Volunteers at the language café"


def test_the_image_description_serves_as_alt_text_when_the_page_has_none(pages):
    for page in pages:
        page.image = make_image(description="Newcomers at the town library")
        page.full_clean()
        assert page.image_alt == "Newcomers at the town library"


def test_a_decorative_image_needs_no_alt_text_and_renders_an_empty_one(pages):
    for page in pages:
        page.image = make_image(description="")
        page.image_is_decorative = True
        page.full_clean()
        assert page.image_alt == ""


def test_a_page_without_image_is_valid_and_has_no_alt(pages):
    for page in pages:
        page.full_clean()
        assert page.image is None and page.image_alt == ""
