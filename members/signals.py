"""Signals other apps listen to, so that members/ does not import them."""

from django.dispatch import Signal

# Sent with `member` once its groups exist: practices/ and events/ create the member's folder pages
# and grant the member's groups their page permissions there.
member_provisioned = Signal()
