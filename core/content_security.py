"""Content-Security-Policy by path (django-csp). Public pages carry no inline script or style, so their
policy is strict and needs no per-response nonce: a cached page stays valid for every visitor. The
Wagtail admin (and Django's) needs inline scripts and styles, so paths under it get a looser policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.ADMIN_PATH_PREFIXES))


class PathContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
