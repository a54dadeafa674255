"""Mastodon 4.6's /api/v1/profile: update_credentials' fields, unrendered, and removing the images."""

import io

from django.test.client import encode_multipart
from PIL import Image


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 10, 10)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "red.png"
    return buffer


def test_profile_edit_and_image_removal(api_as, alice) -> None:
    client = api_as(alice)
    empty = client.get("/api/v1/profile").json()
    assert empty["avatar"] is None and empty["header"] is None and empty["id"] == str(alice.pk)
    changed = client.client.patch(
        "/api/v1/profile",
        encode_multipart(
            "BoUnDaRy",
            {"display_name": "Alice A.", "note": "Hi #there", "locked": "true", "avatar": png(), "header": png()},
        ),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        headers=client.headers,
    ).json()
    assert changed["note"] == "Hi #there" and changed["display_name"] == "Alice A." and changed["locked"] is True
    assert "/avatars/" in changed["avatar"] and "/headers/" in changed["header"]
    assert "<" in client.get("/api/v1/accounts/verify_credentials").json()["note"]  # rendered there
    after = client.delete("/api/v1/profile/avatar").json()
    assert after["avatar"].endswith("/static/web/avatar.svg") and after["header"] != after["avatar"]
    assert client.get("/api/v1/profile").json()["avatar"] is None
    client.delete("/api/v1/profile/header")
    assert client.delete("/api/v1/profile/header").status_code == 200  # idempotent
    assert client.get("/api/v1/profile").json()["header"] is None
    assert client.patch("/api/v1/profile", {"display_name": "x" * 101}).status_code == 422


def test_a_refused_setting_leaves_the_profile_as_it_was(api_as, alice) -> None:
    client = api_as(alice)
    refused = client.client.patch(
        "/api/v1/profile",
        encode_multipart("BoUnDaRy", {"display_name": "Half written", "source[privacy]": "everyone"}),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        headers=client.headers,
    )
    assert refused.status_code == 422
    assert client.get("/api/v1/profile").json()["display_name"] != "Half written"
