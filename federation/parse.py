"""Reading untrusted ActivityStreams JSON: every accessor tolerates the shapes real
servers send (a string, an object with an id, a list of either) and wrong types."""

from typing import Any

from tribune.lib.errors import BadRequest


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def id_of(value: Any) -> str:
    """The id of a link or embedded object ('' when there is none)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        inner = value.get("id") or value.get("href")
        return inner if isinstance(inner, str) else ""
    if isinstance(value, list) and value:
        return id_of(value[0])
    return ""


def ids_of(value: Any) -> list[str]:
    return [i for i in (id_of(v) for v in as_list(value)) if i]


def text_of(value: Any, limit: int = 100_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def require_str(data: dict[str, Any], key: str) -> str:
    value = id_of(data.get(key))
    if not value:
        raise BadRequest(f"'{key}' is missing or not a string")
    return value


def types_of(data: Any) -> set[str]:
    if not isinstance(data, dict):
        return set()
    return {t for t in as_list(data.get("type")) if isinstance(t, str)}


def url_of(value: Any) -> str:
    """A media or profile URL: a string, a Link/Image object, or a list of them."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return url_of(value.get("href") or value.get("url"))
    if isinstance(value, list):
        for item in value:
            if found := url_of(item):
                return found
    return ""
