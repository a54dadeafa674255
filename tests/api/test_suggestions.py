"""Who to follow and the profile directory: never a limited, suspended, undiscoverable or blocked account."""

from django.utils import timezone

from accounts.actions import do_follow
from posts.actions import do_create_post


def test_suggestions_and_directory(api_as, anon, alice, bob, carol, make_account) -> None:
    dave, eve, hidden, rude = (make_account(n) for n in ("dave", "eve", "hidden", "rude"))
    for person in (alice, carol, dave, eve, hidden):
        do_create_post(person, "hello")
    for target in (carol, dave, eve, hidden, rude):
        do_follow(bob, target)
    do_follow(alice, bob)
    dave.limited = True
    dave.save()
    eve.suspended_at = timezone.now()
    eve.save()
    hidden.discoverable = False
    hidden.save()
    client = api_as(alice)
    client.post(f"/api/v1/accounts/{rude.pk}/block")
    v2 = client.get("/api/v2/suggestions").json()
    assert [(s["account"]["acct"], s["sources"]) for s in v2][0] == ("carol", ["friends_of_friends"])
    suggested = {s["account"]["acct"] for s in v2}
    assert not suggested & {"alice", "bob", "dave", "eve", "hidden", "rude"}
    assert client.delete(f"/api/v1/suggestions/{carol.pk}").json() == {}
    assert "carol" not in [a["acct"] for a in client.get("/api/v1/suggestions").json()]

    listed = [a["acct"] for a in anon.get("/api/v1/directory", {"local": "true"}).json()]
    assert set(listed) == {"alice", "carol"}  # with posts, discoverable, neither limited nor suspended
    newest = [a["acct"] for a in anon.get("/api/v1/directory", {"order": "new"}).json()]
    assert newest == ["carol", "alice"]
