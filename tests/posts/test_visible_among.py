"""The two ways of deciding visibility agree: the query (`visible_posts`, `feed_filter`) and
the check over loaded posts (`visible_among`), on random networks, for every viewer.

Each network mixes what a leak could hide in: all four visibilities, every moderation state,
deleted posts, suspended, deleted and limited authors, accepted and pending follows, blocks both ways,
mutes, muted words, mentions, echoes of hidden originals and quotes."""

import random

from django.utils import timezone

from accounts.models import Account, Block, Follow, Mute, MutedWord
from posts.access import feed_filter, visible_among, visible_posts
from posts.models import Mention, ModerationState, Post, Visibility
from timelines.feeds import within_reach

WORDS = ["riot", "tea", "garden", "storm", "march"]


def random_network(rng: random.Random, make_account, size: int = 7, posts: int = 45) -> tuple[list[Account], list[int]]:
    people = [make_account() for _ in range(size)]
    now = timezone.now()
    for person in people:
        roll = rng.random()
        if roll < 0.12:
            person.suspended_at = now
        elif roll < 0.2:
            person.deleted_at = now
        person.limited = rng.random() < 0.25
        person.save()
    for a in people:
        for b in people:
            if a == b:
                continue
            roll = rng.random()
            if roll < 0.35:
                state = Follow.State.ACCEPTED if rng.random() < 0.8 else Follow.State.PENDING
                Follow.objects.create(follower=a, target=b, state=state)
            if rng.random() < 0.06:
                Block.objects.create(account=a, target=b)
            if rng.random() < 0.06:
                Mute.objects.create(account=a, target=b)
        if rng.random() < 0.3:
            MutedWord.objects.create(account=a, phrase=rng.choice(WORDS).upper())
    made: list[Post] = []
    for _ in range(posts):
        author = rng.choice(people)
        echo_of = rng.choice(made) if made and rng.random() < 0.2 else None
        post = Post.objects.create(
            author=author,
            text="" if echo_of else " ".join(rng.choice(WORDS) for _ in range(3)),
            spoiler_text=rng.choice(["", "", "Storm warning"]),
            visibility=rng.choice(list(Visibility)),
            moderation_state=rng.choice(list(ModerationState)),
            deleted_at=now if rng.random() < 0.08 else None,
            reblog_of=echo_of,
            quote_of=rng.choice(made) if made and not echo_of and rng.random() < 0.15 else None,
            created_at=now,
        )
        for person in rng.sample(people, rng.randint(0, 2)):
            Mention.objects.create(post=post, account=person)
        made.append(post)
    return people, [p.pk for p in made]


def test_the_query_and_the_check_agree_on_random_networks(make_account):
    for seed in range(6):
        rng = random.Random(seed)
        people, ids = random_network(rng, make_account)
        for viewer in [None, *people]:
            by_query = list(visible_posts(viewer).filter(pk__in=ids).order_by("-id").values_list("id", flat=True))
            by_check = [p.pk for p in visible_among(viewer, ids)]
            assert by_check == by_query, (seed, viewer)
            in_feed = feed_filter(viewer, visible_posts(viewer)).filter(pk__in=ids).order_by("-id")
            assert [p.pk for p in visible_among(viewer, ids, feed=True)] == list(in_feed.values_list("id", flat=True))
            reached = within_reach(viewer, in_feed).values_list("id", flat=True)
            assert [p.pk for p in visible_among(viewer, ids, feed=True, reach=True)] == list(reached)


def test_the_check_reads_a_fixed_number_of_queries(make_account, django_assert_max_num_queries):
    rng = random.Random(99)
    people, ids = random_network(rng, make_account, posts=60)
    with django_assert_max_num_queries(6):
        visible_among(people[0], ids, feed=True)
    with django_assert_max_num_queries(1):
        visible_among(None, ids)
