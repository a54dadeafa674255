"""ActivityStreams documents for local accounts and posts (models know nothing of JSON).

Shapes follow Mastodon's, which every other implementation reads: `publicKey`
on the actor, `sensitive` and `Hashtag`/`Mention` tags on Notes, `PropertyValue`
fields, `featured` and `manuallyApprovesFollowers`.
"""

from typing import Any

from django.conf import settings
from django.utils import translation

from accounts.badges import badges_of
from accounts.models import Account
from federation.keys import ensure_account_keys, instance_actor_uri, instance_keys, key_id_for
from posts.models import Post, Visibility

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT: list[Any] = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "sensitive": "as:sensitive",
        "Hashtag": "as:Hashtag",
        "movedTo": {"@id": "as:movedTo", "@type": "@id"},
        "alsoKnownAs": {"@id": "as:alsoKnownAs", "@type": "@id"},
        "toot": "http://joinmastodon.org/ns#",
        "featured": {"@id": "toot:featured", "@type": "@id"},
        "discoverable": "toot:discoverable",
        "schema": "http://schema.org#",
        "PropertyValue": "schema:PropertyValue",
        "value": "schema:value",
        "votersCount": "toot:votersCount",
        "quoteUri": "http://fedibird.com/ns#quoteUri",
        "_misskey_quote": "https://misskey-hub.net/ns#_misskey_quote",
    },
]


def actor_urls(account: Account) -> dict[str, str]:
    base = account.actor_uri()
    return {
        "id": base,
        "inbox": f"{base}/inbox",
        "outbox": f"{base}/outbox",
        "followers": f"{base}/followers",
        "following": f"{base}/following",
        "featured": f"{base}/collections/featured",
    }


# A badge travels as one more profile field (docs/federation.md), which every server shows; Tribune
# reads such a field from a remote actor as a field like any other, never as a badge.


def _badge_label(badge: str) -> str:
    """The badge's name as other servers read it: in English, whatever the request's language."""
    from accounts.badges import LABELS

    with translation.override("en"):
        return str(LABELS[badge])


def render_actor(account: Account) -> dict[str, Any]:
    ensure_account_keys(account)
    urls = actor_urls(account)
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Service" if account.bot else "Person",
        **urls,
        "preferredUsername": account.username,
        "name": account.display_name,
        "summary": account.bio,
        "url": account.profile_url(),
        "manuallyApprovesFollowers": account.locked,
        "discoverable": account.discoverable,
        "published": account.created_at.isoformat(),
        "endpoints": {"sharedInbox": f"{settings.SITE_URL}/inbox"},
        "publicKey": {"id": key_id_for(account), "owner": urls["id"], "publicKeyPem": account.public_key},
        "attachment": [
            {"type": "PropertyValue", "name": f.get("name", ""), "value": f.get("value", "")}
            for f in (account.fields or [])
        ]
        + [
            {"type": "PropertyValue", "name": f"Badge on {settings.DOMAIN}", "value": _badge_label(badge)}
            for badge in badges_of(account)
        ],
        "tag": [],
    }

    if account.avatar:
        doc["icon"] = {"type": "Image", "mediaType": "image/webp", "url": account.avatar_url()}
    if account.header:
        doc["image"] = {"type": "Image", "mediaType": "image/webp", "url": account.header_url()}
    if account.also_known_as:
        doc["alsoKnownAs"] = list(account.also_known_as)
    if account.moved_to_id and account.moved_to is not None:
        doc["movedTo"] = account.moved_to.actor_uri()
    return doc


def render_instance_actor() -> dict[str, Any]:
    _private, public = instance_keys()
    uri = instance_actor_uri()
    return {
        "@context": CONTEXT,
        "id": uri,
        "type": "Application",
        "preferredUsername": settings.DOMAIN,
        "name": settings.INSTANCE_NAME,
        "inbox": f"{uri}/inbox",
        "outbox": f"{uri}/outbox",
        "endpoints": {"sharedInbox": f"{settings.SITE_URL}/inbox"},
        "manuallyApprovesFollowers": True,
        "url": f"{settings.SITE_URL}/about",
        "publicKey": {"id": f"{uri}#main-key", "owner": uri, "publicKeyPem": public},
    }


def addressing(post: Post) -> tuple[list[str], list[str]]:
    """(to, cc) for a post's visibility, as Mastodon addresses them."""
    followers = actor_urls(post.author)["followers"]
    mentioned = [m.account.actor_uri() for m in post.mentions.select_related("account")]
    if post.visibility == Visibility.PUBLIC:
        return [AS_PUBLIC], [followers, *mentioned]
    if post.visibility == Visibility.UNLISTED:
        return [followers], [AS_PUBLIC, *mentioned]
    if post.visibility == Visibility.PRIVATE:
        return [followers], mentioned
    return mentioned, []


