"""`{% fragment %}`: shared markup rendered once per language and reused until its tags are purged."""

import itertools

import pytest
from django.db import transaction
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from core.page_cache import SETTINGS, THEMES, purge

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load page_cache %}{% fragment "counter" "settings" vary=variant %}{{ counter }}{% endfragment %}'
)


def render(counter, variant: str = "") -> str:
    return TEMPLATE.render(Context({"counter": counter, "variant": variant}))


def test_a_fragment_is_rendered_once_and_again_after_a_purge_of_its_tags():
    counter = itertools.count(1)
    first = render(lambda: next(counter))
    assert render(lambda: next(counter)) == first == "1"
    with transaction.atomic():
        purge([THEMES])  # not a tag the fragment shows
    assert render(lambda: next(counter)) == "1"
    with transaction.atomic():
        purge([SETTINGS])
    assert render(lambda: next(counter)) == "2"


def test_a_fragment_is_kept_per_language_and_per_vary_value():
    counter = itertools.count(1)
    assert render(lambda: next(counter)) == "1"
    with translation.override("de"):
        assert render(lambda: next(counter)) == "2"
    assert render(lambda: next(counter), variant="other") == "3"
    assert render(lambda: next(counter)) == "1"


def test_a_fragment_must_name_known_tags():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load page_cache %}{% fragment "x" "nonsense" %}{% endfragment %}')
    with pytest.raises(TemplateSyntaxError):
        Template('{% load page_cache %}{% fragment "x" %}{% endfragment %}')
