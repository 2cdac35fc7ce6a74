"""Library resources for tests: a published resource with one small PDF per language, in its publisher's
folder when a publisher is given (the folder is what makes a member the publisher)."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from core.models import Priority, TargetGroup, Theme
from library.demo import minimal_pdf
from library.models import ResourceFile, ResourceFolderPage, ResourcePage


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
    publisher=None,
    **fields,
):
    """A resource under `index`, or in `publisher`'s folder when given."""
    fields.setdefault("summary", f"About {title}.")
    parent = ResourceFolderPage.for_member(publisher) if publisher is not None else index
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
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page
