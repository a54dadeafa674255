"""`tribune backup`: database snapshot, media, keys and configuration into one archive."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

import tribune
from ops.backup.archive import Staging, temporary_directory, write_archive
from ops.backup.dump import dump_database
from ops.backup.files import stage_keys_and_config, stage_media
from ops.backup.progress import Progress, human_bytes


@dataclass
class BackupResult:
    path: Path
    size: int
    seconds: float
    manifest: dict[str, Any]


def default_name(now: datetime | None = None, suffix: str = ".tar.zst") -> str:
    now = now or datetime.now(UTC)
    host = settings.DOMAIN.replace(":", "_")
    return f"tribune-{host}-{now:%Y%m%dT%H%M%SZ}{suffix}"


def create_backup(
    output: Path,
    *,
    using: str = "default",
    skip_media: bool = False,
    progress: Progress | None = None,
    level: int | None = None,
) -> BackupResult:
    progress = progress or Progress()
    started = time.monotonic()
    created = datetime.now(UTC)
    engine = connections[using].vendor
    progress.note(f"Backing up {settings.SITE_URL} ({engine}) to {output}")
    with temporary_directory(output.parent, ".tribune-backup-") as scratch:
        staging = Staging(scratch / "parts")
        staging.root.mkdir()
        models, migrations = dump_database(staging, using, progress)
        media = stage_media(staging, progress, skip=skip_media)
        extras = stage_keys_and_config(staging)
        manifest = {
            "software": "tribune",
            "software_version": tribune.__version__,
            "engine": engine,
            "created_at": created.isoformat(),
            "created_ts": int(created.timestamp()),
            "domain": settings.DOMAIN,
            "site_url": settings.SITE_URL,
            "models": models,
            "migrations": migrations,
            "media": media,
            **extras,
        }
        progress.start("archive", unit="bytes")
        size = write_archive(staging, manifest, output, level)
        progress.advance(size)
        progress.finish()
    seconds = time.monotonic() - started
    rows = sum(m["rows"] for m in models)
    progress.note(f"Backup written: {output} ({human_bytes(size)}, {rows:,} rows, {seconds:.1f}s)")
    return BackupResult(path=output, size=size, seconds=seconds, manifest=manifest)
