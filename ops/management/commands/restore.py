"""`tribune restore ARCHIVE [--force]`: the whole instance back from an archive, on an empty database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ops.backup.archive import ArchiveError, ArchiveUnreadable, ScratchUnwritable
from ops.backup.progress import Progress
from ops.backup.restore import RestoreMismatch, TargetNotEmpty, restore_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by `tribune backup` into the configured database (migrated first),"
        " media storage and data directory. The archive is verified completely before anything is changed."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="replace the data of a database that is not empty")
        parser.add_argument(
            "--no-check", action="store_true", help="skip reading every table back to compare it with the archive"
        )
        parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_archive(
                Path(options["archive"]),
                force=options["force"],
                check=not options["no_check"],
                progress=Progress(quiet=options["quiet"]),
            )
        except (ArchiveUnreadable, ScratchUnwritable) as error:
            raise CommandError(f"nothing was restored: {error}")
        except ArchiveError as error:
            raise CommandError(f"nothing was restored: the archive is NOT usable: {error}")
        except RestoreMismatch as error:
            raise CommandError(f"the restore check failed: {error}")
        except TargetNotEmpty as error:
            raise CommandError(f"nothing was restored: {error}")
        self.stdout.write(
            f"Restored {result.rows:,} rows taken {result.manifest['created_at']} on {result.manifest['domain']}"
            f" in {result.seconds:.1f}s. Restart the web and worker processes so they read the restored keys."
        )
