"""Demo events from core/demo_content/events.json: idempotent, published with revisions."""

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from core.demo import DemoAccount, read_demo_file
from core.models import EventType, Priority, Theme
from members.models import Member
from practices.models import PracticePage

from .actions import create_member_event_folder, recompute_event_indicators
from .models import AgendaItem, EventFolderPage, EventPage, EventRelatedPractice

# The corpus was written in November 2026: upcoming events open for registration from then on.
CORPUS_DATE = datetime(2026, 11, 1, tzinfo=ZoneInfo("Europe/Brussels"))


def _practices_by_slug(slugs: set[str]) -> dict[str, PracticePage]:
    return {page.slug: page for page in PracticePage.objects.filter(slug__in=slugs)}


@transaction.atomic
def load_demo_events(stdout: Any) -> list[DemoAccount]:
    records = read_demo_file("events")
    event_types = {term.slug: term for term in EventType.objects.all()}
    priorities = {priority.number: priority for priority in Priority.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    members = {
        member.slug: member for member in Member.objects.filter(slug__in={r["host_member"] for r in records})
    }
    practices = _practices_by_slug({slug for r in records for slug in r.get("related_practices", [])})
    created = updated = skipped = 0
    for record in records:
        member = members.get(record["host_member"])
        folder = None
        if member is not None:
            folder = EventFolderPage.for_member(member) or create_member_event_folder(member=member)
        if folder is None:
            stdout.write(
                f"  events: skipped {record['slug']}: host member {record['host_member']} not loaded"
            )
            skipped += 1
            continue
        event = EventPage.objects.child_of(folder).filter(slug=record["slug"]).first()
        is_new = event is None
        if is_new:
            event = EventPage(slug=record["slug"])
        _apply_record(event, record, event_types)
        if is_new:
            folder.add_child(instance=event)
            created += 1
        else:
            updated += 1
        event.priorities.set([priorities[number] for number in record["priorities"] if number in priorities])
        event.themes.set([themes[slug] for slug in record["themes"] if slug in themes])
        event.agenda_items = [_agenda_item(event, item) for item in record["agenda"]]
        event.related_practices = [
            EventRelatedPractice(practice=practices[slug])
            for slug in record.get("related_practices", [])
            if slug in practices
        ]
        event.save_revision().publish()
        recompute_event_indicators(event)
    stdout.write(f"  events: {created} created, {updated} updated, {skipped} skipped")
    return []


def _apply_record(event: EventPage, record: dict[str, Any], event_types: dict[str, EventType]) -> None:
    zone = ZoneInfo(record["timezone"])
    start = datetime.fromisoformat(record["start"]).astimezone(zone)
    deadline = (
        datetime.fromisoformat(record["registration_deadline"])
        if record.get("registration_deadline")
        else None
    )
    event.title = record["title"]
    event.draft_title = record["title"]
    event.event_type = event_types[record["type"]]
    event.summary = record["summary"]
    event.timezone = record["timezone"]
    event.start = start
    event.end = datetime.fromisoformat(record["end"]).astimezone(zone)
    event.attendance_mode = (
        EventPage.AttendanceMode.ONLINE if record["online"] else EventPage.AttendanceMode.IN_PERSON
    )
    event.online_url = record.get("online_url") or ""
    event.venue = record.get("venue") or ""
    event.city = record.get("city") or ""
    event.languages = record["languages"]
    event.capacity = record.get("capacity")
    event.registration_deadline = deadline
    event.registration_opens_at = min(start - timedelta(days=90), CORPUS_DATE)
    if deadline is not None and event.registration_opens_at >= deadline:
        event.registration_opens_at = deadline - timedelta(days=30)
    event.outcome_summary = record.get("outcome") or ""
    event.attendance = record.get("attendance")


def _agenda_item(event: EventPage, item: dict[str, Any]) -> AgendaItem:
    hours, minutes = (int(part) for part in item["time"].split(":"))
    return AgendaItem(
        starts_at=time(hours, minutes),
        title=item["title"],
        speakers=item.get("speakers", ""),
        day=item.get("day"),
    )
