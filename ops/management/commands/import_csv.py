"""`tribune import_csv USERNAME KIND FILE.csv`: apply a Mastodon-compatible CSV file to a local account."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Account
from ops.export import IMPORT_KINDS, import_csv
from tribune.lib.errors import ActionError


class Command(BaseCommand):
    help = "Import follows, blocks, mutes or bookmarks from a CSV file (lines that cannot be applied are reported)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("kind", choices=IMPORT_KINDS)
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        account = Account.objects.filter(username__iexact=options["username"], domain="").first()
        if account is None:
            raise CommandError(f"no local account {options['username']!r}")
        try:
            report = import_csv(account, options["kind"], Path(options["file"]).read_bytes())
        except ActionError as error:
            raise CommandError(error.message)
        self.stdout.write(report.summary())
