"""Factories for the members app's own models."""

import factory

from core.models import MemberKind
from members.models import MembershipApplication


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    organisation_name = factory.Sequence(lambda n: f"Municipality of Exampletown {n}")
    kind = factory.LazyFunction(lambda: MemberKind.objects.get(slug="municipality"))
    country = "PT"
    region = "Norte"
    city = "Braga"
    website = "https://braga.example.org"
    contact_name = "Rita Almeida"
    contact_email = factory.Sequence(lambda n: f"rita{n}@braga.example.org")
    contact_role = "Head of the migrant support office"
    motivation = "We want to learn how other cities run one-stop shops for newcomers."
    consent = True


def join_form_data(**overrides: str) -> dict[str, str]:
    """What a person types into the public join form."""
    data = {
        "organisation_name": "Municipality of Braga",
        "kind": "municipality",
        "country": "PT",
        "region": "Norte",
        "city": "Braga",
        "website": "https://braga.example.org",
        "contact_name": "Rita Almeida",
        "contact_email": "rita.almeida@braga.example.org",
        "contact_role": "Head of the migrant support office",
        "motivation": "We want to learn how other cities run one-stop shops for newcomers.",
        "consent": "on",
        "nickname": "",
    }
    data.update(overrides)
    return data
