"""The members' part of `load_demo_data`: the corpus's members, a contact officer each, demo accounts."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from core.demo import read_demo_file
from members.models import ContactOfficer, Member, Membership
from members.roles import NETWORK_MODERATORS

pytestmark = pytest.mark.django_db


def load() -> list:
    return apps.get_app_config("members").load_demo_data(StringIO())


def test_loads_every_member_of_the_corpus_with_its_themes_and_an_officer():
    load()
    records = read_demo_file("members")
    assert Member.objects.count() == len(records)
    ghent = Member.objects.get(slug="city-of-ghent")
    assert ghent.country.code == "BE" and ghent.kind.slug == "municipality"
    assert ghent.editors_group is not None and ghent.organisers_group is not None
    assert set(ghent.expertise_themes.values_list("slug", flat=True)) == set(records[0]["expertise_themes"])
    assert set(ghent.assistance_themes.all()) == set(ghent.expertise_themes.all())
    not_helping = Member.objects.filter(offers_assistance=False).first()
    assert not_helping is None or not not_helping.assistance_themes.exists()
    officer = ghent.contact_officers.get()
    assert officer.email.endswith("@ghent-integration.example.org")


def test_loading_twice_changes_nothing_and_keeps_passwords():
    first = load()
    officers = list(ContactOfficer.objects.order_by("pk").values_list("member__slug", "name", "email"))
    second = load()
    assert Member.objects.count() == len(read_demo_file("members"))
    assert (
        list(ContactOfficer.objects.order_by("pk").values_list("member__slug", "name", "email")) == officers
    )
    assert all(account.password for account in first)
    assert not any(account.password for account in second)


def test_demo_accounts_have_their_roles():
    accounts = {account.username: account for account in load()}
    assert set(accounts) == {"moderator", "editor.ghent", "editor.bologna", "organiser.ghent", "admin.ghent"}
    users = get_user_model().objects
    assert users.get(username="moderator").groups.filter(name=NETWORK_MODERATORS).exists()
    ghent = Member.objects.get(slug="city-of-ghent")
    editor = users.get(username="editor.ghent")
    assert editor.groups.filter(pk=ghent.editors_group_id).exists()
    assert Membership.objects.filter(user=editor, member=ghent, role=Membership.Role.EDITOR).exists()
    organiser = users.get(username="organiser.ghent")
    assert organiser.groups.filter(pk=ghent.organisers_group_id).exists()
    assert editor.has_perm("wagtailadmin.access_admin") and organiser.has_perm("wagtailadmin.access_admin")
    member_admin = users.get(username="admin.ghent")
    assert Membership.objects.filter(
        user=member_admin, member=ghent, role=Membership.Role.ADMINISTRATOR
    ).exists()
    bologna_editor = users.get(username="editor.bologna")
    assert Membership.objects.get(user=bologna_editor).member.slug == "city-of-bologna"
