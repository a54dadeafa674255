"""Mastodon's OAuth scopes and how they cover each other.

`read` covers every `read:*`, `write` every `write:*`, and the legacy `follow`
scope covers the follow-related granular scopes, as Mastodon documents.
"""

READ = [
    "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
    "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
]  # fmt: skip
WRITE = [
    "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
    "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
    "write:reports", "write:statuses",
]  # fmt: skip
FOLLOW_COVERS = {"read:blocks", "write:blocks", "read:follows", "write:follows", "read:mutes", "write:mutes"}

ALL_SCOPES: dict[str, str] = {
    "read": "Read all your account's data",
    "write": "Modify all your account's data",
    "follow": "Manage follows, blocks and mutes",
    "push": "Receive push notifications",
    "profile": "Read only your own profile",
    **{s: f"Read your {s.split(':')[1]}" for s in READ},
    **{s: f"Change your {s.split(':')[1]}" for s in WRITE},
}


def parse(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    items = value.split() if isinstance(value, str) else [s for v in value for s in str(v).split()]
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def covers(granted: list[str] | set[str], needed: str) -> bool:
    """Whether the granted scopes include `needed` (directly or through a parent scope)."""
    if needed in granted:
        return True
    parent = needed.split(":")[0]
    if parent in granted and parent in ("read", "write"):
        return True
    if needed in FOLLOW_COVERS and "follow" in granted:
        return True
    # `profile` is the narrowest way to call verify_credentials.
    return needed == "profile" and ("read" in granted or "read:accounts" in granted)


def all_covered(granted: list[str] | set[str], wanted: list[str]) -> bool:
    return all(covers(granted, s) for s in wanted)
