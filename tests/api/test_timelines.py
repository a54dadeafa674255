"""Timelines and paging: home, public (local/remote/only_media), hashtag, Link headers, markers, conversations."""

import pytest
from django.conf import settings
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from accounts.actions import do_follow
from posts.actions import do_create_post


def test_public_paging_with_link_headers(api_as, anon, alice) -> None:
    ids = [str(do_create_post(alice, f"post {i}").pk) for i in range(5)]
    newest_first = ids[::-1]
    first = anon.get("/api/v1/timelines/public", {"limit": 2, "local": "true"})
    assert [s["id"] for s in first.json()] == newest_first[:2]
    link = first.headers["Link"]
    assert link == (
        f'<http://127.0.0.1:8000/api/v1/timelines/public?limit=2&local=true&max_id={newest_first[1]}>; rel="next", '
        f'<http://127.0.0.1:8000/api/v1/timelines/public?limit=2&local=true&min_id={newest_first[0]}>; rel="prev"'
    )
    second = anon.get("/api/v1/timelines/public", {"limit": 2, "max_id": newest_first[1]})
    assert [s["id"] for s in second.json()] == newest_first[2:4]
    newer = anon.get("/api/v1/timelines/public", {"limit": 2, "min_id": newest_first[3]})
    assert [s["id"] for s in newer.json()] == newest_first[1:3]
    since = anon.get("/api/v1/timelines/public", {"limit": 2, "since_id": newest_first[3]})
    assert [s["id"] for s in since.json()] == newest_first[:2]
    empty = anon.get("/api/v1/timelines/public", {"max_id": ids[0]})
    assert empty.json() == [] and "Link" not in empty.headers
    assert anon.get("/api/v1/timelines/public", {"remote": "true"}).json() == []
    assert anon.get("/api/v1/timelines/public", {"only_media": "true"}).json() == []


def test_home_and_tag(api_as, alice, bob) -> None:
    b = api_as(bob)
    b.post(f"/api/v1/accounts/{alice.pk}/follow")
    post = do_create_post(alice, "hello #Tribune")
    do_create_post(bob, "my own")
    home = [s["content"] for s in b.get("/api/v1/timelines/home").json()]
    assert home == ["<p>my own</p>", post.content]
    tagged = b.get("/api/v1/timelines/tag/tribune").json()
    assert [s["id"] for s in tagged] == [str(post.pk)]
    assert b.get("/api/v1/timelines/tag/nothing").json() == []


def test_markers(api_as, alice) -> None:
    client = api_as(alice)
    assert client.get("/api/v1/markers", {"timeline[]": ["home"]}).json() == {}
    saved = client.post("/api/v1/markers", {"home": {"last_read_id": "123"}}).json()
    assert saved["home"]["last_read_id"] == "123" and saved["home"]["version"] == 0
    again = client.post("/api/v1/markers", {"home[last_read_id]": "456"}, json=False).json()
    assert again["home"]["version"] == 1
    assert client.get("/api/v1/markers", {"timeline[]": ["home"]}).json()["home"]["last_read_id"] == "456"
    assert client.post("/api/v1/markers", {"home": {"last_read_id": "x"}}).status_code == 422


def test_conversations(api_as, alice, bob, carol) -> None:
    do_create_post(alice, "@bob psst", visibility="direct")
    convs = api_as(bob).get("/api/v1/conversations").json()
    assert len(convs) == 1 and [a["acct"] for a in convs[0]["accounts"]] == ["alice"]
    assert "psst" in convs[0]["last_status"]["content"]
    assert api_as(carol).get("/api/v1/conversations").json() == []


def test_conversations_read_and_remove(api_as, alice, bob, carol) -> None:
    first = do_create_post(alice, "@bob psst", visibility="direct")
    client = api_as(bob)
    convs = client.get("/api/v1/conversations").json()
    assert convs[0]["unread"] is True and convs[0]["id"] == str(first.pk)
    assert api_as(alice).get("/api/v1/conversations").json()[0]["unread"] is False  # her own post
    read = client.post(f"/api/v1/conversations/{first.pk}/read").json()
    assert read["unread"] is False and read["id"] == str(first.pk)
    assert client.get("/api/v1/conversations").json()[0]["unread"] is False
    assert api_as(carol).post(f"/api/v1/conversations/{first.pk}/read").status_code == 404
    assert api_as(carol).delete(f"/api/v1/conversations/{first.pk}").status_code == 404
    assert client.delete(f"/api/v1/conversations/{first.pk}").json() == {}
    assert client.get("/api/v1/conversations").json() == []
    assert len(api_as(alice).get("/api/v1/conversations").json()) == 1  # only bob removed it
    answer = do_create_post(alice, "@bob still there?", visibility="direct", in_reply_to=first)
    back = client.get("/api/v1/conversations").json()
    assert [(c["id"], c["unread"]) for c in back] == [(str(answer.pk), True)]


def test_a_long_exchange_is_one_conversation(api_as, alice, bob) -> None:
    first = do_create_post(alice, "@bob psst", visibility="direct")
    second = do_create_post(bob, "@alice yes?", visibility="direct", in_reply_to=first)
    third = do_create_post(alice, "@bob tonight at eight", visibility="direct", in_reply_to=second)
    client = api_as(bob)
    convs = client.get("/api/v1/conversations").json()
    assert [(c["id"], c["unread"]) for c in convs] == [(str(third.pk), True)], "one thread, shown by its newest"
    client.post(f"/api/v1/conversations/{third.pk}/read")
    fourth = do_create_post(bob, "@alice see you", visibility="direct", in_reply_to=third)
    assert [(c["id"], c["unread"]) for c in client.get("/api/v1/conversations").json()] == [(str(fourth.pk), False)]
    client.delete(f"/api/v1/conversations/{fourth.pk}")
    assert client.get("/api/v1/conversations").json() == [], "removing it hides every post of the thread"


@pytest.mark.parametrize("with_redis", [False, True], ids=["database-feeds", "redis-feeds"])
def test_own_posts_are_in_the_home_timeline_at_once(api_as, alice, bob, request, with_redis) -> None:
    """Read-your-own-writes: the fan-out worker has not run (a real queue, nobody working it),
    yet the author's 25 new posts are all on their home timeline."""
    if with_redis:
        request.getfixturevalue("redis_on")
    do_follow(bob, alice)
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    author = api_as(alice)
    with override_settings(TASKS=backend):
        author.get("/api/v1/timelines/home")  # a feed (and with Redis a cached page) that exists already
        posted = []
        for i in range(25):
            response = author.post("/api/v1/statuses", {"status": f"in a row {i}"})
            assert response.status_code == 200, response.content
            posted.append(response.json()["id"])
        home = author.get("/api/v1/timelines/home", {"limit": 40}).json()
        assert [s["id"] for s in home][:25] == posted[::-1]
        assert DBTaskResult.objects.filter(task_path="timelines.tasks.deliver_post").count() == 25  # all queued
