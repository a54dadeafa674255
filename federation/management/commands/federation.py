"""Operators' federation tool: resolve remote accounts and posts, inspect and retry
deliveries, rotate keys, move accounts, and manage domain blocklists.

  tribune federation resolve @user@example.social | https://example.social/@user/1
  tribune federation deliveries [--state failed]
  tribune federation retry
  tribune federation rotate-key USERNAME
  tribune federation alias USERNAME @old@example.social
  tribune federation move USERNAME @new@example.social
  tribune federation import-blocklist FILE.csv | export-blocklist
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Account
from federation.http import FetchError
from federation.models import Delivery
from tribune.lib.errors import ActionError


def _local(username: str) -> Account:
    account = Account.objects.filter(username__iexact=username.lstrip("@"), domain="").first()
    if account is None:
        raise CommandError(f"no local account {username}")
    return account


class Command(BaseCommand):
    help = "Federation tools: resolve, deliveries, retry, rotate-key, alias, move, import/export-blocklist."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action")
        parser.add_argument("params", nargs="*")
        parser.add_argument("--state", default="", help="deliveries: only this state")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        action, rest = options["action"], options["params"]
        try:
            method = getattr(self, "do_" + action.replace("-", "_"), None)
            if method is None:
                raise CommandError(f"unknown action {action!r}; see --help")
            method(rest, options)
        except (ActionError, FetchError) as e:
            raise CommandError(str(e)) from None

    def _out(self, options: dict[str, Any], data: dict[str, Any], text: str) -> None:
        self.stdout.write(json.dumps(data) if options["json"] else text)

    def do_resolve(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.fetch import resolve_handle, resolve_url

        if len(rest) != 1:
            raise CommandError("resolve takes one handle or URL")
        found = resolve_url(rest[0]) if rest[0].startswith(("http://", "https://")) else resolve_handle(rest[0])
        if isinstance(found, Account):
            self._out(options, {"account_id": found.pk, "acct": found.acct, "uri": found.uri},
                      f"account {found.pk} {found.acct} {found.uri}")  # fmt: skip
        else:
            self._out(options, {"post_id": found.pk, "uri": found.uri, "author": found.author.acct},
                      f"post {found.pk} by {found.author.acct} {found.uri}")  # fmt: skip

    def do_deliveries(self, rest: list[str], options: dict[str, Any]) -> None:
        qs = Delivery.objects.order_by("-id")
        if options["state"]:
            qs = qs.filter(state=options["state"])
        rows = list(qs[:100])
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {"id": d.pk, "activity": d.activity_id, "type": d.payload.get("type"), "inbox": d.inbox,
                         "state": d.state, "attempts": d.attempts, "last_status": d.last_status,
                         "last_error": d.last_error}
                        for d in rows
                    ]
                )
            )  # fmt: skip
            return
        for d in rows:
            self.stdout.write(
                f"{d.pk} {d.state:8} {d.attempts:2} {d.last_status or '-':>4} {d.payload.get('type', '?'):9} "
                f"{d.inbox} {d.last_error}"
            )

    def do_retry(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.tasks import retry_due_deliveries

        retry_due_deliveries.enqueue()
        self.stdout.write("due deliveries queued for retry")

    def do_rotate_key(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.keys import do_rotate_key

        do_rotate_key(_local(rest[0]))
        self.stdout.write("key rotated; followers' servers are told")

    def do_alias(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.actions import do_add_alias

        account = do_add_alias(_local(rest[0]), rest[1])
        self.stdout.write("also known as: " + ", ".join(account.also_known_as))

    def do_move(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.actions import do_move_account

        account = do_move_account(_local(rest[0]), rest[1])
        self.stdout.write(f"{account.acct} moved to {account.moved_to}")

    def do_import_blocklist(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.actions import do_import_blocklist

        with open(rest[0], encoding="utf-8-sig") as f:
            applied, errors = do_import_blocklist(f.read(), acting_user="command line")
        self.stdout.write(f"{applied} domains imported")
        for line in errors:
            self.stderr.write(line)

    def do_export_blocklist(self, rest: list[str], options: dict[str, Any]) -> None:
        from federation.actions import export_blocklist

        self.stdout.write(export_blocklist(), ending="")
