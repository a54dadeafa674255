"""The backup archive: one tar file (plain, gzip or zstd) that describes itself.

Layout inside the tar:

    db/<app_label>.<model>.jsonl   one JSON object per row, fields as Django serialises them
    media/<path>                   the files of MEDIA_ROOT (absent when media lives elsewhere and is skipped)
    keys/<name>                    key files from the data directory (account keys are rows in db/)
    config/settings.json           the instance's non-secret settings
    config/secret_key              the secret key file, when there is one (marked sensitive)
    manifest.json                  format, versions, engine, counts, and the SHA-256 of every other member

The manifest comes last so that the archive can be written in one pass; it lists
every other member with its size and SHA-256, so a reader knows whether it has all
of it and whether anything was altered before it changes anything at all.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import os
import pwd
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import zstandard

FORMAT = "tribune-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be used: the message says why, in words for the person running the command."""


class ArchiveUnreadable(ArchiveError):
    """The file could not be read at all (missing, permissions, I/O): nothing is known about its content."""


class ScratchUnwritable(ArchiveError):
    """The archive was being read fine, but its parts could not be written out to check them."""


def current_user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"uid {os.geteuid()}"


def _describe(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return str(path)
    try:
        owner = pwd.getpwuid(info.st_uid).pw_name
    except KeyError:
        owner = str(info.st_uid)
    return f"{path} (owner {owner}, mode {info.st_mode & 0o777:04o})"


def check_readable(archive: Path) -> None:
    """Raise ArchiveUnreadable, with the fix, when `archive` cannot be opened for reading by this process.

    Keeps "cannot read" apart from "corrupt": an operator who copied a good archive somewhere
    the service user cannot read must be told to move it, not that the backup is broken."""
    try:
        with archive.open("rb") as handle:
            handle.read(1)
        return
    except FileNotFoundError:
        raise ArchiveUnreadable(f"{archive}: no such file (check the path and name: ls -l {archive.parent})")
    except IsADirectoryError:
        raise ArchiveUnreadable(f"{archive} is a directory: name the archive file inside it")
    except PermissionError:
        pass
    except OSError as error:
        raise ArchiveUnreadable(
            f"{archive} cannot be read ({error.strerror or error}); its content was not checked:"
            " copy it again from the off-site store, or check the disk it is on"
        )
    user = current_user()
    blocking = next(
        (parent for parent in reversed(archive.absolute().parents) if not os.access(parent, os.X_OK)),
        archive,
    )
    inbox = os.environ.get("TRIBUNE_BACKUP_DIR") or "/var/backups/tribune"
    if blocking == archive:
        fix = f"let the user {user} read it: chown {user} {archive}  (or chmod o+r)"
    else:
        fix = f"move it where {user} can read it: mv {archive} {inbox}/ && chown {user} {inbox}/{archive.name}"
    raise ArchiveUnreadable(
        f"cannot read {archive} as the user {user}: permission denied by {_describe(blocking)}."
        f" The archive itself was not checked (this says nothing about whether it is good). Fix: {fix}"
    )


def compression_for(path: Path) -> str:
    name = path.name
    if name.endswith((".tar.zst", ".tzst")):
        return "zstd"
    if name.endswith((".tar.gz", ".tgz")):
        return "gzip"
    if name.endswith(".tar"):
        return "none"
    raise ArchiveError(f"{path}: the archive name must end in .tar.zst, .tar.gz or .tar")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_member_name(name: str) -> str:
    """Refuse absolute paths and `..` so a hostile archive cannot write outside the staging directory."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or name != str(path):
        raise ArchiveError(f"the archive holds a member with an unsafe name: {name!r}")
    return name


@dataclass
class Part:
    name: str
    size: int
    sha256: str
    sensitive: bool = False


@dataclass
class Staging:
    """A directory where the parts are written before they go into the tar, with their checksums."""

    root: Path
    parts: dict[str, Part] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        target = self.root / safe_member_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def add_file(self, name: str, *, sensitive: bool = False) -> Part:
        """Record a part already written at `self.path(name)`."""
        path = self.root / name
        part = Part(name=name, size=path.stat().st_size, sha256=sha256_file(path), sensitive=sensitive)
        self.parts[name] = part
        return part

    def add_bytes(self, name: str, data: bytes, *, sensitive: bool = False) -> Part:
        path = self.path(name)
        path.write_bytes(data)
        if sensitive:
            path.chmod(0o600)
        return self.add_file(name, sensitive=sensitive)


class HashingWriter(io.RawIOBase):
    """A binary file that hashes what goes through it (parts are hashed as they are written)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        self.size += len(data)
        self.handle.write(data)
        return len(data)


@contextmanager
def open_output(path: Path, compression: str, level: int | None = None) -> Iterator[IO[bytes]]:
    with path.open("wb") as raw:
        if compression == "zstd":
            compressor = zstandard.ZstdCompressor(level=level or 3, threads=-1)
            with compressor.stream_writer(raw, closefd=False) as stream:
                yield stream  # type: ignore[misc]  # a zstd stream writer is a binary file
        elif compression == "gzip":
            import gzip

            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=level or 3) as stream:
                yield stream  # type: ignore[misc]  # a GzipFile is a binary file
        else:
            yield raw


