"""Searching posts, accounts and hashtags, never returning what the searcher may not see.

Posts come from the full-text index (search/index.py) intersected, inside the
database, with posts.access.visible_posts and feed_filter, so visibility,
moderation state, blocks and mutes apply exactly as in the feeds. Accounts come
from accounts.access.active_accounts minus blocks either way. Hashtags are
listed only when the searcher may see at least one post carrying them, so a tag
used only in a private or held post does not leak.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from accounts.access import Blocked, active_accounts, blocks, following_ids
from accounts.models import Account, Block
from posts.access import feed_filter, visible_among, visible_posts
from posts.models import Hashtag, Post, PostHashtag
from search.folding import Folded, fold_for_sql
from search.index import FTS_TABLE, PG_TABLE
from search.text import fold, french_stem, words

KINDS = (None, "accounts", "hashtags", "statuses")
MAX_LIMIT = 40
MAX_OFFSET = 10_000
MAX_QUERY_WORDS = 12


@dataclass
class SearchResults:
    accounts: list[Account] = field(default_factory=list)
    hashtags: list[Hashtag] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    # Offsets past MAX_OFFSET find nothing useful and would overflow the database's integers.
    return max(1, min(int(limit), MAX_LIMIT)), max(0, min(int(offset), MAX_OFFSET))


def search(
    viewer: Account | None,
    q: str,
    *,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    resolve: bool = False,
) -> SearchResults:
    """`@user` / `@user@domain` find accounts by handle, `#tag` hashtags by prefix,
    anything else accounts, hashtags and posts (full text). An unknown kind is
    treated as no kind."""
    q = (q or "").strip()
    results = SearchResults()
    if not q:
        return results
    if kind not in KINDS:
        kind = None
    if resolve and viewer is not None and offset == 0:
        # `@user@domain` or a URL: fetch it from its server first. A handle is then found
        # by the account search below; a URL names exactly one post or account.
        found = _resolve_remote(q)
        if q.startswith(("http://", "https://")):
            if isinstance(found, Post) and kind in (None, "statuses"):
                results.posts = list(feed_filter(viewer, visible_posts(viewer), "public").filter(pk=found.pk))
            elif isinstance(found, Account) and kind in (None, "accounts"):
                results.accounts = list(active_accounts().filter(Q(pk=found.pk), blocks(viewer).excluding()))
            return results
    if q.startswith("@"):
        if kind in (None, "accounts"):
            results.accounts = search_accounts(viewer, q, limit, offset)
        return results
    if q.startswith("#"):
        if kind in (None, "hashtags"):
            results.hashtags = search_hashtags(viewer, q, limit, offset)
        return results
    if kind in (None, "accounts"):
        results.accounts = search_accounts(viewer, q, limit, offset)
    if kind in (None, "hashtags"):
        results.hashtags = search_hashtags(viewer, q, limit, offset)
    if kind in (None, "statuses"):
        results.posts = search_posts(viewer, q, limit, offset)
    return results


def _resolve_remote(q: str) -> Account | Post | None:
    """Fetch a remote account or post into this server (federation.fetch); None when
    the query names none or its server cannot be reached."""
    _username, domain = _split_handle(q)
    if not (q.startswith(("http://", "https://")) or domain):
        return None
    from federation.fetch import resolve_for_search

    return resolve_for_search(q)


def _split_handle(q: str) -> tuple[str, str | None]:
    """'@user@domain' -> ('user', 'domain'); '@user' or 'user' -> ('user', None). The local domain counts as local."""
    username, _, domain = q.strip().lstrip("@").partition("@")
    if not domain:
        return username, None
    domain = domain.lower()
    if domain in (settings.DOMAIN.lower(), settings.DOMAIN.split(":")[0].lower()):
        domain = ""
    return username, domain


def search_accounts(
    viewer: Account | None, q: str, limit: int = 20, offset: int = 0, following_only: bool = False
) -> list[Account]:
    """Accounts by handle (exact first, then username prefix) or display name, the most followed first."""
    limit, offset = _bounds(limit, offset)
    username, domain = _split_handle(q)
    username = username.strip()
    if not username:
        return []
    qs: QuerySet[Account] = active_accounts()
    exact = Q(username__iexact=username)
    if viewer is not None:
        # Blocks hide accounts either way, except that an account the viewer blocked is still
        # found by its exact handle: that is how a client finds it to unblock it.
        mine = Block.objects.filter(account=viewer).values_list("target_id", flat=True)
        blocked = blocks(viewer)
        qs = qs.exclude(Q(pk__in=sorted(blocked.ids)) & ~(exact & Q(pk__in=list(mine))))
        qs = qs.filter(Blocked(domains=blocked.domains).excluding())
        if following_only:
            qs = qs.filter(pk__in=following_ids(viewer))
    elif following_only:
        return []
    if domain is not None:
        # A full handle: that account (any domain spelling case) or usernames starting so on that domain.
        qs = qs.filter(domain__iexact=domain).filter(exact | Q(username__istartswith=username))
    else:
        # Accents count neither in the query nor in the name: "lefevre" and "Lefèvre" find each other.
        qs = qs.annotate(folded_name=Folded("display_name")).filter(
            exact | Q(username__istartswith=username) | Q(folded_name__contains=fold_for_sql(username))
        )
    ranked = qs.annotate(
        exact_match=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField()),
        local_first=Case(When(domain="", then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("exact_match", "-followers_count", "local_first", "username", "id")
    return list(ranked[offset : offset + limit])


MAX_TAG_CANDIDATES = 200
TAG_USES_CHECKED = 20


def search_hashtags(viewer: Account | None, q: str, limit: int = 20, offset: int = 0) -> list[Hashtag]:
    """Hashtags whose name starts with the query (the exact name first), listed when
    one of their latest uses is a post the searcher may see."""
    limit, offset = _bounds(limit, offset)
    name = "".join(words(q.strip().lstrip("#")))
    raw = q.strip().lstrip("#").lower()
    prefixes = {p for p in (raw, name) if p}
    if not prefixes:
        return []
    # Accents count on neither side: "cafe" finds #café and "café" finds #cafe.
    folded = {fold_for_sql(p) for p in prefixes}
    match = Q()
    for prefix in folded:
        match |= Q(folded_name__startswith=prefix)
    candidates = (
        Hashtag.objects.annotate(folded_name=Folded("name"))
        .filter(match)
        .annotate(
            exact_match=Case(
                When(name__in=prefixes, then=Value(0)),
                When(folded_name__in=folded, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("exact_match", "name")
    )
    found: list[Hashtag] = []
    for tag in candidates[:MAX_TAG_CANDIDATES]:
        uses = list(
            PostHashtag.objects.filter(hashtag=tag)
            .order_by("-post_created_id")
            .values_list("post_id", flat=True)[:TAG_USES_CHECKED]
        )
        if uses and _any_visible(viewer, uses):
            found.append(tag)
            if len(found) >= offset + limit:
                break
    return found[offset:]


def _any_visible(viewer: Account | None, ids: list[int]) -> bool:
    allowed = visible_posts(viewer).filter(pk=OuterRef("pk"))
    return Post.objects.filter(pk__in=ids).filter(Exists(allowed)).exists()


def _fts5_expression(terms: list[str]) -> str:
    """Every word must match, as typed (porter-stemmed by FTS5) or by its French stem.
    Words are quoted, so nothing the searcher types is read as FTS5 syntax."""
    parts = []
    for term in terms:
        stem = french_stem(term)
        alternatives = {f'"{term}"', f'"{stem}"'}
        parts.append("(" + " OR ".join(sorted(alternatives)) + ")")
    return " AND ".join(parts)


CANDIDATE_BATCH = 200
MAX_BATCHES = 10


def matching_post_ids(q: str, *, before: int | None = None, count: int = CANDIDATE_BATCH) -> list[int]:
    """Ids of up to `count` posts whose text matches every word of `q`, newest first,
    older than `before` when given. The index alone answers: no visibility here."""
    terms = words(q)[:MAX_QUERY_WORDS]
    if not terms:
        return []
    bound = "" if before is None else " AND {column} < %s"
    extra = [] if before is None else [before]
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608  # constant table name
            + bound.format(column="rowid")
            + " ORDER BY rowid DESC LIMIT %s"
        )
        params: list[str | int] = [_fts5_expression(terms), *extra, count]
    elif connection.vendor == "postgresql":
        folded = " ".join(terms)
        sql = (
            f"SELECT post_id FROM {PG_TABLE} WHERE (document @@ plainto_tsquery('english', %s) "  # noqa: S608  # constant table name
            "OR document @@ plainto_tsquery('french', %s))"
            + bound.format(column="post_id")
            + " ORDER BY post_id DESC LIMIT %s"
        )
        params = [folded, folded, *extra, count]
    else:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def search_posts(viewer: Account | None, q: str, limit: int = 20, offset: int = 0) -> list[Post]:
    """Posts the viewer may see whose text matches every word of `q`, newest first.

    Matches are read from the index newest first in batches and checked for
    visibility batch by batch, so a query costs a few primary-key look-ups per
    result however common its words are; at most MAX_BATCHES batches are read."""
    limit, offset = _bounds(limit, offset)
    wanted = offset + limit
    found: list[Post] = []
    before = None
    count = min(CANDIDATE_BATCH, wanted * 2 + 10)  # most matches are visible: start small, then widen
    for _batch in range(MAX_BATCHES):
        ids = matching_post_ids(fold(q), before=before, count=count)
        if not ids:
            break
        found.extend(
            p for p in visible_among(viewer, ids, feed=True, reach=True, context="public") if p.reblog_of_id is None
        )
        if len(found) >= wanted or len(ids) < count:
            break
        before = ids[-1]
        count = CANDIDATE_BATCH
    return found[offset:wanted]
