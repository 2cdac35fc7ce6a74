"""The digest send, one task per subscriber, queued by `manage.py send_newsletter_digest`."""

from datetime import datetime

from django.db import transaction
from django_tasks import task

from core.outbox import deliver

from .digest import Interests, build_digest, digest_email
from .models import Subscription


@task()
def send_digest(subscription_id: int, now_iso: str) -> bool:
    """Send one subscriber what is new since their last digest. A failed send is kept as an undelivered
    email that `retry_emails` sends again (and administrators see after the last attempt), so the
    subscriber is marked as served either way and never gets the same news twice."""
    now = datetime.fromisoformat(now_iso)
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().confirmed().filter(pk=subscription_id).first()
        if subscription is None:
            return False
        since = subscription.digest_since(now)
        if since >= now:
            return False
        digest = build_digest(Interests.of(subscription), since, now)
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
    if digest.is_empty:
        return False
    return deliver(digest_email(subscription, digest), purpose="newsletter digest")
