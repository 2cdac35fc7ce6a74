"""The ceiling: one bare Django view returning a 20 KB page, no middleware, no database.

    gunicorn bench.bare_site:application

bench/pages.py serves it with the same gunicorn settings as the site, in the same run, and gives every
page's throughput as a share of this one's.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Bare</title></head><body>" + "<p>bare django</p>" * 1200
)[:20_000] + "</body></html>"


def bare_page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", bare_page)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-bare-site",  # noqa: S106
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

application = get_wsgi_application()
