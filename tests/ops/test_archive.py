"""A damaged, altered or foreign archive is refused with a clear message and changes nothing."""

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from ops.backup.archive import ArchiveError, compression_for
from ops.backup.create import create_backup
from ops.backup.dump import instance_fingerprint
from ops.backup.progress import Progress
from ops.backup.restore import RestoreMismatch, restore_archive, verify_archive


@pytest.fixture
def archive(populated: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "good.tar"
    create_backup(path, progress=Progress(quiet=True))
    return path


def rewrite(source: Path, target: Path, change: Any) -> Path:
    """Copy an uncompressed archive member by member, letting `change(name, data)` alter each one."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def resign(path: Path, tmp_path: Path) -> Path:
    """Recompute the manifest's checksums, as a newer (or hostile) writer would."""
    with tarfile.open(path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    manifest = json.loads(members.pop("manifest.json"))
    for name, data in members.items():
        manifest["parts"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    signed = tmp_path / ("signed-" + path.name)
    with tarfile.open(signed, "w") as tar:
        for name, data in [*members.items(), ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return signed


def assert_refused_and_untouched(path: Path, message: str) -> None:
    before = instance_fingerprint()
    applied = MigrationRecorder(connection).applied_migrations().keys()
    with pytest.raises(ArchiveError, match=message):
        verify_archive(path, Progress(quiet=True))
    # Even with --force (which would replace a non-empty database), a bad archive changes nothing.
    with pytest.raises(ArchiveError, match=message):
        restore_archive(path, force=True, progress=Progress(quiet=True))
    assert instance_fingerprint() == before
    assert MigrationRecorder(connection).applied_migrations().keys() == applied


def test_a_good_archive_verifies(archive: Path) -> None:
    manifest = verify_archive(archive, Progress(quiet=True))
    assert manifest["format_version"] == 1
    assert {m["label"] for m in manifest["models"]} >= {"accounts.account", "posts.post", "accounts.follow"}
    counts = {m["label"]: m["rows"] for m in manifest["models"]}
    assert counts["posts.post"] == instance_fingerprint()["tables"]["posts.post"]["rows"]


@pytest.mark.parametrize("where", ["middle", "manifest"])
def test_a_truncated_archive_is_refused(archive: Path, tmp_path: Path, where: str) -> None:
    data = archive.read_bytes()
    with tarfile.open(archive) as tar:
        manifest = tar.getmember("manifest.json")
    # (The zero blocks that pad a tar after its last member carry nothing: cut into members.)
    end = len(data) // 2 if where == "middle" else manifest.offset_data + manifest.size // 2
    cut = tmp_path / "cut.tar"
    cut.write_bytes(data[:end])
    assert_refused_and_untouched(cut, "truncated|no manifest|lacks")


def test_a_truncated_compressed_archive_is_refused(populated: dict[str, Any], tmp_path: Path) -> None:
    for name in ("good.tar.zst", "good.tar.gz"):
        path = tmp_path / name
        create_backup(path, progress=Progress(quiet=True))
        cut = tmp_path / ("cut" + name[4:])
        cut.write_bytes(path.read_bytes()[:-200])
        assert compression_for(cut) != "none"
        assert_refused_and_untouched(cut, "truncated or corrupt|no manifest|lacks")


def test_an_altered_part_is_refused(archive: Path, tmp_path: Path) -> None:
    def alter(name: str, data: bytes) -> bytes:
        if name == "db/posts.post.jsonl":
            assert b"post 7 with" in data
            return data.replace(b"post 7 with", b"post 8 with")
        return data

    assert_refused_and_untouched(rewrite(archive, tmp_path / "altered.tar", alter), "posts.post.jsonl.*altered")


def test_a_flipped_byte_in_media_is_refused(archive: Path, tmp_path: Path) -> None:
    flipped = []

    def flip(name: str, data: bytes) -> bytes:
        if name.startswith("media/") and not flipped:
            flipped.append(name)
            return data[:100] + bytes([data[100] ^ 1]) + data[101:]
        return data

    altered = rewrite(archive, tmp_path / "flipped.tar", flip)
    assert flipped
    assert_refused_and_untouched(altered, "altered or damaged")


def test_a_missing_part_is_refused(archive: Path, tmp_path: Path) -> None:
    def drop(name: str, data: bytes) -> bytes | None:
        return None if name == "db/accounts.follow.jsonl" else data

    assert_refused_and_untouched(rewrite(archive, tmp_path / "missing.tar", drop), "lacks 1 part")


def test_a_row_count_that_disagrees_is_refused(archive: Path, tmp_path: Path) -> None:
    def recount(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            manifest = json.loads(data)
            for model in manifest["models"]:
                if model["label"] == "posts.post":
                    model["rows"] += 1
            return json.dumps(manifest).encode()
        return data

    assert_refused_and_untouched(rewrite(archive, tmp_path / "recount.tar", recount), "rows where the manifest counts")


def test_another_format_version_is_refused(archive: Path, tmp_path: Path) -> None:
    def bump(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["format_version"] = 99
            return json.dumps(manifest).encode()
        return data

    assert_refused_and_untouched(rewrite(archive, tmp_path / "v99.tar", bump), "format version 99")


def test_an_archive_from_a_newer_schema_is_refused(archive: Path, tmp_path: Path) -> None:
    def newer(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"]["posts"].append("0999_from_the_future")
            return json.dumps(manifest).encode()
        return data

    assert_refused_and_untouched(rewrite(archive, tmp_path / "newer.tar", newer), "newer version")


def test_something_else_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"this is not an archive at all" * 100)
    assert_refused_and_untouched(junk, "truncated or corrupt")
    foreign = tmp_path / "foreign.tar"
    with tarfile.open(foreign, "w") as tar:
        info = tarfile.TarInfo("manifest.json")
        body = b'{"format": "something-else"}'
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    assert_refused_and_untouched(foreign, "not a Tribune backup")


def test_a_member_escaping_the_directory_is_refused(archive: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as tar:
        info = tarfile.TarInfo("../../outside")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    assert_refused_and_untouched(evil, "unsafe name")
    assert not (tmp_path.parent.parent / "outside").exists()


def test_the_command_says_what_is_wrong(archive: Path, tmp_path: Path, make_target: Any) -> None:
    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[:5000])
    target = make_target("sqlite", "cli")
    verify = target.tribune("backup", "verify", str(cut), check=False)
    assert verify.returncode == 1
    assert "NOT usable" in verify.stderr
    restore = target.tribune("restore", str(cut), check=False)
    assert restore.returncode == 1
    assert "nothing was restored" in restore.stderr
    # The empty target was not even migrated.
    assert (
        not (target.data_dir / "tribune.sqlite3").exists() or (target.data_dir / "tribune.sqlite3").stat().st_size == 0
    )
    ok = target.tribune("backup", "verify", str(archive))
    assert ok.stdout.startswith("OK: ")


def test_an_unknown_table_or_column_is_refused_before_anything_changes(archive: Path, tmp_path: Path) -> None:
    def extra_column(name: str, data: bytes) -> bytes:
        if name == "db/posts.post.jsonl":
            return (
                b"\n".join(
                    json.dumps({**json.loads(line), "colour": "red"}, separators=(",", ":")).encode()
                    for line in data.splitlines()
                )
                + b"\n"
            )
        return data

    column = resign(rewrite(archive, tmp_path / "column.tar", extra_column), tmp_path)
    assert_refused_and_untouched(column, "columns this schema lacks: \\['colour'\\]")

    def extra_table(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["models"].append(
                {"label": "posts.poll", "table": "posts_poll", "part": "db/posts.post.jsonl", "rows": 0}
            )
            return json.dumps(manifest).encode()
        return data

    with pytest.raises(ArchiveError):
        verify_archive(rewrite(archive, tmp_path / "table.tar", extra_table), Progress(quiet=True))


def _edit_rows(part: str, edit: Any) -> Any:
    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        lines = [json.loads(line) for line in data.splitlines()]
        return b"".join(json.dumps(row, separators=(",", ":")).encode() + b"\n" for row in edit(lines))

    return change


@pytest.mark.parametrize(
    ("part", "edit"),
    [
        # A follow of an account the archive does not hold: a foreign key the rows break.
        ("db/accounts.follow.jsonl", lambda rows: [{**rows[0], "target_id": 999_999_999}, *rows[1:]]),
        # Two upvotes by one person of one post: a unique index the rows break.
        ("db/posts.upvote.jsonl", lambda rows: [*rows, {**rows[0], "id": rows[0]["id"] + 1}]),
    ],
    ids=["foreign-key", "unique"],
)
def test_rows_that_break_a_constraint_restore_nothing(archive: Path, tmp_path: Path, part: str, edit: Any) -> None:
    def recount(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for model in manifest["models"]:
            if model["part"] == part:
                model["rows"] = len(edited_rows)
        return json.dumps(manifest).encode()

    edited = rewrite(archive, tmp_path / "edited.tar", _edit_rows(part, edit))
    with tarfile.open(edited) as tar:
        edited_rows = tar.extractfile(part).read().splitlines()  # type: ignore[union-attr]
    hostile = resign(rewrite(edited, tmp_path / "recounted.tar", recount), tmp_path)
    before = instance_fingerprint()
    with pytest.raises(RestoreMismatch, match="constraint|differ"):
        restore_archive(hostile, force=True, progress=Progress(quiet=True))
    assert instance_fingerprint() == before
