"""Real Mastodon clients against a real server process: Mastodon.py and the toot command line."""

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mastodon import Mastodon
from PIL import Image

from tests.live import LiveInstance, live_server

pytestmark = pytest.mark.server
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def server() -> Iterator[LiveInstance]:
    with live_server(
        TRIBUNE_OAUTH_PASSWORD_GRANT="1"
    ) as live:  # Mastodon.py log_in and toot login_cli use the password grant
        yield live


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def register(server: LiveInstance, username: str) -> tuple[Mastodon, str, str]:
    """Sign up through the API as an app would; returns the client and the app's credentials."""
    client_id, client_secret = Mastodon.create_app(
        f"{username}'s app", api_base_url=server.url, scopes=["read", "write", "follow", "push"]
    )
    app = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=server.url)
    token = app.create_account(username, PASSWORD, f"{username}@example.org", agreement=True, locale="en")
    return Mastodon(access_token=token, api_base_url=server.url), client_id, client_secret


def test_mastodon_py_flow(server: LiveInstance) -> None:
    alice, client_id, client_secret = register(server, "alice")
    bob, *_ = register(server, "bob")

    # Password log-in (the grant command-line clients use) gives a working token too.
    app = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=server.url)
    token = app.log_in("alice@example.org", PASSWORD, scopes=["read", "write", "follow"], allow_http=True)
    assert Mastodon(access_token=token, api_base_url=server.url).me()["username"] == "alice"

    me = alice.account_verify_credentials()
    assert me["acct"] == "alice" and me["source"]["privacy"] == "public"
    updated = alice.account_update_credentials(
        display_name="Alice A.", note="Hello", locked=True, fields=[("site", "https://example.org")]
    )
    assert updated["display_name"] == "Alice A." and updated["locked"] is True
    assert updated["fields"][0]["name"] == "site"

    # Bob follows locked Alice: a request until she approves it.
    relation = bob.account_follow(me["id"])
    assert relation["requested"] is True and relation["following"] is False
    requests = alice.follow_requests()
    assert [a["acct"] for a in requests] == ["bob"]
    alice.follow_request_authorize(requests[0]["id"])
    assert bob.account_relationships(me["id"])[0]["following"] is True

    # A post with an image and a hashtag, a reply, an echo, an upvote.
    media = alice.media_post(png(), mime_type="image/png", description="a red square")
    assert media["type"] == "image" and media["description"] == "a red square"
    post = alice.status_post("Hello #tribune", media_ids=[media["id"]], visibility="public")
    assert post["media_attachments"][0]["id"] == media["id"]
    assert post["tags"][0]["name"] == "tribune"
    reply = bob.status_post("Welcome!", in_reply_to_id=post["id"])
    assert reply["in_reply_to_id"] == post["id"]
    echo = bob.status_reblog(post["id"])
    assert echo["reblog"]["id"] == post["id"]
    upvoted = bob.status_favourite(post["id"])
    assert upvoted["favourited"] is True and upvoted["favourites_count"] == 1
    context = alice.status_context(post["id"])
    assert [s["id"] for s in context["descendants"]] == [reply["id"]]

    # Timelines, with paging through the Link header.
    for i in range(5):
        alice.status_post(f"Post number {i} #tribune")
    home = bob.timeline_home(limit=3)
    assert len(home) == 3
    older = bob.fetch_next(home)
    assert older and all(int(s["id"]) < int(home[-1]["id"]) for s in older)
    public = alice.timeline_public(local=True, limit=2)
    assert len(public) == 2
    tagged = bob.timeline_hashtag("tribune", limit=10)
    assert post["id"] in [s["id"] for s in tagged]

    # Search finds the person and the tag.
    found = bob.search_v2("alice", resolve=False)
    assert "alice" in [a["acct"] for a in found["accounts"]]

    # Notifications: the follow request, the reply, the echo and the upvote reached Alice.
    kinds = {n["type"] for n in alice.notifications()}
    assert {"mention", "reblog", "favourite"} <= kinds
    mentions = alice.notifications(types=["mention"])
    assert mentions and all(n["type"] == "mention" for n in mentions)
    alice.notifications_clear()
    assert alice.notifications() == []

    # Edit (with history) and delete (returning the text for a redraft).
    edited = alice.status_update(post["id"], "Hello again #tribune", media_ids=[media["id"]])
    assert "Hello again" in edited["content"] and edited["edited_at"]
    assert len(alice.status_history(post["id"])) == 2
    assert alice.status_source(post["id"])["text"] == "Hello again #tribune"
    deleted = bob.status_delete(reply["id"])
    assert deleted["text"] == "Welcome!"

    # Reports reach moderation.
    report = alice.report(bob.me()["id"], status_ids=[echo["id"]], comment="testing", category="spam")
    assert report["target_account"]["acct"] == "bob"


