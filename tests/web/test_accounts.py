from django.test import Client, override_settings

from accounts.actions import do_follow
from accounts.models import Account, Block, Follow, Mute, User
from posts.actions import do_create_post
from tests.web.helpers import HTMX


def test_signup_creates_account_and_logs_in(client: Client):
    page = client.get("/signup").content.decode()
    assert 'for="id_username"' in page and 'for="id_password"' in page
    response = client.post("/signup", {"username": "dora", "password": "a long enough passphrase", "email": ""})
    assert response.status_code == 302 and response["Location"] == "/home"
    user = User.objects.get(username="dora")
    assert Account.objects.filter(user=user, username="dora").exists()
    assert client.get("/home").status_code == 200


def test_signup_refuses_bad_input_with_messages(client, alice):
    bad = client.post("/signup", {"username": "no spaces allowed", "password": "a long enough passphrase"})
    assert bad.status_code == 422
    assert "letters, digits or underscores" in bad.content.decode()
    taken = client.post("/signup", {"username": "alice", "password": "a long enough passphrase"})
    assert taken.status_code == 422 and "taken" in taken.content.decode()
    weak = client.post("/signup", {"username": "erin", "password": "short"})
    assert weak.status_code == 422
    reserved = client.post("/signup", {"username": "admin", "password": "a long enough passphrase"})
    assert reserved.status_code == 422
    assert not User.objects.filter(username__in=["erin", "admin"]).exists()


@override_settings(REGISTRATIONS_OPEN=False)
def test_signup_closed(client):
    assert client.get("/signup").status_code == 403
    response = client.post("/signup", {"username": "fred", "password": "a long enough passphrase"})
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    assert not User.objects.filter(username="fred").exists()


def test_login_and_logout(client, alice):
    page = client.get("/login").content.decode()
    assert 'for="id_username"' in page
    wrong = client.post("/login", {"username": "alice", "password": "nope"})
    assert wrong.status_code == 200 and "Wrong username or password" in wrong.content.decode()
    response = client.post("/login", {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 302 and response["Location"] == "/home"
    assert "Log out" in client.get("/home").content.decode()
    response = client.post("/logout")
    assert response.status_code == 302
    assert client.get("/home").status_code == 302


def test_profile_tabs(client, alice, bob):
    do_create_post(alice, "top level post")
    other = do_create_post(bob, "bob's post")
    do_create_post(alice, "a reply to bob", in_reply_to=other)
    body = client.get("/@alice").content.decode()
    assert "Alice" in body and "top level post" in body and "a reply to bob" not in body
    replies = client.get("/@alice?tab=replies").content.decode()
    assert "a reply to bob" in replies
    media = client.get("/@alice?tab=media").content.decode()
    assert "top level post" not in media
    assert client.get("/@nobody").status_code == 404
    assert "does not exist" in client.get("/@nobody").content.decode()


def test_follow_unfollow_with_htmx_and_plain(client, alice, bob):
    client.force_login(alice.user)
    page = client.get("/@bob").content.decode()
    assert ">Follow<" in page
    response = client.post("/@bob/follow", **HTMX)
    assert response.status_code == 200
    assert "Unfollow" in response.content.decode() and "<html" not in response.content.decode()
    assert Follow.objects.filter(follower=alice, target=bob, state="accepted").exists()
    response = client.post("/@bob/unfollow")
    assert response.status_code == 302 and response["Location"] == "/@bob"
    assert not Follow.objects.filter(follower=alice, target=bob).exists()
    assert client.post("/@alice/follow").status_code == 422  # yourself


def test_locked_account_gets_a_request_accepted_on_the_requests_page(client, make_account, alice):
    dan = make_account("dan", locked=True)
    client.force_login(alice.user)
    assert "Request to follow" in client.get("/@dan").content.decode()
    client.post("/@dan/follow")
    assert Follow.objects.get(follower=alice, target=dan).state == "pending"
    assert "Cancel follow request" in client.get("/@dan").content.decode()
    client.force_login(dan.user)
    page = client.get("/follow_requests").content.decode()
    assert "@alice" in page
    response = client.post("/follow_requests/@alice/accept")
    assert response.status_code == 302
    assert Follow.objects.get(follower=alice, target=dan).state == "accepted"


def test_reject_follow_request(client, make_account, alice):
    dan = make_account("dan", locked=True)
    do_follow(alice, dan)
    client.force_login(dan.user)
    assert client.post("/follow_requests/@alice/reject", **HTMX).status_code == 200
    assert not Follow.objects.filter(follower=alice, target=dan).exists()
    assert client.post("/follow_requests/@alice/reject").status_code == 404


def test_block_and_mute(client, alice, bob):
    do_follow(alice, bob)
    client.force_login(alice.user)
    client.post("/@bob/mute")
    assert Mute.objects.filter(account=alice, target=bob).exists()
    client.post("/@bob/unmute")
    assert not Mute.objects.filter(account=alice, target=bob).exists()
    response = client.post("/@bob/block", **HTMX)
    assert "Unblock" in response.content.decode()
    assert Block.objects.filter(account=alice, target=bob).exists()
    assert not Follow.objects.filter(follower=alice, target=bob).exists()
    client.post("/@bob/unblock")
    assert not Block.objects.filter(account=alice, target=bob).exists()


def test_followers_and_following_lists(client, alice, bob, carol):
    do_follow(bob, alice)
    do_follow(carol, alice)
    followers = client.get("/@alice/followers").content.decode()
    assert "@bob" in followers and "@carol" in followers
    following = client.get("/@bob/following").content.decode()
    assert "@alice" in following and "@carol" not in following


def test_remote_profile_by_full_handle(client, alice):
    Account.objects.create(
        username="zoe", domain="remote.example", display_name="Zoe Far", uri="https://remote.example/users/zoe"
    )
    body = client.get("/@zoe@remote.example").content.decode()
    assert "Zoe Far" in body and "@zoe@remote.example" in body
    assert client.get("/@zoe").status_code == 404
    client.force_login(alice.user)
    client.post("/@zoe@remote.example/follow")
    assert Follow.objects.get(follower=alice, target__username="zoe").state == "pending"
