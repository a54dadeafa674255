from django.test import Client

from posts.actions import do_create_post
from tests.web.helpers import HTMX
from timelines.hashtags import do_follow_hashtag
from timelines.models import FollowedHashtag


def login(client: Client, account) -> Client:
    client.force_login(account.user)
    return client


def test_follow_and_unfollow_a_hashtag_from_its_page(client, alice):
    signed_out = client.get("/tags/gardening").content.decode()
    assert "/tags/gardening/follow" not in signed_out
    login(client, alice)
    page = client.get("/tags/gardening").content.decode()
    assert 'action="/tags/gardening/follow"' in page and 'href="/followed_tags"' in page

    response = client.post("/tags/Gardening/follow", {"next": "/tags/gardening"})
    assert response.status_code == 302 and response["Location"] == "/tags/gardening"
    assert list(FollowedHashtag.objects.filter(account=alice).values_list("hashtag__name", flat=True)) == ["gardening"]
    page = client.get("/tags/gardening").content.decode()
    assert 'action="/tags/gardening/unfollow"' in page and "Unfollow" in page

    followed = client.get("/followed_tags").content.decode()
    assert 'href="/tags/gardening"' in followed and 'action="/tags/gardening/unfollow"' in followed

    # With htmx the button comes back in its other state.
    button = client.post("/tags/gardening/unfollow", **HTMX)
    assert button.status_code == 200 and 'action="/tags/gardening/follow"' in button.content.decode()
    assert not FollowedHashtag.objects.filter(account=alice).exists()
    assert "You follow no hashtags yet" in client.get("/followed_tags").content.decode()


def test_a_followed_hashtag_brings_posts_home(client, alice, bob):
    login(client, alice)
    client.post("/tags/gardening/follow")
    do_create_post(bob, "tomatoes are in #gardening")
    assert "tomatoes are in" in client.get("/home").content.decode()


def test_unfollow_from_the_followed_hashtags_page(client, alice):
    do_follow_hashtag(alice, "cats")
    do_follow_hashtag(alice, "dogs")
    login(client, alice)
    response = client.post("/tags/cats/unfollow", {"next": "/followed_tags"})
    assert response.status_code == 302 and response["Location"] == "/followed_tags"
    body = client.get("/followed_tags").content.decode()
    assert "#dogs" in body and "#cats" not in body


def test_followed_hashtags_are_ones_own(client, alice, bob):
    do_follow_hashtag(bob, "bobstag")
    body = login(client, alice).get("/followed_tags").content.decode()
    assert "bobstag" not in body
    assert client.get("/followed_tags", follow=False).status_code == 200
    client.logout()
    assert client.get("/followed_tags").status_code == 302


def test_bad_hashtag_names_and_methods(client, alice):
    login(client, alice)
    assert client.post("/tags/no%20spaces/follow").status_code == 422
    assert client.post("/tags/" + "x" * 101 + "/follow").status_code == 422
    assert client.get("/tags/gardening/follow").status_code == 405
    assert not FollowedHashtag.objects.exists()
    # A name no hashtag can have shows no button.
    assert "/follow" not in client.get("/tags/no%20spaces").content.decode().split("<main")[1]


def test_following_a_hashtag_needs_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice.user)
    assert client.post("/tags/gardening/follow").status_code == 403
    assert not FollowedHashtag.objects.exists()


def test_followed_hashtags_in_french(client, alice):
    do_follow_hashtag(alice, "jardin")
    client.cookies["tribune_language"] = "fr"
    login(client, alice)
    body = client.get("/followed_tags").content.decode()
    assert "<h1>Mots-clés suivis</h1>" in body and "Ne plus suivre" in body
    assert "Followed hashtags" not in body and "Unfollow" not in body and "Public posts" not in body
    tag = client.get("/tags/jardin").content.decode()
    assert "Ne plus suivre" in tag and "Mots-clés que vous suivez" in tag
    settings = client.get("/settings").content.decode()
    assert "Listes et mots-clés" in settings and "Vos listes" in settings
