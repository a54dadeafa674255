import re
from datetime import UTC, datetime, timedelta

from django.test import Client
from django.utils import timezone

from posts.models import MediaAttachment, Post, ScheduledPost
from posts.scheduling import do_schedule_post
from tests.web.helpers import HTMX, png


def login(client: Client, account) -> Client:
    client.force_login(account.user)
    return client


def field(when: datetime) -> str:
    """What a datetime-local field sends: a UTC time without its zone, to the minute."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


def later(hours: int = 2) -> datetime:
    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


def test_compose_page_offers_a_time_in_utc(client, alice):
    body = login(client, alice).get("/compose").content.decode()
    assert 'type="datetime-local" name="scheduled_at"' in body and "Time in UTC" in body
    assert 'href="/scheduled"' in body
    assert 'href="/scheduled"' in client.get("/settings").content.decode()
    # The form under the feeds posts now; only the compose page schedules.
    assert 'name="scheduled_at"' not in client.get("/home").content.decode()


def test_schedule_from_the_compose_page_creates_a_scheduled_post(client, alice):
    login(client, alice)
    when = later(3)
    response = client.post(
        "/posts/new",
        {
            "text": "Tomorrow's news",
            "visibility": "unlisted",
            "scheduled_at": field(when),
            "media1": png(),
            "alt1": "red",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/scheduled"
    assert not Post.objects.filter(author=alice).exists()
    found = ScheduledPost.objects.get(account=alice)
    assert found.scheduled_at == when and found.params["text"] == "Tomorrow's news"
    assert found.params["visibility"] == "unlisted"
    assert MediaAttachment.objects.filter(scheduled_post=found).count() == 1
    page = client.get("/scheduled").content.decode()
    assert "Your post is scheduled." in page
    assert "Tomorrow&#x27;s news" in page and "1 image" in page and f'value="{field(when)}"' in page
    assert f'action="/scheduled/{found.pk}/cancel"' in page and "<details" in page


def test_htmx_schedule_goes_to_the_scheduled_page(client, alice):
    login(client, alice)
    response = client.post("/posts/new", {"text": "later", "scheduled_at": field(later())}, **HTMX)
    assert response.status_code == 204 and response["HX-Redirect"] == "/scheduled"
    assert ScheduledPost.objects.filter(account=alice).count() == 1


def test_past_or_too_soon_time_is_a_form_error(client, alice):
    login(client, alice)
    for when in (field(timezone.now() - timedelta(hours=1)), field(timezone.now() + timedelta(minutes=2))):
        response = client.post("/posts/new", {"text": "Kept words", "spoiler_text": "cw", "scheduled_at": when})
        assert response.status_code == 422
        body = response.content.decode()
        assert "at least 5 minutes ahead" in body and 'class="notice error"' in body
        assert ">Kept words</textarea>" in body and f'value="{when}"' in body and 'value="cw"' in body
    response = client.post("/posts/new", {"text": "x", "scheduled_at": "tomorrow"})
    assert response.status_code == 422 and "Give a date and a time." in response.content.decode()
    assert client.post("/posts/new", {"text": "x", "scheduled_at": "soon"}, **HTMX).status_code == 422
    assert not ScheduledPost.objects.exists() and not Post.objects.exists()
    assert not MediaAttachment.objects.exists()


def test_change_time_and_cancel(client, alice):
    found = do_schedule_post(alice, later(2), "move me", visibility="public")
    login(client, alice)
    when = later(30)
    response = client.post(f"/scheduled/{found.pk}/time", {"scheduled_at": field(when)})
    assert response.status_code == 302 and response["Location"] == "/scheduled"
    found.refresh_from_db()
    assert found.scheduled_at == when

    too_soon = field(timezone.now() + timedelta(minutes=1))
    response = client.post(f"/scheduled/{found.pk}/time", {"scheduled_at": too_soon})
    assert response.status_code == 422
    body = response.content.decode()
    assert "at least 5 minutes ahead" in body and f'value="{too_soon}"' in body
    found.refresh_from_db()
    assert found.scheduled_at == when

    response = client.post(f"/scheduled/{found.pk}/cancel")
    assert response.status_code == 302 and response["Location"] == "/scheduled"
    assert not ScheduledPost.objects.exists() and not Post.objects.exists()
    page = client.get("/scheduled").content.decode()
    assert "is cancelled" in page and "No scheduled posts." in page

    other = do_schedule_post(alice, later(4), "htmx", visibility="public")
    response = client.post(f"/scheduled/{other.pk}/cancel", **HTMX)
    assert response.status_code == 200 and response.content == b""
    assert not ScheduledPost.objects.exists()


def test_another_persons_scheduled_post_is_not_found(client, alice, bob):
    found = do_schedule_post(bob, later(), "bob's", visibility="public")
    login(client, alice)
    assert "bob&#x27;s" not in client.get("/scheduled").content.decode()
    assert client.post(f"/scheduled/{found.pk}/time", {"scheduled_at": field(later(5))}).status_code == 404
    assert client.post(f"/scheduled/{found.pk}/cancel").status_code == 404
    assert client.post("/scheduled/99999999999999999999999/cancel").status_code == 404
    assert client.get(f"/scheduled/{found.pk}/cancel").status_code == 405
    found.refresh_from_db()
    assert ScheduledPost.objects.filter(pk=found.pk).exists()
    client.logout()
    response = client.get("/scheduled")
    assert response.status_code == 302 and response["Location"].startswith("/login")


def test_scheduled_pages_in_french(client, alice):
    do_schedule_post(alice, later(), "Bonjour demain", visibility="public")
    client.cookies["tribune_language"] = "fr"
    login(client, alice)
    index = client.get("/scheduled").content.decode()
    assert "<h1>Publications programmées</h1>" in index and "Changer l’heure" in index and "Annuler" in index
    compose = client.get("/compose").content.decode()
    assert "Programmer pour (facultatif)" in compose and "Heure UTC" in compose
    error = client.post("/posts/new", {"text": "x", "scheduled_at": field(timezone.now())}).content.decode()
    assert "au moins 5\u202fminutes" in error or "5 minutes" in error
    assert "Vos publications programmées" in client.get("/settings").content.decode()
    for body in (index, compose, error):
        text = re.sub(r"<[^>]*>", " ", body)  # what is read, not the ids and classes
        for english in (
            "Scheduled", "scheduled", "Schedule", "Change time", "Cancel", "New time", "Times are",
            "Time in", "Leave it", "optional", "at least", "ahead",
        ):  # fmt: skip
            assert english not in text, english
