"""Content-Security-Policy for every page (docs/security.md).

Pages run only the scripts and styles served from this instance's own static files: no inline
script, no inline event handler, no `style` attribute, no `eval` (htmx's `hx-on` included, see
the `htmx-config` meta tag in web/base.html). Images come from this instance (its media view,
which may redirect to the S3 store, `settings.CSP_MEDIA_ORIGINS`) and from remote servers over
https (remote avatars and attachments are shown from where they live). A response that already
carries a policy keeps it (the media view's sandbox, the OAuth authorization page's own).
"""

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"


def policy(*, form_action: Iterable[str] = ()) -> str:
    """The page policy; `form_action` adds where a form on the page may lead (after redirects too)."""
    media = " ".join(settings.CSP_MEDIA_ORIGINS)
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' https: {media}".strip(),
        f"media-src 'self' https: {media}".strip(),
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        " ".join(["form-action 'self'", *form_action]),
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def source_of(uri: str) -> str:
    """A CSP source matching `uri`'s origin (`https://host:port`), or its scheme alone (`app:`)."""
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return f"{parts.scheme}:" if parts.scheme else ""


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and HEADER not in response:
            response[HEADER] = policy()
        return response
