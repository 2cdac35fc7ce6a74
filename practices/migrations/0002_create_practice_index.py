"""Creates /practices/: the index page under the home page, where member folders live."""

from django.db import migrations

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def create_practice_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("core", "HomePage")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")

    home = HomePage.objects.filter(slug="home").first()
    if home is None or PracticeIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="practiceindexpage", app_label="practices")
    last_child = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    next_number = int(last_child.path[-STEPLEN:], 36) + 1 if last_child else 1
    PracticeIndexPage.objects.create(
        title="Practices",
        draft_title="Practices",
        slug="practices",
        content_type=content_type,
        path=home.path + encode_step(next_number),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}practices/",
        locale_id=home.locale_id,
        live=True,
        introduction=(
            "What members did for the integration of third-country nationals, for whom, with what "
            "results, and what another authority needs to transfer it."
        ),
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )


def remove_practice_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")
    for index in PracticeIndexPage.objects.all():
        parent_path = index.path[:-STEPLEN]
        Page.objects.filter(path__startswith=index.path).delete()
        parent = Page.objects.get(path=parent_path)
        parent.numchild = Page.objects.filter(path__startswith=parent_path, depth=parent.depth + 1).count()
        parent.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_vocabulary_and_home_page"),
        ("practices", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_practice_index, remove_practice_index)]
