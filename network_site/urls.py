from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views.sign_in import sign_in
from core.language_views import set_language
from core.page_cache.views import csrf_token

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: the admin signs in through the site's one sign-in page (accounts/), which
    # asks for the second factor and is rate limited (django-axes locks one username per address).
    path("admin/login/", sign_in, name="wagtailadmin_login"),
    path("webauthn/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Before Django's own: switching language while signed in also saves the person's preference.
    path("i18n/setlang/", set_language, name="set_interface_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dissemination.urls")),
    path("", include("library.urls")),
    path("csrf-token/", csrf_token, name="csrf_token"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("members.urls")),
    path("", include("accounts.urls")),
    path("", include("practices.urls")),
    path("", include("events.urls")),
    path("", include("transfers.urls")),
    path("", include("impact.urls")),
    path("", include("newsletter.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
