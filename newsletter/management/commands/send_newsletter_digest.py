from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.models import Subscription
from newsletter.tasks import send_digest


class Command(BaseCommand):
    help = "Queue each confirmed subscriber's digest of what is new since their last one (run weekly)."

    def handle(self, *args: object, **options: object) -> None:
        now = timezone.now().isoformat()
        ids = list(Subscription.objects.confirmed().values_list("pk", flat=True))
        for subscription_id in ids:
            send_digest.enqueue(subscription_id, now)
        self.stdout.write(f"Queued the digest for {len(ids)} subscribers.")
