"""Posts and what hangs off them: edits, echoes, quotes, upvotes, bookmarks, tags, mentions, media.

An echo (repost) is a Post with `reblog_of` set and no content of its own, as in
Mastodon; a quote-echo is a Post with content and `quote_of` set.
"""

from django.conf import settings
from django.db import models

from accounts.models import Account
from tribune.lib.ids import make_id
from tribune.lib.stamps import StampedQuerySet


class Visibility(models.TextChoices):
    PUBLIC = "public"
    UNLISTED = "unlisted"
    PRIVATE = "private"  # followers only
    DIRECT = "direct"  # mentioned people only


class ModerationState(models.TextChoices):
    PUBLISHED = "published"
    HELD = "held"  # only the author (and moderators) see it, pending review
    REMOVED = "removed"  # a moderator or the policy removed it


class PostQuerySet(StampedQuerySet):
    stamp_kind = "p"


class Post(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    author = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="posts")
    text = models.TextField(blank=True, default="")  # what the author typed (source)
    content = models.TextField(blank=True, default="")  # sanitised HTML
    spoiler_text = models.CharField(max_length=500, blank=True, default="")
    sensitive = models.BooleanField(default=False)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    language = models.CharField(max_length=8, blank=True, default="")
    in_reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    in_reply_to_account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reblog_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="reblogs")
    quote_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    moderation_state = models.CharField(
        max_length=10, choices=ModerationState.choices, default=ModerationState.PUBLISHED
    )
    # Set when the after-publication work (feeds, notifications, federation) finished;
    # a published post without it is picked up again (timelines.recovery).
    delivered_at = models.DateTimeField(null=True, blank=True)

    replies_count = models.PositiveIntegerField(default=0)
    reblogs_count = models.PositiveIntegerField(default=0)
    favourites_count = models.PositiveIntegerField(default=0)
    quotes_count = models.PositiveIntegerField(default=0)

    # Federation.
    uri = models.URLField(max_length=2000, blank=True, default="")
    url = models.URLField(max_length=2000, blank=True, default="")
    local = models.BooleanField(default=True)
    application_name = models.CharField(max_length=100, blank=True, default="")

    objects = PostQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["author", "-id"], name="post_author_id"),
            models.Index(fields=["visibility", "local", "-id"], name="post_public_id"),
            models.Index(fields=["uri"], name="post_uri"),
            models.Index(fields=["in_reply_to", "id"], name="post_reply_id"),
            # The workers' recovery sweep (timelines/recovery.py) looks for published posts left
            # undelivered: a partial index holds only those, a handful, instead of scanning two
            # days of posts every 30 seconds.
            models.Index(fields=["created_at"], name="post_undelivered", condition=models.Q(delivered_at__isnull=True)),
            # Streaming asks every second which posts were deleted since its last poll: deleted
            # posts only, so the question never scans the table.
            models.Index(fields=["deleted_at"], name="post_deleted", condition=models.Q(deleted_at__isnull=False)),
            # And which were edited (status.update events): edited posts only.
            models.Index(fields=["edited_at"], name="post_edited", condition=models.Q(edited_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"Post {self.id} by {self.author_id}"

    @property
    def is_reblog(self) -> bool:
        return self.reblog_of_id is not None

    @property
    def is_visible_publicly(self) -> bool:
        return (
            self.visibility in (Visibility.PUBLIC, Visibility.UNLISTED)
            and self.moderation_state == ModerationState.PUBLISHED
            and self.deleted_at is None
        )

    def local_url(self) -> str:
        return f"{settings.SITE_URL}/@{self.author.username}/{self.id}"

    def public_url(self) -> str:
        return self.local_url() if self.local else (self.url or self.uri)

    def activity_uri(self) -> str:
        return self.uri or f"{settings.SITE_URL}/users/{self.author.username}/statuses/{self.id}"


class PostEdit(models.Model):
    """A former version of a post, kept for the edit history."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="edits")
    text = models.TextField(blank=True, default="")
    content = models.TextField(blank=True, default="")
    spoiler_text = models.CharField(max_length=500, blank=True, default="")
    sensitive = models.BooleanField(default=False)
    media_descriptions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]


class Hashtag(models.Model):
    name = models.CharField(max_length=100, unique=True)  # lower case
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"#{self.name}"


class PostHashtag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="post_hashtags")
    hashtag = models.ForeignKey(Hashtag, on_delete=models.CASCADE, related_name="post_hashtags")
    # Copied from the post so that tag feeds and trends read one index.
    post_created_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "hashtag"], name="post_hashtag_unique")]
        indexes = [models.Index(fields=["hashtag", "-post_created_id"], name="hashtag_posts")]


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="mentioned_in")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "account"], name="mention_unique")]


class Upvote(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="upvotes")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="upvotes")
    uri = models.URLField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "post"], name="upvote_unique")]


class Bookmark(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="bookmarks")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "post"], name="bookmark_unique")]


class Poll(models.Model):
    """A post's poll; its id is the post's. Local polls count their PollVote rows; a remote poll
    keeps the counts its server last sent (`remote_counts`, `remote_voters`), and the local
    votes sent to it as PollVotes too, so that `voted` and `own_votes` are known."""

    post = models.OneToOneField(Post, primary_key=True, on_delete=models.CASCADE, related_name="poll")
    options = models.JSONField(default=list)  # option titles, in order
    multiple = models.BooleanField(default=False)
    hide_totals = models.BooleanField(default=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    remote_counts = models.JSONField(null=True, blank=True)
    remote_voters = models.PositiveIntegerField(null=True, blank=True)
    # Set once voters and the author were told that it ended (posts/polls.py).
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["expires_at"], name="poll_open", condition=models.Q(ended_at__isnull=True)),
        ]


class PollVote(models.Model):
    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="poll_votes")
    choice = models.PositiveSmallIntegerField()
    uri = models.URLField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "account", "choice"], name="poll_vote_unique")]


class Pin(models.Model):
    """A post its author pinned to their profile (at most 5, posts/pins.py)."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="pins")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="pins")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "post"], name="pin_unique")]


class FeaturedHashtag(models.Model):
    """A hashtag featured on its owner's profile (at most 10, posts/featured_tags.py)."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="featured_hashtags")
    hashtag = models.ForeignKey(Hashtag, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["account", "hashtag"], name="featured_hashtag_unique")]


class ConversationMute(models.Model):
    """No more notifications from a thread (named by its first post) for one person."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="conversation_mutes")
    root = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "root"], name="conversation_mute_unique")]


