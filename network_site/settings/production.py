"""Production: every secret comes from the environment, and a missing one stops the start."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
required("DATABASE_URL")  # never fall back to the SQLite file in production
required("ALLOWED_HOSTS")
required("REDIS_URL")  # the shared cache: rate limits and sessions must hold across app servers

# Administrators and moderators can publish anything: a password alone is not enough for them.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ALLOWED_ORIGINS") or [
    f"https://{host}"
    for host in ALLOWED_HOSTS  # noqa: F405
    if host and not host.startswith(".") and host != "*"
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browsers that is slow to take back: only when the deployment opts in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "SAMEORIGIN"
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break editing; and HSTS
# preload is off unless SECURE_HSTS_PRELOAD says so (above), which is a choice, not an oversight.
SILENCED_SYSTEM_CHECKS = ["security.W019", *([] if SECURE_HSTS_PRELOAD else ["security.W021"])]

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405

# The app serves its own compressed, cache-busted static files: no CDN, nothing fetched at run time.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
