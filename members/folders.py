"""Member folders: one page per member and locale under each content index (practices, events), so
Wagtail's page permissions let a member's editors add content there only. A translation of a practice
lives in the member's folder of the translation's locale (wagtail-localize copies the folder with the
member when it first translates one of its pages). The content apps subclass these two bases; the
owning member of a page is derived here, in one place, from the folder that holds it."""

from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page
from wagtail_localize.fields import BaseTranslatableField

from core.page_cache.routing import RoutedByMemory

if TYPE_CHECKING:
    from members.models import Member


# `override_translatable_fields` of a page with a `language` field (the language its text is written in):
# neither translated nor copied from the original by wagtail-localize; a translation is written in its
# locale's language (members.translations.adapt_translated_copy).
TEXT_LANGUAGE_NOT_SYNCHRONISED = [BaseTranslatableField("language")]


def folder_member_field(related_name: str) -> models.ForeignKey:
    """The folder's member: one folder per locale, the default locale's made by `ensure_member_folder`,
    the others by wagtail-localize as translations of it (the locale lives on Page's own table, so a
    database constraint cannot span both). Each content app names its reverse accessor
    (`member.practice_folders`)."""
    return models.ForeignKey(
        "members.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name=related_name
    )


class MemberFolderPage(RoutedByMemory, Page):
    """A member's folder under a content index. Subclasses declare `member = folder_member_field(...)`
    and their `parent_page_types` / `subpage_types`."""

    member: "Member"
    member_id: int

    content_panels = Page.content_panels + [FieldPanel("member", read_only=True)]

    class Meta:
        abstract = True

    @classmethod
    def in_locale(cls, locale: Locale | None = None) -> Any:
        """The folders of one locale; by default the default locale's, which hold the originals."""
        return cls.objects.filter(locale=locale or Locale.get_default())

    @classmethod
    def for_member(cls, member: "Member | int", locale: Locale | None = None) -> Self | None:
        """The member's folder in `locale` (default: the default locale), None if there is none yet."""
        folder: Self | None = cls.in_locale(locale).filter(member=member).first()
        return folder

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A folder has nothing of its own to show: send visitors to the index filtered by the member."""
        index_url = self.get_parent().get_url(request) or "/"
        return HttpResponseRedirect(f"{index_url}?{urlencode({'member': self.member.slug})}")

    @classmethod
    def member_id_holding(cls, page: Page, parent: Page | None = None) -> int | None:
        """The member whose folder of this type holds `page`: `parent` when given (a page about to be
        added), otherwise the page's parent read from its tree path, so the page need not be saved."""
        if isinstance(parent, cls):
            return parent.member_id
        if parent is not None:
            parent_path = parent.path
        elif page.path and page.depth is not None and page.depth >= 2:
            parent_path = page.path[: -page.steplen]
        else:
            return None
        return cls.objects.filter(path=parent_path).values_list("member_id", flat=True).first()


class MemberFolderContentPage(Page):
    """A page type that lives in a member's folder (a practice, an event); `member_folder_model` says
    which folder type, and `owning_member_id()` is the one way to ask whose page it is."""

    member_folder_model: ClassVar[type[MemberFolderPage]]

    class Meta:
        abstract = True

    def owning_member_id(self, parent: Page | None = None) -> int | None:
        return self.member_folder_model.member_id_holding(self, parent)
