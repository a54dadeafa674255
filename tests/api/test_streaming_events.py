"""What a stream sends, poll by poll: visible posts only, notifications, deletions."""

from accounts.actions import do_follow
from api.views.streaming import Poller
from posts.actions import do_create_post, do_delete_post
from posts.models import Post


def test_public_stream_sends_only_what_may_be_seen(alice, bob) -> None:
    poller = Poller(bob, "public:local", "")
    do_create_post(alice, "private", visibility="private")
    do_create_post(alice, "direct @carol", visibility="direct")
    held = do_create_post(alice, "held")
    Post.objects.filter(pk=held.pk).update(moderation_state="held")
    public = do_create_post(alice, "public #news")
    events = poller.poll()
    assert [(name, data["id"]) for _s, name, data in events] == [("update", str(public.pk))]
    assert poller.poll() == []
    do_delete_post(alice, public)
    assert [(name, data) for _s, name, data in poller.poll()] == [("delete", str(public.pk))]


def test_user_stream_and_hashtag(alice, bob) -> None:
    do_follow(bob, alice)
    user = Poller(bob, "user", "")
    tag = Poller(None, "hashtag", "#News")
    private = do_create_post(alice, "for followers #news", visibility="private")
    public = do_create_post(alice, "@bob hello #news")
    user_events = [(name, data["id"]) for _s, name, data in user.poll()]
    assert ("update", str(private.pk)) in user_events and ("update", str(public.pk)) in user_events
    assert [name for name, _id in user_events].count("notification") == 1
    assert [data["id"] for _s, _name, data in tag.poll()] == [str(public.pk)]


def test_a_failing_poll_closes_the_websocket(monkeypatch) -> None:
    """A socket whose polling broke (the database gone, say) is closed, so the client
    reconnects, instead of staying open and silent."""
    import asyncio

    from api import websocket

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    class Broken:
        def poll(self) -> list:
            raise RuntimeError("database gone")

    monkeypatch.setattr(websocket, "POLL_SECONDS", 0.01)
    connection = websocket.Connection(send, None)
    connection.pollers[("public", "")] = Broken()  # type: ignore[assignment]
    asyncio.run(asyncio.wait_for(connection.pump(), 5))
    assert sent == [{"type": "websocket.close", "code": 1011}]


def test_websocket_messages_and_subscriptions_are_bounded() -> None:
    """A client cannot make the server parse huge messages or poll unbounded streams."""
    import asyncio
    import json

    from api import websocket

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(json.loads(message["text"]))

    async def scenario() -> None:
        connection = websocket.Connection(send, None)
        await connection.handle(json.dumps({"type": "subscribe", "stream": "public", "pad": "x" * 5000}))
        for n in range(websocket.MAX_SUBSCRIPTIONS + 1):
            await connection.handle(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": f"tag{n}"}))
        await connection.handle(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": "tag0"}))  # again: no-op
        assert len(connection.pollers) == websocket.MAX_SUBSCRIPTIONS
        await connection.handle(json.dumps({"type": "unsubscribe", "stream": "hashtag", "tag": "#TAG0"}))
        assert ("hashtag", "tag0") not in connection.pollers

    asyncio.run(scenario())
    assert sent == [
        {"error": "Unknown message", "status": 400},
        {"error": f"At most {websocket.MAX_SUBSCRIPTIONS} streams per connection", "status": 422},
    ]


def test_a_post_removed_by_a_moderator_is_deleted_from_streams(alice, bob, make_account) -> None:
    from moderation.actions import do_remove_post

    moderator = make_account("warden", staff=True).user
    stream = Poller(bob, "public:local", "")
    post = do_create_post(alice, "something a moderator will remove")
    assert [name for _s, name, _d in stream.poll()] == ["update"]
    do_remove_post(post, acting_user=moderator, reason="threat", policy="violence")
    assert [(name, data) for _s, name, data in stream.poll()] == [("delete", str(post.pk))]


def test_streams_never_send_the_id_of_a_post_the_viewer_could_not_have_seen(alice, bob, make_account) -> None:
    """Held posts (deleted by their author, or removed by a moderator) and posts of an account
    that blocked the viewer leave no `delete` event behind."""
    from accounts.actions import do_block
    from moderation.actions import do_remove_post

    moderator = make_account("warden", staff=True).user
    carol = make_account("carol")
    stream = Poller(bob, "public:local", "")
    held = [do_create_post(alice, f"held {n}") for n in range(2)]
    Post.objects.filter(pk__in=[p.pk for p in held]).update(moderation_state="held")
    blocker_post = do_create_post(carol, "seen, then I block bob")
    assert [data["id"] for _s, name, data in stream.poll() if name == "update"] == [str(blocker_post.pk)]
    do_block(carol, bob)
    do_delete_post(alice, Post.objects.get(pk=held[0].pk))
    do_remove_post(Post.objects.get(pk=held[1].pk), acting_user=moderator, reason="threat", policy="violence")
    do_delete_post(carol, blocker_post)
    assert stream.poll() == []


def test_edits_send_status_update_where_the_post_was_sent(alice, bob) -> None:
    from posts.actions import do_edit_post

    do_follow(bob, alice)
    post = do_create_post(alice, "first #news")
    user, public, tag = Poller(bob, "user", ""), Poller(None, "public", ""), Poller(None, "hashtag", "news")
    other_tag = Poller(None, "hashtag", "sport")
    for poller in (user, public, tag, other_tag):
        poller.last_post = post.pk  # the post was sent already
        assert poller.poll() == []
    do_edit_post(alice, post, "second #news")
    for poller in (user, public, tag):
        events = [(name, data["id"], data["content"]) for _s, name, data in poller.poll()]
        assert events == [("status.update", str(post.pk), post.content)]
        assert poller.poll() == []
    assert other_tag.poll() == []
    private = do_create_post(alice, "followers only", visibility="private")
    public.last_post = private.pk
    do_edit_post(alice, private, "followers only, edited")
    assert public.poll() == []


def test_direct_stream_sends_conversations(alice, bob, carol) -> None:
    bobs, carols = Poller(bob, "direct", ""), Poller(carol, "direct", "")
    do_create_post(alice, "public @bob")
    direct = do_create_post(alice, "@bob just for you", visibility="direct")
    events = bobs.poll()
    assert [(name, data["last_status"]["id"]) for _s, name, data in events] == [("conversation", str(direct.pk))]
    assert [a["acct"] for a in events[0][2]["accounts"]] == ["alice"]
    assert bobs.poll() == [] and carols.poll() == []
