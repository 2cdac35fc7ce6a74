"""The practice page: what a member did, for whom, with what results, and how to transfer it."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.languages import LANGUAGE_CHOICES
from core.page_cache import MEMBERS, PRACTICES, THEMES
from core.page_cache.pages import CachedPage
from core.page_images import PageImage, page_image_fields
from dissemination.licences import DEFAULT_LICENCE, Licence, licence_url
from members.folders import TEXT_LANGUAGE_NOT_SYNCHRONISED, MemberFolderContentPage
from practices.admin_forms import PracticePageForm

from .index import PracticeFolderPage
from .querysets import PracticePageManager, review_cutoff
from .related import PracticeKeyword, PracticeTheme

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PracticePage(CachedPage, PageImage, MemberFolderContentPage):
    """A practice a member wants others to learn from: what, for whom, with what results, and what
    another authority needs to transfer it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    class CompetenceLevel(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")

    class BudgetRange(models.TextChoices):
        UNDER_50K = "under-50k", _("Under EUR 50,000")
        FROM_50K = "50k-250k", _("EUR 50,000 to 250,000")
        FROM_250K = "250k-1m", _("EUR 250,000 to 1 million")
        OVER_1M = "over-1m", _("Over EUR 1 million")

    class EvaluationType(models.TextChoices):
        NONE = "none", _("No evaluation yet")
        SELF_ASSESSMENT = "self-assessment", _("Self-assessment")
        EXTERNAL = "external", _("External evaluation")
        EXPERIMENTAL = "experimental", _("Experimental or quasi-experimental evaluation")

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Required. Two or three sentences a busy reader understands on their own."),
    )
    challenge = models.TextField(
        _("challenge"), help_text=_("Required. The problem you faced and who it affected.")
    )
    approach = models.TextField(_("approach"), help_text=_("Required. What you did, step by step."))
    results = models.TextField(
        _("results"), help_text=_("Required. What changed, with figures where you have them.")
    )
    transferability = models.TextField(
        _("transferability"),
        help_text=_("Required. What another authority needs to copy this practice, in plain words."),
    )
    resources_needed = models.TextField(
        _("resources needed"), blank=True, help_text=_("Staff, money and partners it takes.")
    )
    difficulties = models.TextField(
        _("difficulties met"), blank=True, help_text=_("What was hard and how you dealt with it.")
    )

    priority = models.ForeignKey(
        "core.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("Required. The call priority this practice contributes to most."),
    )
    themes = ClusterTaggableManager(
        through=PracticeTheme,
        verbose_name=_("themes"),
        blank=True,
        related_name="practice_pages",
        help_text=_("Choose from the network's themes; new themes cannot be created here."),
    )
    keywords = ClusterTaggableManager(
        through=PracticeKeyword,
        verbose_name=_("keywords"),
        blank=True,
        related_name="practice_pages",
        help_text=_("Free keywords, separated by commas."),
    )
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("target groups"), related_name="practices", blank=True
    )

    country = CountryField(_("country"), help_text=_("Required. Where the practice takes place."))
    region = models.CharField(_("region"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language this page is written in."),
    )

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONGOING)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while the practice is running.")
    )

    lead_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("lead member"),
        on_delete=models.PROTECT,
        related_name="led_practices",
        null=True,
        blank=True,
        editable=False,
    )
    partner_members = ParentalManyToManyField(
        "members.Member", verbose_name=_("partner members"), related_name="partner_practices", blank=True
    )
    funding_sources = ParentalManyToManyField(
        "core.FundingSource", verbose_name=_("funding sources"), related_name="practices", blank=True
    )
    budget_eur = models.PositiveBigIntegerField(
        _("budget (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Total budget in euros, without decimals."),
    )
    is_success_story = models.BooleanField(
        _("success story"), default=False, help_text=_("Moderators feature success stories.")
    )

    licence = models.CharField(
        _("licence of the text"),
        max_length=30,
        choices=Licence.choices,
        default=DEFAULT_LICENCE,
        help_text=_(
            "Your member owns this text and chooses how others may reuse it. Only open licences "
            "(CC BY, CC BY-SA, CC0) let it into the network's open-data download."
        ),
    )

    contact_officer = models.ForeignKey(
        "members.ContactOfficer",
        verbose_name=_("contact officer"),
        on_delete=models.SET_NULL,
        related_name="practices",
        null=True,
        blank=True,
        help_text=_("One of your member's contact officers."),
    )
    contact_role = models.CharField(
        _("contact role"), max_length=255, blank=True, help_text=_("e.g. Head of the integration desk.")
    )

    # Transferability, structured.
    competence_level = models.CharField(
        _("level of government competence needed"),
        max_length=20,
        choices=CompetenceLevel.choices,
        blank=True,
    )
    budget_range = models.CharField(_("budget range"), max_length=20, choices=BudgetRange.choices, blank=True)
    staff_time = models.CharField(
        _("staff time"), max_length=255, blank=True, help_text=_("e.g. 2 full-time staff for 12 months.")
    )
    scale_reached = models.CharField(
        _("scale reached"), max_length=255, blank=True, help_text=_("e.g. city-wide, 3 districts.")
    )
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    what_did_not_work = models.TextField(_("what did not work"), blank=True)

    # Evidence, graded.
    evaluation_type = models.CharField(
        _("type of evaluation"), max_length=20, choices=EvaluationType.choices, default=EvaluationType.NONE
    )
    validated_by = models.CharField(
        _("validated by"), max_length=255, blank=True, help_text=_("Who evaluated or validated the results.")
    )
    last_reviewed_at = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("When the lead member last checked this page is still accurate."),
    )
    review_reminder_sent_at = models.DateTimeField(
        _("review reminder sent at"), null=True, blank=True, editable=False
    )

    body = StreamField(
        BodyStreamBlock(), blank=True, verbose_name=_("more about the practice"), use_json_field=True
    )
    image, image_alt_text, image_is_decorative = page_image_fields()

    objects = PracticePageManager()

    override_translatable_fields = TEXT_LANGUAGE_NOT_SYNCHRONISED
    member_folder_model = PracticeFolderPage
    page_cache_tags = (PRACTICES, MEMBERS, THEMES)
    page_cache_kind = PRACTICES
    parent_page_types = ["practices.PracticeFolderPage"]
    subpage_types: list[str] = []
    base_form_class = PracticePageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        *PageImage.image_panels,
        FieldPanel("priority"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("language")]),
        MultiFieldPanel(
            [FieldPanel("challenge"), FieldPanel("approach"), FieldPanel("results")],
            heading=_("What you did"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("transferability"),
                FieldRowPanel([FieldPanel("competence_level"), FieldPanel("budget_range")]),
                FieldRowPanel([FieldPanel("staff_time"), FieldPanel("scale_reached")]),
                FieldPanel("prerequisites"),
                FieldPanel("resources_needed"),
                FieldPanel("difficulties"),
                FieldPanel("what_did_not_work"),
            ],
            heading=_("Transferability"),
        ),
        MultiFieldPanel(
            [
                # Checked on submit and publish, not on saving a draft (PracticePageForm.themes).
                FieldPanel("themes", required_on_save=False),
                FieldPanel("keywords"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Themes and target groups"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Where and when"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("partner_members"),
                FieldPanel("funding_sources", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("budget_eur"), FieldPanel("is_success_story")]),
                FieldPanel("licence"),
                FieldRowPanel([FieldPanel("contact_officer"), FieldPanel("contact_role")]),
            ],
            heading=_("Partners, funding and contact"),
        ),
        InlinePanel("indicators", heading=_("Outcome indicators"), label=_("Indicator")),
        FieldPanel("body"),
        InlinePanel("images", heading=_("Images"), label=_("Image")),
        InlinePanel("attachments", heading=_("Attachments"), label=_("Document")),
    ]
    evidence_panels = [
        FieldPanel("evaluation_type"),
        FieldPanel("validated_by"),
        FieldPanel("last_reviewed_at"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(evidence_panels, heading=_("Evidence")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # Page.search_fields already boosts the title (boost=2).
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("transferability"),
        index.FilterField("priority_id"),
        index.FilterField("lead_member_id"),
        index.FilterField("language"),
        index.FilterField("status"),
        index.FilterField("is_success_story"),
        index.FilterField("country"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def with_content_json(self, content: dict[str, Any]) -> "PracticePage":
        # The reminder date belongs to the page, not to a revision: publishing an older draft must not
        # roll it back (and cause a second reminder).
        page = super().with_content_json(content)
        page.review_reminder_sent_at = self.review_reminder_sent_at
        page.lead_member_id = self.lead_member_id or page.lead_member_id
        return page

    def save(self, *args: Any, **kwargs: Any) -> None:
        member_id = self.owning_member_id()
        if member_id is not None:
            self.lead_member_id = member_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = self.image_errors()
        try:
            self.validate_practice()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def validate_practice(self) -> None:
        """The practice's own rules, shared by the admin form and the importer."""
        errors: dict[str, list[StrOrPromise]] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
        if self.budget_eur is not None and self.budget_eur < 0:
            errors.setdefault("budget_eur", []).append(_("The budget cannot be negative."))
        if self.status == self.Status.COMPLETED and self.start_date and not self.end_date:
            errors.setdefault("end_date", []).append(_("A completed practice needs an end date."))
        if self.status == self.Status.PLANNED and self.end_date and self.end_date < timezone.localdate():
            errors.setdefault("status", []).append(_("A practice that has ended cannot still be planned."))
        if (
            self.contact_officer is not None
            and self.lead_member_id
            and self.contact_officer.member_id != self.lead_member_id
        ):
            errors.setdefault("contact_officer", []).append(
                _("Choose one of the lead member's contact officers.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def review_reference_date(self) -> date | None:
        if self.last_reviewed_at:
            return self.last_reviewed_at
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def text_language(self) -> str:
        """The language this version's texts are written in."""
        return self.language

    @property
    def licence_url(self) -> str:
        return licence_url(self.licence)

    @property
    def needs_review(self) -> bool:
        """Not reviewed for 24 months (or never reviewed and first published over 24 months ago)."""
        reference = self.review_reference_date
        return reference is not None and reference < review_cutoff()

    def related_practices(self, limit: int = 4) -> list["PracticePage"]:
        """Published practices under the same priority sharing most themes with this one."""
        theme_ids = [item.tag_id for item in self.tagged_themes.all()]
        if not theme_ids:
            return []
        return list(
            PracticePage.objects.live_public()
            .filter(priority_id=self.priority_id, tagged_themes__tag_id__in=theme_ids)
            .exclude(pk=self.pk)
            .annotate(shared_themes=Count("tagged_themes", distinct=True))
            .select_related("lead_member", "priority")
            .order_by("-shared_themes", "-first_published_at", "pk")[:limit]
        )

    def prefetch_shown_relations(self, *, remembered: bool = True) -> None:
        """Load what the page, its JSON-LD and its OpenGraph tags show, one query per relation, so that
        the template and the structured data read the same rows instead of each querying again; the
        rows are remembered until a practice, member, term or document changes (not for a preview)."""
        from core.models import Priority, Theme
        from core.page_cache import MEMBERS, PRACTICES, RESOURCES, THEMES
        from core.page_cache.memo import remember_relations
        from core.vocabulary import terms

        if self.pk is None:  # the preview of a practice not saved yet: its relations are in memory
            return
        # The vocabulary is remembered (core.vocabulary.terms): priority and themes cost no query.
        self.priority = next(p for p in terms(Priority) if p.pk == self.priority_id)
        remember_relations(
            self,
            "practice-relations",
            [PRACTICES, MEMBERS, THEMES, RESOURCES],
            PracticePage._load_shown_relations,
            remembered=remembered,
        )
        themes = {theme.pk: theme for theme in terms(Theme)}
        for item in self.tagged_themes.all():
            item.tag = themes[item.tag_id]

    def _load_shown_relations(self) -> None:
        from django.db.models import Prefetch, prefetch_related_objects

        from members.models import Member

        from .related import PracticeAttachment, PracticeImage, PracticeIndicator

        if self.lead_member_id is not None:
            self.lead_member = Member.objects.select_related("kind").get(pk=self.lead_member_id)
        prefetch_related_objects(
            [self],
            "tagged_themes",
            "tagged_keywords__tag",
            "target_groups",
            "partner_members",
            "funding_sources",
            Prefetch("indicators", queryset=PracticeIndicator.objects.select_related("indicator")),
            Prefetch("images", queryset=PracticeImage.objects.select_related("image")),
            Prefetch("attachments", queryset=PracticeAttachment.objects.select_related("document")),
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from django.conf import settings
        from django.shortcuts import resolve_url

        context = super().get_context(request, *args, **kwargs)
        self.prefetch_shown_relations(remembered=not getattr(request, "is_preview", False))
        context["indicators"] = self.indicators.all()
        # The `vary=` of the page's fragments, the same for every visitor: what they show is the page's
        # and its relations' (the fragments' tags), and whether it is due for review (with time).
        context["shown_state"] = f"{self.pk}:{self.needs_review}"
        context["login_url"] = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.path})}"
        return context
