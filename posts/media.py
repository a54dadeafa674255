"""Images: checked, re-encoded without metadata (EXIF, GPS), resized, thumbnailed.

Re-encoding from decoded pixels is what strips every metadata block, whatever
the container; orientation from EXIF is applied first so photos stay upright.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.models import Account
from posts.models import MediaAttachment
from tribune.lib.errors import ActionError
from tribune.lib.storage_names import random_stem

ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
THUMBNAIL_SIDE = 400


@dataclass
class CheckedImage:
    image: Image.Image
    format: str


def check_image(upload: UploadedFile) -> CheckedImage:
    """Refuse what is not a decodable image of an accepted format and size."""
    size = getattr(upload, "size", None) or 0
    if size > settings.MAX_IMAGE_BYTES:
        raise ActionError(
            _("This file is too large (at most %(mb)d MB).") % {"mb": settings.MAX_IMAGE_BYTES // (1024 * 1024)},
            field="file",
            status=422,
        )
    if size == 0:
        raise ActionError(_("This file is empty."), field="file")
    Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
    try:
        upload.seek(0)
        probe = Image.open(upload)
        probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        fmt = image.format or ""
        if fmt not in ACCEPTED_FORMATS:
            raise ActionError(_("Only JPEG, PNG, WebP and GIF images are accepted."), field="file")
        if image.width * image.height > settings.MAX_IMAGE_PIXELS:
            raise ActionError(_("This image has too many pixels."), field="file")
        image.load()
    except ActionError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ActionError(_("This file is not an image Tribune can read."), field="file") from None
    return CheckedImage(image, fmt)


def _clean(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image) or image
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("LA", "PA", "P") else "RGB")
    # A new image from the pixels alone: nothing of the original's metadata survives.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _encode(image: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        image.save(buffer, "PNG", optimize=True)
        ext = "png"
    else:
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
        ext = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{name}.{ext}")


def process_avatar(checked: CheckedImage, size: tuple[int, int]) -> ContentFile:
    """An avatar or header, under a random name."""
    image = ImageOps.fit(_clean(checked.image), size)
    return _encode(image, random_stem())


def process_card_image(checked: CheckedImage, side: int) -> tuple[ContentFile, int, int]:
    """A link preview's image, at most `side` pixels a side, under a random name; with its size."""
    image = _clean(checked.image)
    image.thumbnail((side, side))
    return _encode(image, random_stem()), image.width, image.height


def do_upload_media(
    account: Account, upload: UploadedFile, *, description: str = "", focus: tuple[float, float] = (0.0, 0.0)
) -> MediaAttachment:
    if len(description or "") > 1500:
        raise ActionError(_("An image description has at most 1,500 characters."), field="description")
    checked = check_image(upload)
    image = _clean(checked.image)
    image.thumbnail((settings.IMAGE_MAX_SIDE, settings.IMAGE_MAX_SIDE))
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    media = MediaAttachment(account=account, description=description or "", focus_x=focus[0], focus_y=focus[1])
    # Names nobody can guess, unrelated to the id (docs/security.md).
    full = _encode(image, random_stem())
    small = _encode(thumb, random_stem())
    full_name, small_name = str(full.name), str(small.name)
    media.content_type = "image/png" if full_name.endswith(".png") else "image/jpeg"
    with transaction.atomic():
        media.file.save(full_name, full, save=False)
        media.thumbnail.save(small_name, small, save=False)
        media.save()
    return media


def do_update_media(
    account: Account,
    media: MediaAttachment,
    *,
    description: str | None = None,
    focus: tuple[float, float] | None = None,
) -> MediaAttachment:
    if media.account_id != account.pk:
        raise ActionError(_("Record not found"), status=404)
    fields = []
    if description is not None:
        if len(description) > 1500:
            raise ActionError(_("An image description has at most 1,500 characters."), field="description")
        media.description = description
        fields.append("description")
    if focus is not None:
        media.focus_x, media.focus_y = focus
        fields += ["focus_x", "focus_y"]
    if fields:
        media.save(update_fields=fields)
        # Read the attachment's post afresh: the caller's copy may predate attaching it.
        post_id = MediaAttachment.objects.filter(pk=media.pk).values_list("post_id", flat=True).first()
        if post_id:
            from posts import render_cache

            render_cache.forget(post_id)
    return media


def do_delete_media(account: Account, media: MediaAttachment) -> None:
    """An upload not (yet) attached to a post or a scheduled post; its files go with it."""
    from tribune.lib.errors import ActionError

    if media.account_id != account.pk:
        raise ActionError(_("Unknown image."), status=404)
    if media.post_id is not None or media.scheduled_post_id is not None:
        raise ActionError(_("This image is attached to a post."), field="id")
    media.file.delete(save=False)
    media.thumbnail.delete(save=False)
    MediaAttachment.objects.filter(pk=media.pk).delete()
