"""Creates the events index at /events/ under the home page."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node alphabet as used by Wagtail
STEPLEN = 4


def next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    )
    if last is None:
        return parent.path + "0001"
    number = 0
    for char in last.path[-STEPLEN:]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    step = ""
    for _ in range(STEPLEN):
        number, remainder = divmod(number, len(ALPHABET))
        step = ALPHABET[remainder] + step
    return parent.path + step


def create_event_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("core", "HomePage")
    EventIndexPage = apps.get_model("events", "EventIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or EventIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="eventindexpage", app_label="events")
    EventIndexPage.objects.create(
        title="Events",
        draft_title="Events",
        slug="events",
        content_type=content_type,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}events/",
        locale_id=home.locale_id,
        live=True,
        introduction=(
            "Trainings, workshops, mutual-learning sessions and study visits where members pass on "
            "what works, and local events that raise awareness."
        ),
    )
    Page.objects.filter(pk=home.pk).update(numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_vocabulary_and_home_page"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_event_index, migrations.RunPython.noop)]
