"""Keeping the post search index in step with posts.

One row per post that has text, keyed by the post id: an FTS5 virtual table on
SQLite, a table of `tsvector`s with a GIN index on PostgreSQL (both created by
search/migrations/0001). The index holds every post with text, whatever its
visibility or moderation state: queries always intersect it with
posts.access.visible_posts, so the index itself never decides who sees what.

Called after commit from posts.actions (create, edit, delete); moderation
removal needs no call, since removed posts fail the visibility check (and a
post restored on appeal is found again). `index_rows` serves bulk loaders (ops.seed).
"""

from collections.abc import Iterable, Sequence

from django.db import connection

from posts.models import Post
from search.text import french_stem, is_french, words

FTS_TABLE = "search_post_fts"
PG_TABLE = "search_post_document"


def _document(text: str, spoiler_text: str) -> str:
    return " ".join(words(f"{spoiler_text} {text}"))


def _fts_row(post_id: int, text: str, spoiler_text: str, language: str) -> tuple[int, str, str]:
    body = _document(text, spoiler_text)
    # Light French stems for French posts and posts of unknown language (FTS5 only stems English).
    stems = " ".join(french_stem(w) for w in body.split()) if (is_french(language) or not language) else ""
    return (post_id, body, stems)


def _pg_config(language: str) -> str:
    return "french" if is_french(language) else "english"


def index_rows(rows: Sequence[tuple[int, str, str, str]]) -> None:
    """(post_id, text, spoiler_text, language) rows into the index, replacing what was there."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, body, stems) VALUES (%s, %s, %s)",  # noqa: S608  # constant table name
                [_fts_row(*r) for r in rows],
            )
        elif connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {PG_TABLE} (post_id, document) VALUES (%s, to_tsvector(%s::regconfig, %s)) "  # noqa: S608  # constant table name
                "ON CONFLICT (post_id) DO UPDATE SET document = EXCLUDED.document",
                [(r[0], _pg_config(r[3]), _document(r[1], r[2])) for r in rows],
            )


def index_posts(posts: Iterable[Post]) -> None:
    rows = [
        (p.pk, p.text, p.spoiler_text, p.language) for p in posts if p.reblog_of_id is None and p.deleted_at is None
    ]
    index_rows(rows)


def index_post(post_id: int) -> None:
    """(Re)index one post by id; a deleted post or an echo is taken out instead. Idempotent."""
    post = (
        Post.objects.filter(pk=post_id)
        .only("id", "text", "spoiler_text", "language", "reblog_of", "deleted_at")
        .first()
    )
    if post is None or post.deleted_at is not None or post.reblog_of_id is not None:
        unindex_post(post_id)
        return
    index_posts([post])


def unindex_post(post_id: int) -> None:
    """Take a post out of the index. Idempotent."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [post_id])  # noqa: S608  # constant table name
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE post_id = %s", [post_id])  # noqa: S608  # constant table name


def index_after_commit(post_id: int) -> None:
    """(Re)index the post once the current transaction commits (posts.actions calls this)."""
    from django.db import transaction

    transaction.on_commit(lambda: index_post(post_id))


def unindex_after_commit(post_id: int) -> None:
    """Take the post out of the index once the current transaction commits."""
    from django.db import transaction

    transaction.on_commit(lambda: unindex_post(post_id))
