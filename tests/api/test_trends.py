"""Trending posts and links: only public, published posts of visible accounts ever count."""

from django.utils import timezone

from accounts.actions import do_block
from posts.actions import do_create_post
from posts.models import Post, PostCard, PreviewCard


def scored(post: Post, score: int, **changes: object) -> Post:
    Post.objects.filter(pk=post.pk).update(**{"favourites_count": score, "reblogs_count": 1, **changes})
    return post


def test_trending_statuses_rank_visible_posts_only(api_as, anon, alice, bob, carol, make_account) -> None:
    limited, suspended, hidden = make_account("limited"), make_account("suspended"), make_account("hidden")
    top = scored(do_create_post(bob, "top"), 9)
    second = scored(do_create_post(alice, "second"), 2)
    scored(do_create_post(alice, "nobody liked it"), 0, reblogs_count=0)
    scored(do_create_post(alice, "for followers", visibility="private"), 50)
    scored(do_create_post(alice, "unlisted", visibility="unlisted"), 50)
    scored(do_create_post(alice, "held"), 50, moderation_state="held")
    scored(do_create_post(alice, "removed"), 50, moderation_state="removed")
    scored(do_create_post(alice, "deleted"), 50, deleted_at=timezone.now())
    scored(do_create_post(alice, "sensitive", spoiler_text="cw"), 50)
    scored(do_create_post(carol, "a reply", in_reply_to=top), 50)
    for account in (limited, suspended, hidden):
        scored(do_create_post(account, "by someone out of trends"), 50)
    limited.limited = True
    limited.save()
    suspended.suspended_at = timezone.now()
    suspended.save()
    hidden.discoverable = False
    hidden.save()

    trending = anon.get("/api/v1/trends/statuses").json()
    assert [s["content"] for s in trending] == ["<p>top</p>", "<p>second</p>"]
    assert [s["id"] for s in anon.get("/api/v1/trends/statuses", {"offset": 1}).json()] == [str(second.pk)]
    # Someone who blocked bob does not see his post trend.
    as_carol = api_as(carol)
    as_carol.post(f"/api/v1/accounts/{bob.pk}/block")
    assert [s["id"] for s in as_carol.get("/api/v1/trends/statuses").json()] == [str(second.pk)]
    # A post removed after it trended leaves at once.
    Post.objects.filter(pk=top.pk).update(moderation_state="removed")
    assert [s["id"] for s in anon.get("/api/v1/trends/statuses").json()] == [str(second.pk)]


def link(post: Post, card: PreviewCard) -> None:
    PostCard.objects.create(post=post, card=card)


def card(name: str, **fields: object) -> PreviewCard:
    return PreviewCard.objects.create(
        url=f"https://{name}.example/", title=name.title(), fetched_at=timezone.now(), **fields
    )


def test_trending_links_count_distinct_accounts_of_public_posts(anon, alice, bob, carol) -> None:
    shared, alone, private, held, broken = (card(n) for n in ("shared", "alone", "private", "held", "broken"))
    PreviewCard.objects.filter(pk=broken.pk).update(error="answered 404")
    for author in (alice, bob, carol):
        link(do_create_post(author, "look"), shared)
    link(do_create_post(alice, "look"), alone)
    link(do_create_post(alice, "look again"), alone)  # one account, twice: not a trend
    link(do_create_post(alice, "look"), private)
    link(do_create_post(bob, "look", visibility="private"), private)
    link(do_create_post(alice, "look"), held)
    link(scored(do_create_post(bob, "look"), 0, moderation_state="held"), held)
    for author in (alice, bob):
        link(do_create_post(author, "look"), broken)

    links = anon.get("/api/v1/trends/links").json()
    assert [entry["url"] for entry in links] == ["https://shared.example/"]
    entry = links[0]
    assert (entry["title"], entry["type"], entry["image"]) == ("Shared", "link", None)
    assert len(entry["history"]) == 7
    assert entry["history"][0]["uses"] == "3" and entry["history"][0]["accounts"] == "3"


def test_link_timeline_shows_public_posts_of_a_trending_link_only(anon, api_as, alice, bob, carol) -> None:
    shared, alone = card("shared"), card("alone")
    first, second = do_create_post(alice, "look"), do_create_post(bob, "look too")
    for post in (first, second):
        link(post, shared)
    link(do_create_post(carol, "for followers", visibility="private"), shared)
    link(do_create_post(carol, "alone"), alone)
    answer = anon.get("/api/v1/timelines/link", {"url": "https://shared.example/"})
    assert [s["id"] for s in answer.json()] == [str(second.pk), str(first.pk)]
    assert [s["id"] for s in anon.get("/api/v1/timelines/link", {"url": shared.url, "limit": 1}).json()] == [
        str(second.pk)
    ]
    assert anon.get("/api/v1/timelines/link", {"url": "https://alone.example/"}).status_code == 404
    assert anon.get("/api/v1/timelines/link", {"url": "https://nowhere.example/"}).status_code == 404
    do_block(carol, bob)
    assert [s["id"] for s in api_as(carol).get("/api/v1/timelines/link", {"url": shared.url}).json()] == [str(first.pk)]
