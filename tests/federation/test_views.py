"""Discovery and ActivityPub documents: WebFinger, host-meta, actors, collections, notes."""

from django.conf import settings
from django.test import Client, override_settings

from accounts.actions import do_follow, do_update_profile
from accounts.models import Account
from posts.actions import do_create_post, do_delete_post
from tribune.lib.signatures import parse_signature_header

AP = "application/activity+json"
LD = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


def test_webfinger_and_host_meta(alice: Account) -> None:
    response = Client().get(f"/.well-known/webfinger?resource=acct:alice@{settings.DOMAIN}")
    assert response.status_code == 200
    data = response.json()
    assert data["subject"] == f"acct:alice@{settings.DOMAIN}"
    self_link = next(link for link in data["links"] if link["rel"] == "self")
    assert self_link == {"rel": "self", "type": AP, "href": f"{settings.SITE_URL}/users/alice"}
    assert Client().get("/.well-known/webfinger?resource=acct:nobody@" + settings.DOMAIN).status_code == 404
    assert Client().get("/.well-known/webfinger?resource=acct:alice@elsewhere.example").status_code == 404
    assert Client().get("/.well-known/webfinger").status_code == 400
    meta = Client().get("/.well-known/host-meta")
    assert b"lrdd" in meta.content and b"/.well-known/webfinger?resource={uri}" in meta.content


def test_actor_document_and_content_negotiation(alice: Account) -> None:
    do_update_profile(alice, bio="Hi #there", fields=[{"name": "Site", "value": "https://alice.example"}], locked=True)
    for accept in (AP, LD):
        response = Client().get("/users/alice", HTTP_ACCEPT=accept)
        assert response.status_code == 200 and response["Content-Type"].startswith(AP)
    doc = response.json()
    assert doc["type"] == "Person" and doc["preferredUsername"] == "alice"
    assert doc["manuallyApprovesFollowers"] is True
    assert doc["inbox"].endswith("/users/alice/inbox") and doc["endpoints"]["sharedInbox"].endswith("/inbox")
    assert doc["publicKey"]["id"] == f"{settings.SITE_URL}/users/alice#main-key"
    assert doc["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert doc["attachment"] == [{"type": "PropertyValue", "name": "Site", "value": "https://alice.example"}]
    assert doc["featured"].endswith("/collections/featured")
    browser = Client().get("/users/alice", HTTP_ACCEPT="text/html")
    assert browser.status_code == 302 and browser["Location"].endswith("/@alice")
    assert Client().get("/users/nobody", HTTP_ACCEPT=AP).status_code == 404
    # The key is made once and kept.
    again = Client().get("/users/alice", HTTP_ACCEPT=AP).json()
    assert again["publicKey"]["publicKeyPem"] == doc["publicKey"]["publicKeyPem"]


def test_instance_actor() -> None:
    doc = Client().get("/actor", HTTP_ACCEPT=AP).json()
    assert doc["id"] == f"{settings.SITE_URL}/actor" and doc["type"] == "Application"
    assert doc["publicKey"]["owner"] == doc["id"]


def test_outbox_pages_public_posts_only(alice: Account) -> None:
    for i in range(25):
        do_create_post(alice, f"public {i}")
    do_create_post(alice, "followers only", visibility="private")
    do_create_post(alice, "secret", visibility="direct")
    top = Client().get("/users/alice/outbox", HTTP_ACCEPT=AP).json()
    assert top["type"] == "OrderedCollection" and top["totalItems"] == 25
    page1 = Client().get(top["first"].replace(settings.SITE_URL, ""), HTTP_ACCEPT=AP).json()
    assert len(page1["orderedItems"]) == 20 and "next" in page1
    page2 = Client().get(page1["next"].replace(settings.SITE_URL, ""), HTTP_ACCEPT=AP).json()
    assert len(page2["orderedItems"]) == 5
    contents = [a["object"]["content"] for a in page1["orderedItems"] + page2["orderedItems"]]
    assert all("public" in c for c in contents)
    assert page1["orderedItems"][0]["type"] == "Create"


def test_followers_collection_hides_members_of_locked_accounts(alice: Account, bob: Account, carol: Account) -> None:
    do_follow(bob, alice)
    doc = Client().get("/users/alice/followers?page=1", HTTP_ACCEPT=AP).json()
    assert doc["orderedItems"] == [bob.actor_uri()]
    do_update_profile(carol, locked=True)
    do_follow(alice, carol)
    from accounts.actions import do_accept_follow_request

    do_accept_follow_request(carol, alice)
    locked = Client().get("/users/carol/followers?page=1", HTTP_ACCEPT=AP).json()
    assert locked["totalItems"] == 1 and "orderedItems" not in locked and "first" not in locked
    following = Client().get("/users/alice/following", HTTP_ACCEPT=AP).json()
    assert following["totalItems"] == 1


def test_note_document_respects_visibility(alice: Account) -> None:
    post = do_create_post(alice, "Hello #world @bob", spoiler_text="cw")
    doc = Client().get(f"/users/alice/statuses/{post.pk}", HTTP_ACCEPT=AP).json()
    assert doc["type"] == "Note" and doc["summary"] == "cw" and doc["sensitive"] is True
    assert doc["to"] == ["https://www.w3.org/ns/activitystreams#Public"]
    assert {"type": "Hashtag", "href": f"{settings.SITE_URL}/tags/world", "name": "#world"} in doc["tag"]
    private = do_create_post(alice, "for followers", visibility="private")
    assert Client().get(f"/users/alice/statuses/{private.pk}", HTTP_ACCEPT=AP).status_code == 404
    do_delete_post(alice, post)
    gone = Client().get(f"/users/alice/statuses/{post.pk}", HTTP_ACCEPT=AP)
    assert gone.status_code == 410 and gone.json()["type"] == "Tombstone"


@override_settings(AUTHORIZED_FETCH=True)
def test_authorized_fetch_requires_signed_gets(alice: Account) -> None:
    post = do_create_post(alice, "hello")
    assert Client().get(f"/users/alice/statuses/{post.pk}", HTTP_ACCEPT=AP).status_code == 401
    assert Client().get("/users/alice/outbox", HTTP_ACCEPT=AP).status_code == 401
    for collection in ("followers", "following", "collections/featured"):
        assert Client().get(f"/users/alice/{collection}", HTTP_ACCEPT=AP).status_code == 401, collection
    # The actor stays fetchable unsigned, with its key only.
    doc = Client().get("/users/alice", HTTP_ACCEPT=AP).json()
    assert "publicKey" in doc and "attachment" not in doc


def test_signed_get_of_a_note_under_authorized_fetch(alice: Account, bob: Account) -> None:
    from federation.keys import signer_for
    from tribune.lib.signatures import sign_request

    post = do_create_post(alice, "hello")
    signer = signer_for(bob)
    headers = sign_request(
        "GET", f"http://testserver/users/alice/statuses/{post.pk}", key_id=signer.key_id,
        private_key_pem=signer.private_key_pem, headers={"Accept": AP},
    )  # fmt: skip
    assert "accept" in parse_signature_header(headers["Signature"]).headers
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
    with override_settings(AUTHORIZED_FETCH=True):
        response = Client().get(f"/users/alice/statuses/{post.pk}", **meta)
    assert response.status_code == 200, response.content
    assert response.json()["id"] == post.activity_uri()
