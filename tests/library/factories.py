"""Library resources for tests: a published resource with one small PDF per language."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from core.models import Priority, TargetGroup, Theme
from library.demo import minimal_pdf
from library.models import ResourceFile, ResourcePage


def document(title: str) -> Document:
    item = Document(title=title)
    item.file.save(f"{title}.pdf", ContentFile(minimal_pdf(title, ["x"])), save=False)
    item.save()
    return item


def resource(
    index,
    *,
    title,
    resource_type="guideline",
    priority=1,
    themes=(),
    target_groups=(),
    languages=("en",),
    publish=True,
    **fields,
):
    fields.setdefault("summary", f"About {title}.")
    page = ResourcePage(
        title=title,
        resource_type=resource_type,
        priority=Priority.objects.get(number=priority),
        **fields,
    )
    page.themes.set(list(Theme.objects.filter(slug__in=themes)))
    page.target_groups.set(list(TargetGroup.objects.filter(slug__in=target_groups)))
    page.files = [ResourceFile(document=document(f"{title} {code}"), language=code) for code in languages]
    if not publish:
        page.live = False
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page
