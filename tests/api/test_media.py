"""Media uploads: v2 and v1, describing, attaching, and refusing what is not an image."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_upload_describe_attach(api_as, alice, bob) -> None:
    client = api_as(alice)
    uploaded = client.client.post(
        "/api/v2/media", {"file": _png(), "description": "grass", "focus": "0.1,-0.2"}, headers=client.headers
    )
    assert uploaded.status_code == 200, uploaded.content
    media = uploaded.json()
    assert media["type"] == "image" and media["description"] == "grass"
    assert media["meta"]["original"]["width"] == 800 and media["meta"]["focus"] == {"x": 0.1, "y": -0.2}
    assert client.get(f"/api/v1/media/{media['id']}").json()["id"] == media["id"]
    assert list(Path(settings.MEDIA_ROOT).rglob("*.png")) or list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    assert api_as(bob).get(f"/api/v1/media/{media['id']}").status_code == 404
    described = client.put(f"/api/v1/media/{media['id']}", {"description": "green grass"}).json()
    assert described["description"] == "green grass"
    post = client.post("/api/v1/statuses", {"status": "", "media_ids": [media["id"]]}).json()
    assert [m["id"] for m in post["media_attachments"]] == [media["id"]]
    assert api_as(bob).post("/api/v1/statuses", {"status": "x", "media_ids": [media["id"]]}).status_code == 422
    v1 = client.client.post("/api/v1/media", {"file": _png()}, headers=client.headers)
    assert v1.status_code == 200


def test_refuses_non_images(api_as, alice) -> None:
    client = api_as(alice)
    fake = SimpleUploadedFile("x.png", b"not an image at all", content_type="image/png")
    response = client.client.post("/api/v2/media", {"file": fake}, headers=client.headers)
    assert response.status_code == 422 and "error" in response.json()
    assert client.client.post("/api/v2/media", {}, headers=client.headers).status_code == 422
    bad_focus = client.client.post("/api/v2/media", {"file": _png(), "focus": "9,9"}, headers=client.headers)
    assert bad_focus.status_code == 422
