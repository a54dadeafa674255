"""Backup on one engine, restore on the other and back: everything observable is identical."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings

from accounts.models import Account
from ops.backup.create import create_backup
from ops.backup.dump import instance_fingerprint
from ops.backup.progress import Progress
from posts.models import MediaAttachment, Post
from tests.ops.conftest import other_engine, this_engine


def test_backup_restores_identically_on_the_other_engine_and_back(
    populated: dict[str, Any], key_files: dict[str, bytes], make_target: Any, tmp_path: Path
) -> None:
    before = instance_fingerprint()
    # The instance has what the restore must bring back: rows of every kind, media files, keys.
    assert before["tables"]["posts.post"]["rows"] >= 36
    assert before["tables"]["accounts.follow"]["rows"] == 4
    assert before["tables"]["posts.mediaattachment"]["rows"] == 2
    assert len(before["media"]) == 4  # two images and their thumbnails
    local = Account.objects.filter(domain="")
    assert local.count() == 5 and not local.filter(private_key="").exists()  # every local account has its key
    assert before["tables"]["moderation.auditentry"]["rows"] >= 1
    assert before["tables"]["moderation.report"]["rows"] == 1
    assert before["tables"]["moderation.queueitem"]["rows"] >= 1

    archive = tmp_path / "first.tar.zst"
    result = create_backup(archive, progress=Progress(quiet=True))
    assert result.manifest["engine"] == this_engine()
    assert result.manifest["media"]["files"] == 4
    assert "config/secret_key" in result.manifest["parts"]
    assert result.manifest["parts"]["config/secret_key"]["sensitive"] is True
    assert "keys/keys/instance.pem" in result.manifest["parts"]

    # To the other engine, through the command a person runs on the new host.
    other = make_target(other_engine(), "other")
    restored = other.tribune("restore", str(archive))
    assert "Restored" in restored.stdout
    after = json.loads(other.tribune("backup", "fingerprint").stdout)
    assert after == before
    assert (other.data_dir / "secret_key").read_bytes() == key_files["secret_key"]
    assert (other.data_dir / "keys/instance.pem").read_bytes() == key_files["keys/instance.pem"]
    for media in MediaAttachment.objects.all():
        for field in (media.file, media.thumbnail):
            copied = other.data_dir / "media" / field.name
            assert copied.read_bytes() == (Path(settings.MEDIA_ROOT) / field.name).read_bytes()

    # The search index (engine-specific, derived from posts) is rebuilt on the new engine.
    found = other.tribune(
        "shell",
        "--no-imports",
        "-c",
        "from search.index import index_rows; from django.db import connection; c = connection.cursor();"
        "c.execute('SELECT COUNT(*) FROM ' + ('search_post_fts' if connection.vendor == 'sqlite' else 'search_post_document'));"
        "print(c.fetchone()[0])",
    )
    assert int(found.stdout.split()[-1]) == Post.objects.filter(reblog_of__isnull=True, deleted_at__isnull=True).count()

    # And back to this engine from a backup taken on the restored instance.
    second = tmp_path / "second.tar.gz"
    other.tribune("backup", "--output", str(second))
    back = make_target(this_engine(), "back")
    back.tribune("restore", str(second))
    assert json.loads(back.tribune("backup", "fingerprint").stdout) == before


def test_restored_instance_serves_the_same_ids_and_keys(
    populated: dict[str, Any], make_target: Any, tmp_path: Path
) -> None:
    from notifications.vapid import vapid_public_key

    vapid = vapid_public_key()  # push subscriptions were made against it: the new host must keep it
    archive = tmp_path / "instance.tar"
    create_backup(archive, progress=Progress(quiet=True))
    target = make_target(other_engine(), "serve")
    target.tribune("restore", "--quiet", str(archive))
    script = (
        "from accounts.models import Account; from posts.models import Post; import json;"
        "a = Account.objects.get(username='alice', domain='');"
        "print(json.dumps({'id': a.pk, 'key': a.private_key, 'posts': sorted(Post.objects.filter(author=a).values_list('id', flat=True)),"
        "'new': __import__('posts.actions', fromlist=['x']).do_create_post(a, 'first post on the new host').pk > 0,"
        "'tag': __import__('posts.models', fromlist=['x']).Hashtag.objects.create(name='newtag').pk,"
        "'vapid': __import__('notifications.vapid', fromlist=['x']).vapid_public_key()}))"
    )
    seen = json.loads(target.tribune("shell", "--no-imports", "-c", script).stdout)
    alice = populated["alice"]
    alice.refresh_from_db()
    assert seen["id"] == alice.pk
    assert seen["key"] == alice.private_key
    assert seen["posts"] == sorted(Post.objects.filter(author=alice).values_list("id", flat=True))
    assert seen["new"] is True
    assert seen["vapid"] == vapid
    # Sequences continue after the restored ids (PostgreSQL needs them reset after an explicit-id load).
    from posts.models import Hashtag

    assert seen["tag"] > max(Hashtag.objects.values_list("id", flat=True))


def test_a_new_host_whose_service_made_its_own_keys_is_still_empty(
    populated: dict[str, Any], make_target: Any, tmp_path: Path
) -> None:
    """install.sh starts the web service before the restore: the instance actor's key and the push
    key pair it makes on first use hold nothing of anyone's, and the old host's replace them."""
    from federation.keys import instance_keys
    from notifications.vapid import ensure_vapid_keys

    old_key, old_push = instance_keys()[1], ensure_vapid_keys()["public"]
    archive = tmp_path / "instance.tar.zst"
    create_backup(archive, progress=Progress(quiet=True))
    target = make_target(this_engine(), "fresh")
    target.tribune("migrate", "-v0")  # as install.sh does
    made = (
        "from federation.keys import instance_keys; from notifications.vapid import ensure_vapid_keys;"
        "print(instance_keys()[1] + '|' + ensure_vapid_keys()['public'])"
    )
    before = target.tribune("shell", "--no-imports", "-c", made).stdout.strip()
    assert before != f"{old_key}|{old_push}"
    target.tribune("restore", "-q", str(archive))
    assert target.tribune("shell", "--no-imports", "-c", made).stdout.strip() == f"{old_key}|{old_push}"


def test_restore_refuses_a_non_empty_target_unless_forced(
    populated: dict[str, Any], make_target: Any, tmp_path: Path
) -> None:
    archive = tmp_path / "instance.tar.zst"
    create_backup(archive, progress=Progress(quiet=True))
    target = make_target(other_engine(), "busy")
    target.tribune("restore", "-q", str(archive))
    target.tribune(
        "shell",
        "--no-imports",
        "-c",
        "from posts.actions import do_create_post; from accounts.models import Account;"
        "do_create_post(Account.objects.get(username='bob'), 'written after the restore')",
    )
    refused = target.tribune("restore", "-q", str(archive), check=False)
    assert refused.returncode == 1
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert (
        "written after the restore"
        in target.tribune(
            "shell",
            "--no-imports",
            "-c",
            "from posts.models import Post; print(list(Post.objects.values_list('text', flat=True)))",
        ).stdout
    )
    target.tribune("restore", "-q", "--force", str(archive))
    assert json.loads(target.tribune("backup", "fingerprint").stdout) == instance_fingerprint()
