"""Personal domain blocks: a blocked server's accounts leave one's timelines and notifications."""

from django.conf import settings

from accounts.access import blocks
from accounts.models import Account, Follow
from posts.access import visible_posts
from posts.actions import do_create_post, do_reblog


def test_blocking_a_server(api_as, alice, bob) -> None:
    client = api_as(alice)
    eve = Account.objects.create(
        username="eve", domain="remote.example", uri="https://remote.example/u/eve", following_count=1
    )
    Account.objects.filter(pk=alice.pk).update(followers_count=1)
    Follow.objects.create(follower=eve, target=alice, state=Follow.State.ACCEPTED)
    loud = do_create_post(eve, "@alice hello from far away")
    mine = do_create_post(bob, "from here")

    def public() -> list[str]:
        return [s["id"] for s in client.get("/api/v1/timelines/public").json()]

    assert str(loud.pk) in public()
    assert [n["account"]["id"] for n in client.get("/api/v1/notifications").json()] == [str(eve.pk)]

    assert client.post("/api/v1/domain_blocks", {"domain": "Remote.Example"}).json() == {}
    assert client.post("/api/v1/domain_blocks", {"domain": "remote.example"}).status_code == 200  # idempotent
    assert client.get("/api/v1/domain_blocks").json() == ["remote.example"]
    assert public() == [str(mine.pk)]
    assert client.get(f"/api/v1/statuses/{loud.pk}").status_code == 404
    assert client.get("/api/v1/notifications").json() == []
    assert not Follow.objects.filter(follower=eve, target=alice).exists()
    do_create_post(eve, "@alice are you there?")
    assert client.get("/api/v1/notifications").json() == []
    assert str(loud.pk) in [s["id"] for s in api_as(bob).get("/api/v1/timelines/public").json()]  # alice's only

    echo = do_reblog(bob, loud)
    assert str(echo.pk) not in [s["id"] for s in client.get("/api/v1/timelines/public").json()]
    assert client.get("/api/v1/accounts/search", {"q": "@eve@remote.example"}).json() == []
    blocked = blocks(alice)
    assert blocked.domains == {"remote.example"} and eve.pk not in blocked.ids, "servers stay names, not ids"
    assert loud.pk not in [p.pk for p in visible_posts(alice)] and loud.pk in [p.pk for p in visible_posts(bob)]

    assert client.post("/api/v1/domain_blocks", {"domain": settings.DOMAIN}).status_code == 422
    assert client.post("/api/v1/domain_blocks", {"domain": "not a domain"}).status_code == 422
    assert client.delete("/api/v1/domain_blocks?domain=https://Remote.Example/").json() == {}  # read as blocked
    assert client.get("/api/v1/domain_blocks").json() == []
    assert client.delete("/api/v1/domain_blocks?domain=not a domain").status_code == 200
    assert str(loud.pk) in public()
