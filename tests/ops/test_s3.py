"""Media on an S3-compatible store, and off-site copies to one: backed up, restored, uploaded.

The store is a real S3-compatible HTTP server process (moto's server) on a loopback port,
spoken to by the same clients production uses (boto3, django-storages)."""

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest

from ops.backup.create import create_backup
from ops.backup.dump import instance_fingerprint
from ops.backup.progress import Progress
from tests.ops.conftest import other_engine, this_engine

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "tribune",
    "AWS_SECRET_ACCESS_KEY": "tribune-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture
def s3_endpoint() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(endpoint, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        client = _client(endpoint)
        client.create_bucket(Bucket="media")
        client.create_bucket(Bucket="backups")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def _client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )


def test_media_on_s3_is_restored_and_backed_up(
    populated: dict[str, Any], make_target: Any, tmp_path: Path, s3_endpoint: str
) -> None:
    before = instance_fingerprint()
    archive = tmp_path / "local-media.tar.zst"
    create_backup(archive, progress=Progress(quiet=True))

    # Restored onto a host whose media lives in an S3-compatible store.
    on_s3 = make_target(other_engine(), "s3")
    media_url = f"s3://media?endpoint={s3_endpoint}"
    on_s3.extra = {"TRIBUNE_MEDIA_URL": media_url, **CREDENTIALS}
    on_s3.tribune("restore", "--quiet", str(archive))
    assert json.loads(on_s3.tribune("backup", "fingerprint").stdout) == before
    client = _client(s3_endpoint)
    stored = {o["Key"] for o in client.list_objects_v2(Bucket="media")["Contents"]}
    assert stored == set(before["media"])
    assert not (on_s3.data_dir / "media").exists()

    # Backed up from S3 (media downloaded into the archive), restored onto local files.
    second = tmp_path / "from-s3.tar.zst"
    on_s3.tribune(
        "backup", "--quiet", "--output", str(second), "--upload", f"s3://backups/daily?endpoint={s3_endpoint}"
    )
    uploaded = client.head_object(Bucket="backups", Key=f"daily/{second.name}")
    assert uploaded["ContentLength"] == second.stat().st_size
    local = make_target("sqlite", "local")
    local.tribune("restore", "--quiet", str(second))
    assert json.loads(local.tribune("backup", "fingerprint").stdout) == before

    # Or left out of the archive, which says so, and the restore warns.
    third = tmp_path / "no-media.tar.zst"
    on_s3.tribune("backup", "--quiet", "--skip-media", "--output", str(third))
    assert on_s3.tribune("backup", "verify", str(third)).stdout.startswith("OK: ")
    manifest = json.loads(_manifest(third))
    assert manifest["media"] == {"storage": "s3://media", "included": False, "files": 0, "bytes": 0}
    bare = make_target("sqlite", "bare")
    restored = bare.tribune("restore", str(third))
    assert "the archive holds no media files (stored in s3://media)" in restored.stderr


