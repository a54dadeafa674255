"""Lists: a person groups accounts they follow and reads their posts as a timeline of its own.

A list timeline is read from the members' own posts (the post_author_id index, newest first,
bounded per page), then visibility, blocks, mutes and moderation as for the home timeline
(posts.access.visible_among), so it reads the same with or without Redis and never needs a feed of
its own written at post time. The replies policy keeps replies to others out or in; an exclusive
list takes its members' posts out of its owner's home timeline (timelines.feeds.home_feed).
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Account, Follow
from posts.models import Post
from timelines.models import List, ListMember
from tribune.lib.errors import ActionError, NotFound
from tribune.lib.pagination import Page

MAX_LISTS = 50
MAX_MEMBERS = 500


def access_list(owner: Account, list_id: int) -> List:
    found = List.objects.filter(account=owner, pk=list_id).first()
    if found is None:
        raise NotFound("Record not found")
    return found


def check_list_input(title: str | None, replies_policy: str | None) -> None:
    if title is not None and not 1 <= len(title.strip()) <= 100:
        raise ActionError(_("A list's title has 1 to 100 characters."), field="title")
    if replies_policy is not None and replies_policy not in List.RepliesPolicy.values:
        raise ActionError(_("Unknown replies policy."), field="replies_policy")


@transaction.atomic
def do_create_list(owner: Account, title: str, *, replies_policy: str = "list", exclusive: bool = False) -> List:
    check_list_input(title, replies_policy)
    if List.objects.filter(account=owner).count() >= MAX_LISTS:
        raise ActionError(_("At most 50 lists."), field="title")
    return List.objects.create(account=owner, title=title.strip(), replies_policy=replies_policy, exclusive=exclusive)


@transaction.atomic
def do_update_list(
    owner: Account, found: List, *, title: str | None = None, replies_policy: str | None = None,
    exclusive: bool | None = None,
) -> List:  # fmt: skip
    check_list_input(title, replies_policy)
    if title is not None:
        found.title = title.strip()
    if replies_policy is not None:
        found.replies_policy = replies_policy
    if exclusive is not None and exclusive != found.exclusive:
        found.exclusive = exclusive
        for member in ListMember.objects.filter(list=found):
            member.exclusive_copy = exclusive
            member.save(update_fields=["exclusive_copy"])  # one by one: each sets its owner's stamp
    found.save()
    return found


@transaction.atomic
def do_delete_list(owner: Account, found: List) -> None:
    for member in ListMember.objects.filter(list=found):
        member.delete()
    List.objects.filter(pk=found.pk, account=owner).delete()


@transaction.atomic
def do_add_list_members(owner: Account, found: List, accounts: Sequence[Account]) -> None:
    """Only accounts the owner follows (as Mastodon requires); adding one twice is a no-op."""
    followed = set(
        Follow.objects.filter(follower=owner, target__in=accounts, state=Follow.State.ACCEPTED).values_list(
            "target_id", flat=True
        )
    )
    for account in accounts:
        if account.pk not in followed:
            raise ActionError(_("Only accounts you follow can be added to a list."), field="account_ids")
    if ListMember.objects.filter(list=found).count() + len(accounts) > MAX_MEMBERS:
        raise ActionError(_("A list has at most 500 members."), field="account_ids")
    for account in accounts:
        ListMember.objects.get_or_create(
            list=found, account=account, defaults={"owner_id_copy": owner.pk, "exclusive_copy": found.exclusive}
        )


@transaction.atomic
def do_remove_list_members(owner: Account, found: List, account_ids: Sequence[int]) -> None:
    for member in ListMember.objects.filter(list=found, account_id__in=account_ids):
        member.delete()


def remove_from_lists(owner: Account, account: Account) -> None:
    """After an unfollow: the account leaves the owner's lists."""
    for member in ListMember.objects.filter(owner_id_copy=owner.pk, account=account):
        member.delete()


def lists_with(owner: Account, account: Account) -> list[List]:
    return list(List.objects.filter(account=owner, members__account=account).order_by("id"))


def list_feed(viewer: Account, found: List, page: Page) -> list[Post]:
    from timelines.feeds import _bounded_ids, _visible_page

    members = list(ListMember.objects.filter(list=found).values_list("account_id", flat=True))
    if not members:
        return []
    candidates = _bounded_ids(Post.objects.filter(author_id__in=members), page)
    policy = found.replies_policy
    allowed: set[int] = {viewer.pk}
    if policy == List.RepliesPolicy.LIST:
        allowed |= set(members)
    elif policy == List.RepliesPolicy.FOLLOWED:
        allowed |= set(
            Follow.objects.filter(follower=viewer, state=Follow.State.ACCEPTED).values_list("target_id", flat=True)
        )

    def replies_kept(post: Post) -> bool:
        to = post.in_reply_to_account_id
        return to is None or to == post.author_id or (policy != List.RepliesPolicy.NONE and to in allowed)

    return _visible_page(viewer, candidates, page, replies_kept, feed=True)
