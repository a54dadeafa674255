"""Scheduled posts: stored, not published, until the worker's sweep publishes them at their time."""

import io
from datetime import timedelta

from django.utils import timezone
from PIL import Image

from posts.models import MediaAttachment, Post, ScheduledPost
from posts.scheduling import publish_due_posts


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_scheduled_at_holds_the_post_until_its_time(api_as, alice, bob) -> None:
    client = api_as(alice)
    api_as(bob).post(f"/api/v1/accounts/{alice.pk}/follow")
    media = client.post("/api/v2/media", {"file": io.BytesIO(png()), "description": "later"}, json=False).json()
    when = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    created = client.post(
        "/api/v1/statuses",
        {"status": "Good morning #later", "media_ids": [media["id"]], "scheduled_at": when.isoformat(),
         "visibility": "unlisted", "spoiler_text": "cw"},
    ).json()  # fmt: skip
    assert created["scheduled_at"] == when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert created["params"]["text"] == "Good morning #later" and created["params"]["visibility"] == "unlisted"
    assert [m["id"] for m in created["media_attachments"]] == [media["id"]]
    # Nothing was published: not in anyone's timeline, not on the profile, not counted.
    assert not Post.objects.filter(author=alice).exists()
    assert api_as(bob).get("/api/v1/timelines/home").json() == []
    assert client.get("/api/v1/accounts/verify_credentials").json()["statuses_count"] == 0
    # The image is reserved: another post cannot take it.
    taken = client.post("/api/v1/statuses", {"status": "now", "media_ids": [media["id"]]})
    assert taken.status_code == 422

    listed = client.get("/api/v1/scheduled_statuses").json()
    assert [s["id"] for s in listed] == [created["id"]]
    assert api_as(bob).get(f"/api/v1/scheduled_statuses/{created['id']}").status_code == 404
    later = when + timedelta(days=1)
    moved = client.put(f"/api/v1/scheduled_statuses/{created['id']}", {"scheduled_at": later.isoformat()}).json()
    assert moved["scheduled_at"].startswith(later.strftime("%Y-%m-%dT%H:%M"))
    too_soon = client.put(
        f"/api/v1/scheduled_statuses/{created['id']}",
        {"scheduled_at": (timezone.now() + timedelta(minutes=1)).isoformat()},
    )
    assert too_soon.status_code == 422 and "scheduled_at" in too_soon.json()["details"]

    assert publish_due_posts() == 0  # not due yet
    ScheduledPost.objects.filter(pk=created["id"]).update(scheduled_at=timezone.now() - timedelta(seconds=1))
    assert publish_due_posts() == 1
    assert publish_due_posts() == 0  # published once
    post = Post.objects.get(author=alice)
    assert (post.text, post.visibility, post.spoiler_text) == ("Good morning #later", "unlisted", "cw")
    assert list(post.media.values_list("id", flat=True)) == [int(media["id"])]
    assert [s["id"] for s in api_as(bob).get("/api/v1/timelines/home").json()] == [str(post.pk)]
    assert client.get("/api/v1/scheduled_statuses").json() == []


def test_bad_times_and_cancelling_release_the_media(api_as, alice) -> None:
    client = api_as(alice)
    for bad in ("tomorrow", (timezone.now() + timedelta(minutes=2)).isoformat()):
        response = client.post("/api/v1/statuses", {"status": "x", "scheduled_at": bad})
        assert response.status_code == 422, bad
    assert not ScheduledPost.objects.exists() and not Post.objects.exists()
    media = client.post("/api/v2/media", {"file": io.BytesIO(png())}, json=False).json()
    when = (timezone.now() + timedelta(days=3)).isoformat()
    created = client.post("/api/v1/statuses", {"status": "x", "media_ids": [media["id"]], "scheduled_at": when}).json()
    assert client.delete(f"/api/v1/scheduled_statuses/{created['id']}").json() == {}
    assert MediaAttachment.objects.get(pk=media["id"]).scheduled_post_id is None
    assert client.post("/api/v1/statuses", {"status": "now", "media_ids": [media["id"]]}).status_code == 200
    assert client.get(f"/api/v1/scheduled_statuses/{created['id']}").status_code == 404


def test_a_post_that_can_no_longer_be_published_is_dropped(api_as, alice) -> None:
    client = api_as(alice)
    when = (timezone.now() + timedelta(hours=1)).isoformat()
    created = client.post("/api/v1/statuses", {"status": "x", "scheduled_at": when}).json()
    ScheduledPost.objects.filter(pk=created["id"]).update(scheduled_at=timezone.now())
    alice.suspended_at = timezone.now()
    alice.save(update_fields=["suspended_at"])
    assert publish_due_posts() == 0
    assert not ScheduledPost.objects.exists() and not Post.objects.exists()
