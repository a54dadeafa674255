"""Two Tribune instances federating for real: separate processes on loopback,
different domains and databases, every request signed and verified.

One scenario, in order (each step needs the previous ones): follow a locked
account and get accepted, post, reply, echo, upvote, edit, delete, report,
block, a blocked domain, and moving an account with its followers."""

from collections.abc import Iterator

import httpx
import pytest

from tests.federation.instances import Instance

pytestmark = pytest.mark.server

PRELUDE = """
from accounts.models import Account, Follow, Block
from posts.models import Post
from federation.fetch import resolve_handle, fetch_post
from accounts.actions import *
from posts.actions import *
def me(name): return Account.objects.get(username=name, domain="")
"""


@pytest.fixture(scope="module")
def instances() -> Iterator[tuple[Instance, Instance]]:
    alpha, beta = Instance("alpha"), Instance("beta")
    try:
        alpha.start()
        beta.start()
        yield alpha, beta
    finally:
        alpha.stop()
        beta.stop()


def test_federation_between_two_instances(instances: tuple[Instance, Instance]) -> None:
    alpha, beta = instances
    a, b = alpha.domain, beta.domain

    alpha.py(PRELUDE + "do_create_user('anna', 'correct horse battery'); do_create_user('al', 'correct horse battery')")
    beta.py(
        PRELUDE
        + "do_create_user('ben', 'correct horse battery'); do_create_user('bea', 'correct horse battery')\n"
        + "do_create_user('bo', 'correct horse battery'); do_update_profile(me('ben'), locked=True)"
    )

    # Unsigned and forged deliveries to a real server are refused.
    unsigned = httpx.post(f"{beta.url}/inbox", json={"type": "Follow", "actor": f"{alpha.url}/users/anna"})
    assert unsigned.status_code == 401
    forged = httpx.post(
        f"{beta.url}/inbox",
        json={"type": "Follow"},
        headers={"Signature": f'keyId="{alpha.url}/users/anna#main-key",headers="date",signature="AAAA"'},
    )
    assert forged.status_code == 401

    # Resolve by handle through WebFinger, from the command line.
    resolved = alpha.tribune("federation", "resolve", f"@ben@{b}")
    assert f"ben@{b}" in resolved

    # Follow a locked account: pending until accepted, then accepted on both sides.
    state = alpha.py(PRELUDE + f"f = do_follow(me('anna'), resolve_handle('@ben@{b}')); out = f.state")
    assert state == "pending"
    pending = beta.py(PRELUDE + "out = list(Follow.objects.filter(target=me('ben')).values_list('state', flat=True))")
    assert pending == ["pending"]
    beta.py(PRELUDE + f"do_accept_follow_request(me('ben'), Account.objects.get(username='anna', domain='{a}'))")
    assert alpha.py(PRELUDE + "out = Follow.objects.get(follower=me('anna')).state") == "accepted"

    # Post: reaches the follower's server, with its hashtag.
    ben_post = beta.py(PRELUDE + "p = do_create_post(me('ben'), 'Hello fediverse #tribune'); out = p.activity_uri()")
    remote = alpha.py(
        PRELUDE + f"p = Post.objects.get(uri='{ben_post}'); "
        "out = [p.content, list(p.post_hashtags.values_list('hashtag__name', flat=True)), p.visibility]"
    )
    assert "Hello fediverse" in remote[0] and remote[1] == ["tribune"] and remote[2] == "public"
    in_feed = "from timelines.models import FeedEntry\n"
    in_feed += f"out = FeedEntry.objects.filter(owner_id=me('anna').pk, post__uri='{ben_post}').exists()"
    assert alpha.py(PRELUDE + in_feed) is True

    # Reply, echo and upvote from alpha arrive on beta.
    reply_uri = alpha.py(
        PRELUDE
        + f"p = do_create_post(me('anna'), '@ben@{b} welcome!', in_reply_to=Post.objects.get(uri='{ben_post}'));"
        " out = p.activity_uri()"
    )
    alpha.py(PRELUDE + f"p = Post.objects.get(uri='{ben_post}'); do_reblog(me('anna'), p); do_upvote(me('anna'), p)")
    counts = beta.py(
        PRELUDE + f"p = Post.objects.get(pk=int('{ben_post}'.rsplit('/', 1)[1])); "
        f"r = Post.objects.get(uri='{reply_uri}'); "
        "out = [p.replies_count, p.reblogs_count, p.favourites_count, r.in_reply_to_id == p.pk]"
    )
    assert counts == [1, 1, 1, True]

    reply_to_report = beta.py(PRELUDE + "p = do_create_post(me('ben'), 'Cheap pills here'); out = p.activity_uri()")

    # Edit and delete on beta are reflected on alpha.
    beta.py(
        PRELUDE
        + f"p = Post.objects.get(pk=int('{ben_post}'.rsplit('/', 1)[1])); do_edit_post(me('ben'), p, 'Edited hello')"
    )
    assert "Edited hello" in alpha.py(PRELUDE + f"out = Post.objects.get(uri='{ben_post}').content")
    beta.py(PRELUDE + f"p = Post.objects.get(pk=int('{ben_post}'.rsplit('/', 1)[1])); do_delete_post(me('ben'), p)")
    assert alpha.py(PRELUDE + f"out = Post.objects.get(uri='{ben_post}').deleted_at is not None") is True

    # A report about ben filed on alpha and forwarded lands in beta's moderation queue, with the post.
    alpha.py(
        PRELUDE + "from moderation.actions import do_create_report\n"
        f"ben = Account.objects.get(username='ben', domain='{b}')\n"
        f"do_create_report(me('anna'), target=ben, posts=[Post.objects.get(uri='{reply_to_report}')],"
        " category='spam', comment='buy now', forward=True)"
    )
    report = beta.py(
        PRELUDE + "from moderation.models import Report\n"
        "r = Report.objects.get(target=me('ben'))\n"
        "out = [r.source, r.comment, r.reporter.uri, r.posts.count(), r.queue_item_id is not None]"
    )
    assert report == ["remote", "buy now", f"{alpha.url}/actor", 1, True]

    # Block: bea (beta) blocks anna (alpha); alpha records it.
    beta.py(PRELUDE + f"do_block(me('bea'), resolve_handle('@anna@{a}'))")
    assert alpha.py(
        PRELUDE
        + f"out = Block.objects.filter(account__username='bea', account__domain='{b}', target=me('anna')).exists()"
    )

    # Followers of anna on both servers, then anna moves from alpha to beta as 'anna2'.
    beta.py(PRELUDE + f"do_follow(me('bo'), resolve_handle('@anna@{a}'))")
    alpha.py(PRELUDE + "do_follow(me('al'), me('anna'))")
    followers = alpha.py(
        PRELUDE
        + "out = sorted(a.acct for a in Account.objects.filter(following_set__target=me('anna'), following_set__state='accepted'))"
    )
    assert followers == ["al", f"bo@{b}"]
    beta.py(PRELUDE + "do_create_user('anna2', 'correct horse battery')")
    beta.tribune("federation", "alias", "anna2", f"@anna@{a}")
    alpha.tribune("federation", "move", "anna", f"@anna2@{b}")
    # bo (on beta) now follows anna2 there; al (on alpha) follows anna2 across servers, accepted.
    assert beta.py(PRELUDE + "out = Follow.objects.get(follower=me('bo'), target=me('anna2')).state") == "accepted"
    assert beta.py(PRELUDE + f"out = Follow.objects.filter(follower=me('bo'), target__domain='{a}').exists()") is False
    assert (
        alpha.py(
            PRELUDE
            + f"out = Follow.objects.get(follower=me('al'), target__username='anna2', target__domain='{b}').state"
        )
        == "accepted"
    )
    assert alpha.py(PRELUDE + "out = me('anna').moved_to.acct") == f"anna2@{b}"
    assert beta.py(
        PRELUDE + "out = sorted(a.acct for a in Account.objects.filter(following_set__target=me('anna2')))"
    ) == sorted(["bo", f"al@{a}"])

    # A blocked domain gets nothing through: beta suspends alpha; alpha's mention of bea is refused.
    beta.py(
        PRELUDE
        + f"from federation.actions import do_set_domain_policy\ndo_set_domain_policy('{a}', severity='suspend')"
    )
    post = alpha.py(PRELUDE + f"p = do_create_post(me('al'), '@bea@{b} anyone there?'); out = p.activity_uri()")
    assert beta.py(PRELUDE + f"out = Post.objects.filter(uri='{post}').exists()") is False
    refused = alpha.py(
        PRELUDE + "from federation.models import Delivery\n"
        f"out = [d.last_status for d in Delivery.objects.all() if d.payload['type'] == 'Create' and d.payload['object']['id'] == '{post}']"
    )
    assert refused == [403]
