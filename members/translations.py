"""Translations of members' pages with wagtail-localize: a member's editors translate their own
member's practices and events, and no one else's, into the member's folder of the target locale."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView

from members.folders import MemberFolderContentPage, MemberFolderPage
from members.roles import grant_folder_permissions


class SubmitOwnPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", for people who may edit the page. Its own view only
    asks for the global `submit_translation` permission, which every member's editors hold."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)
        return response


def submit_translation_urls() -> list[URLPattern]:
    """The same path as wagtail-localize's view: members' admin URLs are registered before
    wagtail_localize's (INSTALLED_APPS order), so this one answers (tests/practices/test_translations.py)."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitOwnPageTranslationView.as_view(),
            name="submit_own_page_translation",
        )
    ]


def adapt_translated_copy(sender: Any, *, target_obj: Any, **kwargs: Any) -> None:
    """Receiver of `copy_for_translation_done`. A member folder copied into a new locale (the first
    translation of one of its pages) gives the member's editors the same rights there. A translated
    practice or event is written in its locale's language: wagtail-localize saves the copy after this
    (the pages leave `language` out of the fields it synchronises: TEXT_LANGUAGE_NOT_SYNCHRONISED)."""
    page = getattr(target_obj, "specific", target_obj)
    if isinstance(page, MemberFolderPage):
        grant_folder_permissions(page)
    elif isinstance(page, MemberFolderContentPage) and page.alias_of_id is None:
        page.language = page.locale.language_code
