"""MediaAttachment entity."""

from typing import Any

from posts.models import MediaAttachment


def _meta(width: int | None, height: int | None) -> dict[str, Any] | None:
    if not width or not height:
        return None
    return {"width": width, "height": height, "size": f"{width}x{height}", "aspect": round(width / height, 6)}


def media_entity(media: MediaAttachment) -> dict[str, Any]:
    width, height = media.width, media.height
    small = None
    if width and height:
        scale = min(1.0, 400 / max(width, height))
        small = _meta(max(1, round(width * scale)), max(1, round(height * scale)))
    meta: dict[str, Any] = {"focus": {"x": media.focus_x, "y": media.focus_y}}
    if original := _meta(width, height):
        meta["original"] = original
    if small:
        meta["small"] = small
    return {
        "id": str(media.pk),
        "type": "image",
        "url": media.file_url(),
        "preview_url": media.thumbnail_url(),
        "remote_url": media.remote_url or None,
        "preview_remote_url": None,
        "text_url": None,
        "meta": meta,
        "description": media.description or None,
        "blurhash": media.blurhash or None,
    }
