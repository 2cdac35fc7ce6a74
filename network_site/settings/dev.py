"""Local development: SQLite under var/, emails on the console, tasks run inline."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") != "0"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
