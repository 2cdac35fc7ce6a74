"""Event pages: the index at /events/, one folder per member, and the events themselves."""

import math
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.languages import WORKING_LANGUAGE_NAMES
from events.admin_forms import EventPageForm
from members.folders import MemberFolderContentPage, MemberFolderPage, folder_member_field
from members.models import Member, MemberSelection

# Event types whose attendees count as trained (the `training-days` and `people-trained` indicators).
TRAINING_EVENT_TYPES = ("training", "workshop", "mutual-learning", "study-visit")


def validate_timezone(value: str) -> None:
    # Checked against the IANA database at run time rather than as field choices, so a tzdata
    # update never calls for a migration.
    if value not in available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class EventIndexPage(RoutablePageMixin, Page):
    """/events/: upcoming events with filters, a month calendar and the archive of past events."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventFolderPage"]

    class Meta:
        verbose_name = _("event index page")

    @path("")
    def upcoming_view(self, request: HttpRequest) -> HttpResponse:
        from events.views import upcoming_events

        return upcoming_events(request, self)

    @path("past/")
    def past_view(self, request: HttpRequest) -> HttpResponse:
        from events.views import past_events

        return past_events(request, self)

    @path("calendar/")
    def calendar_view(self, request: HttpRequest) -> HttpResponse:
        from events.views import month_calendar

        return month_calendar(request, self)


class EventFolderPage(MemberFolderPage):
    """A member's events: its editors may add events here only."""

    member = folder_member_field(related_name="event_folder")

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("member's event folder")


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now: datetime | None = None) -> "EventPageQuerySet":
        """Events that have not ended yet (so one under way still shows), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now: datetime | None = None) -> "EventPageQuerySet":
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def in_month(self, year: int, month: int) -> "EventPageQuerySet":
        """Events taking place, at least in part, in that calendar month (in the site's time zone)."""
        first, after = month_bounds(year, month)
        return self.filter(start__lt=after, end__gte=first)

    def hosted_or_cohosted_by(self, members: "MemberSelection") -> "EventPageQuerySet":
        """Events that one of `members` (a member, a pk, or a collection or QuerySet of them) hosts or
        co-hosts. Co-hosts are matched through a subquery, so the result has no duplicates."""
        if isinstance(members, (models.Model, int)):
            members = [members]
        co_hosted = EventPage.co_hosts.through.objects.filter(member__in=members)
        return self.filter(
            models.Q(host_member__in=members) | models.Q(pk__in=co_hosted.values("eventpage_id"))
        )

    def for_filters(
        self,
        *,
        event_type: str = "",
        priority: str = "",
        theme: str = "",
        country: str = "",
        mode: str = "",
        language: str = "",
        member: str = "",
        month: tuple[int, int] | None = None,
    ) -> "EventPageQuerySet":
        """Narrow by the listing's filters; each argument is a slug or code, empty for "any"."""
        events = self
        if event_type:
            events = events.filter(event_type__slug=event_type)
        if priority:
            events = events.filter(priorities__slug=priority)
        if theme:
            events = events.filter(tagged_themes__tag__slug=theme)
        if country:
            events = events.filter(country=country)
        if mode == "online":
            events = events.exclude(attendance_mode=EventPage.AttendanceMode.IN_PERSON)
        elif mode == "in_person":
            events = events.exclude(attendance_mode=EventPage.AttendanceMode.ONLINE)
        if language:
            # JSON lists of validated language codes: matching the quoted code is exact on every database.
            events = events.filter(languages__icontains=f'"{language}"')
        if member:
            events = events.hosted_or_cohosted_by(Member.objects.filter(slug=member))
        if month:
            events = events.in_month(*month)
        if priority or theme:
            events = events.distinct()
        return events

    def for_listing(self) -> "EventPageQuerySet":
        return self.live().public().select_related("event_type", "host_member")


class EventPageManager(PageManager.from_queryset(EventPageQuerySet)):
    pass


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    first = datetime(year, month, 1, tzinfo=tz)
    after = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return first, after


class EventTheme(ItemBase):
    tag = models.ForeignKey("core.Theme", on_delete=models.CASCADE, related_name="tagged_events")
    content_object = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="tagged_themes")


