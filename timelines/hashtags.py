"""Following hashtags: public posts carrying a followed hashtag join one's home timeline, through
fan-out when they are published (timelines.actions.feed_recipients) and when a home feed is
rebuilt from the database (timelines.feeds.pull_home_ids). Earlier posts are not added."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Account
from posts.models import Hashtag
from timelines.models import FollowedHashtag
from tribune.lib.errors import ActionError

TAG_NAME = re.compile(r"^\w{1,100}$")
MAX_FOLLOWED = 500


def check_hashtag_name(name: str) -> str:
    name = (name or "").strip().lstrip("#").lower()
    if not TAG_NAME.match(name):
        raise ActionError(_("A hashtag has 1 to 100 letters, digits or underscores."), field="name")
    return name


@transaction.atomic
def do_follow_hashtag(account: Account, name: str) -> Hashtag:
    """Idempotent; a hashtag nobody used yet can be followed (it is made)."""
    name = check_hashtag_name(name)
    if FollowedHashtag.objects.filter(account=account).count() >= MAX_FOLLOWED:
        raise ActionError(_("At most 500 followed hashtags."), field="name")
    tag, _created = Hashtag.objects.get_or_create(name=name)
    FollowedHashtag.objects.get_or_create(account=account, hashtag=tag)
    return tag


@transaction.atomic
def do_unfollow_hashtag(account: Account, name: str) -> Hashtag | None:
    tag = Hashtag.objects.filter(name=check_hashtag_name(name)).first()
    if tag is not None:
        FollowedHashtag.objects.filter(account=account, hashtag=tag).delete()
    return tag
