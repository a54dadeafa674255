"""Who may fetch which stored file: images of posts, avatars and headers.

An image is readable by whoever may read its post, decided by the post's own rules
(`posts.access.can_see`) when the file is asked for, so an image of a followers-only, direct,
held, removed or deleted post is never served to someone who could not read the post, and stops
being served the moment its post is held, removed or deleted.

Images are fetched by browsers and client apps that send no credentials with them (an `<img>`
in a Mastodon app, a remote server fetching an attachment it was sent), so the URL handed to
someone who may see a non-public post carries a token: an HMAC of the file's name, an expiry
and the post's state when the URL was made (`?t=<expiry>.<state>.<mac>`). The token stands for
"this URL was given to a reader of the post"; the file is served with it only while the post is
still in that state (published, or held for its author's own eyes) and not deleted, removed or
by a suspended author. Public and unlisted posts' images need no token, but are checked all the
same. A signed-in browser is also checked as its account, as the post page is.

Tokens last one to two days (a new one every day, so that URLs stay the same for a day and
cached pages stay valid); `token_period()` is part of the API render cache's version for that.
"""

import time

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import Account
from posts.models import MediaAttachment, ModerationState, Post, Visibility

TOKEN_PERIOD = 24 * 3600
_SALT = "tribune.media"

# The state a token was made for: published (to the post's audience), held (for its author),
# unattached (an upload not yet in a post, or in a scheduled one: for its uploader).
PUBLISHED, HELD, UNATTACHED = "p", "h", "u"


def token_period(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // TOKEN_PERIOD)


def _mac(name: str, expires: int, state: str) -> str:
    return salted_hmac(_SALT, f"{name}|{expires}|{state}", algorithm="sha256").hexdigest()[:32]


def make_token(name: str, state: str, now: float | None = None) -> str:
    expires = (token_period(now) + 2) * TOKEN_PERIOD
    return f"{expires}.{state}.{_mac(name, expires, state)}"


def token_state(name: str, token: str, now: float | None = None) -> str | None:
    """The state a valid, unexpired token for `name` was made for; None otherwise."""
    try:
        expires_text, state, mac = token.split(".")
        expires = int(expires_text)
    except ValueError:
        return None
    if expires < (now if now is not None else time.time()) or state not in (PUBLISHED, HELD, UNATTACHED):
        return None
    return state if constant_time_compare(mac, _mac(name, expires, state)) else None


def needs_token(post: Post | None) -> str | None:
    """None when the post's images are public; else the state its token is made for."""
    if post is None:
        return UNATTACHED
    if post.moderation_state == ModerationState.HELD:
        return HELD
    if post.visibility in (Visibility.PUBLIC, Visibility.UNLISTED):
        return None
    return PUBLISHED


def stored_url(name: str, token_for: str | None = None) -> str:
    """The absolute URL of a stored file, through Tribune's media view whatever the storage."""
    url = f"{settings.SITE_URL}{settings.MEDIA_URL}{name}"
    return f"{url}?t={make_token(name, token_for)}" if token_for else url


def attachment_url(media: MediaAttachment, field: FieldFile) -> str:
    """Only for someone who may see the media's post (renderers run after the access checks)."""
    return stored_url(field.name or "", needs_token(media.post if media.post_id else None))


def _state_code(post: Post) -> str | None:
    if post.deleted_at is not None or post.moderation_state == ModerationState.REMOVED:
        return None
    return HELD if post.moderation_state == ModerationState.HELD else PUBLISHED


def may_read_media(media: MediaAttachment, name: str, viewer: Account | None, token: str) -> bool:
    """`name`: the file asked for (the image or its thumbnail); `token`: the URL's, or ""."""
    from posts.access import can_see

    state = token_state(name, token) if token else None
    post = media.post if media.post_id else None
    if post is None:
        # An upload on its own or waiting in a scheduled post: its uploader's only.
        return state == UNATTACHED or (viewer is not None and viewer.pk == media.account_id)
    if state is not None and state == _state_code(post) and post.author.is_active:
        return True
    return can_see(viewer, post)


def may_read_profile_image(account: Account) -> bool:
    """Avatars and headers are public, except those of suspended and deleted accounts."""
    return account.is_active