def render_note(post: Post) -> dict[str, Any]:
    to, cc = addressing(post)
    tags: list[dict[str, Any]] = [
        {"type": "Mention", "href": m.account.actor_uri(), "name": m.account.full_handle}
        for m in post.mentions.select_related("account")
    ]
    tags += [
        {"type": "Hashtag", "href": f"{settings.SITE_URL}/tags/{t.hashtag.name}", "name": f"#{t.hashtag.name}"}
        for t in post.post_hashtags.select_related("hashtag")
    ]
    note: dict[str, Any] = {
        "id": post.activity_uri(),
        "type": "Note",
        "attributedTo": post.author.actor_uri(),
        "content": post.content,
        "summary": post.spoiler_text or None,
        "sensitive": post.sensitive,
        "published": post.created_at.isoformat(),
        "url": post.public_url(),
        "to": to,
        "cc": cc,
        "inReplyTo": post.in_reply_to.activity_uri() if post.in_reply_to_id and post.in_reply_to else None,
        "tag": tags,
        "attachment": [
            {
                "type": "Document",
                "mediaType": m.content_type,
                "url": m.file_url(),
                "name": m.description or None,
                "width": m.width,
                "height": m.height,
                "blurhash": m.blurhash or None,
            }
            for m in post.media.all()
        ],
    }
    if post.language:
        note["contentMap"] = {post.language: post.content}
    if post.edited_at:
        note["updated"] = post.edited_at.isoformat()
    _add_poll(note, post)
    if post.quote_of_id and post.quote_of is not None:
        quoted = post.quote_of.activity_uri()
        note["quote"] = note["quoteUri"] = note["_misskey_quote"] = quoted
        note["tag"].append(
            {
                "type": "Link",
                "mediaType": 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
                "href": quoted,
                "name": f"RE: {quoted}",
            }
        )
    return note


def _add_poll(note: dict[str, Any], post: Post) -> None:
    """A post with a poll is a Question, as Mastodon sends it: options under `oneOf` (one choice)
    or `anyOf` (several), each a Note whose `replies.totalItems` is its count."""
    from posts.models import Poll
    from posts.polls import is_expired, results

    poll = Poll.objects.filter(pk=post.pk).first()
    if poll is None:
        return
    found = results([poll])[poll.pk]
    note["type"] = "Question"
    note["anyOf" if poll.multiple else "oneOf"] = [
        {"type": "Note", "name": title, "replies": {"type": "Collection", "totalItems": found.counts[i]}}
        for i, title in enumerate(poll.options)
    ]
    note["votersCount"] = found.voters if poll.multiple else sum(found.counts)
    if poll.expires_at is not None:
        note["endTime"] = poll.expires_at.isoformat()
        if is_expired(poll):
            note["closed"] = poll.expires_at.isoformat()


def render_vote(vote: Any) -> dict[str, Any]:
    """A local vote on a remote poll: a Create of a Note whose `name` is the option (Mastodon's shape)."""
    poll = vote.poll
    voter = vote.account.actor_uri()
    question = poll.post.activity_uri()
    note = {
        "id": f"{voter}#votes/{vote.pk}",
        "type": "Note",
        "name": poll.options[vote.choice],
        "attributedTo": voter,
        "to": poll.post.author.actor_uri(),
        "inReplyTo": question,
    }
    return {
        "@context": CONTEXT,
        "id": f"{voter}#votes/{vote.pk}/activity",
        "type": "Create",
        "actor": voter,
        "to": note["to"],
        "object": note,
    }


def activity_id(post: Post, kind: str) -> str:
    return f"{post.activity_uri()}/activity" if kind == "Create" else f"{post.activity_uri()}#{kind.lower()}"


def render_create(post: Post) -> dict[str, Any]:
    note = render_note(post)
    return {
        "@context": CONTEXT,
        "id": activity_id(post, "Create"),
        "type": "Create",
        "actor": note["attributedTo"],
        "published": note["published"],
        "to": note["to"],
        "cc": note["cc"],
        "object": note,
    }


def render_announce(echo: Post) -> dict[str, Any]:
    original = echo.reblog_of
    assert original is not None  # noqa: S101  # only echoes are announced
    followers = actor_urls(echo.author)["followers"]
    to, cc = ([AS_PUBLIC], [followers, original.author.actor_uri()])
    if echo.visibility == Visibility.UNLISTED:
        to, cc = [followers], [AS_PUBLIC, original.author.actor_uri()]
    elif echo.visibility == Visibility.PRIVATE:
        to, cc = [followers], [original.author.actor_uri()]
    return {
        "@context": CONTEXT,
        "id": f"{echo.activity_uri()}/activity",
        "type": "Announce",
        "actor": echo.author.actor_uri(),
        "published": echo.created_at.isoformat(),
        "to": to,
        "cc": cc,
        "object": original.activity_uri(),
    }


def wrap(activity_type: str, actor: str, obj: Any, *, id: str, to: list[str] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"@context": CONTEXT, "id": id, "type": activity_type, "actor": actor, "object": obj}
    if to is not None:
        doc["to"] = to
    return doc
