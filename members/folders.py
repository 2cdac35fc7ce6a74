"""Member folders: one page per member under each content index (practices, events), so Wagtail's page
permissions let a member's editors add content there only. The content apps subclass these two bases;
the owning member of a page is derived here, in one place, from the folder that holds it."""

from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.page_cache.routing import RoutedByMemory

if TYPE_CHECKING:
    from members.models import Member


def folder_member_field(related_name: str) -> models.OneToOneField:
    """The folder's member. Each content app names its own reverse accessor (`member.practice_folder`)."""
    return models.OneToOneField(
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
