"""Public views after an event, for people with or without an account: the feedback survey and the
certificate of attendance (both through the registrant's signed link, valid until the registration is
anonymised), and the certificate check anyone can use. Rules live in actions_after.py."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.rate_limits import rate_limit

from .actions import RegistrationError
from .actions_after import (
    FeedbackAnswers,
    certificate_for_code,
    event_practices,
    has_attended,
    issue_certificate,
    may_give_feedback,
    submit_feedback,
)
from .certificates import certificate_pdf
from .forms import CertificateLookupForm, FeedbackForm
from .models import Certificate, Registration
from .tokens import registration_from_token

NOT_VALID = "This link is not valid, or the registration's personal data has been erased."


def _registration(token: str) -> Registration:
    registration = registration_from_token(token)
    if registration is None:
        raise Http404(_(NOT_VALID))
    return registration


@require_http_methods(["GET", "POST"])
@rate_limit("event_feedback", method="POST")
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    event = registration.event.specific
    back = reverse("events:registration", kwargs={"token": token})
    context = {"event": event, "registration_url": back}
    if not may_give_feedback(registration):
        context["given"] = registration.feedback_given_at is not None
        return render(request, "events/feedback.html", context, status=200 if context["given"] else 403)
    practices = event_practices(event)
    form = FeedbackForm(request.POST or None, practices=practices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submit_feedback(
                registration,
                FeedbackAnswers(
                    satisfaction=data["satisfaction"],
                    usefulness=data["usefulness"],
                    will_apply=data["will_apply"],
                    comments=data["comments"],
                    practices_of_interest=list(data.get("practices_of_interest") or []),
                ),
            )
        except RegistrationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Thank you for your feedback."))
        return HttpResponseRedirect(back)
    context["form"] = form
    return render(request, "events/feedback.html", context, status=400 if form.errors else 200)


@require_GET
def certificate(request: HttpRequest, token: str) -> HttpResponse:
    """The attendee's certificate as a tagged PDF (issued on the first download if not yet)."""
    registration = _registration(token)
    if not has_attended(registration):
        raise Http404(_("A certificate is issued to participants once the event has ended."))
    issued = issue_certificate(registration)
    response = HttpResponse(certificate_pdf(issued), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{issued.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _verification(
    request: HttpRequest, found: Certificate | None, code: str, form: CertificateLookupForm
) -> HttpResponse:
    context = {"certificate": found, "code": code, "form": form, "checked": bool(code)}
    status = 404 if code and found is None else 200
    response = render(request, "events/certificate_verify.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@rate_limit("certificate_verification", method="GET")
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """/events/certificates/: type a code; the certificate's facts, or that no such certificate exists."""
    form = CertificateLookupForm(request.GET or None)
    code = form.cleaned_data["code"].strip() if form.is_valid() else ""
    return _verification(request, certificate_for_code(code) if code else None, code, form)


@require_GET
@rate_limit("certificate_verification", method="GET")
def certificate_verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """The link printed on a certificate."""
    return _verification(
        request, certificate_for_code(code), code, CertificateLookupForm(initial={"code": code})
    )
