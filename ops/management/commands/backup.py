"""`tribune backup [--output PATH] [--rotate N] [--offsite s3://...|user@host:dir/]`, `tribune backup verify ARCHIVE`,
`tribune backup fingerprint` and `tribune backup fetch s3://...` (the newest off-site archive, on a new host)."""

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup.archive import ArchiveError, ArchiveUnreadable, ScratchUnwritable
from ops.backup.create import create_backup, default_name
from ops.backup.dump import instance_fingerprint
from ops.backup.offsite import copy_offsite, copy_rsync, fetch_s3, record_offsite, rotate, upload_s3
from ops.backup.progress import Progress
from ops.backup.restore import verify_archive


class Command(BaseCommand):
    help = (
        "Write one archive with the database, media, keys and configuration (safe while the instance serves);"
        " `tribune backup verify ARCHIVE` checks an archive without restoring it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "action",
            nargs="*",
            help="`verify ARCHIVE` checks an archive; `fingerprint` prints the SHA-256 of every table and media file;"
            " `fetch S3_URL` downloads the newest archive from an off-site store (into --output)",
        )
        parser.add_argument(
            "--output",
            "-o",
            help="archive file (.tar.zst, .tar.gz or .tar) or directory; default: <data dir>/backups/",
        )
        parser.add_argument("--rotate", type=int, metavar="N", help="keep only the newest N archives in the directory")
        parser.add_argument("--upload", metavar="S3_URL", help="copy to s3://bucket/prefix?endpoint=https://host")
        parser.add_argument("--rsync", metavar="DEST", help="copy to user@host:dir/ with rsync over SSH")
        parser.add_argument(
            "--offsite",
            metavar="URL",
            default=settings.BACKUP_OFFSITE_URL,
            help="copy off the host to an s3:// URL or an rsync destination (default: TRIBUNE_BACKUP_OFFSITE_URL)",
        )
        parser.add_argument("--no-offsite", action="store_true", help="no off-site copy this time")
        parser.add_argument("--skip-media", action="store_true", help="leave media out (e.g. a replicated S3 store)")
        parser.add_argument("--level", type=int, help="compression level (zstd 1-19, gzip 1-9)")
        parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress(quiet=options["quiet"])
        action = options["action"]
        if action == ["fingerprint"]:
            self.stdout.write(json.dumps(instance_fingerprint(), indent=2, sort_keys=True))
            return
        if action and action[0] == "fetch" and len(action) == 2:
            self.fetch(action[1], options)
            return
        if action:
            if action[0] != "verify" or len(action) != 2:
                raise CommandError(
                    "usage: tribune backup verify ARCHIVE | tribune backup fingerprint | tribune backup fetch S3_URL"
                )
            try:
                manifest = verify_archive(Path(action[1]), progress)
            except (ArchiveUnreadable, ScratchUnwritable) as error:
                raise CommandError(f"the archive could not be checked: {error}")
            except ArchiveError as error:
                raise CommandError(f"the archive is NOT usable: {error}")
            rows = sum(m["rows"] for m in manifest["models"])
            self.stdout.write(
                f"OK: {action[1]} is a complete Tribune backup (format {manifest['format_version']},"
                f" Tribune {manifest['software_version']}, {manifest['engine']}, taken {manifest['created_at']}"
                f" on {manifest['domain']}): {len(manifest['parts'])} parts, {rows:,} rows,"
                f" {manifest['media']['files']:,} media files, every checksum matches"
            )
            return
        output = Path(options["output"]) if options["output"] else Path(settings.DATA_DIR) / "backups"
        if output.is_dir() or not output.name.endswith((".tar", ".tar.gz", ".tgz", ".tar.zst", ".tzst")):
            output = output / default_name()
        try:
            result = create_backup(output, skip_media=options["skip_media"], progress=progress, level=options["level"])
        except ArchiveError as error:
            raise CommandError(str(error))
        self.stdout.write(str(result.path))
        if options["upload"]:
            progress.note(f"Uploaded to {upload_s3(result.path, options['upload'])}")
        if options["rsync"]:
            progress.note(f"Copied to {copy_rsync(result.path, options['rsync'])}")
        if options["offsite"] and not options["no_offsite"]:
            try:
                copied = copy_offsite(result.path, options["offsite"])
            except Exception as error:  # any failure of the copy is reported and recorded, the archive stays
                record_offsite(result.path, "", error=f"{type(error).__name__}: {error}")
                raise CommandError(
                    f"the archive {result.path} was written, but the off-site copy to {options['offsite']}"
                    f" failed: {error}"
                )
            record_offsite(result.path, copied)
            progress.note(f"Copied off-site to {copied}")
        if options["rotate"]:
            for old in rotate(result.path.parent, options["rotate"]):
                progress.note(f"Removed old backup {old}")

    def fetch(self, url: str, options: dict[str, Any]) -> None:
        directory = Path(
            options["output"] or os.environ.get("TRIBUNE_BACKUP_DIR") or Path(settings.DATA_DIR) / "backups"
        )
        if not url.startswith("s3://"):
            raise CommandError(f"{url!r} is not an s3://bucket/prefix URL (for rsync, run rsync itself)")
        try:
            path = fetch_s3(url, directory)
        except FileNotFoundError as error:
            raise CommandError(str(error))
        except Exception as error:  # credentials, endpoint, network: the message says which
            raise CommandError(f"cannot fetch from {url}: {type(error).__name__}: {error}")
        self.stdout.write(str(path))
