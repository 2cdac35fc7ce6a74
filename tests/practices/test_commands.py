"""The bulk importer, the demo loader and the daily review reminder."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.signals import page_published

from core.demo import read_demo_file
from members.models import ContactOfficer
from practices.importing import PracticeRecordForm, Vocabulary
from practices.models import PracticePage
from tests.factories import MemberFactory, member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def record(**overrides):
    data = {
        "slug": "one-stop-desk",
        "title": "One-stop desk",
        "summary": "Newcomers register at one desk.",
        "challenge": "Six offices.",
        "approach": "One desk.",
        "results": "4,200 registrations.",
        "transferability": "Written agreements between services.",
        "priority": 1,
        "themes": ["access-to-rights", "housing"],
        "target_groups": ["refugees"],
        "country": "BE",
        "city": "Ghent",
        "language": "en",
        "status": "ongoing",
        "start_date": "2018-03-01",
        "end_date": None,
        "indicators": [{"indicator": "beneficiaries", "value": 4200}],
        "funding": ["Municipal budget", "AMIF national programme"],
        "budget_eur": 2170000,
        "is_success_story": True,
        "contact_role": "Head of the desk",
    }
    data.update(overrides)
    return data


@pytest.fixture
def ghent():
    return MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")


def run_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_practices", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_json_creates_drafts_with_relations(tmp_path, ghent):
    partner = MemberFactory(slug="city-of-lyon")
    path = tmp_path / "practices.json"
    path.write_text(json.dumps({"practices": [record(partner_members=["city-of-lyon"])]}))
    out, _ = run_import(path, "--member", "city-of-ghent")
    assert "1 practice(s) created" in out
    page = PracticePage.objects.get(slug="one-stop-desk")
    assert not page.live and page.lead_member == ghent
    draft = page.get_latest_revision_as_object()
    assert {theme.slug for theme in draft.themes.all()} == {"access-to-rights", "housing"}
    assert [partner.slug for partner in draft.partner_members.all()] == [partner.slug]
    assert [(item.indicator.slug, int(item.value)) for item in draft.indicators.all()] == [
        ("beneficiaries", 4200)
    ]
    assert {source.label for source in draft.funding_sources.all()} == {
        "Municipal budget",
        "AMIF national programme",
    }


def test_import_publish_and_rerun_updates_instead_of_duplicating(tmp_path, ghent):
    path = tmp_path / "practices.json"
    path.write_text(json.dumps([record()]))
    run_import(path, "--member", "city-of-ghent", "--publish")
    path.write_text(json.dumps([record(title="One-stop desk, renamed", indicators=[])]))
    out, _ = run_import(path, "--member", "city-of-ghent", "--publish")
    assert "0 practice(s) created and 1 updated" in out
    page = PracticePage.objects.get(slug="one-stop-desk")
    assert page.live and page.title == "One-stop desk, renamed"
    assert page.indicators.count() == 0
    assert PracticePage.objects.count() == 1


def test_invalid_rows_are_reported_by_line_and_nothing_is_imported(tmp_path, ghent):
    path = tmp_path / "practices.csv"
    path.write_text(
        "slug,title,summary,challenge,approach,results,transferability,priority,country,themes,start_date,end_date,indicators,budget_eur\n"
        "good-one,Good,S,C,A,R,T,1,BE,housing,2020-01-01,,beneficiaries=10,1000\n"
        "bad-one,Bad,S,C,A,R,T,9,XX,flying;housing,2021-01-01,2020-01-01,beneficiaries=-3,-5\n"
        "also-bad,,S,C,A,R,,1,BE,,,,nonsense=1,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        run_import(path, "--member", "city-of-ghent")
    assert "nothing was imported" in str(error.value)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_practices", str(path), "--member", "city-of-ghent", stderr=err, stdout=StringIO()
        )
    report = err.getvalue()
    assert "line 3: priority: unknown priority “9”" in report
    assert "line 3: themes: unknown theme “flying”" in report
    assert "line 3: country:" in report
    assert "line 3: end_date: The end date cannot be before the start date." in report
    assert "line 3: budget_eur:" in report
    assert "line 3: indicators: beneficiaries: value:" in report
    assert "line 4: title:" in report
    assert "line 4: transferability:" in report
    assert "line 4: indicators: unknown indicator “nonsense”" in report
    assert "line 2" not in report
    assert not PracticePage.objects.exists()


def test_dry_run_validates_without_writing(tmp_path, ghent):
    path = tmp_path / "practices.json"
    path.write_text(json.dumps([record()]))
    out, _ = run_import(path, "--member", "city-of-ghent", "--dry-run")
    assert "1 practice(s) are valid" in out
    assert not PracticePage.objects.exists()


def test_importing_another_members_practice_is_refused(tmp_path, ghent):
    MemberFactory(slug="city-of-lyon")
    path = tmp_path / "practices.json"
    path.write_text(json.dumps([record(lead_member="city-of-lyon")]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_practices", str(path), "--member", "city-of-ghent", stderr=err, stdout=StringIO()
        )
    assert "record 1: lead_member:" in err.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"events": []}', "expected a list of practices")],
)
def test_unreadable_files_fail_with_one_line(tmp_path, ghent, content, message):
    path = tmp_path / "practices.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run_import(path, "--member", "city-of-ghent")


def test_unknown_member_fails(tmp_path):
    path = tmp_path / "practices.json"
    path.write_text("[]")
    with pytest.raises(CommandError, match="Unknown member"):
        run_import(path, "--member", "nobody")


def test_demo_loader_imports_all_practices_idempotently():
    from django.apps import apps

    members = {item["lead_member"] for item in read_demo_file("practices")}
    members |= {slug for item in read_demo_file("practices") for slug in item["partner_members"]}
    for slug in members:
        MemberFactory(slug=slug, name=slug.replace("-", " ").title())
    config = apps.get_app_config("practices")
    out = StringIO()
    config.load_demo_data(out)
    assert "160 created" in out.getvalue()
    assert PracticePage.objects.live().count() == 160
    config.load_demo_data(out)
    assert "0 created, 0 updated, 160 unchanged" in out.getvalue()
    assert PracticePage.objects.count() == 160
    ghent_desk = PracticePage.objects.get(slug="ghent-one-stop-integration-desk")
    assert ghent_desk.lead_member.slug == "city-of-ghent"
    assert ghent_desk.indicators.get().value == 4200
    assert ghent_desk.contact_role == "Head of the integration desk"
    assert ghent_desk.revisions.exists()
    # A few practices carry a demo illustration (the others show the page without one), only once.
    assert "Demo images: 4 practice pages given an illustration." in out.getvalue()
    assert "Demo images: 0 practice pages given an illustration." in out.getvalue()
    assert PracticePage.objects.exclude(image=None).count() == 4
    cafe = PracticePage.objects.get(slug="rotterdam-taalcafes-in-de-wijk")
    assert cafe.image_alt.startswith("Four people talk over coffee")
    assert cafe.get_latest_revision_as_object().image_id == cafe.image_id


def test_remind_command_emails_each_lead_member_once_with_its_stale_practices(
    django_capture_on_commit_callbacks,
):
    ghent = MemberFactory(slug="ghent")
    ContactOfficer.objects.create(member=ghent, name="An", role="Officer", email="an@ghent.example.org")
    lyon = MemberFactory(slug="lyon")
    ContactOfficer.objects.create(member=lyon, name="Lou", role="Officer", email="lou@lyon.example.org")
    stale_one = practice_page(ghent, title="Old desk", last_reviewed_at="2020-01-01")
    stale_two = practice_page(ghent, title="Old cafe")
    Page.objects.filter(pk=stale_two.pk).update(first_published_at=timezone.now() - timedelta(days=900))
    practice_page(ghent, title="Fresh", last_reviewed_at=timezone.localdate())
    practice_page(lyon, title="Lyon fresh")

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_practice_reviews", stdout=out)
    assert "Reminded 1 member(s) about 2 practice(s)." in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@ghent.example.org"]
    assert "Old desk" in message.body and "Old cafe" in message.body and "Fresh" not in message.body
    assert f"/admin/pages/{stale_one.pk}/edit/" in message.body
    assert PracticePage.objects.get(pk=stale_one.pk).review_reminder_sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_practice_reviews", stdout=StringIO())
    assert len(mail.outbox) == 1  # idempotent: nothing new the same day


def test_import_publish_goes_through_wagtails_publish_action(tmp_path, ghent):
    published = []

    def receiver(sender, instance, revision, **kwargs):
        published.append((sender, instance.pk, revision.pk))

    page_published.connect(receiver)
    try:
        path = tmp_path / "practices.json"
        path.write_text(json.dumps([record()]))
        run_import(path, "--member", "city-of-ghent", "--publish")
    finally:
        page_published.disconnect(receiver)
    page = PracticePage.objects.get(slug="one-stop-desk")
    assert published == [(PracticePage, page.pk, page.live_revision_id)]
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision == page.latest_revision
    assert page.live_revision.as_object().title == "One-stop desk"
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish"} <= actions


def test_import_publish_cancels_a_moderation_workflow_in_progress(tmp_path, ghent):
    editor = member_user(ghent, username="ghent-editor")
    draft = practice_page(ghent, publish=False, title="One-stop desk", slug="one-stop-desk")
    draft.save_revision(user=editor)
    state = draft.get_workflow().start(draft, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    path = tmp_path / "practices.json"
    path.write_text(json.dumps([record(title="One-stop desk, imported")]))
    out, _ = run_import(path, "--member", "city-of-ghent", "--publish")
    assert "0 practice(s) created and 1 updated" in out
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    page = PracticePage.objects.get(pk=draft.pk)
    assert page.live and page.title == "One-stop desk, imported"


def test_record_form_reports_each_field_and_derives_slug_and_defaults(ghent):
    vocabulary = Vocabulary()
    form = PracticeRecordForm(
        record(slug="", status="", language="", is_success_story="maybe", keywords="desk; intake"),
        vocabulary=vocabulary,
        member=ghent,
    )
    assert form.errors == {"is_success_story": ["“maybe” is not yes or no"]}
    assert form.cleaned_data["slug"] == "one-stop-desk"
    assert form.cleaned_data["status"] == "ongoing" and form.cleaned_data["language"] == "en"
    assert form.cleaned_data["keywords"] == ["desk", "intake"]
    valid = PracticeRecordForm(record(), vocabulary=vocabulary, member=ghent)
    assert valid.is_valid(), valid.errors
    row = valid.row("record 1")
    assert row.lead_member == ghent and row.priority.number == 1
    assert row.values["budget_eur"] == 2170000 and row.values["is_success_story"] is True


def test_a_lead_member_listed_as_partner_is_refused(tmp_path, ghent):
    path = tmp_path / "practices.json"
    path.write_text(json.dumps([record(partner_members=["city-of-ghent"])]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_practices", str(path), "--member", "city-of-ghent", stderr=err, stdout=StringIO()
        )
    assert "record 1: partner_members: the lead member cannot also be a partner" in err.getvalue()
    assert not PracticePage.objects.exists()
