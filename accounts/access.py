"""Reading accounts and the relations between them.

Front ends fetch accounts through these helpers so that suspended and deleted
accounts, and blocks, are applied the same way everywhere.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router
from django.db.models import BigIntegerField, CharField, Q, QuerySet, Value
from django.utils import timezone

from accounts.models import Account, Block, DomainBlock, Filter, FilterStatus, Follow, Mute, MutedWord
from tribune.lib.errors import NotFound


def active_accounts() -> QuerySet[Account]:
    return Account.objects.filter(suspended_at__isnull=True, deleted_at__isnull=True)


def access_account(viewer: Account | None, account_id: int | str) -> Account:
    """The account with that id, if it is active. Blocks do not hide a profile page
    (Mastodon shows it, empty), they hide posts."""
    try:
        return active_accounts().get(pk=int(account_id))
    except (Account.DoesNotExist, ValueError, TypeError):
        raise NotFound("Record not found") from None


def access_account_by_handle(handle: str) -> Account:
    """`user` or `user@domain` (a leading @ is allowed); the local domain counts as local."""
    from django.conf import settings

    handle = handle.strip().lstrip("@")
    username, _, domain = handle.partition("@")
    domain = domain.lower()
    if domain in (settings.DOMAIN.lower(), settings.DOMAIN.split(":")[0].lower()):
        domain = ""
    account = active_accounts().filter(username__iexact=username, domain=domain).first()
    if account is None:
        raise NotFound("Record not found")
    return account


@dataclass(frozen=True)
class Blocked:
    """Whom a viewer does not see: the accounts blocked either way, and the servers the viewer
    blocked (kept as names: a big server's accounts are thousands of ids)."""

    ids: frozenset[int] = frozenset()
    domains: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.ids or self.domains)

    def excluding(self, account: str = "") -> Q:
        """A condition keeping rows whose account (the relation `account`, or the row itself
        when empty) is not blocked."""
        out = Q()
        if self.ids:
            out &= ~Q(**{f"{account}_id__in" if account else "pk__in": sorted(self.ids)})
        if self.domains:
            out &= ~Q(**{f"{account}__domain__in" if account else "domain__in": sorted(self.domains)})
        return out


def blocks(viewer: Account) -> Blocked:
    """Accounts the viewer blocked or that blocked the viewer, and the servers the viewer blocked.

    Read in one indexed query: most people block nobody, and then the visibility query carries
    no block condition at all. (As a subquery joining accounts to blocks both ways, PostgreSQL
    hashed the whole accounts table on every feed read.)"""
    pairs = (
        Block.objects.filter(Q(account=viewer) | Q(target=viewer))
        .annotate(server=Value("", output_field=CharField()))
        .values_list("account_id", "target_id", "server")
    )
    servers = (
        DomainBlock.objects.filter(account=viewer)
        .annotate(blocker=Value(0, output_field=BigIntegerField()), target=Value(0, output_field=BigIntegerField()))
        .values_list("blocker", "target", "domain")
    )
    ids: set[int] = set()
    domains: set[str] = set()
    for blocker, target, server in pairs.union(servers, all=True):
        if server:
            domains.add(server)
        else:
            ids.add(target if blocker == viewer.pk else blocker)
    return Blocked(frozenset(ids), frozenset(domains))


def is_blocked_either_way(a: Account, b: Account) -> bool:
    return Block.objects.filter(Q(account=a, target=b) | Q(account=b, target=a)).exists()


def muted_ids(viewer: Account) -> QuerySet:
    return Mute.objects.filter(account=viewer).values("target_id")


def following_ids(viewer: Account) -> QuerySet:
    return Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED).values("target_id")


def is_following(follower: Account, target: Account) -> bool:
    return Follow.objects.filter(follower=follower, target=target, state=Follow.State.ACCEPTED).exists()


def followers_of(account: Account) -> QuerySet[Account]:
    return active_accounts().filter(following_set__target=account, following_set__state=Follow.State.ACCEPTED)


def following_of(account: Account) -> QuerySet[Account]:
    return active_accounts().filter(follower_set__follower=account, follower_set__state=Follow.State.ACCEPTED)