@contextmanager
def open_input(path: Path) -> Iterator[IO[bytes]]:
    compression = compression_for(path)
    with path.open("rb") as raw:
        if compression == "zstd":
            with zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True) as stream:
                yield stream  # type: ignore[misc]  # a zstd stream reader is a binary file
        elif compression == "gzip":
            import gzip

            with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                yield stream  # type: ignore[misc]  # a GzipFile is a binary file
        else:
            yield raw


def write_archive(staging: Staging, manifest: dict[str, Any], output: Path, level: int | None = None) -> int:
    """Write the staged parts then the manifest into `output` (atomically: a temporary name, then a rename)."""
    compression = compression_for(output)
    # Completed in place: the caller gets the manifest as written.
    manifest["format"] = FORMAT
    manifest["format_version"] = FORMAT_VERSION
    manifest["parts"] = {
        name: {"size": part.size, "sha256": part.sha256, **({"sensitive": True} if part.sensitive else {})}
        for name, part in sorted(staging.parts.items())
    }
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    try:
        with open_output(partial, compression, level) as stream, tarfile.open(fileobj=stream, mode="w|") as tar:
            for name in sorted(staging.parts):
                path = staging.root / name
                info = tarfile.TarInfo(name)
                info.size = staging.parts[name].size
                info.mode = 0o600 if staging.parts[name].sensitive else 0o644
                info.mtime = int(path.stat().st_mtime)
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest_bytes)
            info.mode = 0o644
            info.mtime = int(manifest.get("created_ts", 0))
            tar.addfile(info, io.BytesIO(manifest_bytes))
        partial.chmod(0o600)  # it holds private keys and the secret key
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output.stat().st_size


