"""An inbound activity that the database failed after the inbox answered 202 is applied on a
later try, not lost (the sender, told it was accepted, does not send it again)."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from accounts.models import Account
from posts.models import Post
from tests.federation.peer import Peer


@pytest.mark.django_db(transaction=True)
def test_an_activity_the_database_failed_is_applied_on_a_later_try(peer: Peer, alice: Account) -> None:
    actor = peer.actor("zoe")
    activity = peer.fixture("mastodon_create_note.json", local=settings.SITE_URL, actor="zoe")
    failed: list[str] = []

    def locked_twice(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's wrapper protocol
        # As SQLite answers a writer that waited past its busy timeout, or PostgreSQL while it restarts.
        if len(failed) < 2 and sql.lstrip().upper().startswith('INSERT INTO "POSTS_POST"'):
            failed.append(sql)
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(locked_twice):
        response = peer.deliver(Client(), activity, actor=actor)
    assert response.status_code == 202
    assert len(failed) == 2
    assert Post.objects.filter(uri=activity["object"]["id"]).count() == 1
