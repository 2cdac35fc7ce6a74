"""WSGI entry point."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.production")

try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    # One readable line instead of a traceback per worker. Exit status 4 is gunicorn's "application
    # failed to load", which stops the master instead of restarting workers forever.
    print(f"Configuration error: {error}", file=sys.stderr, flush=True)
    sys.exit(4)
