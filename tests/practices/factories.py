"""Practice pages for tests, created in their lead member's folder like an editor would."""

from datetime import date
from typing import Any

from django.utils import timezone

from core.models import Indicator, Priority, TargetGroup, Theme
from members.models import Member
from practices.models import PracticeFolderPage, PracticeIndicator, PracticePage


def practice_page(
    member: Member,
    *,
    publish: bool = True,
    with_revision: bool = True,
    themes: list[str] | None = None,
    target_groups: list[str] | None = None,
    partners: list[Member] | None = None,
    indicators: list[tuple[str, Any]] | None = None,
    priority: int | Priority = 1,
    **fields: Any,
) -> PracticePage:
    """A practice under `member`'s folder, published with a revision unless `publish=False`.
    `with_revision=False` makes it live directly: quicker, for tests that need many practices."""
    title = fields.pop("title", f"Practice {PracticePage.objects.count() + 1} of {member.name}")
    defaults: dict[str, Any] = {
        "summary": "A short summary of what was done.",
        "challenge": "What the problem was.",
        "approach": "What the member did.",
        "results": "What changed.",
        "transferability": "What you need to copy it.",
        "country": member.country,
        "city": member.city,
        "start_date": date(2021, 1, 1),
    }
    defaults.update(fields)
    page = PracticePage(
        title=title,
        priority=priority if isinstance(priority, Priority) else Priority.objects.get(number=priority),
        live=False,
        **defaults,
    )
    page.themes.set(list(Theme.objects.filter(slug__in=themes or [])))
    page.target_groups.set(list(TargetGroup.objects.filter(slug__in=target_groups or [])))
    page.partner_members.set(partners or [])
    page.indicators = [
        PracticeIndicator(indicator=Indicator.objects.get(slug=slug), value=value)
        for slug, value in indicators or []
    ]
    if not with_revision:
        page.live = publish
        page.first_published_at = timezone.now() if publish else None
        PracticeFolderPage.for_member(member).add_child(instance=page)
        return page
    PracticeFolderPage.for_member(member).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
