"""Media uploads: `POST /api/v2/media` (and v1), reading and describing an upload."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api import openapi as bodies
from api.auth import me, required
from api.params import Params
from api.serializers.media import media_entity
from api.views.common import parse_id
from posts.media import do_delete_media, do_update_media, do_upload_media
from posts.models import MediaAttachment
from tribune.lib.errors import ActionError, NotFound

router = Router(tags=["media"])


def _focus(params: Params) -> tuple[float, float] | None:
    raw = params.text("focus")
    if not raw:
        return None
    try:
        x, y = (float(v) for v in raw.split(","))
    except ValueError:
        raise ActionError("focus must be two numbers between -1 and 1", field="focus") from None
    if not (-1 <= x <= 1 and -1 <= y <= 1):
        raise ActionError("focus must be two numbers between -1 and 1", field="focus")
    return x, y


def _upload(request: HttpRequest) -> dict[str, Any]:
    account = me(request)
    params = Params(request)
    upload = params.file("file")
    if upload is None:
        raise ActionError("file is required", field="file")
    media = do_upload_media(
        account, upload, description=params.text("description") or "", focus=_focus(params) or (0, 0)
    )
    return media_entity(media)


@router.post("/v2/media", auth=required("write:media"), openapi_extra=bodies.MEDIA)
def upload_v2(request: HttpRequest) -> dict[str, Any]:
    return _upload(request)


@router.post("/v1/media", auth=required("write:media"), openapi_extra=bodies.MEDIA)
def upload_v1(request: HttpRequest) -> dict[str, Any]:
    return _upload(request)


def _own_media(request: HttpRequest, id: str) -> MediaAttachment:
    media = MediaAttachment.objects.filter(pk=parse_id(id), account=me(request)).first()
    if media is None:
        raise NotFound("Record not found")
    return media


@router.get("/v1/media/{id}", auth=required("write:media"))
def get_media(request: HttpRequest, id: str) -> dict[str, Any]:
    return media_entity(_own_media(request, id))


@router.put("/v1/media/{id}", auth=required("write:media"), openapi_extra=bodies.MEDIA_UPDATE)
def update_media(request: HttpRequest, id: str) -> dict[str, Any]:
    media = _own_media(request, id)
    params = Params(request)
    media = do_update_media(me(request), media, description=params.text("description"), focus=_focus(params))
    return media_entity(media)


@router.delete("/v1/media/{id}", auth=required("write:media"))
def delete_media(request: HttpRequest, id: str) -> dict[str, Any]:
    do_delete_media(me(request), _own_media(request, id))
    return {}