def _manifest(path: Path) -> str:
    import tarfile

    import zstandard

    with path.open("rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as stream:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                if member.name == "manifest.json":
                    return tar.extractfile(member).read().decode()  # type: ignore[union-attr]
    raise AssertionError("no manifest")


def test_the_scheduled_backup_goes_off_site_and_a_new_host_fetches_the_newest(
    populated: dict[str, Any], make_target: Any, tmp_path: Path, s3_endpoint: str
) -> None:
    """The backup service's command as deploy/ runs it (TRIBUNE_BACKUP_OFFSITE_URL set, no option),
    then the drill on a new host: `tribune backup fetch`, verify, restore."""
    old_host = make_target(this_engine(), "old")
    old_host.tribune("restore", "--quiet", str(_archive_of_this_instance(tmp_path)))
    backups = tmp_path / "backups"
    url = f"s3://backups/daily?endpoint={s3_endpoint}"
    old_host.extra = {"TRIBUNE_BACKUP_OFFSITE_URL": url, "TRIBUNE_BACKUP_DIR": str(backups), **CREDENTIALS}
    first = Path(old_host.tribune("backup", "--quiet", "--output", str(backups)).stdout.strip())
    time.sleep(1.1)  # archive names carry the second they were taken
    newest = Path(old_host.tribune("backup", "--quiet", "--output", str(backups)).stdout.strip())
    assert first != newest
    doctor = old_host.tribune("doctor", "--offline", check=False).stdout
    assert "[  ok] off-site: last copy: s3://backups/daily/" + newest.name in doctor

    new_host = make_target(other_engine(), "new")
    inbox = tmp_path / "inbox"
    new_host.extra = {"TRIBUNE_BACKUP_DIR": str(inbox), **CREDENTIALS}
    fetched = Path(new_host.tribune("backup", "fetch", url).stdout.strip())
    assert fetched == inbox / newest.name and fetched.read_bytes() == newest.read_bytes()
    assert new_host.tribune("backup", "verify", str(fetched)).stdout.startswith("OK: ")
    new_host.tribune("restore", "--quiet", str(fetched))
    assert json.loads(new_host.tribune("backup", "fingerprint").stdout) == json.loads(
        old_host.tribune("backup", "fingerprint").stdout
    )


def test_a_failed_off_site_copy_is_an_error_and_doctor_says_so(
    populated: dict[str, Any], make_target: Any, tmp_path: Path, s3_endpoint: str
) -> None:
    host = make_target("sqlite", "failing")
    backups = tmp_path / "backups"
    host.extra = {
        "TRIBUNE_BACKUP_OFFSITE_URL": f"s3://no-such-bucket/daily?endpoint={s3_endpoint}",
        "TRIBUNE_BACKUP_DIR": str(backups),
        **CREDENTIALS,
    }
    host.tribune("migrate", "-v0")
    result = host.tribune("backup", "--quiet", "--output", str(backups), check=False)
    assert result.returncode == 1
    assert "was written, but the off-site copy to s3://no-such-bucket/daily" in result.stderr
    assert len(list(backups.glob("tribune-*.tar.zst"))) == 1  # the local archive stays
    doctor = host.tribune("doctor", "--offline", check=False).stdout
    assert "[FAIL] off-site: the last off-site copy" in doctor and "NoSuchBucket" in doctor
    fetch = host.tribune("backup", "fetch", f"s3://backups/empty?endpoint={s3_endpoint}", check=False)
    assert fetch.returncode == 1 and "no Tribune archive" in fetch.stderr


def _archive_of_this_instance(tmp_path: Path) -> Path:
    archive = tmp_path / "tribune-seed-20260101T000000Z.tar.zst"
    create_backup(archive, progress=Progress(quiet=True))
    return archive


def test_media_on_s3_goes_through_the_access_check(
    s3_endpoint: str, settings: Any, monkeypatch: Any, make_account: Any
) -> None:
    """With a private bucket, Tribune checks who asks, then redirects to a URL signed for minutes."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from accounts.actions import do_follow
    from posts.actions import do_create_post
    from posts.media import do_upload_media
    from tests.posts.test_actions import jpeg_with_exif

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "media", "endpoint_url": s3_endpoint, "region_name": "us-east-1",
                "querystring_auth": True, "querystring_expire": 300,
            },
        },
    }  # fmt: skip
    alice, bob = make_account("alice"), make_account("bob")
    media = do_upload_media(alice, SimpleUploadedFile("a.jpg", jpeg_with_exif(), content_type="image/jpeg"))
    do_create_post(alice, "followers only", visibility="private", media_ids=[media.pk])
    media.refresh_from_db()
    assert httpx.get(f"{s3_endpoint}/media/{media.file.name}").status_code == 403  # the bucket is private
    assert Client().get(f"/media/{media.file.name}").status_code == 404
    do_follow(bob, alice)
    follower = Client()
    follower.force_login(bob.user)
    redirect = follower.get(f"/media/{media.file.name}")
    assert redirect.status_code == 302 and "Signature=" in redirect["Location"]
    fetched = httpx.get(redirect["Location"])
    assert fetched.status_code == 200 and fetched.content[:2] == b"\xff\xd8"
