"""What happens to practices: member folders, review reminders. Each function checks, then changes
data, then sends email only after the transaction commits."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.links import absolute_url
from core.outbox import queue_email
from members.models import Member
from members.roles import ensure_member_folder

from .models import PracticeFolderPage, PracticeIndexPage, PracticePage

# A lead member hears about its stale practices at most once in this many days, however often the
# daily command runs.
REMINDER_INTERVAL_DAYS = 30


def create_member_practice_folder(
    sender: Any = None, *, member: Member, **kwargs: Any
) -> PracticeFolderPage | None:
    """Receiver of `member_provisioned`: the member's folder under /practices/, where its editors may
    add and change practices (publishing stays with moderators, through the workflow)."""
    return ensure_member_folder(PracticeIndexPage, PracticeFolderPage, member)


def reminder_recipients(member: Member) -> list[str]:
    """The member's contact officers; a member without officers cannot be reminded."""
    return [officer.email for officer in member.contact_officers.all() if officer.email]


@transaction.atomic
def send_review_reminders(now: datetime | None = None) -> dict[Member, list[PracticePage]]:
    """Email each lead member's contact officers one list of their published practices that need a
    review. Running it again the same day (or within REMINDER_INTERVAL_DAYS) sends nothing new."""
    now = now or timezone.now()
    today: date = timezone.localdate(now)
    reminded_before = now - timedelta(days=REMINDER_INTERVAL_DAYS)
    stale = (
        PracticePage.objects.live()
        .needing_review(today)
        .exclude(review_reminder_sent_at__gt=reminded_before)
        .filter(lead_member__isnull=False)
        .select_related("lead_member")
        .prefetch_related("lead_member__contact_officers")
        .order_by("lead_member__name", "title")
    )
    by_member: dict[Member, list[PracticePage]] = defaultdict(list)
    for practice in stale:
        by_member[practice.lead_member].append(practice)
    reminded: dict[Member, list[PracticePage]] = {}
    for member, practices in by_member.items():
        recipients = reminder_recipients(member)
        if not recipients:
            continue
        PracticePage.objects.filter(pk__in=[practice.pk for practice in practices]).update(
            review_reminder_sent_at=now
        )
        reminded[member] = practices
        transaction.on_commit(partial(_send_review_reminder, member, practices, recipients))
    return reminded


def _send_review_reminder(member: Member, practices: list[PracticePage], recipients: list[str]) -> None:
    context = {
        "member": member,
        "practices": [
            {
                "title": practice.title,
                "url": absolute_url(practice.get_url() or ""),
                "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[practice.pk])),
                "reviewed": practice.review_reference_date,
            }
            for practice in practices
        ],
    }
    subject = render_to_string("practices/emails/review_reminder_subject.txt", context).strip()
    body = render_to_string("practices/emails/review_reminder.txt", context)
    queue_email(
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients),
        purpose="practices:review_reminder",
    )
