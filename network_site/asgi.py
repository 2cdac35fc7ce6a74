"""ASGI entry point."""

import os
import sys

from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.production")

try:
    application = get_asgi_application()
except ImproperlyConfigured as error:
    print(f"Configuration error: {error}", file=sys.stderr, flush=True)  # one line, not a traceback
    sys.exit(4)
