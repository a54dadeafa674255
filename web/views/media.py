"""Stored images (post media, avatars, headers, link previews), each served only to whoever may see it.

The check is posts/media_access.py's; the bytes come from nginx when Tribune runs behind it
(`X-Accel-Redirect` to the internal location TRIBUNE_MEDIA_ACCEL_REDIRECT names), from the S3
store through a URL signed for a few minutes, or from this process (`make run`). Anything not
found, or not to be seen, is the same 404.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from accounts.models import Account
from posts.media_access import may_read_media, may_read_profile_image, needs_token
from posts.models import MediaAttachment, PreviewCard
from web.views.common import viewer_of

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# Kept briefly, so that an image stops being served soon after its post is held or removed.
MAX_AGE = 600


@require_safe
def stored_file(request: HttpRequest, name: str) -> HttpResponseBase:
    folder = name.split("/", 1)[0]
    if ".." in name.split("/") or "\\" in name:
        raise Http404
    public = True
    if folder in ("media", "thumbs"):
        field = "file" if folder == "media" else "thumbnail"
        media = MediaAttachment.objects.select_related("post__author").filter(**{field: name}).first()
        token = request.GET.get("t", "")
        if media is None:
            raise Http404
        if not may_read_media(media, name, None, token):
            viewer = viewer_of(request)
            if viewer is None or not may_read_media(media, name, viewer, token):
                raise Http404
        public = media.post is not None and needs_token(media.post) is None
    elif folder in ("avatars", "headers"):
        account = Account.objects.filter(**{"avatar" if folder == "avatars" else "header": name}).first()
        if account is None or not may_read_profile_image(account):
            raise Http404
    elif folder == "cards":
        # A link preview's image shows the linked page, not the post: anyone may fetch it.
        if not PreviewCard.objects.filter(image=name).exists():
            raise Http404
    else:
        raise Http404
    return _send(name, public)


def _send(name: str, public: bool) -> HttpResponseBase:
    content_type = IMAGE_TYPES.get(("." + name.rsplit(".", 1)[-1].lower()) if "." in name else "")
    if content_type is None:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response: HttpResponseBase
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(name)
    elif isinstance(default_storage, FileSystemStorage):
        try:
            response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            raise Http404 from None
    else:
        response = HttpResponseRedirect(default_storage.url(name))
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
