"""The notices a public network owes its visitors: privacy, accessibility, legal notice, cookies, contact.

They are ordinary pages under the home page, so administrators edit them in Wagtail and translate them
like any page; the footer of every page links to the live ones of the visitor's language (footer.py).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from core.blocks import BodyStreamBlock
from core.page_cache.pages import CachedPage
from core.rate_limits import rate_limit


class NoticeKind(models.TextChoices):
    """Each kind once per language; the order is the footer's."""

    PRIVACY = "privacy", _("Privacy notice")
    COOKIES = "cookies", _("Cookies")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    LEGAL = "legal", _("Legal notice")
    CONTACT = "contact", _("Contact")


FOOTER_ORDER = [kind.value for kind in NoticeKind]


class NoticeBase(models.Model):
    kind = models.CharField(
        _("kind of notice"),
        max_length=20,
        choices=NoticeKind.choices,
        help_text=_("What the footer links to this page as. Each kind exists once per language."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("Shown on the page: when this text was last checked."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        others = (
            Page.objects.type(NoticePage, ContactPage)
            .specific()
            .filter(locale_id=getattr(self, "locale_id", None))
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        if any(getattr(page, "kind", None) == self.kind for page in others):
            raise ValidationError({"kind": _("This language already has a page of this kind.")})


class NoticePage(CachedPage, NoticeBase, Page):
    """A notice written as a page: privacy notice, cookies, accessibility statement, legal notice."""

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    template = "notices/notice_page.html"

    class Meta:
        verbose_name = _("notice page")

    def __str__(self) -> str:
        return self.title


class ContactPage(RoutablePageMixin, NoticeBase, Page):
    """The contact page: the secretariat's details and a form whose message is emailed to it."""

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "notices/contact_page.html"

    class Meta:
        verbose_name = _("contact page")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = NoticeKind.CONTACT
        super().save(*args, **kwargs)

    @path("")
    def contact_view(self, request: HttpRequest) -> HttpResponse:
        return contact_form_view(request, page=self)

    @path("sent/")
    def sent_view(self, request: HttpRequest) -> HttpResponse:
        return TemplateResponse(request, "notices/contact_sent.html", {"page": self, "self": self})


@rate_limit("contact", method="POST", block=False)
def contact_form_view(request: HttpRequest, *, page: ContactPage) -> HttpResponse:
    from .actions import send_contact_message
    from .forms import ContactForm

    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        if getattr(request, "limited", False):
            form.add_error(
                None, _("Too many messages from your connection: please wait an hour and send it again.")
            )
            status = 429
        elif form.is_valid():
            # A filled honeypot gets the same answer as a person, so a robot learns nothing.
            if not form.is_spam:
                send_contact_message(form.to_message(), page=page)
            return redirect(page.url + "sent/")
        else:
            status = 400
    else:
        form = ContactForm()
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.template, context, status=status)
