"""`tribune seed --users N --posts M`: a realistic demo network, built fast (see ops/seed.py)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ops.seed import SeedOptions, seed_network


class Command(BaseCommand):
    help = "Fill the database with a realistic network of local accounts, follows, posts, feeds and upvotes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--users", type=int, default=1000, help="number of accounts (default 1000)")
        parser.add_argument("--posts", type=int, default=20000, help="number of posts (default 20000)")
        parser.add_argument("--upvotes", type=int, default=None, help="number of upvotes (default: as many as posts)")
        parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same network")
        parser.add_argument(
            "--password", default=None, help="password of every seeded account (default: none can log in)"
        )
        parser.add_argument("--feed-cap", type=int, default=200, help="entries kept per home feed (default 200)")
        parser.add_argument(
            "--max-followers",
            type=int,
            default=None,
            help="followers of the most followed account (default: nearly everyone)",
        )
        parser.add_argument("--days", type=int, default=30, help="posts are spread over this many past days")
        parser.add_argument(
            "--without-keys",
            action="store_true",
            help="no signing keys (made on first federation use instead): for very large benchmark networks",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["users"] < 2 or options["posts"] < 0:
            raise CommandError("--users must be at least 2 and --posts at least 0.")
        seed_options = SeedOptions(
            users=options["users"],
            posts=options["posts"],
            seed=options["seed"],
            password=options["password"],
            upvotes=options["upvotes"],
            feed_cap=options["feed_cap"],
            days=options["days"],
            max_followers=options["max_followers"],
            keys=not options["without_keys"],
        )
        try:
            report = seed_network(seed_options, progress=lambda line: self.stdout.write(line))
        except ValueError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"seeded in {report.total_seconds:.1f}s")
