"""Rotation keeps the newest N archives; rsync copies an archive off the host (here to a local path)."""

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from ops.backup.offsite import archives_in, parse_s3_url, rotate


def test_rotation_keeps_the_newest(tmp_path: Path) -> None:
    names = [f"tribune-example.org-2026010{n}T000000Z.tar.zst" for n in range(1, 6)]
    for age, name in enumerate(reversed(names)):
        path = tmp_path / name
        path.write_bytes(b"x")
        os.utime(path, (time.time() - age * 3600, time.time() - age * 3600))
    (tmp_path / "notes.txt").write_text("not an archive: never deleted")
    removed = rotate(tmp_path, 2)
    assert [p.name for p in removed] == names[:3]
    assert [p.name for p in archives_in(tmp_path)] == names[3:]
    assert (tmp_path / "notes.txt").exists()
    with pytest.raises(ValueError):
        rotate(tmp_path, 0)


def test_backup_command_rotates_and_copies_with_rsync(populated: dict[str, Any], tmp_path: Path) -> None:
    backups, offsite = tmp_path / "backups", tmp_path / "offsite"
    backups.mkdir()
    offsite.mkdir()
    old = backups / "tribune-old-20200101T000000Z.tar.zst"
    old.write_bytes(b"old")
    os.utime(old, (0, 0))
    call_command("backup", output=str(backups), rotate=1, rsync=str(offsite), quiet=True)
    kept = archives_in(backups)
    assert len(kept) == 1 and kept[0] != old and not old.exists()
    copied = offsite / kept[0].name
    assert copied.read_bytes() == kept[0].read_bytes()
    call_command("backup", "verify", str(copied), quiet=True)


def test_s3_urls_name_any_endpoint() -> None:
    assert parse_s3_url("s3://backups/tribune?endpoint=https://garage.example:3900&region=garage") == (
        "backups",
        "tribune",
        {"endpoint": "https://garage.example:3900", "region": "garage"},
    )
    assert parse_s3_url("s3://bucket") == ("bucket", "", {})
    with pytest.raises(ValueError):
        parse_s3_url("https://bucket")
