"""A realistic demo network built fast: `tribune seed --users N --posts M`.

Everything is planned in memory first (deterministic for a given seed), then
written table by table with bulk inserts instead of per-post actions, which
would take hours at this size. What the actions would have maintained is
maintained here too: counters (followers, following, posts, replies, echoes,
upvotes), hashtags and mentions, home feeds (fan-out of each post to its
author's followers, the newest `feed_cap` entries per person, like the capped
feeds Mastodon keeps), and the search index.

The shape is heavy-tailed, as real networks are: follower counts follow a
Zipf law (the most followed account is followed by nearly everyone, the median
one by a handful), and so does how much each account posts.
"""

import html
import multiprocessing
import os
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Account, Follow, User
from ops import seed_text
from posts.models import Hashtag, Mention, Post, PostHashtag, Upvote, Visibility
from search.index import index_rows
from search.text import fold
from timelines.models import FeedEntry
from tribune.lib.signatures import generate_key_pair

Progress = Callable[[str], None]

FOLLOW_EXPONENT = 0.8  # follower count of the account ranked r: about N / r**0.8
ACTIVITY_EXPONENT = 1.1  # Pareto shape of how much each account posts
REPLY_SHARE = 0.2
ECHO_SHARE = 0.1
TAGGED_SHARE = 0.35


@dataclass
class SeedOptions:
    users: int
    posts: int
    seed: int = 1
    password: str | None = None
    upvotes: int | None = None  # default: as many as posts
    feed_cap: int = 200
    max_followers: int | None = None  # the most followed account's followers (default: nearly everyone)
    days: int = 30
    french_share: float = 0.55
    keys: bool = True  # each account's signing key, as do_create_user makes it (RSA: ~0.1 s of CPU each)


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    usernames: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


@dataclass
class _Post:
    id: int
    author: int  # index into the account plan
    created_at: datetime
    text: str = ""
    language: str = ""
    visibility: str = Visibility.PUBLIC
    reply_to: int | None = None  # index into the post plan
    echo_of: int | None = None
    mentions: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    replies: int = 0
    echoes: int = 0
    upvotes: int = 0


