"""`tribune announcements add|list|remove`: the announcements apps show every local person."""

from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from accounts.announcements import do_create_announcement, do_delete_announcement
from accounts.models import Announcement, User
from tribune.lib.errors import ActionError


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None or parsed.tzinfo is None:
        raise CommandError(f"{value!r}: give a date and time with its zone, e.g. 2025-06-01T18:00:00+02:00")
    return parsed


class Command(BaseCommand):
    help = "Write, list and remove the announcements shown in apps (GET /api/v1/announcements)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="publish an announcement")
        add.add_argument("text", help="plain text; links, #hashtags and @mentions become links")
        add.add_argument("--admin", required=True, help="username of the administrator acting")
        add.add_argument("--starts-at", help="when what it announces starts (ISO 8601 with zone)")
        add.add_argument("--ends-at", help="when it ends; it is no longer listed afterwards")
        add.add_argument("--all-day", action="store_true", help="the dates are whole days")
        sub.add_parser("list", help="every announcement, newest first")
        remove = sub.add_parser("remove", help="delete an announcement")
        remove.add_argument("id", type=int)
        remove.add_argument("--admin", required=True, help="username of the administrator acting")

    def handle(self, *args: Any, **o: Any) -> None:
        if o["action"] == "list":
            for a in Announcement.objects.order_by("-created_at"):
                ends = f"until {a.ends_at.isoformat()}" if a.ends_at else "-"
                self.stdout.write(f"{a.pk}\t{ends}\t{a.text[:60]}")
            return
        admin = User.objects.filter(username=o["admin"], is_staff=True).first()
        if admin is None:
            raise CommandError("--admin must name a staff user")
        try:
            if o["action"] == "add":
                a = do_create_announcement(
                    acting_user=admin,
                    text=o["text"],
                    starts_at=_when(o["starts_at"]),
                    ends_at=_when(o["ends_at"]),
                    all_day=o["all_day"],
                )
                self.stdout.write(f"announcement {a.pk} added")
            else:
                found = Announcement.objects.filter(pk=o["id"]).first()
                if found is None:
                    raise CommandError(f"no announcement {o['id']}")
                do_delete_announcement(found, acting_user=admin)
                self.stdout.write(f"announcement {o['id']} removed")
        except ActionError as e:
            raise CommandError(e.message) from None
