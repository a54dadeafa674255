"""Domain policies: block, limit, reject media; Mastodon CSV import/export; the administrator page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.actions import do_follow
from accounts.models import Account, Follow
from federation.actions import do_import_blocklist, do_set_domain_policy, export_blocklist
from federation.fetch import fetch_actor
from federation.models import DomainPolicy
from federation.policy import is_blocked, is_limited, rejects_media
from posts.models import Post
from tests.federation.peer import Peer

CSV = """#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate
spam.example,suspend,false,false,Spam farm,false
loud.example,silence,true,true,"Harassment, repeatedly",false
not a domain,suspend,false,false,,false
media.example,noop,true,false,,true
"""


def test_import_and_export_round_trip() -> None:
    applied, errors = do_import_blocklist(CSV)
    assert applied == 3 and len(errors) == 1 and "line 4" in errors[0]
    assert is_blocked("spam.example") and is_blocked("sub.spam.example") and not is_blocked("example")
    assert is_limited("loud.example") and rejects_media("loud.example") and rejects_media("media.example")
    exported = export_blocklist().splitlines()
    assert exported[0] == "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate"
    assert 'loud.example,silence,true,true,"Harassment, repeatedly",false' in exported
    DomainPolicy.objects.all().delete()
    assert do_import_blocklist(export_blocklist() + "\n")[0] == 0
    assert do_import_blocklist("\n".join(exported))[0] == 3


def test_suspending_a_domain_ends_follows(peer: Peer, alice: Account) -> None:
    remote = fetch_actor(peer.actor("zoe"))
    do_follow(remote, alice)
    alice.refresh_from_db()
    assert alice.followers_count == 1
    do_set_domain_policy(peer.domain, severity="suspend")
    assert not Follow.objects.filter(follower=remote).exists()
    alice.refresh_from_db()
    assert alice.followers_count == 0


def test_limit_and_reject_media(peer: Peer, alice: Account) -> None:
    from django.conf import settings
    from django.test import Client as TestClient

    do_set_domain_policy(peer.domain, severity="silence", reject_media=True)
    actor = peer.actor("zoe")
    remote = fetch_actor(actor)
    assert remote.limited and remote.avatar_remote_url == ""
    activity = peer.fixture("mastodon_create_note.json", local=settings.SITE_URL, actor="zoe")
    assert peer.deliver(TestClient(), activity, actor=actor).status_code == 202
    post = Post.objects.get(uri=activity["object"]["id"])
    assert not post.media.exists()


def test_admin_page(make_account) -> None:
    make_account("boss", staff=True)
    make_account("pleb")
    client = Client()
    assert client.get("/admin/federation").status_code == 302  # to the login page
    client.login(username="pleb", password="correct horse battery")
    assert client.get("/admin/federation").status_code == 403
    client.login(username="boss", password="correct horse battery")
    page = client.get("/admin/federation")
    assert page.status_code == 200 and b"Domain policies" in page.content
    response = client.post("/admin/federation", {"action": "set", "domain": "Bad.Example", "severity": "suspend"})
    assert response.status_code == 302 and is_blocked("bad.example")
    assert client.post("/admin/federation", {"action": "set", "domain": "no spaces allowed"}).status_code == 422
    upload = SimpleUploadedFile("blocks.csv", CSV.encode(), content_type="text/csv")
    assert client.post("/admin/federation", {"action": "import", "file": upload}).status_code == 302
    assert is_blocked("spam.example")
    export = client.get("/admin/federation/export.csv")
    assert export.status_code == 200 and b"spam.example,suspend" in export.content
    client.post("/admin/federation", {"action": "remove", "domain": "bad.example"})
    assert not is_blocked("bad.example")
