"""A page of statuses costs the same number of queries whatever its length (no N+1)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.actions import do_create_post, do_reblog, do_upvote


def _queries(client, path: str) -> int:
    cache.clear()  # measure cold: rendered parts are cached per post version
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"limit": 40})
    assert response.status_code == 200
    return len(captured)


def test_home_timeline_query_count_does_not_grow(api_as, alice, bob, carol) -> None:
    client = api_as(bob)
    client.post(f"/api/v1/accounts/{alice.pk}/follow")
    client.post(f"/api/v1/accounts/{carol.pk}/follow")

    def add_posts(n: int) -> None:
        for i in range(n):
            post = do_create_post(alice, f"post {i} #tag @carol")
            do_upvote(bob, post)
            do_reblog(carol, post)
            do_create_post(carol, f"quote {i}", quote_of=post)

    add_posts(2)
    small = _queries(client, "/api/v1/timelines/home")
    add_posts(8)
    large = _queries(client, "/api/v1/timelines/home")
    assert len(client.get("/api/v1/timelines/home", {"limit": 40}).json()) >= 20
    assert large == small, (small, large)
    public_small = _queries(client, "/api/v1/timelines/public")
    add_posts(2)
    assert _queries(client, "/api/v1/timelines/public") == public_small
