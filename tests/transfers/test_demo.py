"""The transfer demo loader: idempotent, and quiet about missing demo members."""

import io

import pytest
from django.apps import apps

from tests.factories import MemberFactory
from tests.practices.factories import practice_page
from transfers.demo import HELPER, INTERESTS, MATCHED_REQUEST, OPEN_REQUEST
from transfers.models import AssistanceRequest, Milestone, ProjectNote, TransferInterest, TransferProject

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    apps.get_app_config("transfers").load_demo_data(out)
    return out.getvalue()


def test_demo_skips_without_the_demo_members():
    assert "skipping" in load()
    assert not AssistanceRequest.objects.exists()


def test_demo_is_idempotent_and_builds_a_project_at_stage_adapt():
    slugs = {spec[1] for spec in INTERESTS} | {OPEN_REQUEST["member"], MATCHED_REQUEST["member"], HELPER}
    members = {slug: MemberFactory(slug=slug, name=slug.replace("-", " ").title()) for slug in sorted(slugs)}
    practice_page(members[HELPER], title="One-Stop Integration Desk", slug="ghent-one-stop-integration-desk")
    load()
    output = load()
    assert "2 expressions of interest" in output
    assert AssistanceRequest.objects.count() == 2
    assert TransferInterest.objects.count() == 2
    project = TransferProject.objects.get()
    assert project.stage == TransferProject.Stage.ADAPT
    assert project.helping_member.slug == HELPER
    assert [practice.slug for practice in project.source_practices.all()] == [
        "ghent-one-stop-integration-desk"
    ]
    assert Milestone.objects.count() == 3
    assert ProjectNote.objects.count() == 1
    assert AssistanceRequest.objects.get(pk=project.request_id).invitations.get().status == "accepted"
