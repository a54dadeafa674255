"""Announcements the administrators wrote: the list, dismissing one, emoji reactions."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from accounts.announcements import (
    access_announcement,
    current_announcements,
    do_add_announcement_reaction,
    do_dismiss_announcement,
    do_remove_announcement_reaction,
)
from api.auth import me, optional, required, viewer
from api.serializers.announcements import announcements as announcement_entities
from api.views.common import parse_id

router = Router(tags=["announcements"])


@router.get("/v1/announcements", auth=optional("read"))
def announcements(request: HttpRequest, with_dismissed: bool = False) -> list[dict[str, Any]]:
    """Published ones that have not ended; dismissed ones only `with_dismissed`. Mastodon requires a
    token; Tribune also answers without one (no `read`, no `me`), as it did before they existed."""
    account = viewer(request)
    return announcement_entities(account, list(current_announcements(account, with_dismissed=with_dismissed)))


@router.post("/v1/announcements/{id}/dismiss", auth=required("write:accounts"))
def dismiss(request: HttpRequest, id: str) -> dict[str, Any]:
    do_dismiss_announcement(me(request), access_announcement(parse_id(id)))
    return {}


@router.put("/v1/announcements/{id}/reactions/{name}", auth=required("write:favourites"))
def add_reaction(request: HttpRequest, id: str, name: str) -> dict[str, Any]:
    do_add_announcement_reaction(me(request), access_announcement(parse_id(id)), name)
    return {}


@router.delete("/v1/announcements/{id}/reactions/{name}", auth=required("write:favourites"))
def remove_reaction(request: HttpRequest, id: str, name: str) -> dict[str, Any]:
    do_remove_announcement_reaction(me(request), access_announcement(parse_id(id)), name)
    return {}
