"""Wagtail content locales match the interface languages: one Locale row per entry of LANGUAGES.

Created after every migrate (idempotent), so a fresh database, the test database and production all
have them without a data migration that would need editing whenever a language is added.
"""

from typing import Any

from django.conf import settings


def ensure_locales(**kwargs: Any) -> None:
    from wagtail.models import Locale

    existing = set(Locale.objects.values_list("language_code", flat=True))
    Locale.objects.bulk_create(
        [
            Locale(language_code=code)
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code not in existing
        ]
    )