def toot(server: LiveInstance, config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "HOME": str(config)}
    return subprocess.run(
        [str(Path(sys.executable).parent / "toot"), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_toot_command_line(server: LiveInstance, tmp_path: Path) -> None:
    register(server, "carol")
    dave, *_ = register(server, "dave")
    dave.account_update_credentials(locked=True)
    login = toot(
        server, tmp_path, "login_cli", "--instance", server.url, "--email", "carol@example.org", "--password", PASSWORD
    )
    assert login.returncode == 0, login.stderr + login.stdout
    whoami = toot(server, tmp_path, "whoami", "--json")
    assert whoami.returncode == 0, whoami.stderr
    carol_id = json.loads(whoami.stdout)["id"]

    image = tmp_path / "red.png"
    image.write_bytes(png())
    posted = toot(
        server, tmp_path, "post", "Posted from toot #cli", "--media", str(image), "--description", "red", "--json"
    )
    assert posted.returncode == 0, posted.stderr + posted.stdout
    status = json.loads(posted.stdout)
    assert status["media_attachments"][0]["description"] == "red"
    reply = toot(server, tmp_path, "post", "A reply from toot", "--reply-to", status["id"], "--json")
    assert json.loads(reply.stdout)["in_reply_to_id"] == status["id"]

    # Interactions with someone else's post, seen from their side.
    theirs = dave.status_post("Dave's thoughts #cli")
    assert toot(server, tmp_path, "favourite", theirs["id"]).returncode == 0
    assert toot(server, tmp_path, "reblog", theirs["id"]).returncode == 0
    assert [a["acct"] for a in dave.status_favourited_by(theirs["id"])] == ["carol"]
    assert [a["acct"] for a in dave.status_reblogged_by(theirs["id"])] == ["carol"]

    # Following a locked account: a request until it is approved.
    assert toot(server, tmp_path, "follow", "dave").returncode == 0
    dave.follow_request_authorize(carol_id)
    following = toot(server, tmp_path, "following", "carol", "--json")
    assert [a["acct"] for a in json.loads(following.stdout)] == ["dave"]

    timeline = toot(server, tmp_path, "timeline", "--public", "--local", "--once")
    assert timeline.returncode == 0, timeline.stderr
    assert "Posted from toot" in timeline.stdout and "Dave's thoughts" in timeline.stdout
    found = toot(server, tmp_path, "search", "dave", "--json")
    assert found.returncode == 0, found.stderr
    assert "dave" in [a["acct"] for a in json.loads(found.stdout)["accounts"]]

    dave.status_post("@carol hello there")
    notes = toot(server, tmp_path, "notifications", "--json")
    assert notes.returncode == 0, notes.stderr
    assert "mention" in [n["type"] for n in json.loads(notes.stdout)]
    assert toot(server, tmp_path, "notifications", "--clear").returncode == 0
    assert json.loads(toot(server, tmp_path, "notifications", "--json").stdout) == []

    assert toot(server, tmp_path, "delete", status["id"]).returncode == 0
    assert toot(server, tmp_path, "status", status["id"]).returncode != 0