class EventPage(RoutablePageMixin, MemberFolderContentPage):
    """A training, workshop, mutual-learning session, study visit, webinar or local event."""

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class RegistrationState(models.TextChoices):
        NOT_OPEN_YET = "not_open_yet", _("Registration not open yet")
        OPEN = "open", _("Registration open")
        FULL = "full", _("Full: waiting list open")
        CLOSED = "closed", _("Registration closed")
        ENDED = "ended", _("This event has ended")

    event_type = models.ForeignKey(
        "core.EventType", verbose_name=_("type"), on_delete=models.PROTECT, related_name="events"
    )
    host_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="hosted_events",
        editable=False,
    )
    co_hosts = ParentalManyToManyField(
        "members.Member", verbose_name=_("co-hosts"), blank=True, related_name="co_hosted_events"
    )
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences shown in listings."))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("description"))

    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_timezone],
        default="Europe/Brussels",
        help_text=_("Dates and times below are entered and shown in this time zone."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    attendance_mode = models.CharField(
        _("format"), max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Sent to registered participants only; not shown on the public page."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True, help_text=_("Defaults to the host's country."))
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    priorities = ParentalManyToManyField(
        "core.Priority", verbose_name=_("priorities"), blank=True, related_name="events"
    )
    themes = ClusterTaggableManager(through=EventTheme, verbose_name=_("themes"), blank=True)

    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited places."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Leave empty to open on publication.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True, help_text=_("Leave empty to close at the start.")
    )

    outcome_summary = models.TextField(_("outcome summary"), blank=True)
    attendance = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("Number of participants. Set automatically when organisers mark attendance."),
    )

    objects = EventPageManager()
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("timezone"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_url"),
                FieldPanel("languages"),
            ],
            heading=_("Where and in which languages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_deadline")]),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("co_hosts"),
        FieldPanel("priorities"),
        FieldPanel("themes"),
        FieldPanel("body"),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("Session")),
        InlinePanel("related_practices", heading=_("Related practices"), label=_("Practice")),
        MultiFieldPanel(
            [FieldPanel("outcome_summary"), FieldPanel("attendance")],
            heading=_("After the event"),
        ),
        InlinePanel("materials", heading=_("Materials"), label=_("Document")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("outcome_summary"),
        index.AutocompleteField("title"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("country"),
        index.FilterField("event_type"),
        index.FilterField("host_member"),
        index.FilterField("attendance_mode"),
        index.RelatedFields("event_type", [index.SearchField("label")]),
        index.RelatedFields("host_member", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    member_folder_model = EventFolderPage
    parent_page_types = ["events.EventFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def set_host_from_folder(self, parent: Page | None = None) -> None:
        """The host is the member whose folder holds the event; editors cannot choose it."""
        if self.host_member_id is None:
            self.host_member_id = self.owning_member_id(parent)
        if not self.country and self.host_member_id:
            self.country = self.host_member.country

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.set_host_from_folder()
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_host_from_folder()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.start and self.end and self.end <= self.start:
            errors.setdefault("end", []).append(_("The event must end after it starts."))
        deadline = self.registration_deadline
        if deadline and self.start and deadline > self.start:
            errors.setdefault("registration_deadline", []).append(
                _("The registration deadline cannot be after the start of the event.")
            )
        if deadline and self.registration_opens_at and self.registration_opens_at >= deadline:
            errors.setdefault("registration_opens_at", []).append(
                _("Registration must open before its deadline.")
            )
        if self.attendance_mode != self.AttendanceMode.IN_PERSON and not self.online_url:
            errors.setdefault("online_url", []).append(_("An online or hybrid event needs its online link."))
        if self.attendance_mode != self.AttendanceMode.ONLINE and not self.city:
            errors.setdefault("city", []).append(_("An event held in person needs its city."))
        if errors:
            raise ValidationError(errors)

    # Time and place -------------------------------------------------------------------------------

    @cached_property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.tzinfo)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.tzinfo)

    @property
    def is_single_day(self) -> bool:
        return self.local_start.date() == self.local_end.date()

    @property
    def is_online(self) -> bool:
        return self.attendance_mode != self.AttendanceMode.IN_PERSON

    @property
    def is_in_person(self) -> bool:
        return self.attendance_mode != self.AttendanceMode.ONLINE

    @property
    def location(self) -> str:
        parts = [self.venue, self.city, self.country.name if self.country else ""]
        place = ", ".join(part for part in parts if part)
        if self.attendance_mode == self.AttendanceMode.ONLINE:
            return str(_("Online"))
        if self.attendance_mode == self.AttendanceMode.HYBRID:
            return f"{place} ({_('and online')})"
        return place

    @property
    def language_names(self) -> list[str]:
        return [str(WORKING_LANGUAGE_NAMES.get(code, code)) for code in self.languages]

    def local_dates(self) -> list[date]:
        """The calendar days (in the event's zone) on which the event takes place."""
        first, last = self.local_start.date(), self.local_end.date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]

    def duration_in_days(self) -> Decimal:
        """Training days per participant. Each day runs from the event's daily start time, until the end
        on the last day and for at most a working day (8 h) on the others; up to 4 h is a half day."""
        total = Decimal(0)
        days = self.local_dates()
        for number, day in enumerate(days):
            day_start = datetime.combine(day, self.local_start.time(), tzinfo=self.tzinfo)
            is_last = number == len(days) - 1
            day_end = (
                self.end
                if is_last
                else min(day_start + timedelta(hours=8), day_start.replace(hour=23, minute=59))
            )
            hours = (day_end - day_start).total_seconds() / 3600
            if hours > 0:
                total += min(Decimal(1), Decimal(math.ceil(hours / 4)) / 2)
        return total

    # Registration ---------------------------------------------------------------------------------

    @property
    def registration_closes_at(self) -> datetime:
        return self.registration_deadline or self.start

    def registration_state(self, confirmed_count: int, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.end < now:
            return self.RegistrationState.ENDED
        if now >= self.registration_closes_at:
            return self.RegistrationState.CLOSED
        if self.registration_opens_at and now < self.registration_opens_at:
            return self.RegistrationState.NOT_OPEN_YET
        if self.capacity is not None and confirmed_count >= self.capacity:
            return self.RegistrationState.FULL
        return self.RegistrationState.OPEN

    def confirmed_count(self) -> int:
        return self.registrations.confirmed().count()

    # Indicators -----------------------------------------------------------------------------------

    @property
    def is_training(self) -> bool:
        return self.event_type.slug in TRAINING_EVENT_TYPES

    def indicator_values(self) -> dict[str, Decimal]:
        return {row.indicator.slug: row.value for row in self.indicators.select_related("indicator")}

    # Serving --------------------------------------------------------------------------------------

    def get_ics_url(self) -> str:
        return reverse("events:event_ics", kwargs={"page_id": self.pk})

    @path("")
    def detail_view(self, request: HttpRequest) -> HttpResponse:
        from events.views import event_detail

        return event_detail(request, self)

    @path("register/")
    def register_view(self, request: HttpRequest) -> HttpResponse:
        from events.views import event_register

        return event_register(request, self)


class AgendaItem(Orderable):
    """A session of the event's programme, in the event's time zone."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    day = models.DateField(_("day"), null=True, blank=True, help_text=_("Leave empty on one-day events."))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    speakers = models.CharField(_("speakers"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})


class EventRelatedPractice(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_practices")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="related_events",
    )

    panels = [PageChooserPanel("practice", "practices.PracticePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related practice")
        verbose_name_plural = _("related practices")
        constraints = [
            models.UniqueConstraint(fields=["page", "practice"], name="events_unique_related_practice")
        ]


class EventMaterial(Orderable):
    """Slides, reports and other documents shared after the event."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Defaults to the document's.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class EventIndicator(models.Model):
    """A stored indicator value of an event, recomputed from attendance (not edited by hand)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey("core.Indicator", on_delete=models.PROTECT, related_name="event_values")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event indicator")
        verbose_name_plural = _("event indicators")
        constraints = [
            models.UniqueConstraint(fields=["event", "indicator"], name="events_unique_event_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
