"""What local actions send: the activities' shapes, addressing and recipients."""

from accounts.actions import do_block, do_follow, do_unfollow, do_update_profile
from accounts.models import Account
from federation.fetch import fetch_actor, fetch_post
from federation.keys import do_rotate_key
from posts.actions import do_create_post, do_delete_post, do_edit_post, do_reblog, do_remove_upvote, do_upvote
from tests.federation.peer import Peer
from tribune.lib.signatures import parse_signature_header

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _sent(peer: Peer, kind: str) -> list[tuple[str, dict]]:
    return [(path, body) for path, body, _h in peer.received if body["type"] == kind]


def test_direct_post_goes_only_to_the_mentioned_persons_inbox(peer: Peer, alice: Account) -> None:
    follower = fetch_actor(peer.actor("fan"))
    do_follow(follower, alice)
    fetch_actor(peer.actor("friend"))
    peer.received.clear()
    do_create_post(alice, f"@friend@{peer.domain} a secret", visibility="direct")
    [(path, create)] = _sent(peer, "Create")
    assert path == "/users/friend/inbox"
    assert create["object"]["to"] == [f"{peer.base}/users/friend"] and create["object"]["cc"] == []
    assert PUBLIC not in create["to"] + create["cc"]


def test_followers_only_and_unlisted_addressing(peer: Peer, alice: Account) -> None:
    do_follow(fetch_actor(peer.actor("fan")), alice)
    peer.received.clear()
    do_create_post(alice, "followers", visibility="private")
    do_create_post(alice, "quiet", visibility="unlisted")
    private, unlisted = (body["object"] for _p, body in _sent(peer, "Create"))
    followers = f"{alice.actor_uri()}/followers"
    assert private["to"] == [followers] and PUBLIC not in private["cc"]
    assert unlisted["to"] == [followers] and PUBLIC in unlisted["cc"]


def test_interactions_with_a_remote_post(peer: Peer, alice: Account) -> None:
    author = peer.actor("zoe")
    note_id = f"{peer.base}/users/zoe/statuses/1"
    peer.documents["/users/zoe/statuses/1"] = {
        "id": note_id, "type": "Note", "attributedTo": author, "content": "<p>remote</p>",
        "to": [PUBLIC], "cc": [], "published": "2024-01-01T00:00:00Z",
    }  # fmt: skip
    post = fetch_post(note_id)
    assert post.author.uri == author and post.content == "<p>remote</p>"
    peer.received.clear()
    do_upvote(alice, post)
    do_remove_upvote(alice, post)
    echo = do_reblog(alice, post)
    do_delete_post(alice, echo)
    reply = do_create_post(alice, "a reply", in_reply_to=post)
    sent = [(path, body) for path, body, _h in peer.received]
    kinds = [body["type"] for _p, body in sent]
    assert kinds == ["Like", "Undo", "Announce", "Undo", "Create"]
    like = sent[0][1]
    assert like["object"] == note_id and sent[0][0] == "/inbox"  # the server's shared inbox
    assert sent[1][1]["object"]["type"] == "Like"
    assert sent[2][1]["object"] == note_id
    assert sent[3][1]["object"]["type"] == "Announce"
    create = sent[4][1]
    assert create["object"]["inReplyTo"] == note_id and create["object"]["id"] == reply.activity_uri()
    assert author in create["object"]["cc"]  # the replied-to person is mentioned


def test_edit_delete_follow_block_and_profile_update(peer: Peer, alice: Account) -> None:
    remote = fetch_actor(peer.actor("zoe"))
    do_follow(remote, alice)
    post = do_create_post(alice, "first")
    do_edit_post(alice, post, "second")
    do_delete_post(alice, post)
    do_update_profile(alice, display_name="Alice A.")
    do_rotate_key(alice)
    [(_p, update_person), (_p2, rotated)] = [
        (p, b) for p, b in _sent(peer, "Update") if b["object"]["type"] == "Person"
    ]
    assert update_person["object"]["name"] == "Alice A."
    alice.refresh_from_db()
    assert rotated["object"]["publicKey"]["publicKeyPem"] == alice.public_key
    [(_p, update_note)] = [(p, b) for p, b in _sent(peer, "Update") if b["object"]["type"] == "Note"]
    assert "second" in update_note["object"]["content"]
    [(_p, delete)] = _sent(peer, "Delete")
    assert delete["object"] == {"id": post.activity_uri(), "type": "Tombstone"}
    target = fetch_actor(peer.actor("other"))
    do_follow(alice, target)
    do_unfollow(alice, target)
    do_block(alice, target)
    follow = _sent(peer, "Follow")[-1][1]
    undo = _sent(peer, "Undo")[-1][1]
    assert undo["object"]["id"] == follow["id"] and undo["object"]["type"] == "Follow"
    block = _sent(peer, "Block")[-1]
    assert block[0] == "/users/other/inbox" and block[1]["object"] == target.uri
    # Every request was signed with the sender's key, covering the digest.
    for _path, _body, headers in peer.received:
        assert "digest" in parse_signature_header(headers["Signature"]).headers