class ConversationState(models.Model):
    """One person's marks on a direct conversation (named by its key, posts/conversations.py): read up
    to a post, and removed from their list up to a post, so that a newer post brings it back."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField()
    read_up_to = models.BigIntegerField(default=0)
    hidden_up_to = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "key"], name="conversation_state_unique")]


class ScheduledPost(models.Model):
    """A post to publish later: what its author sent (`params`: text, visibility, spoiler_text,
    sensitive, language, in_reply_to_id, quoted_status_id, poll, application_name), published by
    the worker at `scheduled_at` (posts/scheduling.py). Its images wait on MediaAttachment.scheduled_post."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="scheduled_posts")
    scheduled_at = models.DateTimeField(db_index=True)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)


class MediaAttachment(models.Model):
    """An uploaded image: re-encoded, EXIF stripped, with a thumbnail."""

    id = models.BigIntegerField(primary_key=True, default=make_id, editable=False)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="media")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="media")
    scheduled_post = models.ForeignKey(
        ScheduledPost, null=True, blank=True, on_delete=models.SET_NULL, related_name="media"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Indexed: the media view finds an image by the file asked for (posts/media_access.py).
    file = models.ImageField(
        upload_to="media/%Y/%m/", blank=True, default="", width_field="width", height_field="height", db_index=True
    )
    thumbnail = models.ImageField(upload_to="thumbs/%Y/%m/", blank=True, default="", db_index=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    description = models.TextField(max_length=1500, blank=True, default="")
    focus_x = models.FloatField(default=0.0)
    focus_y = models.FloatField(default=0.0)
    blurhash = models.CharField(max_length=100, blank=True, default="")
    content_type = models.CharField(max_length=50, default="image/jpeg")
    remote_url = models.URLField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def file_url(self) -> str:
        """The image's URL for someone who may see its post (posts/media_access.py: with a token
        when the post is not public). Reads `post`: load it with the media."""
        from posts.media_access import attachment_url

        return attachment_url(self, self.file) if self.file else self.remote_url

    def thumbnail_url(self) -> str:
        from posts.media_access import attachment_url

        return attachment_url(self, self.thumbnail) if self.thumbnail else self.file_url()


class PreviewCard(models.Model):
    """What a linked page looks like (Open Graph, else its title): one per URL, shared by every
    post that links to it, fetched by the worker after publication (posts/cards.py)."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True, default="")
    description = models.CharField(max_length=1000, blank=True, default="")
    provider_name = models.CharField(max_length=200, blank=True, default="")
    # The page's image, fetched, re-encoded without metadata and shrunk; never shown from its server.
    image = models.ImageField(upload_to="cards/", blank=True, default="", db_index=True)
    image_width = models.PositiveIntegerField(default=0)
    image_height = models.PositiveIntegerField(default=0)
    fetched_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True, default="")  # why the last fetch failed

    def __str__(self) -> str:
        return self.url

    @property
    def domain(self) -> str:
        from urllib.parse import urlsplit

        return (urlsplit(self.url).hostname or "").removeprefix("www.")

    def image_url(self) -> str:
        from posts.media_access import stored_url

        return stored_url(self.image.name or "") if self.image else ""


class PostCard(models.Model):
    """The card of a post's first link."""

    # The key is the post's id, which grows with its creation time: trending links read a
    # recent range of it.
    post = models.OneToOneField(Post, primary_key=True, on_delete=models.CASCADE, related_name="card_link")
    card = models.ForeignKey(PreviewCard, on_delete=models.CASCADE, related_name="post_links")
