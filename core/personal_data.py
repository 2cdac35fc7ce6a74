"""A person's data across apps: one registry that the account page's download and deletion both read.

Each app that keeps personal data registers one `PersonalDataKind` in its `sections.py` (or any module
its AppConfig.ready() imports):

    personal_data.register(PersonalDataKind(
        key="event_registrations",
        label=_("Event registrations"),
        export=lambda user: [...],            # JSON-serialisable (DjangoJSONEncoder: dates, UUIDs, Decimals)
        describe_erasure=lambda user: [...],  # sentences shown before the person confirms deletion
        erase=lambda user: None,              # runs in the deletion transaction, before the User row goes
    ))

`export_personal_data(user)` is the JSON download; `erasure_consequences(user)` what the deletion page
states; `erase_personal_data(user)` runs every eraser. The key is the export's top-level key, so it is
also what the privacy notice's paragraph on that data should name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class PersonalDataKind:
    """One kind of personal data an app keeps about a signed-in person."""

    key: str
    label: str | Promise
    export: Callable[[User], Any]
    describe_erasure: Callable[[User], list[str]] | None = None
    erase: Callable[[User], None] | None = None


class PersonalDataRegistry:
    """The kinds of personal data, in registration order (INSTALLED_APPS order)."""

    def __init__(self) -> None:
        self._kinds: dict[str, PersonalDataKind] = {}

    def register(self, kind: PersonalDataKind) -> PersonalDataKind:
        """Add `kind`; registering the same key again replaces it (module reloads in tests)."""
        self._kinds[kind.key] = kind
        return kind

    def unregister(self, key: str) -> None:
        self._kinds.pop(key, None)

    @property
    def kinds(self) -> list[PersonalDataKind]:
        return list(self._kinds.values())

    def __repr__(self) -> str:
        return f"<PersonalDataRegistry: {', '.join(self._kinds)}>"


personal_data = PersonalDataRegistry()


def export_personal_data(user: User, registry: PersonalDataRegistry = personal_data) -> dict[str, Any]:
    """Everything the registered apps keep about `user`, keyed by kind, with the time of the export."""
    export: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    for kind in registry.kinds:
        export[kind.key] = kind.export(user)
    return export


def erasure_consequences(user: User, registry: PersonalDataRegistry = personal_data) -> list[str]:
    """What deleting the account does to each kind of data, in sentences the person reads first."""
    return [
        str(sentence)
        for kind in registry.kinds
        if kind.describe_erasure is not None
        for sentence in kind.describe_erasure(user)
    ]


def erase_personal_data(user: User, registry: PersonalDataRegistry = personal_data) -> None:
    """Run every registered eraser; the caller holds the transaction and deletes the User row after."""
    for kind in registry.kinds:
        if kind.erase is not None:
            kind.erase(user)
