"""Rotation and off-site copies: any S3-compatible store (boto3, an endpoint URL) or any host over SSH (rsync).

Nothing here depends on one vendor: the S3 protocol is spoken by MinIO, Ceph, Garage
and every large provider alike, and rsync needs only an SSH account.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
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
