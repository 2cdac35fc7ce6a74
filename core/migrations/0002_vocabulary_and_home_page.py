"""Loads the controlled vocabulary and replaces Wagtail's welcome page with the network's home page."""

from django.db import migrations

from core.vocabulary import VOCABULARY_MODEL_NAMES, sync_vocabulary

HOME_INTRODUCTION = (
    "Local and regional authorities across Europe share what works for the integration of "
    "third-country nationals: best practices, technical assistance, trainings and study visits."
)


def load_vocabulary(apps, schema_editor):
    sync_vocabulary({name: apps.get_model("core", name) for name in VOCABULARY_MODEL_NAMES})


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("core", "HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    Site.objects.filter(root_page__isnull=True).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="core")
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Learning together for integration",
        draft_title="Learning together for integration",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        introduction=HOME_INTRODUCTION,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Integration Network"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_vocabulary, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
    ]
