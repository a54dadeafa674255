"""Search resolves `@user@domain` and post URLs from another server (a real second instance)."""

import pytest

from search.queries import search
from tests.live import LiveInstance

pytestmark = pytest.mark.server

CREATE = """
from accounts.actions import do_create_user
from posts.actions import do_create_post
zoe = do_create_user("zoe", "correct horse battery").account
print(do_create_post(zoe, "hello from afar #faraway").pk)
print(do_create_post(zoe, "for my followers only", visibility="private").pk)
"""


@pytest.fixture
def remote():
    instance = LiveInstance(extra_env={"TRIBUNE_ALLOW_LOOPBACK_FETCHES": "1"}).migrate()
    instance.serve()
    yield instance
    instance.stop()


def test_remote_handle_and_post_url_are_resolved(remote, alice):
    public_id, private_id = remote.shell(CREATE).split()
    domain = f"127.0.0.1:{remote.port}"
    assert search(alice, f"@zoe@{domain}").accounts == []  # not known here until resolved

    found = search(alice, f"@zoe@{domain}", resolve=True)
    assert [a.acct for a in found.accounts] == [f"zoe@{domain}"]

    url = f"http://{domain}/users/zoe/statuses/{public_id}"
    posts = search(alice, url, resolve=True).posts
    assert len(posts) == 1 and "hello from afar" in posts[0].content
    assert search(alice, f"http://{domain}/users/zoe/statuses/{private_id}", resolve=True).posts == []


def test_unreachable_servers_find_nothing_and_never_fail(alice):
    assert search(alice, "@nobody@unreachable.invalid", resolve=True).accounts == []
    assert search(alice, "https://unreachable.invalid/users/x/statuses/1", resolve=True).posts == []
