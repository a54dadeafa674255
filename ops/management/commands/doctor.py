"""`tribune doctor`: configuration, database, Redis, disk, keys, media, backups, clock, connectivity."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ops.doctor import DEFAULT_PROBE_URL, FAIL, OK, WARN, run_all


class Command(BaseCommand):
    help = "Check that this host can serve Tribune, and say what to fix."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--offline", action="store_true", help="skip the outward connectivity and clock checks")
        parser.add_argument(
            "--probe-url", default=DEFAULT_PROBE_URL, help="an HTTPS server to reach and to compare clocks with"
        )

        parser.add_argument(
            "--make-keys",
            action="store_true",
            help="first make a signing key for each local account that has none, and the VAPID pair if missing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["make_keys"]:
            from accounts.models import Account
            from federation.keys import ensure_account_keys

            made = 0
            for account in Account.objects.filter(domain="", deleted_at=None, private_key="").iterator():
                ensure_account_keys(account)
                made += 1
            self.stdout.write(f"Made {made} signing key(s).")
            from notifications.vapid import check_vapid_keys, ensure_vapid_keys

            if check_vapid_keys() == "missing":
                ensure_vapid_keys()
                self.stdout.write("Made the VAPID key pair for push notifications.")
        findings = run_all(None if options["offline"] else options["probe_url"])
        style = {OK: self.style.SUCCESS, WARN: self.style.WARNING, FAIL: self.style.ERROR}
        for finding in findings:
            self.stdout.write(style[finding.status](f"[{finding.status:>4}] {finding.check}: {finding.message}"))
            if finding.fix and finding.status != OK:
                self.stdout.write(f"        fix: {finding.fix}")
        failed = [f for f in findings if f.status == FAIL]
        warned = [f for f in findings if f.status == WARN]
        summary = f"{len(failed)} problem(s), {len(warned)} warning(s)"
        if failed:
            sys.stdout.flush()
            raise CommandError(summary)
        self.stdout.write(summary)
