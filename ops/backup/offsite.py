"""Rotation and off-site copies: any S3-compatible store (boto3, an endpoint URL) or any host over SSH (rsync).

Nothing here depends on one vendor: the S3 protocol is spoken by MinIO, Ceph, Garage
and every large provider alike, and rsync needs only an SSH account.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ARCHIVE_NAME = re.compile(r"^tribune-.+\.(tar\.zst|tar\.gz|tar)$")


def archives_in(directory: Path) -> list[Path]:
    """Backups written by `tribune backup` in `directory`, oldest first (names carry a UTC timestamp)."""
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_file() and ARCHIVE_NAME.match(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def rotate(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives; return what was deleted."""
    if keep < 1:
        raise ValueError("--rotate keeps at least one archive")
    old = archives_in(directory)[:-keep]
    for path in old:
        path.unlink()
    return old


def parse_s3_url(url: str) -> tuple[str, str, dict[str, str]]:
    """s3://bucket/prefix?endpoint=https://host:9000&region=x -> (bucket, prefix, options)."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"{url!r} is not an s3://bucket/prefix URL")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    return parts.netloc, parts.path.strip("/"), query


def upload_s3(path: Path, url: str) -> str:
    """Copy `path` to the S3-compatible store at `url`; credentials come from AWS_* variables as usual."""
    import boto3

    bucket, prefix, query = parse_s3_url(url)
    client = boto3.client("s3", endpoint_url=query.get("endpoint"), region_name=query.get("region"))
    key = f"{prefix}/{path.name}" if prefix else path.name
    client.upload_file(str(path), bucket, key)
    head = client.head_object(Bucket=bucket, Key=key)
    if head["ContentLength"] != path.stat().st_size:
        raise RuntimeError(f"s3://{bucket}/{key} has {head['ContentLength']} bytes, {path} has {path.stat().st_size}")
    return f"s3://{bucket}/{key}"


def copy_rsync(path: Path, destination: str, *, ssh: str | None = None) -> str:
    """rsync the archive to `user@host:dir/` (or any rsync destination); --partial resumes a cut transfer."""
    command = ["rsync", "--partial", "--times", "--chmod=F600"]
    if ssh:
        command += ["-e", ssh]
    target = destination if destination.endswith("/") else destination + "/"
    subprocess.run([*command, str(path), target], check=True)
    return target + path.name


OFFSITE_RECORD = ".offsite.json"


def copy_offsite(path: Path, destination: str) -> str:
    """Copy an archive to `destination`: an s3:// URL (any S3-compatible store) or an rsync destination."""
    if destination.startswith("s3://"):
        return upload_s3(path, destination)
    return copy_rsync(path, destination)


def record_offsite(path: Path, copied_to: str, error: str = "") -> None:
    """Note the outcome of the last off-site copy next to the archives, for `tribune doctor`."""
    record = {"archive": path.name, "copied_to": copied_to, "at": time.time(), "error": error}
    (path.parent / OFFSITE_RECORD).write_text(json.dumps(record))


def last_offsite(directory: Path) -> dict[str, Any] | None:
    try:
        record: dict[str, Any] = json.loads((directory / OFFSITE_RECORD).read_text())
    except (OSError, ValueError):
        return None
    return record


def newest_in_s3(url: str) -> tuple[Any, str, str]:
    """(client, bucket, key) of the newest archive under an s3:// URL (names carry their UTC time)."""
    import boto3

    bucket, prefix, query = parse_s3_url(url)
    client = boto3.client("s3", endpoint_url=query.get("endpoint"), region_name=query.get("region"))
    keys: list[str] = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{prefix}/" if prefix else ""):
        keys += [item["Key"] for item in page.get("Contents", []) if ARCHIVE_NAME.match(item["Key"].rsplit("/", 1)[-1])]
    if not keys:
        raise FileNotFoundError(f"no Tribune archive (tribune-*.tar.zst) in {url}")
    return client, bucket, max(keys, key=lambda key: _taken_at(key.rsplit("/", 1)[-1]))


def _taken_at(name: str) -> str:
    """The UTC time in an archive's name (tribune-<domain>-<YYYYMMDDTHHMMSSZ>.tar.zst), for ordering."""
    match = re.search(r"-(\d{8}T\d{6}Z)\.", name)
    return match.group(1) if match else ""


def fetch_s3(url: str, directory: Path, name: str | None = None) -> Path:
    """Download the newest archive (or the one named) from an s3:// URL into `directory`; the size is checked."""
    client, bucket, key = newest_in_s3(url)
    if name:
        _bucket, prefix, _query = parse_s3_url(url)
        key = f"{prefix}/{name}" if prefix else name
    target = directory / key.rsplit("/", 1)[-1]
    partial = target.with_name(target.name + ".partial")
    directory.mkdir(parents=True, exist_ok=True)
    client.download_file(bucket, key, str(partial))
    size = client.head_object(Bucket=bucket, Key=key)["ContentLength"]
    if partial.stat().st_size != size:
        partial.unlink()
        raise RuntimeError(f"s3://{bucket}/{key} has {size} bytes, the download {partial.stat().st_size}")
    partial.rename(target)
    return target
