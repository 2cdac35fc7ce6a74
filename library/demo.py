"""Demo content of the library: the index page and resources with files in several languages, each in
its member's folder (the member publishes it). Idempotent: resources are matched by slug, their files by
document title."""

import time
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from core.models import HomePage, Priority, TargetGroup, Theme
from events.models import EventPage
from members.models import Member
from practices.models import PracticePage

from .actions import create_member_resource_folder
from .models import ResourceFile, ResourceFolderPage, ResourceIndexPage, ResourcePage

RESOURCES: list[dict[str, Any]] = [
    {
        "slug": "buddy-schemes-guideline",
        "title": "Setting up a buddy scheme for newcomers: a guideline for municipalities",
        "resource_type": "guideline",
        "summary": "Step-by-step guidance on recruiting, training and matching volunteer buddies with newly "
        "arrived third-country nationals, drawn from six member cities.",
        "priority": 1,
        "themes": ["mentoring", "language-training"],
        "languages": ["en", "fr", "de"],
    },
    {
        "slug": "guardianship-training-curriculum",
        "title": "Training curriculum for guardians of unaccompanied children",
        "resource_type": "curriculum",
        "summary": "A five-day curriculum with session plans, case studies and evaluation forms for "
        "guardians and carers of unaccompanied migrant children.",
        "priority": 2,
        "themes": ["family-based-care", "staff-training"],
        "languages": ["en", "it", "es"],
    },
    {
        "slug": "one-stop-shop-toolkit",
        "title": "One-stop shop toolkit: bringing integration services under one roof",
        "resource_type": "toolkit",
        "summary": "Templates, floor plans, service agreements and a checklist for opening a one-stop "
        "shop for newcomers in a town hall.",
        "priority": 1,
        "themes": ["access-to-rights", "digital-tools"],
        "languages": ["en", "nl", "pl"],
    },
    {
        "slug": "foster-care-evaluation-2025",
        "title": "Evaluation of community-based foster care for migrant children (2025)",
        "resource_type": "evaluation",
        "summary": "An external evaluation of three regional foster-care programmes: placements, "
        "stability, costs and what carers said.",
        "priority": 2,
        "themes": ["family-based-care", "independent-living"],
        "languages": ["en", "de"],
    },
    {
        "slug": "welcome-campaign-kit",
        "title": "“We are all neighbours”: awareness campaign kit",
        "resource_type": "campaign",
        "summary": "Posters, social-media cards and a facilitator's guide for a local campaign against "
        "prejudice, ready to translate and print.",
        "priority": 5,
        "themes": ["awareness-campaigns", "fighting-prejudice"],
        "languages": ["en", "fr", "it", "es"],
    },
    {
        "slug": "labour-pathways-research",
        "title": "Pathways to work: research on skills recognition for third-country nationals",
        "resource_type": "research",
        "summary": "A comparative study of skills-recognition procedures in eight member states, with "
        "recommendations for local employment services.",
        "priority": 3,
        "themes": ["skills-matching", "vocational-training"],
        "languages": ["en"],
    },
]


def minimal_pdf(title: str, lines: list[str]) -> bytes:
    """A small valid one-page PDF with the title and a few lines of text (Helvetica, no fonts embedded)."""

    def escape(text: str) -> str:
        ascii_text = text.encode("latin-1", "replace").decode("latin-1")
        return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = ["BT", "/F1 16 Tf", "50 790 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text += ["0 -22 Td", f"({escape(line)}) Tj"]
    stream = "\n".join([*text, "ET"]).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return output


def library_index() -> ResourceIndexPage:
    index = ResourceIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            raise ValueError("the home page is missing")
        index = ResourceIndexPage(
            title="Library",
            slug="library",
            introduction="Guidelines, toolkits, training curricula, evaluation reports, campaign materials "
            "and research from the network's practices and events, in the languages they exist in.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def document(slug: str, title: str, language: str, summary: str) -> Document:
    document_title = f"{title} ({language})"
    existing = Document.objects.filter(title=document_title).first()
    if existing is not None:
        return existing
    content = minimal_pdf(title, [summary[:90], summary[90:180], f"Language: {language}"])
    item = Document(title=document_title)
    item.file.save(f"{slug}-{language}.pdf", ContentFile(content), save=False)
    item.save()
    return item


def publishing_folder(
    index: ResourceIndexPage, member: Member | None
) -> ResourceIndexPage | ResourceFolderPage:
    """The member's folder (made if the member was provisioned before the library existed), or the
    index itself for the network's own resources."""
    if member is None:
        return index
    return ResourceFolderPage.for_member(member) or create_member_resource_folder(member=member) or index


def load_demo_resources(stdout: Any) -> list:
    started = time.monotonic()
    index = library_index()
    members = list(Member.objects.order_by("pk")[: len(RESOURCES)])
    created = updated = 0
    for number, record in enumerate(RESOURCES):
        priority = Priority.objects.filter(number=record["priority"]).first()
        parent = publishing_folder(index, members[number] if number < len(members) else None)
        page = ResourcePage.objects.descendant_of(index).filter(slug=record["slug"]).specific().first()
        if page is not None and page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            page = ResourcePage.objects.get(pk=page.pk)
        is_new = page is None
        if page is None:
            page = ResourcePage(slug=record["slug"])
        page.title = record["title"]
        page.resource_type = record["resource_type"]
        page.summary = record["summary"]
        page.priority = priority
        page.themes.set(list(Theme.objects.filter(slug__in=record["themes"])))
        page.target_groups.set(list(TargetGroup.objects.all()[:2]))
        if priority is not None:
            page.practices.set(list(PracticePage.objects.live().filter(priority=priority).order_by("pk")[:2]))
            page.events.set(list(EventPage.objects.live().filter(priorities=priority).order_by("pk")[:1]))
        page.files = [
            ResourceFile(
                document=document(record["slug"], record["title"], language, record["summary"]),
                language=language,
            )
            for language in record["languages"]
        ]
        if is_new:
            parent.add_child(instance=page)
            created += 1
        else:
            updated += 1
        page.save_revision().publish()
    stdout.write(f"Library: {created} created, {updated} updated in {time.monotonic() - started:.1f} s.")
    return []