def pending_follow_requests(account: Account) -> QuerySet[Account]:
    return active_accounts().filter(following_set__target=account, following_set__state=Follow.State.PENDING)


@dataclass
class Relations:
    """What reading a feed needs to know about the reader, read in one round trip."""

    blocked: set[int] = field(default_factory=set)  # either way
    blocked_domains: set[str] = field(default_factory=set)  # servers the reader blocked
    muted: set[int] = field(default_factory=set)
    # Hiding filter keywords: (phrase in lower case, whole word, contexts).
    muted_words: list[tuple[str, bool, str]] = field(default_factory=list)
    very_followed: set[int] = field(default_factory=set)  # followed accounts above the threshold
    exclusive: set[int] = field(default_factory=set)  # members of the viewer's exclusive lists
    # Posts of hiding filters: (post id, contexts as stored, a JSON list).
    hidden_posts: list[tuple[int, str]] = field(default_factory=list)


def relations(viewer: Account, very_followed_from: int | None = None) -> Relations:
    """Blocks both ways (and blocked servers), mutes, muted words, exclusive list members and (given a threshold) the very followed
    accounts the viewer follows, as one UNION ALL query: a feed read needs them all,
    and one statement costs a fraction of four ORM queries."""
    from timelines.models import ListMember

    table = {
        model: model._meta.db_table
        for model in (Block, Mute, MutedWord, Follow, Account, ListMember, Filter, FilterStatus, DomainBlock)
    }
    parts = [
        f"SELECT 'b', target_id, NULL FROM {table[Block]} WHERE account_id = %s",  # noqa: S608  # table names from the models
        f"SELECT 'b', account_id, NULL FROM {table[Block]} WHERE target_id = %s",  # noqa: S608  # table names from the models
        f"SELECT 'm', target_id, NULL FROM {table[Mute]} WHERE account_id = %s",  # noqa: S608  # table names from the models
        f"SELECT 'd', NULL, domain FROM {table[DomainBlock]} WHERE account_id = %s",  # noqa: S608
        f"SELECT CASE WHEN whole_word THEN 'w' ELSE 'p' END, NULL, phrase || '|' || contexts_copy"  # noqa: S608
        f" FROM {table[MutedWord]} WHERE account_id = %s AND hide_copy"
        " AND (expires_at_copy IS NULL OR expires_at_copy > %s)",
        f"SELECT 'x', account_id, NULL FROM {table[ListMember]} WHERE owner_id_copy = %s AND exclusive_copy",  # noqa: S608
        f"SELECT 'h', s.post_id, CAST(f.context AS TEXT) FROM {table[FilterStatus]} s"  # noqa: S608
        f" JOIN {table[Filter]} f ON f.id = s.filter_id WHERE f.account_id = %s AND f.action = 'hide'"
        " AND (f.expires_at IS NULL OR f.expires_at > %s)",
    ]
    now = timezone.now()
    params: list[Any] = [viewer.pk] * 4 + [viewer.pk, now, viewer.pk, viewer.pk, now]
    if very_followed_from is not None:
        parts.append(
            f"SELECT 'f', f.target_id, NULL FROM {table[Follow]} f JOIN {table[Account]} a ON a.id = f.target_id"  # noqa: S608
            " WHERE f.follower_id = %s AND f.state = %s AND a.followers_count >= %s"
        )
        params += [viewer.pk, Follow.State.ACCEPTED, very_followed_from]
    out = Relations()
    with connections[router.db_for_read(Block)].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for kind, account_id, phrase in cursor.fetchall():
            if kind == "b":
                out.blocked.add(account_id)
            elif kind == "d":
                out.blocked_domains.add(phrase)
            elif kind == "m":
                out.muted.add(account_id)
            elif kind in ("w", "p"):
                words, _sep, contexts = phrase.rpartition("|")
                out.muted_words.append((words.lower(), kind == "w", contexts))
            elif kind == "x":
                out.exclusive.add(account_id)
            elif kind == "h":
                out.hidden_posts.append((account_id, phrase))
            else:
                out.very_followed.add(account_id)
    return out
