"""Mastodon's paging: `max_id` / `since_id` / `min_id` / `limit`, and a `Link` header with the next and previous pages.

`next` asks for older items (`max_id` = the last item's id), `prev` for newer
ones (`min_id` = the first item's id), keeping the other query parameters.
"""

from collections.abc import Sequence
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Schema

from tribune.lib.pagination import Page


class PageQuery(Schema):
    max_id: str | None = None
    since_id: str | None = None
    min_id: str | None = None
    limit: int | None = None


def page_from(query: PageQuery, *, default: int = 20, maximum: int = 40) -> Page:
    return Page.from_params(query.dict(), default=default, maximum=maximum)


def link_header(request: HttpRequest, first_id: object, last_id: object) -> str:
    base = settings.SITE_URL + request.path
    params = [(k, v) for k, v in request.GET.lists() if k not in ("max_id", "min_id", "since_id")]
    flat = [(k, item) for k, values in params for item in values]
    older = urlencode([*flat, ("max_id", str(last_id))])
    newer = urlencode([*flat, ("min_id", str(first_id))])
    return f'<{base}?{older}>; rel="next", <{base}?{newer}>; rel="prev"'


def with_links(request: HttpRequest, response: HttpResponse, cursor_ids: Sequence[object]) -> HttpResponse:
    """Set the Link header from the ids that page the list (first = newest, last = oldest)."""
    if cursor_ids:
        response["Link"] = link_header(request, cursor_ids[0], cursor_ids[-1])
    return response
