"""Certificates of attendance as PDF, rendered by WeasyPrint from an HTML template.

Why WeasyPrint: it writes tagged PDF (PDF/UA-1: a structure tree of headings, paragraphs and tables, the
document language and title), which screen readers read in order; fpdf2 and ReportLab tag little or
nothing of the text. It uses Pango, already on every machine that runs our browser tests.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.links import absolute_url

from .models import Certificate


def verification_url(certificate: Certificate) -> str:
    return absolute_url(reverse("events:certificate_verify_code", kwargs={"code": certificate.code}))


def certificate_html(certificate: Certificate) -> str:
    context = {
        "certificate": certificate,
        "verification_url": verification_url(certificate),
        "verification_page": absolute_url(reverse("events:certificate_verify")),
        "language": translation.get_language() or "en",
    }
    return render_to_string("events/certificate_pdf.html", context)


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=certificate_html(certificate)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
