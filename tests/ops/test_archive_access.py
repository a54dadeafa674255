"""An archive that cannot be read is told apart from one that is damaged, with the fix: an operator
who copied a good backup where the service user cannot read it must not be told it is broken."""

import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.backup.archive import ArchiveError, ArchiveUnreadable, ScratchUnwritable, extract_verified
from ops.backup.create import create_backup
from ops.backup.progress import Progress

NOBODY = 65534


def as_nobody(action: Callable[[], Any]) -> str:
    """Run `action` in a forked child with the uid of `nobody` (root reads everything) and return
    'OK' or the class and message of the ArchiveError it raised."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  # the child
        message = "crashed"
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                action()
                message = "OK"
            except ArchiveError as error:
                message = f"{type(error).__name__}: {error}"
        finally:
            os.write(write_end, message.encode())
            os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A directory every user may enter (pytest's own temporary directories are root's alone)."""
    path = Path(tempfile.mkdtemp(prefix="tribune-access-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


@pytest.fixture
def archive(populated: dict[str, Any], open_dir: Path) -> Path:
    path = open_dir / "tribune-example.org-20260101T001700Z.tar"
    create_backup(path, progress=Progress(quiet=True))
    return path


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="changing to another user needs root")


@needs_root
def test_an_archive_only_root_may_read_is_unreadable_not_corrupt(archive: Path, open_dir: Path) -> None:
    archive.chmod(0o600)  # as `cp -p` keeps it from root's copy
    scratch = open_dir / "scratch"
    scratch.mkdir()
    scratch.chmod(0o777)
    message = as_nobody(lambda: extract_verified(archive, scratch))
    assert message.startswith("ArchiveUnreadable: cannot read")
    assert "permission denied" in message and "corrupt" not in message
    assert "was not checked" in message
    assert f"chown nobody {archive}" in message
    archive.chmod(0o644)
    assert as_nobody(lambda: extract_verified(archive, scratch)) == "OK"


@needs_root
def test_an_archive_in_a_closed_directory_is_told_to_move(archive: Path, open_dir: Path) -> None:
    closed = open_dir / "root-home"
    closed.mkdir(mode=0o700)  # like /root
    inside = closed / archive.name
    archive.rename(inside)
    message = as_nobody(lambda: extract_verified(inside, open_dir))
    assert message.startswith("ArchiveUnreadable: cannot read")
    assert f"permission denied by {closed} (owner root, mode 0700)" in message
    assert f"mv {inside} /var/backups/tribune/ && chown nobody /var/backups/tribune/{archive.name}" in message


def test_a_missing_archive_is_named(tmp_path: Path) -> None:
    with pytest.raises(ArchiveUnreadable, match="no such file"):
        extract_verified(tmp_path / "tribune-example.org-x.tar.zst", tmp_path)
    with pytest.raises(ArchiveUnreadable, match="is a directory"):
        extract_verified(tmp_path, tmp_path)


def test_a_full_scratch_disk_is_not_blamed_on_the_archive(archive: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    with tarfile.open(archive) as tar:
        first = tar.getmembers()[0].name
    (scratch / first).parent.mkdir(parents=True)
    (scratch / first).symlink_to("/dev/full")  # every write: "No space left on device"
    with pytest.raises(ScratchUnwritable, match="No space left on device.*Free space in the data directory"):
        extract_verified(archive, scratch)


def test_the_commands_say_cannot_read_rather_than_not_usable(tmp_path: Path, make_target: Any) -> None:
    target = make_target("sqlite", "access")
    missing = str(tmp_path / "tribune-example.org-20260101T001700Z.tar.zst")
    verify = target.tribune("backup", "verify", missing, check=False)
    assert verify.returncode == 1
    assert "could not be checked" in verify.stderr and "no such file" in verify.stderr
    assert "NOT usable" not in verify.stderr
    restore = target.tribune("restore", missing, check=False)
    assert restore.returncode == 1
    assert "nothing was restored" in restore.stderr and "NOT usable" not in restore.stderr
