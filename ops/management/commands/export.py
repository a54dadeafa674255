"""`tribune export USERNAME --output FILE.zip`: one person's data, as the settings page gives it."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Account
from ops.export import export_filename, write_export


class Command(BaseCommand):
    help = "Write a local person's export (ActivityStreams outbox with media, Mastodon-compatible CSV files)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--output", "-o", help="ZIP file to write (default: tribune-export-USERNAME.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        account = Account.objects.filter(username__iexact=options["username"], domain="").first()
        if account is None:
            raise CommandError(f"no local account {options['username']!r}")
        output = Path(options["output"] or export_filename(account))
        with output.open("wb") as handle:
            write_export(account, handle)
        self.stdout.write(str(output))
