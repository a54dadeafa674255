"""Home feeds materialised in the database (the embedded default).

A `FeedEntry` row per (person, post) is written by fan-out on write; a home feed
read is then one index range scan. With Redis configured the same entries live
in sorted sets as well (see timelines/feeds.py); the table stays the source from
which Redis can be rebuilt.
"""

from django.db import models

from accounts.models import Account
from posts.models import Post
from tribune.lib.ids import make_id


class FeedEntry(models.Model):
    owner = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    # The post's id copied, so the feed is read from this table's index alone.
    post_sort_id = models.BigIntegerField()
    # The author of the post (or of the echo), to remove entries on unfollow or block.
    author_id_copy = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "post"], name="feed_entry_unique")]
        indexes = [models.Index(fields=["owner", "-post_sort_id"], name="feed_owner_sort")]


class List(models.Model):
    """A person's list of accounts they follow, read as a timeline of its own (timelines/lists.py)."""

    class RepliesPolicy(models.TextChoices):
        FOLLOWED = "followed"  # replies to anyone the owner follows
        LIST = "list"  # replies to members of the list
        NONE = "none"  # no replies to others

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="lists")
    title = models.CharField(max_length=100)
    replies_policy = models.CharField(max_length=10, choices=RepliesPolicy.choices, default=RepliesPolicy.LIST)
    # Members' posts leave the owner's home timeline.
    exclusive = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)


class ListMember(models.Model):
    list = models.ForeignKey(List, on_delete=models.CASCADE, related_name="members")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    # The list's owner, copied so that home feeds find exclusive members in one indexed query.
    owner_id_copy = models.BigIntegerField(db_index=True)
    exclusive_copy = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["list", "account"], name="list_member_unique")]


class FollowedHashtag(models.Model):
    """A person follows a hashtag: public posts carrying it join their home timeline."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="followed_hashtags")
    hashtag = models.ForeignKey("posts.Hashtag", on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "hashtag"], name="followed_hashtag_unique")]
        indexes = [models.Index(fields=["hashtag", "account"], name="hashtag_followers")]
