"""Members of the network: the organisations that publish practices, host events and give assistance."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from core.languages import LANGUAGE_CHOICES, WORKING_LANGUAGE_NAMES


class MemberQuerySet(models.QuerySet):
    def active(self) -> "MemberQuerySet":
        return self.filter(is_active=True)

    def offering_assistance(self) -> "MemberQuerySet":
        return self.active().filter(offers_assistance=True)

    def in_country(self, code: str) -> "MemberQuerySet":
        return self.filter(country=code.upper())

    def of_kind(self, slug: str) -> "MemberQuerySet":
        return self.filter(kind__slug=slug)

    def with_expertise(self, theme_slug: str) -> "MemberQuerySet":
        return self.filter(expertise_themes__slug=theme_slug).distinct()

    def matching(self, text: str) -> "MemberQuerySet":
        """Members whose name, city, region or description contains `text` (case-insensitive)."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(city__icontains=text)
            | Q(region__icontains=text)
            | Q(description__icontains=text)
        )

    def for_directory(self) -> "MemberQuerySet":
        """What a directory card shows, in a fixed number of queries whatever the number of members."""
        return self.select_related("kind").prefetch_related("expertise_themes")


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
    language = models.CharField(
        _("language of the profile"),
        max_length=5,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language the name and description are written in."),
    )
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


# What "by member" filters accept (`PracticePageQuerySet.led_or_partnered_by`, ...): one member or its pk,
# or several, including a QuerySet matched as a subquery.
MemberSelection = Member | int | Iterable[Member | int] | models.QuerySet[Member]


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
        ADMINISTRATOR = "administrator", _("Member administrator")

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


class RoleChange(models.Model):
    """One grant or revocation of a member role (members.roles writes it): who, when, what. Names are
    copied so the trail still reads after an account or member is deleted."""

    class Action(models.TextChoices):
        GRANTED = "granted", _("granted")
        REVOKED = "revoked", _("revoked")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("changed by"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="role_changes",
    )
    user_name = models.CharField(_("person"), max_length=150)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, on_delete=models.SET_NULL, related_name="role_changes"
    )
    member_name = models.CharField(_("member"), max_length=255)
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    action = models.CharField(_("change"), max_length=10, choices=Action.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        by = self.actor_name or _("the system")
        return (
            f"{self.at:%Y-%m-%d %H:%M} {by}: {self.user_name} {self.action} {self.role} ({self.member_name})"
        )


class MemberInvitationQuerySet(models.QuerySet):
    def open(self) -> "MemberInvitationQuerySet":
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


class MemberInvitation(models.Model):
    """A colleague invited by email to act for a member in a role; the link carries a secret whose hash
    only is stored, and works once, until it expires (settings.INVITATION_DAYS)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)

    objects = MemberInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member invitation")
        verbose_name_plural = _("member invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.member} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and self.expires_at > timezone.now()


class MembershipApplicationQuerySet(models.QuerySet):
    def pending(self) -> "MembershipApplicationQuerySet":
        return self.filter(status=MembershipApplication.Status.PENDING)


class MembershipApplication(models.Model):
    """An organisation's request to join the network, reviewed by a network administrator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation_name = models.CharField(_("organisation name"), max_length=255)
    kind = models.ForeignKey(
        "core.MemberKind", verbose_name=_("kind of organisation"), on_delete=models.PROTECT, related_name="+"
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region (NUTS 2)"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=255)
    contact_email = models.EmailField(_("contact email"))
    contact_role = models.CharField(_("contact person's role"), max_length=255)
    motivation = models.TextField(_("motivation"), max_length=4000)
    consent = models.BooleanField(_("consent to data processing"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    decision_note = models.TextField(_("decision note"), blank=True)
    member = models.OneToOneField(
        Member,
        verbose_name=_("member created"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        editable=False,
    )

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self) -> str:
        return self.organisation_name

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
