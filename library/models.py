"""The library of tools and guidelines: /library/ and its resources, each with files in several languages,
tagged like practices (priority, themes, target groups) and linked to the practices and events behind it."""

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from core.languages import LANGUAGE_CHOICES, LANGUAGE_NAMES
from core.page_cache import EVENTS, MEMBERS, PRACTICES, RESOURCES, THEMES
from core.page_cache.pages import CachedPage
from members.folders import MemberFolderContentPage, MemberFolderPage, folder_member_field


class ResourcePageQuerySet(PageQuerySet):
    def live_public(self) -> "ResourcePageQuerySet":
        return self.live().public()

    def for_filters(
        self,
        *,
        resource_type: str = "",
        priority: str = "",
        theme: str = "",
        target_group: str = "",
        language: str = "",
        member: str = "",
    ) -> "ResourcePageQuerySet":
        """Narrow by the listing's filters (slugs or codes; empty for "any"), without duplicates."""
        resources = self.published_by(member)
        if resource_type:
            resources = resources.filter(resource_type=resource_type)
        if priority:
            resources = resources.filter(priority__slug=priority)
        if theme:
            resources = resources.filter(
                pk__in=ResourceTheme.objects.filter(tag__slug=theme).values("content_object_id")
            )
        if target_group:
            resources = resources.filter(
                pk__in=ResourcePage.target_groups.through.objects.filter(
                    targetgroup__slug=target_group
                ).values("resourcepage_id")
            )
        if language:
            resources = resources.filter(
                pk__in=ResourceFile.objects.filter(language=language).values("page_id")
            )
        return resources

    def published_by(self, member_slug: str) -> "ResourcePageQuerySet":
        return self.filter(publisher__slug=member_slug) if member_slug else self

    def for_cards(self) -> "ResourcePageQuerySet":
        return self.select_related("priority", "publisher").prefetch_related("files", "tagged_themes__tag")


ResourcePageManager = PageManager.from_queryset(ResourcePageQuerySet)


class ResourceIndexPage(CachedPage, RoutablePageMixin, Page):
    """/library/: every published resource with the practice listing's kind of filters and counts."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["core.HomePage"]
    # Members publish from their folders; network staff may still add the network's own resources
    # (no publishing member) directly here, where the resources made before folders existed stay.
    subpage_types = ["library.ResourceFolderPage", "library.ResourcePage"]
    page_cache_tags = (RESOURCES, MEMBERS, THEMES)
    page_cache_kind = RESOURCES

    class Meta:
        verbose_name = _("library index page")

    @path("")
    def listing_view(self, request: HttpRequest) -> HttpResponse:
        from library.contexts import listing_context

        return self.render(request, context_overrides=listing_context(request))


class ResourceFolderPage(MemberFolderPage):
    """A member's resources: its editors may add resources here only."""

    member = folder_member_field(related_name="resource_folders")

    page_cache_kind = RESOURCES  # moving a folder moves its resources
    parent_page_types = ["library.ResourceIndexPage"]
    subpage_types = ["library.ResourcePage"]

    class Meta:
        verbose_name = _("member's resource folder")


class ResourceTheme(TaggedItemBase):
    tag = models.ForeignKey("core.Theme", on_delete=models.CASCADE, related_name="tagged_resources")
    content_object = ParentalKey(
        "library.ResourcePage", on_delete=models.CASCADE, related_name="tagged_themes"
    )

    class Meta:
        verbose_name = _("resource theme")
        verbose_name_plural = _("resource themes")


class ResourcePage(CachedPage, MemberFolderContentPage):
    """A guideline, toolkit, training curriculum, evaluation report, campaign material or research. Its
    publisher is the member whose folder holds it; one directly under the index is the network's own."""

    class ResourceType(models.TextChoices):
        GUIDELINE = "guideline", _("Guideline")
        TOOLKIT = "toolkit", _("Toolkit")
        CURRICULUM = "curriculum", _("Training curriculum")
        EVALUATION = "evaluation", _("Evaluation report")
        CAMPAIGN = "campaign", _("Campaign material")
        RESEARCH = "research", _("Research")

    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("Two or three sentences."))
    description = models.TextField(_("description"), blank=True)
    publisher = models.ForeignKey(
        "members.Member",
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        editable=False,
    )
    priority = models.ForeignKey(
        "core.Priority",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    themes = ClusterTaggableManager(
        through=ResourceTheme, verbose_name=_("themes"), blank=True, related_name="resource_pages"
    )
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="resources"
    )
    practices = ParentalManyToManyField(
        "practices.PracticePage",
        verbose_name=_("practices it came from"),
        blank=True,
        related_name="resources",
    )
    events = ParentalManyToManyField(
        "events.EventPage", verbose_name=_("events it came from"), blank=True, related_name="resources"
    )

    objects = ResourcePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("resource_type"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("priority"), FieldPanel("themes"), FieldPanel("target_groups")], heading=_("Tagging")
        ),
        InlinePanel("files", heading=_("Files"), label=_("File"), min_num=1),
        MultiFieldPanel([FieldPanel("practices"), FieldPanel("events")], heading=_("Where it came from")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("resource_type"),
    ]
    member_folder_model = ResourceFolderPage
    parent_page_types = ["library.ResourceFolderPage", "library.ResourceIndexPage"]
    subpage_types: list[str] = []
    # Its page links the practices and events it came from, and names its publisher.
    page_cache_tags = (RESOURCES, PRACTICES, EVENTS, MEMBERS, THEMES)
    page_cache_kind = RESOURCES

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The folder is the one truth about who publishes: a page moved to another folder follows it.
        if self.path:
            self.publisher_id = self.owning_member_id()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "publisher" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "publisher"]
        super().save(*args, **kwargs)

    def with_content_json(self, content: dict[str, Any]) -> "ResourcePage":
        # A revision written in another folder (before a move) must not bring its publisher back.
        page = super().with_content_json(content)
        page.publisher_id = self.publisher_id
        return page

    def languages(self) -> list[str]:
        return sorted({str(LANGUAGE_NAMES.get(item.language, item.language)) for item in self.files.all()})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.files.select_related("document")
        context["related_practices"] = self.practices.live().public().specific()
        context["related_events"] = self.events.live().public().specific()
        return context


class ResourceFile(Orderable):
    """One file of a resource, in one language (the same guideline in French and in Polish)."""

    page = ParentalKey("library.ResourcePage", on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, default="en")

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))