class _Ids:
    """Time-sortable ids (as tribune.lib.ids makes them) with the sequence bits from the seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.last = 0

    def at(self, moment: datetime) -> int:
        value = (int(moment.timestamp() * 1000) << 16) | self.rng.getrandbits(16)
        value = max(value, self.last + 1)
        self.last = value
        return value


class _Timer:
    def __init__(self, report: SeedReport, progress: Progress) -> None:
        self.report = report
        self.progress = progress

    def phase(self, name: str, started: float, count: int) -> None:
        elapsed = time.monotonic() - started
        self.report.seconds[name] = elapsed
        self.report.counts[name] = count
        rate = count / elapsed if elapsed > 0 else float(count)
        self.progress(f"{name:<14} {count:>10,} in {elapsed:6.1f}s ({rate:,.0f}/s)")


def _insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple], batch: int = 10_000) -> int:
    """Plain multi-row INSERTs for the narrow, numerous tables (follows, feeds, upvotes):
    several times faster than bulk_create, which builds a model instance per row."""
    qn = connection.ops.quote_name
    column_of = {f.name: str(f.column) for f in model._meta.concrete_fields}
    columns = ", ".join(qn(column_of[f]) for f in fields)
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608  # names come from the model
    written = 0
    chunk: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                written += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            written += len(chunk)
    return written


def _username(first: str, last: str, index: int) -> str:
    base = "".join(c for c in fold(f"{first}_{last}") if c.isalnum() or c == "_")
    return f"{base[:22]}{index}"


def _follower_counts(n: int, most: int | None = None) -> list[int]:
    """Followers of the account ranked r (1-based): N / r**exponent, capped at everyone
    else, or at `most` (the shape stays a power law, scaled so the top has `most`)."""
    scale = min(n - 1, most) if most else n
    return [min(n - 1, scale, int(scale / (rank**FOLLOW_EXPONENT))) for rank in range(1, n + 1)]


def _pick_window(rng: random.Random, items: list[int], window: int) -> int:
    return items[rng.randrange(max(0, len(items) - window), len(items))]


def seed_network(options: SeedOptions, progress: Progress = print) -> SeedReport:
    """Write a new network into the database. Refuses to run where seeded accounts would clash."""
    rng = random.Random(options.seed)
    report = SeedReport()
    timer = _Timer(report, progress)
    n, m = options.users, options.posts
    if n < 2:
        raise ValueError("A network needs at least two accounts.")
    now = timezone.now().replace(microsecond=0)
    ids = _Ids(rng)

    # -- Plan accounts --------------------------------------------------------------
    started = time.monotonic()
    languages = ["fr" if rng.random() < options.french_share else "en" for _ in range(n)]
    names = [(rng.choice(seed_text.FIRST_NAMES[lang]), rng.choice(seed_text.SURNAMES[lang])) for lang in languages]
    usernames = [_username(first, last, i) for i, (first, last) in enumerate(names)]
    if Account.objects.filter(domain="", username__in=usernames[:50]).exists():
        raise ValueError("This database already holds a seeded network; seed a fresh one.")
    joined = now - timedelta(days=options.days + 365)
    account_ids = [ids.at(joined + timedelta(seconds=i)) for i in range(n)]

    # Follows: rank accounts at random, give each rank its Zipf share of followers.
    ranking = list(range(n))
    rng.shuffle(ranking)
    followers: list[list[int]] = [[] for _ in range(n)]
    for target, count in zip(ranking, _follower_counts(n, options.max_followers), strict=True):
        chosen = rng.sample(range(n), min(n, count + 1))
        followers[target] = [f for f in chosen if f != target][:count]
    following_count = [0] * n
    for fols in followers:
        for f in fols:
            following_count[f] += 1
    follow_total = sum(len(f) for f in followers)

    # -- Plan posts -----------------------------------------------------------------
    activity = [rng.paretovariate(ACTIVITY_EXPONENT) for _ in range(n)]
    cumulative: list[float] = []
    total = 0.0
    for weight in activity:
        total += weight
        cumulative.append(total)
    authors = rng.choices(range(n), cum_weights=cumulative, k=m)
    span = options.days * 86400.0
    offsets = sorted(rng.random() * span for _ in range(m))
    start = now - timedelta(days=options.days)
    plan: list[_Post] = []
    public_originals: list[int] = []  # indexes of public, non-echo posts (reply and echo candidates)
    for k, (author, offset) in enumerate(zip(authors, offsets, strict=True)):
        created = start + timedelta(seconds=offset)
        post = _Post(id=ids.at(created), author=author, created_at=created, language=languages[author])
        roll = rng.random()
        if public_originals and roll < ECHO_SHARE:
            # Echo something recent, preferring well-followed authors (best of three).
            candidates = [_pick_window(rng, public_originals, 5000) for _ in range(3)]
            original = max(candidates, key=lambda c: len(followers[plan[c].author]))
            if plan[original].author != author:
                post.echo_of = original
                post.language = ""
                plan[original].echoes += 1
        elif public_originals and roll < ECHO_SHARE + REPLY_SHARE:
            parent = _pick_window(rng, public_originals, 2000)
            post.reply_to = parent
            plan[parent].replies += 1
            parent_author = plan[parent].author
            if parent_author != author:
                post.mentions = [parent_author]
            post.text = seed_text.reply_text(rng, post.language, usernames[parent_author])
        if post.echo_of is None and post.reply_to is None:
            vis_roll = rng.random()
            if vis_roll < 0.02:
                post.visibility = Visibility.DIRECT
                someone = rng.randrange(n)
                if someone != author:
                    post.mentions = [someone]
                post.text = f"@{usernames[someone]} " if someone != author else ""
            elif vis_roll < 0.08:
                post.visibility = Visibility.PRIVATE
            elif vis_roll < 0.15:
                post.visibility = Visibility.UNLISTED
            vocabulary = seed_text.HASHTAGS[post.language]
            if rng.random() < TAGGED_SHARE:
                count = 1 if rng.random() < 0.7 else 2
                # Zipf-like: the first tags of each list are used far more than the last.
                post.tags = sorted({vocabulary[int(len(vocabulary) * rng.random() ** 2.5)] for _ in range(count)})
            post.text += seed_text.post_text(rng, post.language, post.tags)
        plan.append(post)
        if post.visibility == Visibility.PUBLIC and post.echo_of is None:
            public_originals.append(k)

    # Upvotes, skewed towards posts of well-followed authors (best of two).
    upvote_target = m if options.upvotes is None else options.upvotes
    upvote_pairs: set[tuple[int, int]] = set()
    if public_originals:
        for _ in range(upvote_target):
            a, b = rng.choice(public_originals), rng.choice(public_originals)
            target = a if len(followers[plan[a].author]) >= len(followers[plan[b].author]) else b
            voter = rng.randrange(n)
            if voter != plan[target].author and (voter, target) not in upvote_pairs:
                upvote_pairs.add((voter, target))
                plan[target].upvotes += 1
    posts_count = [0] * n
    last_post: list[datetime | None] = [None] * n
    for post in plan:
        posts_count[post.author] += 1
        last_post[post.author] = post.created_at
    timer.phase("plan", started, n + m)

    password_hash = make_password(options.password) if options.password else make_password(None)
    with transaction.atomic():
        _write_accounts(
            timer, options, rng, usernames, names, languages, account_ids, followers, following_count,
            posts_count, last_post, password_hash,
        )  # fmt: skip
        _write_follows(timer, account_ids, followers, joined)
    with transaction.atomic():
        _write_posts(timer, plan, account_ids, usernames)
    with transaction.atomic():
        _write_tags_and_mentions(timer, plan, account_ids)
        _write_upvotes(timer, plan, account_ids, upvote_pairs, ids)
    with transaction.atomic():
        _write_feeds(timer, plan, account_ids, followers, options.feed_cap)
    with transaction.atomic():
        started = time.monotonic()
        rows = [(p.id, p.text, "", p.language) for p in plan if p.echo_of is None]
        for i in range(0, len(rows), 5000):
            index_rows(rows[i : i + 5000])
        timer.phase("search index", started, len(rows))
    analyze_after_bulk_load()
    report.counts["follows"] = follow_total
    report.usernames = usernames
    return report


def analyze_after_bulk_load() -> None:
    """PostgreSQL: refresh the planner's statistics after a bulk load. Until autovacuum gets to
    it (or never, where it is off), the planner takes the new tables for nearly empty and may
    pick plans that visit every account for each post checked."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _write_accounts(
    timer: _Timer,
    options: SeedOptions,
    rng: random.Random,
    usernames: list[str],
    names: list[tuple[str, str]],
    languages: list[str],
    account_ids: list[int],
    followers: list[list[int]],
    following_count: list[int],
    posts_count: list[int],
    last_post: list[datetime | None],
    password_hash: str,
) -> None:
    started = time.monotonic()
    users = User.objects.bulk_create(
        [
            User(username=u, email=f"{u}@example.org", password=password_hash, language=lang)
            for u, lang in zip(usernames, languages, strict=True)
        ],
        batch_size=2000,
    )
    keys = _key_pairs(len(usernames)) if options.keys else [("", "")] * len(usernames)
    site = settings.SITE_URL
    accounts = [
        Account(
            id=account_ids[i],
            user_id=users[i].pk,
            username=usernames[i],
            private_key=keys[i][0],
            public_key=keys[i][1],
            public_key_id=f"{site}/users/{usernames[i]}#main-key" if keys[i][0] else "",
            display_name=f"{names[i][0]} {names[i][1]}",
            bio=f"<p>{html.escape(text)}</p>",
            bio_source=text,
            followers_count=len(followers[i]),
            following_count=following_count[i],
            posts_count=posts_count[i],
            last_post_at=last_post[i],
        )
        for i, text in ((i, seed_text.bio(rng, languages[i])) for i in range(len(usernames)))
    ]
    Account.objects.bulk_create(accounts, batch_size=1000)
    timer.phase("accounts", started, len(accounts))


