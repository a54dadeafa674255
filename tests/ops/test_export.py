"""A person takes their data elsewhere: export ZIP (outbox, media, CSV files), and import of the CSV files."""

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.test import Client

from accounts.models import Account, Block, Follow, Mute
from ops.export import import_csv, write_export
from posts.models import Bookmark, Post


def _export(account: Account) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    write_export(account, buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _csv(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode())))


def test_export_holds_posts_media_and_relations(populated: dict[str, Any]) -> None:
    alice = Account.objects.get(username="alice", domain="")
    archive = _export(alice)
    outbox = json.loads(archive.read("outbox.json"))
    assert outbox["type"] == "OrderedCollection"
    creates = [item for item in outbox["orderedItems"] if item["type"] == "Create"]
    assert outbox["totalItems"] == len(outbox["orderedItems"]) == Post.objects.filter(author=alice).count()
    texts = {item["object"]["source"]["content"] for item in creates}
    assert texts == set(Post.objects.filter(author=alice).values_list("text", flat=True))
    first = next(i["object"] for i in creates if "photo" in i["object"]["source"]["content"])
    assert first["type"] == "Note" and first["attributedTo"] == alice.actor_uri()
    assert "https://www.w3.org/ns/activitystreams#Public" in first["to"]
    assert {"type": "Hashtag", "name": "#tribune", "href": f"{settings.SITE_URL}/tags/tribune"} in first["tag"]
    assert len(first["attachment"]) == 2
    for attachment in first["attachment"]:
        stored = attachment["url"].removeprefix("media_attachments/")
        assert archive.read(attachment["url"]) == (Path(settings.MEDIA_ROOT) / stored).read_bytes()
    direct = next(i for i in creates if i["object"]["source"]["content"] == "@bob a secret")
    assert "https://www.w3.org/ns/activitystreams#Public" not in direct["to"] + direct["cc"]

    following = _csv(archive, "following_accounts.csv")
    assert following[0] == ["Account address", "Show boosts", "Notify on new posts", "Languages"]
    assert sorted(row[0] for row in following[1:]) == [f"carol@{settings.DOMAIN}", "zoe@remote.example"]
    actor = json.loads(archive.read("actor.json"))
    assert actor["preferredUsername"] == "alice" and actor["publicKey"]["publicKeyPem"] == alice.public_key


def test_export_keeps_held_posts_and_leaves_out_removed_ones(populated: dict[str, Any]) -> None:
    dave = Account.objects.get(username="dave")
    outbox = json.loads(_export(dave).read("outbox.json"))
    texts = [item["object"]["source"]["content"] for item in outbox["orderedItems"]]
    assert "something a moderator holds" in texts
    assert "something a moderator removed" not in texts


def test_csv_files_import_onto_another_account(populated: dict[str, Any], make_account: Any) -> None:
    bob = Account.objects.get(username="bob")
    archive = _export(bob)
    assert _csv(archive, "muted_accounts.csv") == [
        ["Account address", "Hide notifications"],
        [f"dave@{settings.DOMAIN}", "false"],
    ]
    assert len(_csv(archive, "bookmarks.csv")) == 1
    newbob = make_account("newbob")
    following = (
        archive.read("following_accounts.csv") + b"nobody@unknown.example,true,false,\nnot an address!,true,false,\n"
    )
    report = import_csv(newbob, "following", following)
    assert report.done == 1
    assert [what for what, _why in report.failed] == ["nobody@unknown.example", "not an address!"]
    assert "unknown account" in report.failed[0][1]
    assert list(Follow.objects.filter(follower=newbob).values_list("target__username", flat=True)) == ["alice"]
    assert import_csv(newbob, "mutes", archive.read("muted_accounts.csv")).done == 1
    mute = Mute.objects.get(account=newbob)
    assert mute.target.username == "dave" and mute.notifications is False
    assert import_csv(newbob, "bookmarks", archive.read("bookmarks.csv")).done == 1
    assert Bookmark.objects.get(account=newbob).post_id == Bookmark.objects.get(account=bob).post_id
    carol = Account.objects.get(username="carol")
    blocks = _export(carol).read("blocked_accounts.csv")
    assert blocks.decode() == f"dave@{settings.DOMAIN}\n"
    assert import_csv(newbob, "blocks", blocks).done == 1
    assert Block.objects.filter(account=newbob, target__username="dave").exists()


def test_import_refuses_what_is_not_csv(alice: Account) -> None:
    from tribune.lib.errors import ActionError

    for data, message in [(b"\xff\xfe\x00bad", "UTF-8"), (b"x" * (6 * 1024 * 1024), "too large")]:
        try:
            import_csv(alice, "blocks", data)
        except ActionError as error:
            assert message in error.message
        else:
            raise AssertionError("accepted")
    try:
        import_csv(alice, "lists", b"a@b.c\n")
    except ActionError as error:
        assert "Unknown import type" in error.message


def test_settings_pages(populated: dict[str, Any]) -> None:
    client = Client()
    assert client.get("/settings/export").status_code == 302  # log in first
    assert client.login(username="bob", password="correct horse battery")
    page = client.get("/settings/export")
    assert page.status_code == 200 and b"Download" in page.content
    download = client.post("/settings/export")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="tribune-export-bob.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))  # type: ignore[attr-defined]
    assert {"outbox.json", "following_accounts.csv", "bookmarks.csv"} <= set(archive.namelist())

    form = client.get("/settings/import")
    assert form.status_code == 200 and b'name="kind"' in form.content
    upload = io.BytesIO(f"carol@{settings.DOMAIN}\nghost@nowhere.example\n".encode())
    upload.name = "blocked_accounts.csv"
    done = client.post("/settings/import", {"kind": "blocks", "file": upload})
    assert done.status_code == 200
    assert b"blocks: 1 imported" in done.content and b"ghost@nowhere.example" in done.content
    assert Block.objects.filter(account__username="bob", target__username="carol").exists()
    bad = io.BytesIO(b"\xff\xfe\x00")
    bad.name = "x.csv"
    refused = client.post("/settings/import", {"kind": "blocks", "file": bad})
    assert refused.status_code == 422 and b"UTF-8" in refused.content


def test_export_command(populated: dict[str, Any], tmp_path: Path) -> None:
    output = tmp_path / "alice.zip"
    call_command("export", "alice", output=str(output))
    assert "outbox.json" in zipfile.ZipFile(output).namelist()


def test_api_export_with_a_bearer_token(populated: dict[str, Any]) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from oauth2_provider.models import AccessToken, Application

    bob = Account.objects.get(username="bob")
    app = Application.objects.create(
        name="client",
        client_type="public",
        authorization_grant_type="authorization-code",
        redirect_uris="urn:ietf:wg:oauth:2.0:oob",
    )
    AccessToken.objects.create(
        user=bob.user, application=app, token="bob-token", scope="read", expires=timezone.now() + timedelta(hours=1)
    )
    client = Client()
    assert client.get("/api/tribune/v1/export").status_code == 401
    assert client.get("/api/tribune/v1/export", headers={"Authorization": "Bearer wrong"}).status_code == 401
    response = client.get("/api/tribune/v1/export", headers={"Authorization": "Bearer bob-token"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert json.loads(archive.read("actor.json"))["preferredUsername"] == "bob"
