"""Members of the network: the organisations that publish practices, host events and give assistance."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from core.languages import WORKING_LANGUAGE_NAMES


class MemberQuerySet(models.QuerySet):
    def active(self) -> "MemberQuerySet":
        return self.filter(is_active=True)

    def offering_assistance(self) -> "MemberQuerySet":
        return self.active().filter(offers_assistance=True)


class Member(index.Indexed, ClusterableModel):
    """An organisation in the network: a local or regional authority, an NGO, a social partner..."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.ForeignKey(
        "core.MemberKind", verbose_name=_("kind"), on_delete=models.PROTECT, related_name="members"
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region (NUTS 2)"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, help_text=_("For local and regional authorities.")
    )
    languages = models.JSONField(
        _("working languages"), default=list, blank=True, help_text=_("ISO 639-1 codes, e.g. en, it.")
    )
    expertise_themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("expertise themes"), related_name="expert_members", blank=True
    )
    offers_assistance = models.BooleanField(_("offers technical assistance"), default=False)
    assistance_themes = ParentalManyToManyField(
        "core.Theme",
        verbose_name=_("assistance themes"),
        related_name="assisting_members",
        blank=True,
        help_text=_("Themes on which this member gives technical assistance to other members."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateField(_("joined the network"), null=True, blank=True)
    editors_group = models.OneToOneField(
        Group,
        verbose_name=_("editors group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_member",
        editable=False,
    )
    organisers_group = models.OneToOneField(
        Group,
        verbose_name=_("event organisers group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_member",
        editable=False,
    )

    objects = MemberQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("region"),
        index.FilterField("is_active"),
        index.FilterField("offers_assistance"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"slug": self.slug})

    @property
    def language_names(self) -> list[str]:
        return [str(WORKING_LANGUAGE_NAMES.get(code, code)) for code in self.languages]


class ContactOfficer(Orderable):
    """A person at the member who answers for it; the email is shown to signed-in members only."""

    member = ParentalKey(Member, on_delete=models.CASCADE, related_name="contact_officers")
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("contact officer")
        verbose_name_plural = _("contact officers")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Membership(models.Model):
    """Which member a user account acts for, and in which role."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Member editor")
        ORGANISER = "organiser", _("Event organiser")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "member", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.member} ({self.get_role_display()})"
