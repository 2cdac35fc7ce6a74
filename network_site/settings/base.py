"""Settings shared by every environment; each value that differs per deployment comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "members",
    "accounts",
    "practices",
    "events",
    "transfers",
    "search",
    "dissemination",
    "impact",
    "newsletter",
    "notices",
    "library",
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Translations of pages are made with wagtail-localize, the one translation tool (README: "Content in
    # many languages"); its locales app replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_ratelimit",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# Order matters for the page cache (core/page_cache/):
# 1. SecurityMiddleware first: HTTPS redirects and security headers apply to cached pages too (production
#    puts WhiteNoise right after it, so static files never reach the cache).
# 2. LocaleMiddleware: the language is part of the page cache's key.
# 3. Content-Security-Policy and Permissions-Policy (above the cache), so cached pages get the headers on
#    every response (cached pages carry no nonce: no inline script anywhere); NUL characters are refused
#    before anything reads the request.
# 4. PageCacheMiddleware: a hit is answered here, before sessions, CSRF and users are read; it sees
#    every cookie and user the middleware below it set, and stores only anonymous cookie-less pages.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.content_security.PathContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.page_cache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PreferredLanguageMiddleware",
    # request.user.is_verified() (django-otp), then: a signed-in person who owes a second factor reaches
    # nothing but the sign-in and two-factor pages, the Wagtail admin included (accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp, core.content_security): public pages load only our own files
# and run no inline script; extra image origins (a media bucket) come from CSP_IMG_SOURCES.
SELF, NONE = "'self'", "'none'"
CSP_IMG_SOURCES = env_list("CSP_IMG_SOURCES")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_IMG_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *CSP_IMG_SOURCES],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # Wagtail's preview frames our pages; nobody else may
    }
}
# Wagtail's admin runs inline scripts and styles (and its rich-text editor evaluates code), so it gets
# its own policy, still limited to our own origin.
ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *CSP_IMG_SOURCES],
    }
}
# Features the site never uses are switched off for it and anything it frames.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    ]
}

ROOT_URLCONF = "network_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_navigation",
                "notices.footer.notice_links",
            ],
        },
    },
]

WSGI_APPLICATION = "network_site.wsgi.application"
ASGI_APPLICATION = "network_site.asgi.application"

# Database: an SQLite file under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests (the dev server, browser tests) must wait for a write lock, not fail.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # Parameters bound by the server, so psycopg prepares a query the connection has run twice and
    # PostgreSQL plans it once instead of on every page (planning was up to 4 ms of a listing's query).
    # Off (DATABASE_PREPARED_STATEMENTS=0) behind a transaction-pooling PgBouncer older than 1.21.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 2}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared state lives outside the app server, so any number of them can run side by side: Redis is the
# shared cache of production and CI (django-redis: atomic INCR, which rate limits need). Without
# REDIS_URL the site is one process (`make run`), whose local memory is the whole truth, and needs no
# cache table.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SILENCED_SYSTEM_CHECKS: list[str] = []
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # django-ratelimit refuses local memory because it is not shared between processes; one process is
    # exactly the embedded default's case. Production requires REDIS_URL, so this never applies there.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# The anonymous page cache (core/page_cache/): whole pages in the shared cache, purged by tag. Pages
# showing what changes without a save (events starting, places expiring) are kept PAGE_CACHE_SHORT_MAX_AGE.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_KEY_PREFIX = os.environ.get("PAGE_CACHE_KEY_PREFIX", "page-cache:")
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "600"))
PAGE_CACHE_SHORT_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHORT_MAX_AGE", "60"))
PAGE_CACHE_IGNORED_PARAMETERS = ["utm_*", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"]
# Front caches to purge by tag (Varnish with xkey, deploy/varnish/default.vcl), e.g. http://127.0.0.1:6081/
PAGE_CACHE_FRONT_URLS = env_list("PAGE_CACHE_FRONT_URLS")
PAGE_CACHE_FRONT_TIMEOUT = float(os.environ.get("PAGE_CACHE_FRONT_TIMEOUT", "2"))

# Background work goes through django-tasks: a database queue drained by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out sign-in before the password is hashed
    "django.contrib.auth.backends.ModelBackend",
]
# One sign-in for the site and the Wagtail admin, in the site's look and language (accounts/views/).
LOGIN_URL = "accounts:sign_in"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/sign-in/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3  # a password-reset or email-change link works for three hours
# Two-factor sign-in (django-otp: TOTP apps, recovery codes, WebAuthn security keys and passkeys).
# Required of network administrators and moderators (and superusers) when on: on in production, off in
# development and tests unless TWO_FACTOR_REQUIRED=1. Offered to everyone either way.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "Integration Network"
OTP_WEBAUTHN_RP_NAME = "Integration Network"
# The relying party is the host the browser sees (no port), so one setting works on every deployment.
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.two_factor.webauthn_rp_id"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ALLOWED_ORIGINS", "http://localhost:8000")
# A passkey is a second factor here, after the password: never a way in on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))

# The client address behind reverse proxies (core.client_address): the number of proxies in front of the
# app, or their networks. Both empty: X-Forwarded-For is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, sign-in is refused for LOGIN_LOCKOUT_MINUTES; wrong passwords from one address across many
# usernames meet the "login" rate limit below. Attempts are kept in the database, visible in django-admin.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "core.login_lockout.lockout_response"
AXES_VERBOSE = False

# Rate limits (django-ratelimit, per client address, in the shared cache): "count/period", period one of
# s, m, h, d. Each can be changed from the environment, e.g. RATE_LIMIT_JOIN=10/h.
RATE_LIMIT_DEFAULTS = {
    "login": "30/h",
    "two_factor": "30/h",
    "account_email": "10/h",
    "password_reset": "10/h",
    "invitation": "30/h",
    "join": "5/h",
    "event_registration": "10/h",
    "interest": "20/h",
    "assistance_request": "10/h",
    "search_page": "120/m",
    "search_api": "120/m",
    "autocomplete": "300/m",
    "public_api": "120/m",
    "event_feedback": "20/h",
    "certificate_verification": "60/h",
    "newsletter_subscribe": "5/h",
    "contact": "5/h",
}
RATE_LIMITS = {
    name: os.environ.get(f"RATE_LIMIT_{name.upper()}", rate) for name, rate in RATE_LIMIT_DEFAULTS.items()
}
# Newsletter (newsletter/): a request not confirmed within NEWSLETTER_CONFIRMATION_DAYS is deleted, and
# an unsubscribed address NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS after unsubscribing
# (`manage.py purge_newsletter_subscriptions`, daily).
NEWSLETTER_CONFIRMATION_DAYS = int(os.environ.get("NEWSLETTER_CONFIRMATION_DAYS", "7"))
NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS = int(os.environ.get("NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS", "30"))
RATELIMIT_IP_META_KEY = "core.client_address.client_ip"
RATELIMIT_VIEW = "core.rate_limits.rate_limited"
LOGIN_REDIRECT_URL = "/"

# Internationalisation: six interface languages, English the default (its URLs carry no prefix). Each
# further language is one line here plus its catalogue under locale/ (`make messages`). The content
# locales (Wagtail) are the same six; core.locales creates their Locale rows after every migrate.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("nl", _("Dutch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
WAGTAIL_I18N_ENABLED = True
# Wagtail 8's autosave posts the editor's form in the background half a second after each change. On a
# new page that POST goes to the create view; when the editor clicks "Submit to moderation" while one is
# in flight, both create the page and the second fails on the slug (a 500, seen in the browser journey
# under load). Editors save drafts and submit explicitly here.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft whatever the original's state: it is published through the same
# moderation workflow as an original (members.roles.ensure_moderation_workflow covers every locale).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# A translation is then edited in Wagtail's own page editor, with its "Submit to moderation": the synced
# translation editor offers only "Publish", which would skip the workflow.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "simple"
# The admin offers the same six languages in a person's account (UserProfile.preferred_language), the one
# interface-language preference, which the public site follows too (core.middleware).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static_src"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Integration Network <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NETWORK_ADMIN_EMAILS = env_list("NETWORK_ADMIN_EMAILS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))  # a hung SMTP server must not hold a worker
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "6"))  # then listed for administrators

# Search: an OpenSearch/Elasticsearch cluster at SEARCH_URL, or Wagtail's database search when empty.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "network")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "5"))
# Cross-language search: sentence vectors fused with the lexical score (search/semantic/).
SEARCH_SEMANTIC = os.environ.get("SEARCH_SEMANTIC", "1") != "0"
SEARCH_VECTOR_DIR = Path(os.environ.get("SEARCH_VECTOR_DIR", VAR_DIR / "vectors"))
SEARCH_VECTOR_RECHECK_SECONDS = float(os.environ.get("SEARCH_VECTOR_RECHECK_SECONDS", "5"))
# Replicas per shard: 0 on a single node (a replica could never be placed), 1 on a cluster.
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "0"))
# A change the engine rejects is retried after 30 s, 60 s, 120 s... and set aside after 5 attempts.
SEARCH_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("SEARCH_OUTBOX_MAX_ATTEMPTS", "5"))
SEARCH_OUTBOX_RETRY_DELAY = float(os.environ.get("SEARCH_OUTBOX_RETRY_DELAY", "30"))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Event registrations: hours an anonymous registrant has to confirm their address by the emailed link
# before the held place returns to the pool (events/registration_states.py).
EVENT_CONFIRMATION_HOURS = int(os.environ.get("EVENT_CONFIRMATION_HOURS", "24"))
# Certificates of attendance are records of their own, kept (and verifiable) this many years after
# issue, whatever happens to the registration (stated in the privacy notice).
EVENT_CERTIFICATE_RETENTION_YEARS = int(os.environ.get("EVENT_CERTIFICATE_RETENTION_YEARS", "5"))

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Integration Network")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com would be an external request
WAGTAILEMBEDS_FINDERS: list[dict] = []  # no calls to oEmbed providers: the site runs without internet

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per task run drowns the console during imports; failures still log as errors.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # one line per sign-in otherwise; lockouts still log as warnings
    },
}
