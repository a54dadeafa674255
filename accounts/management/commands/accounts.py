"""`tribune accounts badge grant|revoke --badge verified|organisation|parody --admin ADMIN USERNAME`."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.badges import BADGES
from accounts.models import Account, User
from moderation.actions.badges import do_set_badge
from tribune.lib.errors import ActionError


class Command(BaseCommand):
    help = "Grant and revoke the badges of local accounts (each change is written to the audit log)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        b = sub.add_parser("badge", help="grant or revoke a badge")
        b.add_argument("op", choices=["grant", "revoke"])
        b.add_argument("username", help="the local account")
        b.add_argument("--badge", required=True, choices=BADGES)
        b.add_argument("--admin", required=True, help="username of the administrator acting")
        b.add_argument("--reason", default="", help="why (kept in the audit log)")

    def handle(self, *args: Any, **o: Any) -> None:
        admin = User.objects.filter(username=o["admin"], is_staff=True).first()
        if admin is None:
            raise CommandError("--admin must name a staff user")
        account = Account.objects.filter(username__iexact=o["username"], domain="").first()
        if account is None:
            raise CommandError(f"no local account @{o['username']}")
        try:
            changed = do_set_badge(account, o["badge"], o["op"] == "grant", acting_user=admin, reason=o["reason"])
        except ActionError as e:
            raise CommandError(e.message) from None
        verb = "granted" if o["op"] == "grant" else "revoked"
        self.stdout.write(f"{o['badge']} {verb} for @{account.username}" if changed else "nothing to change")
