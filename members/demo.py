"""Demo members from `core/demo_content/members.json`, a contact officer each, and demo accounts."""

import hashlib
from typing import Any
from urllib.parse import urlparse

from django.contrib.auth.models import Group

from core.demo import DemoAccount, ensure_demo_account, read_demo_file
from core.models import MemberKind, Theme

from .models import ContactOfficer, Member, Membership
from .roles import NETWORK_MODERATORS, ensure_network_roles, grant_role, provision_member

# Fictional people: the corpus has no contact officers, and empty profiles demo badly.
FIRST_NAMES = ["Anna", "Lukas", "Sofia", "Mateo", "Elena", "Jonas", "Marta", "Pieter", "Ines", "Tomas"]
LAST_NAMES = ["Peeters", "Rinaldi", "Novak", "Garrido", "Lindqvist", "Horvat", "Dubois", "Kowalska"]
ROLES = ["Integration officer", "International relations officer", "Project coordinator"]

DEMO_EDITORS = [("editor.ghent", "city-of-ghent"), ("editor.bologna", "city-of-bologna")]
DEMO_ORGANISERS = [("organiser.ghent", "city-of-ghent")]
DEMO_MEMBER_ADMINISTRATORS = [("admin.ghent", "city-of-ghent")]


def demo_contact_officer(record: dict[str, Any]) -> dict[str, str]:
    """The same fictional officer for a member on every run, with an email at the member's domain."""
    digest = hashlib.sha256(record["slug"].encode()).digest()
    first, last = FIRST_NAMES[digest[0] % len(FIRST_NAMES)], LAST_NAMES[digest[1] % len(LAST_NAMES)]
    domain = urlparse(record.get("website") or "").hostname or "example.org"
    return {
        "name": f"{first} {last}",
        "role": ROLES[digest[2] % len(ROLES)],
        "email": f"{first}.{last}@{domain}".lower(),
    }


def load_demo_member(
    record: dict[str, Any], kinds: dict[str, MemberKind], themes: dict[str, Theme]
) -> Member:
    expertise = [themes[slug] for slug in record.get("expertise_themes", [])]
    offers_assistance = bool(record.get("offers_assistance"))
    member, _created = Member.objects.update_or_create(
        slug=record["slug"],
        defaults={
            "name": record["name"],
            "kind": kinds[record["kind"]],
            "country": record["country"].upper(),
            "region": record.get("region", ""),
            "city": record.get("city", ""),
            "population": record.get("population"),
            "languages": record.get("languages", []),
            "offers_assistance": offers_assistance,
            "description": record.get("description", ""),
            "website": record.get("website", ""),
        },
    )
    member.expertise_themes.set(expertise)
    member.assistance_themes.set(expertise if offers_assistance else [])
    member.save()  # commits the parental many-to-many relations
    officer = demo_contact_officer(record)
    ContactOfficer.objects.update_or_create(
        member=member, email=officer["email"], defaults={"name": officer["name"], "role": officer["role"]}
    )
    return provision_member(member)


def _membership(member: Member, role: str):
    def configure(user: Any) -> None:
        grant_role(user, member, role)

    return configure


def load_demo_members(stdout: Any) -> list[DemoAccount]:
    ensure_network_roles()
    kinds = {kind.slug: kind for kind in MemberKind.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    records = read_demo_file("members")
    members = {record["slug"]: load_demo_member(record, kinds, themes) for record in records}
    stdout.write(f"Members: {len(members)} loaded.")

    accounts = [
        ensure_demo_account(
            "moderator",
            email="moderator@network.example.org",
            role="Network moderator",
            first_name="Nora",
            last_name="Moderator",
            groups=[Group.objects.get(name=NETWORK_MODERATORS)],
        )
    ]
    for username, slug in DEMO_EDITORS:
        member = members[slug]
        accounts.append(
            ensure_demo_account(
                username,
                email=f"{username}@network.example.org",
                role=f"Member editor ({member.name})",
                configure=_membership(member, Membership.Role.EDITOR),
            )
        )
    for username, slug in DEMO_ORGANISERS:
        member = members[slug]
        accounts.append(
            ensure_demo_account(
                username,
                email=f"{username}@network.example.org",
                role=f"Event organiser ({member.name})",
                configure=_membership(member, Membership.Role.ORGANISER),
            )
        )
    for username, slug in DEMO_MEMBER_ADMINISTRATORS:
        member = members[slug]
        accounts.append(
            ensure_demo_account(
                username,
                email=f"{username}@network.example.org",
                role=f"Member administrator ({member.name})",
                configure=_membership(member, Membership.Role.ADMINISTRATOR),
            )
        )
    return accounts
