"""Reporting from the pages, accent-insensitive search, quoting that ends, one post per original at home."""

from django.test import Client

from accounts.actions import do_follow
from moderation.models import QueueItem, Report
from posts.actions import do_create_post, do_reblog
from posts.models import Post
from tests.web.helpers import HTMX


def login(account) -> Client:
    client = Client()
    client.force_login(account.user)
    return client


def test_report_a_post_from_its_button(alice, bob):
    post = do_create_post(bob, "you will regret this")
    do_create_post(bob, "another post")
    client = login(alice)
    feed = client.get("/").content.decode()
    assert f'href="/@bob/report?post={post.pk}"' in feed
    page = client.get(f"/@bob/report?post={post.pk}")
    html = page.content.decode()
    assert page.status_code == 200 and 'name="category"' in html
    assert f'value="{post.pk}" checked' in html and "another post" in html
    assert 'name="forward"' not in html  # a local account: nothing to forward
    refused = client.post("/@bob/report", {"category": "nonsense"})
    assert refused.status_code == 422 and Report.objects.count() == 0
    sent = client.post("/@bob/report", {"category": "violence", "posts": [str(post.pk)], "comment": "a threat"})
    assert sent.status_code == 302 and sent["Location"] == "/@bob"
    report = Report.objects.get()
    assert report.reporter == alice and report.category == "violence" and report.comment == "a threat"
    assert list(report.posts.all()) == [post]
    assert QueueItem.objects.get(post=post).urgent
    assert "Thank you" in client.get("/@bob").content.decode()


def test_report_a_profile_and_never_a_post_one_cannot_see(alice, bob, carol):
    secret = do_create_post(bob, "for followers only", visibility="private")
    client = login(alice)
    assert 'href="/@bob/report"' in client.get("/@bob").content.decode()
    client.post("/@bob/report", {"category": "spam", "posts": [str(secret.pk)]})
    report = Report.objects.get()
    assert report.category == "spam" and list(report.posts.all()) == []
    assert client.get("/@alice/report").status_code == 400  # not oneself
    assert Client().get("/@bob/report").status_code == 302  # signed-in people only
    assert client.get("/@nobody/report").status_code == 404


def test_people_search_ignores_accents_both_ways(client, make_account):
    make_account("bob2", display_name="Bob Lefèvre")
    make_account("zoe", display_name="Zoe Lefevre")
    for q in ("lefevre", "Lefèvre", "LEFEVRE"):
        html = client.get("/search", {"q": q}).content.decode()
        assert 'href="/@bob2"' in html and 'href="/@zoe"' in html, q


def test_hashtag_search_ignores_accents_and_shows_posts(client, alice):
    do_create_post(alice, "un bon #café ce matin")
    do_create_post(alice, "nothing to see")
    for q in ("#cafe", "#café", "cafe"):
        html = client.get("/search", {"q": q}).content.decode()
        assert 'href="/tags/café"' in html or 'href="/tags/caf%C3%A9"' in html, q
        assert "un bon" in html and "nothing to see" not in html, q


def test_after_a_quote_the_page_leaves_quote_mode(alice, bob):
    original = do_create_post(bob, "quote me")
    client = login(alice)
    form = client.get(f"/compose?quote={original.pk}").content.decode()
    assert f'name="quote_of" value="{original.pk}"' in form
    response = client.post("/posts/new", {"text": "so true", "quote_of": original.pk}, **HTMX)
    assert response["HX-Redirect"].startswith("/@alice/")
    assert "compose" not in response["HX-Redirect"]
    plain = client.post("/posts/new", {"text": "again", "quote_of": original.pk})
    assert plain.status_code == 302 and "compose" not in plain["Location"]
    assert Post.objects.get(author=alice, text="so true").quote_of_id == original.pk


def test_ones_own_echo_does_not_show_twice_at_home(alice, bob):
    do_follow(alice, bob)
    post = do_create_post(bob, "worth sharing")
    do_reblog(alice, post)
    html = login(alice).get("/home").content.decode()
    assert html.count("worth sharing") == 1
