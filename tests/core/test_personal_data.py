"""The personal-data registry: the account page's download and deletion read every app's kinds."""

import pytest
from django.contrib.auth.models import User

from core.personal_data import (
    PersonalDataKind,
    PersonalDataRegistry,
    erase_personal_data,
    erasure_consequences,
    export_personal_data,
)


def test_export_has_one_key_per_kind_in_registration_order_and_the_export_time():
    registry = PersonalDataRegistry()
    registry.register(PersonalDataKind("first", "First", export=lambda user: {"name": user.username}))
    registry.register(PersonalDataKind("second", "Second", export=lambda user: [1, 2]))
    export = export_personal_data(User(username="ana"), registry)
    assert list(export) == ["exported_at", "first", "second"]
    assert export["first"] == {"name": "ana"} and export["second"] == [1, 2]


def test_registering_a_key_again_replaces_it():
    registry = PersonalDataRegistry()
    registry.register(PersonalDataKind("kind", "Old", export=lambda user: "old"))
    registry.register(PersonalDataKind("kind", "New", export=lambda user: "new"))
    assert [kind.label for kind in registry.kinds] == ["New"]
    registry.unregister("kind")
    assert registry.kinds == []


def test_erasure_states_every_consequence_then_runs_every_eraser():
    registry = PersonalDataRegistry()
    erased: list[str] = []
    registry.register(
        PersonalDataKind(
            "notes",
            "Notes",
            export=lambda user: [],
            describe_erasure=lambda user: ["Your 2 notes are deleted."],
            erase=lambda user: erased.append("notes"),
        )
    )
    registry.register(PersonalDataKind("silent", "Silent", export=lambda user: []))
    user = User(username="ana")
    assert erasure_consequences(user, registry) == ["Your 2 notes are deleted."]
    assert erased == []
    erase_personal_data(user, registry)
    assert erased == ["notes"]


@pytest.mark.django_db
def test_the_export_is_json_serialisable_with_django_types():
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    registry = PersonalDataRegistry()
    user = User.objects.create_user("ana", "ana@example.org")
    registry.register(PersonalDataKind("account", "Account", export=lambda u: {"joined": u.date_joined}))
    decoded = json.loads(json.dumps(export_personal_data(user, registry), cls=DjangoJSONEncoder))
    assert decoded["account"]["joined"].startswith(str(user.date_joined.year))
