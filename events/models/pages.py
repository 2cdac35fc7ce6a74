"""The event page: a training, workshop, study visit or other event, its registration state and indicators."""

import math
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.languages import LANGUAGE_CHOICES, WORKING_LANGUAGE_NAMES
from core.page_cache import EVENTS, MEMBERS, REGISTRATIONS, THEMES
from core.page_cache.pages import CachedPage
from core.page_images import PageImage, page_image_fields
from core.rate_limits import rate_limit
from events.admin_forms import EventPageForm
from members.folders import TEXT_LANGUAGE_NOT_SYNCHRONISED, MemberFolderContentPage

from .index import EventFolderPage
from .querysets import EventPageManager
from .related import EventTheme

if TYPE_CHECKING:
    from events.forms import RegistrationForm

# Event types whose attendees count as trained (the `training-days` and `people-trained` indicators).
TRAINING_EVENT_TYPES = ("training", "workshop", "mutual-learning", "study-visit")


def validate_timezone(value: str) -> None:
    # Checked against the IANA database at run time rather than as field choices, so a tzdata
    # update never calls for a migration.
    if value not in available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class EventPage(CachedPage, RoutablePageMixin, PageImage, MemberFolderContentPage):
    """A training, workshop, mutual-learning session, study visit, webinar or local event."""

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class RegistrationMode(models.TextChoices):
        OPEN = "open", _("Open: anyone may register")
        APPROVAL = "approval", _("On approval: the organiser accepts or refuses each registration")
        INVITATION = "invitation", _("By invitation only: through the personal link of an invitation")

    class Participation(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class RegistrationState(models.TextChoices):
        NOT_OPEN_YET = "not_open_yet", _("Registration not open yet")
        OPEN = "open", _("Registration open")
        FULL = "full", _("Full: waiting list open")
        CLOSED = "closed", _("Registration closed")
        ENDED = "ended", _("This event has ended")

    event_type = models.ForeignKey(
        "core.EventType", verbose_name=_("type"), on_delete=models.PROTECT, related_name="events"
    )
    host_member_id: int | None  # the column Django adds for host_member, declared for the type checker
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
    image, image_alt_text, image_is_decorative = page_image_fields()

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
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language this page is written in."),
    )
    priorities = ParentalManyToManyField(
        "core.Priority", verbose_name=_("priorities"), blank=True, related_name="events"
    )
    themes = ClusterTaggableManager(through=EventTheme, verbose_name=_("themes"), blank=True)

    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Places in person (for an online event: its places). Leave empty for unlimited places."),
    )
    online_capacity = models.PositiveIntegerField(
        _("online places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Hybrid events: places online, counted apart from those in person. Empty: unlimited."),
    )
    registration_mode = models.CharField(
        _("who may register"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OPEN,
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
        FieldPanel("language"),
        *PageImage.image_panels,
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
                FieldPanel("registration_mode"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("online_capacity")]),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_deadline")]),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("registration_questions", heading=_("Registration questions"), label=_("Question")),
        FieldPanel("co_hosts"),
        FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
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

    override_translatable_fields = TEXT_LANGUAGE_NOT_SYNCHRONISED
    member_folder_model = EventFolderPage
    page_cache_tags = (EVENTS, REGISTRATIONS, MEMBERS, THEMES)
    page_cache_kind = EVENTS
    # Registration opens and closes, the event starts, unconfirmed places expire: all without a save.
    page_cache_time_sensitive = True
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
        errors: dict[str, list] = dict(self.image_errors())
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
        if self.online_capacity and self.attendance_mode != self.AttendanceMode.HYBRID:
            errors.setdefault("online_capacity", []).append(
                _("Online places are counted apart only for hybrid events; use the capacity.")
            )
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
        parts = [self.venue, self.city, countries.name(self.country)]
        place = ", ".join(part for part in parts if part)
        if self.attendance_mode == self.AttendanceMode.ONLINE:
            return str(_("Online"))
        if self.attendance_mode == self.AttendanceMode.HYBRID:
            return f"{place} ({_('and online')})"
        return place

    @property
    def text_language(self) -> str:
        """The language of the title and summary (not the languages the event is held in)."""
        return self.language

    @property
    def language_names(self) -> list[str]:
        return [str(WORKING_LANGUAGE_NAMES.get(code, code)) for code in self.languages]

    def local_dates(self) -> list[date]:
        """The calendar days (in the event's zone) on which the event takes place."""
        first, last = self.local_start.date(), self.local_end.date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]

    def duration_in_hours(self) -> Decimal:
        """Hours of the event, counted as for the training days (at most 8 h on each day but the last)."""
        total = Decimal(0)
        for day_start, day_end in self._daily_spans():
            total += Decimal(max((day_end - day_start).total_seconds(), 0) / 3600)
        return total.quantize(Decimal("0.1"))

    def _daily_spans(self) -> list[tuple[datetime, datetime]]:
        days = self.local_dates()
        spans = []
        for number, day in enumerate(days):
            day_start = datetime.combine(day, self.local_start.time(), tzinfo=self.tzinfo)
            is_last = number == len(days) - 1
            day_end = (
                self.end
                if is_last
                else min(day_start + timedelta(hours=8), day_start.replace(hour=23, minute=59))
            )
            spans.append((day_start, day_end))
        return spans

    def duration_in_days(self) -> Decimal:
        """Training days per participant. Each day runs from the event's daily start time, until the end
        on the last day and for at most a working day (8 h) on the others; up to 4 h is a half day."""
        total = Decimal(0)
        for day_start, day_end in self._daily_spans():
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

    @property
    def participations(self) -> list[str]:
        """The kinds of place the event offers: both for hybrid events, else its one format."""
        if self.attendance_mode == self.AttendanceMode.HYBRID:
            return [self.Participation.IN_PERSON, self.Participation.ONLINE]
        if self.attendance_mode == self.AttendanceMode.ONLINE:
            return [self.Participation.ONLINE]
        return [self.Participation.IN_PERSON]

    def capacity_for(self, participation: str) -> int | None:
        """Places of one kind; None is unlimited. Only hybrid events count online places apart."""
        if self.attendance_mode == self.AttendanceMode.HYBRID and participation == self.Participation.ONLINE:
            return self.online_capacity
        return self.capacity

    def is_full_for(self, participation: str, now: datetime | None = None) -> bool:
        capacity = self.capacity_for(participation)
        if capacity is None:
            return False
        taken = self.registrations.holding_places(now).filter(participation=participation).count()
        return taken >= capacity

    def places_left_by_participation(self, now: datetime | None = None) -> dict[str, int | None]:
        # The preview of an event not saved yet has no registrations to count.
        taken = (
            {}
            if self.pk is None
            else dict(
                self.registrations.holding_places(now)
                .values_list("participation")
                .annotate(count=models.Count("pk"))
                .values_list("participation", "count")
            )
        )
        result: dict[str, int | None] = {}
        for participation in self.participations:
            capacity = self.capacity_for(participation)
            result[participation] = (
                None if capacity is None else max(capacity - taken.get(participation, 0), 0)
            )
        return result

    @property
    def total_places(self) -> int | None:
        capacities = [self.capacity_for(participation) for participation in self.participations]
        if any(capacity is None for capacity in capacities):
            return None
        return sum(capacity or 0 for capacity in capacities)

    def confirmed_count(self) -> int:
        if self.pk is None:  # the preview of an event not saved yet
            return 0
        return self.registrations.confirmed().count()

    def places_taken(self, now: datetime | None = None) -> int:
        """Confirmed places plus those held for registrants still within their confirmation time."""
        return self.registrations.holding_places(now).count()

    # Indicators -----------------------------------------------------------------------------------

    @property
    def is_training(self) -> bool:
        return self.event_type.slug in TRAINING_EVENT_TYPES

    def indicator_values(self) -> dict[str, Decimal]:
        return {row.indicator.slug: row.value for row in self.indicators.select_related("indicator")}

    # Serving --------------------------------------------------------------------------------------

    def get_ics_url(self) -> str:
        if self.pk is None:  # the preview of an event not saved yet: no calendar file to offer
            return ""
        return reverse("events:event_ics", kwargs={"page_id": self.pk})

    # Routes build their context with a function of events/contexts.py and render it with the page's
    # template. That module queries these models, so it is imported when a route is served, not here.

    @path("")
    def detail_view(self, request: HttpRequest) -> HttpResponse:
        return self.render_with_registration(request)

    @path("register/")
    @method_decorator(rate_limit("event_registration", method="POST"))
    def register_view(self, request: HttpRequest) -> HttpResponse:
        from events.contexts import submit_registration

        if request.method != "POST":
            # The form on a page of its own, never cached, with the visitor's own CSRF token: for
            # visitors without JavaScript, who cannot fetch a token into the cached event page.
            request.page_cache_tags = ()  # type: ignore[attr-defined]
            return self.render_with_registration(request)
        submission = submit_registration(request, self)
        if submission.registration_url:
            return HttpResponseRedirect(submission.registration_url)
        return self.render_with_registration(request, submission.form)

    def render_with_registration(
        self, request: HttpRequest, form: "RegistrationForm | None" = None
    ) -> HttpResponse:
        """The event page, with `form` when a submission comes back with errors (answered with 400)."""
        from events.contexts import event_context

        response = self.render(request, context_overrides=event_context(request, self, form))
        if form is not None and form.errors:
            response.status_code = 400
        return response
