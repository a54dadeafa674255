"""Media for a rehearsal's source instance, run with `tribune shell -c`: avatars and headers for the
first local accounts and public posts with images, so that the move carries files of every kind.
Prints a JSON list of the files' URLs (as the instance serves them) and their SHA-256."""

import hashlib
import io
import json

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.actions import do_update_profile
from accounts.models import Account
from posts.actions import do_create_post
from posts.media import do_upload_media


def image(name: str, colour: tuple[int, int, int], size: tuple[int, int], fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return SimpleUploadedFile(f"{name}.{fmt.lower()}", buffer.getvalue(), content_type=f"image/{fmt.lower()}")


files = []
for n, account in enumerate(Account.objects.filter(domain="").order_by("id")[:3]):
    account = do_update_profile(
        account,
        avatar=image(f"avatar{n}", (40 * n, 90, 160), (400, 400)),
        header=image(f"header{n}", (200, 40 * n, 60), (1500, 500), "JPEG"),
    )
    media = do_upload_media(
        account, image(f"photo{n}", (10, 200, 40 * n), (640, 480), "JPEG"), description=f"photo {n}"
    )
    do_create_post(account, f"A picture before the move, number {n}", media_ids=[media.pk], language="en")
    for field in (account.avatar, account.header, media.file):
        url = field.url if field.url.startswith("http") else settings.SITE_URL + field.url
        files.append({"url": url, "sha256": hashlib.sha256(field.read()).hexdigest()})
        field.close()
print(json.dumps(files))
