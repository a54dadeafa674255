"""An instance with something of everything, and databases of the other engine to restore it into."""

import io
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from accounts.actions import do_block, do_follow, do_mute
from accounts.models import Account, InstanceSetting
from posts.actions import do_bookmark, do_create_post, do_edit_post, do_reblog, do_upvote
from posts.media import do_upload_media
from posts.models import ModerationState, Post

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REPORT_CATEGORY = "violence"


def _keypair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def _image(color: str, fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, fmt)
    return SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def populated(make_account: Callable[..., Account]) -> dict[str, Any]:
    """Accounts (local, locked, remote), keys, posts with media, replies, edits, echoes, upvotes,
    bookmarks, follows (accepted and pending), blocks, mutes, held and removed posts, settings,
    and notifications and feed entries made by the fan-out."""
    alice = make_account("alice", display_name="Alice ✨", bio_source="Je suis là")
    bob = make_account("bob", display_name="Bob")
    carol = make_account("carol", locked=True)
    dave = make_account("dave")
    remote = Account.objects.create(
        username="zoe",
        domain="remote.example",
        uri="https://remote.example/users/zoe",
        inbox_uri="https://remote.example/users/zoe/inbox",
        also_known_as=["https://old.example/users/zoe"],
        fields=[{"name": "site", "value": "https://zoe.example", "verified_at": None}],
    )
    for account in (alice, bob, carol, dave):
        account.private_key, account.public_key = _keypair()
        account.public_key_id = account.actor_uri() + "#main-key"
        account.save()
    do_follow(bob, alice)
    do_follow(alice, carol)  # pending: carol is locked
    do_follow(dave, alice, notify=True, show_reblogs=False)
    do_follow(alice, remote)
    do_block(carol, dave)
    do_mute(bob, dave, notifications=False)
    media = do_upload_media(alice, _image("red"), description="A red square")
    jpeg = do_upload_media(alice, _image("blue", "JPEG"), description="Bleu")
    first = do_create_post(alice, "Hello #tribune @bob, here is a photo", media_ids=[media.pk, jpeg.pk], language="en")
    reply = do_create_post(bob, "@alice bienvenue !", in_reply_to=first, language="fr")
    private = do_create_post(alice, "followers only", visibility="private")
    direct = do_create_post(alice, "@bob a secret", visibility="direct")
    held = do_create_post(dave, "something a moderator holds")
    removed = do_create_post(dave, "something a moderator removed")
    Post.objects.filter(pk=held.pk).update(moderation_state=ModerationState.HELD)
    # Moderation history: a report, the queue item it opened, a removal with its audit entry.
    from moderation.actions.decisions import do_remove_post
    from moderation.actions.reports import do_create_report

    moderator = make_account("moderator", staff=True)
    do_create_report(bob, target=dave, posts=[removed], category=REPORT_CATEGORY, comment="this incites")
    do_remove_post(removed, acting_user=moderator.user, reason="incitement", policy="rules")
    do_edit_post(alice, first, "Hello #tribune @bob, here is a photo (edited)")
    do_reblog(bob, first)
    do_upvote(bob, first)
    do_upvote(dave, reply)
    do_bookmark(bob, first)
    do_bookmark(alice, reply)
    for n in range(30):
        do_create_post(bob, f"post {n} with #tag{n % 4}")
    InstanceSetting.objects.create(key="rules", value={"fr": ["Soyez gentils"], "en": ["Be kind"], "zz": 1})
    InstanceSetting.objects.create(key="about", value={"text": "Une instance"})
    return {
        "alice": alice,
        "bob": bob,
        "posts": [first, reply, private, direct, held, removed],
        "media": [media, jpeg],
    }


@pytest.fixture
def key_files() -> Iterator[dict[str, bytes]]:
    """A secret key file and an instance key file in the data directory, as a real instance may have."""
    data_dir = Path(settings.DATA_DIR)
    files = {"secret_key": b"archived-secret-key-0123456789", "keys/instance.pem": _keypair()[0].encode()}
    for name, content in files.items():
        (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / name).write_bytes(content)
    yield files
    for name in files:
        (data_dir / name).unlink(missing_ok=True)


class Target:
    """A database of a chosen engine with its own data directory, driven by the `tribune` command."""

    def __init__(self, engine: str, tmp: Path, label: str) -> None:
        self.engine = engine
        self.extra: dict[str, str] = {}
        self.data_dir = tmp / f"data-{label}"
        self.data_dir.mkdir()
        if engine == "postgresql":
            self.db_name = f"ops_restore_{label}_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.db_name}"')
            self.url = f"{PG_SERVER}/{self.db_name}"
        else:
            self.db_name = ""
            self.url = f"sqlite:///{self.data_dir / 'tribune.sqlite3'}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIBUNE_", "DJANGO_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="tribune.settings",
            TRIBUNE_DATA_DIR=str(self.data_dir),
            TRIBUNE_DATABASE_URL=self.url,
            TRIBUNE_TASKS="immediate",
            TRIBUNE_DOMAIN=settings.DOMAIN,
            TRIBUNE_LOG_LEVEL="WARNING",
        )
        env.update(self.extra)
        return env

    def tribune(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tribune", *args]
        result = subprocess.run(command, env=self.env(), capture_output=True, text=True, timeout=300)
        if check and result.returncode != 0:
            raise AssertionError(f"tribune {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def drop(self) -> None:
        if self.db_name:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


@pytest.fixture
def make_target(tmp_path: Path) -> Iterator[Callable[[str, str], Target]]:
    made: list[Target] = []

    def make(engine: str, label: str) -> Target:
        target = Target(engine, tmp_path, label)
        made.append(target)
        return target

    yield make
    for target in made:
        target.drop()


def this_engine() -> str:
    return connection.vendor


def other_engine() -> str:
    return "sqlite" if connection.vendor == "postgresql" else "postgresql"
