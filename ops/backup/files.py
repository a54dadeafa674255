"""The non-database parts of a backup: media files, key files, configuration.

Media is read through Django's default storage, so local files and any S3-compatible
store are archived (and restored) the same way; for a large S3 store, whose own
replication is the better backup, the media part can be skipped and the manifest
says so.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, default_storage

from ops.backup.archive import Staging
from ops.backup.progress import Progress

KEY_PATTERNS = ("*.pem", "*.key")
KEY_DIRS = ("keys",)
SECRET_KEY_FILE = "secret_key"  # noqa: S105  # the name of the file, not a secret


def media_is_local() -> bool:
    return isinstance(default_storage, FileSystemStorage)


def media_description() -> str:
    if media_is_local():
        return "local"
    # Only the scheme and bucket: the query may carry an endpoint with credentials.
    return settings.MEDIA_BACKEND_URL.split("?", 1)[0]


def iter_storage(directory: str = "") -> Iterator[str]:
    """Every file name under `directory` of the default storage."""
    dirs, files = default_storage.listdir(directory)
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(dirs):
        yield from iter_storage(f"{directory}/{sub}" if directory else sub)


def stage_media(staging: Staging, progress: Progress, *, skip: bool) -> dict[str, Any]:
    if skip:
        progress.note(f"  media: skipped ({media_description()} storage is not copied into this archive)")
        return {"storage": media_description(), "included": False, "files": 0, "bytes": 0}
    progress.start("media", unit="bytes")
    count = total = 0
    if media_is_local():
        root = Path(settings.MEDIA_ROOT)
        paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in paths:
            name = "media/" + path.relative_to(root).as_posix()
            # Hard links cost no space and keep the file as it is now, even if it is replaced later.
            target = staging.path(name)
            try:
                target.hardlink_to(path)
            except OSError:
                shutil.copy2(path, target)
            part = staging.add_file(name)
            count += 1
            total += part.size
            progress.advance(part.size)
    else:
        for name in iter_storage():
            target = staging.path("media/" + name)
            with default_storage.open(name, "rb") as source, target.open("wb") as handle:
                shutil.copyfileobj(source, handle, 1024 * 1024)
            part = staging.add_file("media/" + name)
            count += 1
            total += part.size
            progress.advance(part.size)
    progress.finish()
    return {"storage": media_description(), "included": True, "files": count, "bytes": total}


def media_fingerprint() -> dict[str, str]:
    """SHA-256 of every media file, by name, through the configured storage."""
    result = {}
    if media_is_local():
        root = Path(settings.MEDIA_ROOT)
        names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
    else:
        names = list(iter_storage())
    for name in names:
        digest = hashlib.sha256()
        with default_storage.open(name, "rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
        result[name] = digest.hexdigest()
    return result


def stage_keys_and_config(staging: Staging) -> dict[str, Any]:
    data_dir = Path(settings.DATA_DIR)
    keys: list[str] = []
    for pattern in KEY_PATTERNS:
        for path in sorted(data_dir.glob(pattern)):
            if path.is_file():
                keys.append(_stage(staging, path, "keys/" + path.name))
    for directory in KEY_DIRS:
        root = data_dir / directory
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                keys.append(_stage(staging, path, f"keys/{directory}/{path.relative_to(root).as_posix()}"))
    secret = data_dir / SECRET_KEY_FILE
    has_secret = secret.is_file()
    if has_secret:
        staging.add_bytes(f"config/{SECRET_KEY_FILE}", secret.read_bytes(), sensitive=True)
    staging.add_bytes("config/settings.json", json.dumps(public_settings(), indent=2, sort_keys=True).encode())
    return {"key_files": keys, "secret_key_file": has_secret}


def _stage(staging: Staging, source: Path, name: str) -> str:
    staging.add_bytes(name, source.read_bytes(), sensitive=True)
    return name


def public_settings() -> dict[str, Any]:
    """What a new host needs to know to serve as the old one did; no secrets."""
    return {
        "DOMAIN": settings.DOMAIN,
        "SITE_URL": settings.SITE_URL,
        "HTTPS": settings.HTTPS,
        "INSTANCE_NAME": settings.INSTANCE_NAME,
        "REGISTRATIONS_OPEN": settings.REGISTRATIONS_OPEN,
        "MAX_POST_CHARS": settings.MAX_POST_CHARS,
        "LANGUAGE_CODE": settings.LANGUAGE_CODE,
        "TASK_MODE": settings.TASK_MODE,
        "MEDIA_STORAGE": media_description(),
        "DATABASE_ENGINE": settings.DATABASES["default"]["ENGINE"],
        "SECRET_KEY_FROM_ENVIRONMENT": not (Path(settings.DATA_DIR) / SECRET_KEY_FILE).is_file(),
    }


def restore_media(root: Path, progress: Progress) -> int:
    """Copy media/ of an extracted archive into the configured storage, under the same names."""
    source_root = root / "media"
    if not source_root.is_dir():
        return 0
    progress.start("media", unit="bytes")
    count = 0
    local = media_is_local()
    for path in sorted(p for p in source_root.rglob("*") if p.is_file()):
        name = path.relative_to(source_root).as_posix()
        if local:
            target = Path(settings.MEDIA_ROOT) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        else:
            if default_storage.exists(name):
                default_storage.delete(name)
            with path.open("rb") as handle:
                saved = default_storage.save(name, File(handle))
            if saved != name:
                raise RuntimeError(f"the media storage saved {name} as {saved}")
        count += 1
        progress.advance(path.stat().st_size)
    progress.finish()
    return count


def restore_keys_and_config(root: Path) -> list[str]:
    """Put key files and the secret key file back in the data directory; return what was written.

    A fresh host generated its own secret key on first start; the archived one replaces
    it, so that sessions-independent signatures (password reset links, signed values) keep working.
    """
    data_dir = Path(settings.DATA_DIR)
    written: list[str] = []
    sources = []
    keys = root / "keys"
    if keys.is_dir():
        sources += [(p, data_dir / p.relative_to(keys)) for p in sorted(keys.rglob("*")) if p.is_file()]
    secret = root / "config" / SECRET_KEY_FILE
    if secret.is_file():
        sources.append((secret, data_dir / SECRET_KEY_FILE))
    for source, target in sources:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        target.chmod(0o600)
        written.append(str(target))
    return written
