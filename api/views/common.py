"""Helpers the routers share: ids from the path, and fetching through the access helpers."""

from django.http import HttpRequest, HttpResponse

from accounts.access import access_account
from accounts.models import Account
from api.pagination import with_links
from posts.access import access_post
from posts.models import Post
from tribune.lib.errors import NotFound

MAX_ID = 2**63 - 1


def parse_id(value: object) -> int:
    """An id from a URL or a parameter; anything else is simply not found."""
    try:
        number = int(str(value))
    except ValueError:
        raise NotFound("Record not found") from None
    if not 0 < number <= MAX_ID:
        raise NotFound("Record not found")
    return number


def account_or_404(viewer: Account | None, value: object) -> Account:
    return access_account(viewer, parse_id(value))


def post_or_404(viewer: Account | None, value: object) -> Post:
    return access_post(viewer, parse_id(value))


def paged(request: HttpRequest, response: HttpResponse, rows: list, cursor: str = "pk") -> None:
    """Set the Link header from rows already ordered newest first."""
    with_links(request, response, [getattr(r, cursor) for r in rows])
