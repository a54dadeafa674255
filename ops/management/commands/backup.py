"""`tribune backup [--output PATH] [--rotate N] [--upload s3://...] [--rsync user@host:dir]` and `tribune backup verify ARCHIVE`."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup.archive import ArchiveError
from ops.backup.create import create_backup, default_name
from ops.backup.dump import instance_fingerprint
from ops.backup.offsite import copy_rsync, rotate, upload_s3
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
            help="`verify ARCHIVE` checks an archive; `fingerprint` prints the SHA-256 of every table and media file",
        )
        parser.add_argument(
            "--output",
            "-o",
            help="archive file (.tar.zst, .tar.gz or .tar) or directory; default: <data dir>/backups/",
        )
        parser.add_argument("--rotate", type=int, metavar="N", help="keep only the newest N archives in the directory")
        parser.add_argument("--upload", metavar="S3_URL", help="copy to s3://bucket/prefix?endpoint=https://host")
        parser.add_argument("--rsync", metavar="DEST", help="copy to user@host:dir/ with rsync over SSH")
        parser.add_argument("--skip-media", action="store_true", help="leave media out (e.g. a replicated S3 store)")
        parser.add_argument("--level", type=int, help="compression level (zstd 1-19, gzip 1-9)")
        parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress(quiet=options["quiet"])
        action = options["action"]
        if action == ["fingerprint"]:
            self.stdout.write(json.dumps(instance_fingerprint(), indent=2, sort_keys=True))
            return
        if action:
            if action[0] != "verify" or len(action) != 2:
                raise CommandError("usage: tribune backup verify ARCHIVE | tribune backup fingerprint")
            try:
                manifest = verify_archive(Path(action[1]), progress)
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
        if options["rotate"]:
            for old in rotate(result.path.parent, options["rotate"]):
                progress.note(f"Removed old backup {old}")