def _key_pairs(count: int) -> list[tuple[str, str]]:
    """`count` signing key pairs, made on every core (RSA key generation is CPU-bound)."""
    from concurrent.futures import ProcessPoolExecutor

    from federation.keys import new_account_key_pair

    workers = os.cpu_count() or 1
    if count < 50 or workers == 1:
        return [new_account_key_pair() for _ in range(count)]
    bits = [settings.ACCOUNT_KEY_BITS] * count
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(generate_key_pair, bits, chunksize=16))


def _write_follows(timer: _Timer, account_ids: list[int], followers: list[list[int]], when: datetime) -> None:
    started = time.monotonic()
    created = connection.ops.adapt_datetimefield_value(when)
    base = (int(when.timestamp() * 1000) << 16) + 1

    def rows() -> Iterable[tuple]:
        serial = 0
        for target, fols in enumerate(followers):
            for f in fols:
                serial += 1
                yield (base + serial, account_ids[f], account_ids[target], "accepted", True, False, "", created)

    count = _insert(
        Follow, ["id", "follower", "target", "state", "show_reblogs", "notify", "uri", "created_at"], rows()
    )
    timer.phase("follows", started, count)


def _content(post: _Post, usernames: list[str]) -> str:
    """The HTML a real post would get (links for mentions and hashtags), made without database look-ups."""
    words = []
    for word in post.text.split(" "):
        if word.startswith("@") and len(word) > 1:
            words.append(
                f'<span class="h-card"><a href="/@{html.escape(word[1:])}" class="mention">{html.escape(word)}</a></span>'
            )
        elif word.startswith("#") and len(word) > 1:
            tag = html.escape(word[1:].lower())
            words.append(f'<a href="/tags/{tag}" class="hashtag">{html.escape(word)}</a>')
        else:
            words.append(html.escape(word))
    return f"<p>{' '.join(words)}</p>" if post.text else ""


