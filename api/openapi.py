"""Request bodies for the OpenAPI document.

Handlers read their bodies through api.params (JSON, form or multipart, with
Rails-style keys), so ninja cannot infer them; these declarations say what each
write endpoint accepts, as JSON, form and multipart alike.
"""

from typing import Any

STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
INTEGER = {"type": "integer"}
IDS = {"type": "array", "items": {"type": "string"}}
BINARY = {"type": "string", "format": "binary"}


def body(properties: dict[str, Any], *, required: list[str] | None = None, files: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    content = {"application/json": {"schema": schema}, "application/x-www-form-urlencoded": {"schema": schema}}
    if files:
        content = {"multipart/form-data": {"schema": schema}}
    return {"requestBody": {"required": bool(required), "content": content}}


STATUS = body(
    {
        "status": STRING,
        "media_ids": IDS,
        "in_reply_to_id": STRING,
        "quoted_status_id": STRING,
        "quote_id": STRING,
        "sensitive": BOOLEAN,
        "spoiler_text": STRING,
        "visibility": {"type": "string", "enum": ["public", "unlisted", "private", "direct"]},
        "language": STRING,
        "scheduled_at": STRING,
        "poll": {
            "type": "object",
            "properties": {
                "options": {"type": "array", "items": STRING},
                "expires_in": {"type": "integer"},
                "multiple": BOOLEAN,
                "hide_totals": BOOLEAN,
            },
        },
    }
)
STATUS_EDIT = body(
    {
        "status": STRING,
        "media_ids": IDS,
        "sensitive": BOOLEAN,
        "spoiler_text": STRING,
        "language": STRING,
        "media_attributes": {
            "type": "array",
            "items": {"type": "object", "properties": {"id": STRING, "description": STRING}},
        },
    }
)
APP = body(
    {"client_name": STRING, "redirect_uris": STRING, "scopes": STRING, "website": STRING},
    required=["client_name", "redirect_uris"],
)
REGISTER = body(
    {"username": STRING, "email": STRING, "password": STRING, "agreement": BOOLEAN, "locale": STRING, "reason": STRING},
    required=["username", "email", "password", "agreement"],
)
CREDENTIALS = body(
    {
        "display_name": STRING,
        "note": STRING,
        "avatar": BINARY,
        "header": BINARY,
        "locked": BOOLEAN,
        "bot": BOOLEAN,
        "discoverable": BOOLEAN,
        "fields_attributes": {"type": "object", "additionalProperties": {"type": "object"}},
        "source": {"type": "object", "properties": {"privacy": STRING, "sensitive": BOOLEAN, "language": STRING}},
    },
    files=True,
)
MEDIA = body({"file": BINARY, "description": STRING, "focus": STRING}, required=["file"], files=True)
MEDIA_UPDATE = body({"description": STRING, "focus": STRING})
FOLLOW = body({"reblogs": BOOLEAN, "notify": BOOLEAN})
MUTE = body({"notifications": BOOLEAN, "duration": INTEGER})
REBLOG = body({"visibility": STRING})
LIST = body({"title": STRING, "replies_policy": STRING, "exclusive": BOOLEAN})
LIST_ACCOUNTS = body({"account_ids": IDS}, required=["account_ids"])
POLL_VOTE = body({"choices": {"type": "array", "items": {"type": "integer"}}}, required=["choices"])
MARKERS = body(
    {
        "home": {"type": "object", "properties": {"last_read_id": STRING}},
        "notifications": {"type": "object", "properties": {"last_read_id": STRING}},
    }
)
FILTER = body(
    {
        "title": STRING,
        "context": {"type": "array", "items": STRING},
        "filter_action": STRING,
        "keywords_attributes": {
            "type": "array",
            "items": {"type": "object", "properties": {"keyword": STRING, "whole_word": BOOLEAN}},
        },
    },
    required=["title", "keywords_attributes"],
)
FILTER_V1 = body(
    {"phrase": STRING, "context": {"type": "array", "items": STRING}, "irreversible": BOOLEAN, "whole_word": BOOLEAN,
     "expires_in": {"type": "integer"}},
)  # fmt: skip
PUSH_ALERTS = {"type": "object", "additionalProperties": BOOLEAN}
PUSH_DATA = {"type": "object", "properties": {"alerts": PUSH_ALERTS, "policy": STRING}}
PUSH_SUBSCRIBE = body(
    {
        "subscription": {
            "type": "object",
            "properties": {
                "endpoint": STRING,
                "keys": {"type": "object", "properties": {"p256dh": STRING, "auth": STRING}},
                "standard": BOOLEAN,
            },
        },
        "data": PUSH_DATA,
        "policy": STRING,
    },
    required=["subscription"],
)
PUSH_UPDATE = body({"data": PUSH_DATA, "policy": STRING})
KEYWORD = body({"keyword": STRING, "whole_word": BOOLEAN}, required=["keyword"])
REPORT = body(
    {"account_id": STRING, "status_ids": IDS, "comment": STRING, "forward": BOOLEAN, "category": STRING},
    required=["account_id"],
)


# Response entities, as much of them as every client relies on (docs.joinmastodon.org/entities/).
NULLABLE_STRING = {"type": ["string", "null"]}
ACCOUNT = {
    "type": "object",
    "required": [
        "id", "username", "acct", "url", "display_name", "note", "avatar", "avatar_static", "header",
        "header_static", "locked", "fields", "emojis", "bot", "group", "created_at", "statuses_count",
        "followers_count", "following_count",
    ],
    "properties": {
        "id": STRING, "username": STRING, "acct": STRING, "url": STRING, "display_name": STRING, "note": STRING,
        "avatar": STRING, "header": STRING, "locked": BOOLEAN, "bot": BOOLEAN, "group": BOOLEAN,
        "created_at": STRING, "last_status_at": NULLABLE_STRING, "statuses_count": INTEGER,
        "followers_count": INTEGER, "following_count": INTEGER,
        "fields": {"type": "array", "items": {"type": "object", "required": ["name", "value"]}},
        "emojis": {"type": "array"},
    },
}  # fmt: skip
MEDIA_ATTACHMENT = {
    "type": "object",
    "required": ["id", "type", "url", "preview_url", "meta", "description", "blurhash"],
    "properties": {"id": STRING, "type": STRING, "url": STRING, "preview_url": NULLABLE_STRING},
}
STATUS_ENTITY = {
    "type": "object",
    "required": [
        "id", "uri", "created_at", "account", "content", "visibility", "sensitive", "spoiler_text",
        "media_attachments", "mentions", "tags", "emojis", "reblogs_count", "favourites_count", "replies_count",
        "url", "in_reply_to_id", "in_reply_to_account_id", "reblog", "poll", "card", "language", "edited_at",
    ],
    "properties": {
        "id": STRING, "uri": STRING, "created_at": STRING, "account": {"$ref": "#/components/schemas/Account"},
        "content": STRING, "visibility": {"type": "string", "enum": ["public", "unlisted", "private", "direct"]},
        "sensitive": BOOLEAN, "spoiler_text": STRING,
        "media_attachments": {"type": "array", "items": {"$ref": "#/components/schemas/MediaAttachment"}},
        "mentions": {"type": "array"}, "tags": {"type": "array"}, "emojis": {"type": "array"},
        "reblogs_count": INTEGER, "favourites_count": INTEGER, "replies_count": INTEGER,
        "url": NULLABLE_STRING, "in_reply_to_id": NULLABLE_STRING, "in_reply_to_account_id": NULLABLE_STRING,
        "reblog": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Status"}]},
        "language": NULLABLE_STRING, "edited_at": NULLABLE_STRING,
    },
}  # fmt: skip
RELATIONSHIP = {
    "type": "object",
    "required": ["id", "following", "followed_by", "blocking", "blocked_by", "muting", "requested"],
    "properties": {"id": STRING, "following": BOOLEAN, "followed_by": BOOLEAN, "requested": BOOLEAN},
}
NOTIFICATION = {
    "type": "object",
    "required": ["id", "type", "created_at", "account"],
    "properties": {
        "id": STRING,
        "type": STRING,
        "created_at": STRING,
        "account": {"$ref": "#/components/schemas/Account"},
        "status": {"$ref": "#/components/schemas/Status"},
    },
}
ENTITIES = {
    "Account": ACCOUNT,
    "MediaAttachment": MEDIA_ATTACHMENT,
    "Status": STATUS_ENTITY,
    "Relationship": RELATIONSHIP,
    "Notification": NOTIFICATION,
}


def _many(name: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}


def _one(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


STATUS_ACTIONS = ("favourite", "unfavourite", "reblog", "unreblog", "bookmark", "unbookmark")
RELATION_ACTIONS = ("follow", "unfollow", "block", "unblock", "mute", "unmute", "remove_from_followers")
ACCOUNT_LISTS = [
    "/api/v1/accounts/{id}/followers", "/api/v1/accounts/{id}/following", "/api/v1/blocks", "/api/v1/mutes",
    "/api/v1/follow_requests", "/api/v1/statuses/{id}/favourited_by", "/api/v1/statuses/{id}/reblogged_by",
    "/api/v1/accounts/search",
]  # fmt: skip
STATUS_LISTS = [
    "/api/v1/timelines/home", "/api/v1/timelines/public", "/api/v1/timelines/tag/{hashtag}",
    "/api/v1/accounts/{id}/statuses", "/api/v1/bookmarks", "/api/v1/favourites", "/api/v1/statuses",
]  # fmt: skip
RESPONSES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/api/v1/statuses"): _one("Status"),
    ("get", "/api/v1/statuses/{id}"): _one("Status"),
    ("put", "/api/v1/statuses/{id}"): _one("Status"),
    ("delete", "/api/v1/statuses/{id}"): _one("Status"),
    **{("post", f"/api/v1/statuses/{{id}}/{a}"): _one("Status") for a in STATUS_ACTIONS},
    **{("get", p): _many("Status") for p in STATUS_LISTS},
    ("get", "/api/v1/accounts/verify_credentials"): _one("Account"),
    ("patch", "/api/v1/accounts/update_credentials"): _one("Account"),
    ("get", "/api/v1/accounts/{id}"): _one("Account"),
    ("get", "/api/v1/accounts/lookup"): _one("Account"),
    **{("get", p): _many("Account") for p in ACCOUNT_LISTS},
    **{("post", f"/api/v1/accounts/{{id}}/{a}"): _one("Relationship") for a in RELATION_ACTIONS},
    ("post", "/api/v1/follow_requests/{id}/authorize"): _one("Relationship"),
    ("post", "/api/v1/follow_requests/{id}/reject"): _one("Relationship"),
    ("get", "/api/v1/accounts/relationships"): _many("Relationship"),
    ("get", "/api/v1/notifications"): _many("Notification"),
    ("get", "/api/v1/notifications/{id}"): _one("Notification"),
    ("post", "/api/v2/media"): _one("MediaAttachment"),
    ("post", "/api/v1/media"): _one("MediaAttachment"),
    ("get", "/api/v1/media/{id}"): _one("MediaAttachment"),
    ("put", "/api/v1/media/{id}"): _one("MediaAttachment"),
}
