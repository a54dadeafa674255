import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png(name: str = "pic.png", size: tuple[int, int] = (32, 24)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


HTMX = {"HTTP_HX_REQUEST": "true"}