def _write_posts(timer: _Timer, plan: list[_Post], account_ids: list[int], usernames: list[str]) -> None:
    started = time.monotonic()
    batch: list[Post] = []
    written = 0
    for post in plan:
        reply_to = plan[post.reply_to] if post.reply_to is not None else None
        batch.append(
            Post(
                id=post.id,
                author_id=account_ids[post.author],
                text=post.text,
                content=_content(post, usernames),
                visibility=post.visibility,
                language=post.language,
                in_reply_to_id=reply_to.id if reply_to else None,
                in_reply_to_account_id=account_ids[reply_to.author] if reply_to else None,
                reblog_of_id=plan[post.echo_of].id if post.echo_of is not None else None,
                created_at=post.created_at,
                # Seeded feeds are written by the seeder itself: marked delivered, so that the
                # workers' recovery sweep does not take recent seeded posts for lost deliveries.
                delivered_at=post.created_at,
                replies_count=post.replies,
                reblogs_count=post.echoes,
                favourites_count=post.upvotes,
            )
        )
        if len(batch) >= 5000:
            Post.objects.bulk_create(batch, batch_size=1000)
            written += len(batch)
            batch = []
    Post.objects.bulk_create(batch, batch_size=1000)
    written += len(batch)
    timer.phase("posts", started, written)


def _write_tags_and_mentions(timer: _Timer, plan: list[_Post], account_ids: list[int]) -> None:
    started = time.monotonic()
    names = sorted({t for p in plan for t in p.tags})
    existing = set(Hashtag.objects.filter(name__in=names).values_list("name", flat=True))
    Hashtag.objects.bulk_create([Hashtag(name=name) for name in names if name not in existing])
    tag_ids = dict(Hashtag.objects.filter(name__in=names).values_list("name", "id"))
    count = _insert(
        PostHashtag,
        ["post", "hashtag", "post_created_id"],
        ((p.id, tag_ids[t], p.id) for p in plan for t in p.tags),
    )
    timer.phase("hashtags", started, count)
    started = time.monotonic()
    count = _insert(Mention, ["post", "account"], ((p.id, account_ids[a]) for p in plan for a in p.mentions))
    timer.phase("mentions", started, count)


def _write_upvotes(
    timer: _Timer, plan: list[_Post], account_ids: list[int], pairs: set[tuple[int, int]], ids: _Ids
) -> None:
    started = time.monotonic()
    ordered = sorted(pairs, key=lambda pair: (plan[pair[1]].id, pair[0]))
    adapt = connection.ops.adapt_datetimefield_value
    rows = (
        (
            plan[post].id + 1 + i,
            account_ids[voter],
            plan[post].id,
            "",
            adapt(plan[post].created_at + timedelta(minutes=5)),
        )
        for i, (voter, post) in enumerate(ordered)
    )
    count = _insert(Upvote, ["id", "account", "post", "uri", "created_at"], rows)
    timer.phase("upvotes", started, count)


def _write_feeds(
    timer: _Timer, plan: list[_Post], account_ids: list[int], followers: list[list[int]], cap: int
) -> None:
    """Fan-out as timelines.actions.feed_recipients decides it, newest posts first,
    keeping the newest `cap` entries per home feed. (Unlike fan_out, an echo also
    enters feeds that already hold its original: the feed reader shows both.)"""
    started = time.monotonic()
    filled = [0] * len(account_ids)
    # Very followed accounts are merged into feeds at read time, not fanned out.
    fan_out_limit = settings.FANOUT_MAX_FOLLOWERS

    def rows() -> Iterable[tuple]:
        for post in reversed(plan):
            recipients = [post.author]
            if post.visibility != Visibility.DIRECT and len(followers[post.author]) < fan_out_limit:
                recipients.extend(followers[post.author])
            if post.visibility in (Visibility.DIRECT, Visibility.PRIVATE):
                recipients.extend(post.mentions)
            author_id = account_ids[post.author]
            seen: set[int] = set()
            for r in recipients:
                if filled[r] < cap and r not in seen:
                    seen.add(r)
                    filled[r] += 1
                    yield (account_ids[r], post.id, post.id, author_id)

    count = _insert(FeedEntry, ["owner", "post", "post_sort_id", "author_id_copy"], rows(), batch=20_000)
    timer.phase("home feeds", started, count)
