"""The table of what a project page can post: every form's action is in it, nothing else runs."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import MemberFactory, member_user
from tests.transfers.factories import MilestoneFactory, TransferProjectFactory
from transfers.project_actions import PROJECT_ACTIONS

pytestmark = pytest.mark.django_db

PROJECT_TEMPLATES = ["transfers/transfer_project.html", "transfers/includes/project_practices.html"]


@pytest.fixture
def project():
    return TransferProjectFactory(helping_member=MemberFactory(), receiving_member=MemberFactory())


def posted_actions() -> set[str]:
    template_dir = Path(settings.BASE_DIR) / "templates"
    found: set[str] = set()
    for name in PROJECT_TEMPLATES:
        html = (template_dir / name).read_text()
        found |= set(re.findall(r'name="action" value="([a-z_]+)"', html))
    return found


def test_every_form_of_the_project_page_posts_an_action_of_the_table():
    assert posted_actions() == set(PROJECT_ACTIONS)


@pytest.mark.parametrize("posted", [{"action": "explode"}, {"action": ""}, {}, {"action": "__class__"}])
def test_an_action_outside_the_table_is_a_bad_request_that_says_so(client, project, posted):
    client.force_login(member_user(project.helping_member))
    response = client.post(project.get_absolute_url(), posted)
    assert response.status_code == 400
    assert "Reload the page and use one of its forms." in response.content.decode()


def test_a_milestone_of_another_project_is_refused_with_a_message(client, project):
    other = MilestoneFactory(project=TransferProjectFactory())
    client.force_login(member_user(project.helping_member))
    response = client.post(
        project.get_absolute_url(), {"action": "milestone_done", "milestone": other.pk}, follow=True
    )
    assert "This milestone is not part of this project." in response.content.decode()
    other.refresh_from_db()
    assert other.done_at is None


def test_marking_a_done_milestone_again_says_it_is_already_done(client, project):
    milestone = MilestoneFactory(project=project)
    client.force_login(member_user(project.receiving_member))
    url = project.get_absolute_url()
    client.post(url, {"action": "milestone_done", "milestone": milestone.pk})
    response = client.post(url, {"action": "milestone_done", "milestone": milestone.pk}, follow=True)
    assert "This milestone is already done." in response.content.decode()