def check_manifest(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("this is not a Tribune backup (its manifest does not say format 'tribune-backup')")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise ArchiveError(
            f"the archive has format version {version!r}; this Tribune reads format version {FORMAT_VERSION} only"
            " (use the Tribune version that wrote it, or a newer one that reads it)"
        )
    if not isinstance(manifest.get("parts"), dict) or not isinstance(manifest.get("models"), list):
        raise ArchiveError("the archive's manifest is incomplete (no parts or no models)")
    return manifest


@dataclass
class Extracted:
    root: Path
    manifest: dict[str, Any]


def extract_verified(archive: Path, into: Path, *, progress: Any = None) -> Extracted:
    """Read the whole archive into `into`, checking every member against the manifest.

    Raises ArchiveError (never anything else for a bad archive) when it is truncated,
    corrupt, altered, incomplete, holds unexpected members, or has another format version.
    """
    check_readable(archive)
    seen: dict[str, tuple[int, str]] = {}
    manifest_bytes: bytes | None = None
    try:
        with open_input(archive) as stream, tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                name = safe_member_name(member.name)
                if not member.isfile():
                    raise ArchiveError(f"the archive holds {name!r}, which is not a regular file")
                if name in seen or (name == MANIFEST and manifest_bytes is not None):
                    raise ArchiveError(f"the archive holds {name!r} twice")
                source = tar.extractfile(member)
                if source is None:
                    raise ArchiveError(f"the archive member {name!r} has no content")
                if name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                if manifest_bytes is not None:
                    raise ArchiveError(f"the archive holds {name!r} after its manifest")
                target = into / name
                digest = hashlib.sha256()
                size = 0
                with _scratch_file(target, into) as handle:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        _write_scratch(handle, chunk, into)
                        if progress:
                            progress.bytes_done(len(chunk))
                seen[name] = (size, digest.hexdigest())
    except ArchiveError:
        raise
    except (tarfile.TarError, EOFError, zstandard.ZstdError, gzip.BadGzipFile, zlib.error, ValueError) as error:
        raise ArchiveError(
            f"{archive}: the archive is truncated or corrupt ({error}): take the previous archive,"
            " or copy this one again from the off-site store"
        ) from error
    except OSError as error:  # the file was readable when opened: a disk or network file system error
        if error.errno in (errno.EACCES, errno.EPERM):
            raise ArchiveUnreadable(f"{archive}: reading it was refused midway ({error}): check its permissions")
        raise ArchiveUnreadable(
            f"{archive}: reading it failed midway ({error.strerror or error}); its content was not checked:"
            " copy it again from the off-site store, or check the disk it is on"
        ) from error
    if manifest_bytes is None:
        raise ArchiveError(f"{archive}: the archive has no manifest (it is truncated or not a Tribune backup)")
    try:
        manifest = check_manifest(json.loads(manifest_bytes))
    except json.JSONDecodeError as error:
        raise ArchiveError(f"{archive}: the manifest is not valid JSON ({error})") from error
    parts: dict[str, Any] = manifest["parts"]
    missing = sorted(set(parts) - set(seen))
    if missing:
        raise ArchiveError(f"{archive}: the archive lacks {len(missing)} part(s) its manifest lists: {missing[:5]}")
    extra = sorted(set(seen) - set(parts))
    if extra:
        raise ArchiveError(f"{archive}: the archive holds part(s) its manifest does not list: {extra[:5]}")
    for name, (size, sha) in sorted(seen.items()):
        expected = parts[name]
        if expected.get("size") != size or expected.get("sha256") != sha:
            raise ArchiveError(f"{archive}: the part {name!r} was altered or damaged (its SHA-256 does not match)")
    for model in manifest["models"]:
        path = into / model["part"]
        if model["part"] not in parts:
            raise ArchiveError(
                f"{archive}: the manifest names {model['part']!r} for {model['label']} but lists no such part"
            )
        with path.open("rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(CHUNK), b""))
        if lines != model["rows"]:
            raise ArchiveError(
                f"{archive}: {model['label']} has {lines} rows where the manifest counts {model['rows']}"
            )
    return Extracted(root=into, manifest=manifest)


def _scratch_error(into: Path, error: OSError) -> ScratchUnwritable:
    free = shutil.disk_usage(into).free if into.exists() else 0
    return ScratchUnwritable(
        f"cannot write the archive's parts into {into} to check them ({error.strerror or error};"
        f" {free / 1024**3:.1f} GiB free there): the archive was readable so far. Free space in"
        " the data directory (TRIBUNE_DATA_DIR), which holds the scratch copy, and run the command again"
    )


@contextmanager
def _scratch_file(target: Path, into: Path) -> Iterator[IO[bytes]]:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = target.open("wb")
    except OSError as error:
        raise _scratch_error(into, error) from error
    try:
        yield handle
    finally:
        try:
            handle.close()  # a full disk may only show when the last buffer is written
        except OSError as error:
            raise _scratch_error(into, error) from error


def _write_scratch(handle: IO[bytes], chunk: bytes, into: Path) -> None:
    try:
        handle.write(chunk)
    except OSError as error:
        raise _scratch_error(into, error) from error


@contextmanager
def temporary_directory(near: Path, prefix: str) -> Iterator[Path]:
    """A scratch directory on the same file system as `near` (archives can be large; /tmp may be small)."""
    near.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=near))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
