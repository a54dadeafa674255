"""Filter (v2), FilterKeyword, FilterStatus, V1 filter and FilterResult entities."""

from typing import Any

from accounts.models import Filter, FilterStatus, MutedWord
from api.serializers.common import iso


def keyword_entity(keyword: MutedWord) -> dict[str, Any]:
    return {"id": str(keyword.pk), "keyword": keyword.phrase, "whole_word": keyword.whole_word}


def filter_status_entity(row: FilterStatus) -> dict[str, Any]:
    return {"id": str(row.pk), "status_id": str(row.post_id)}


def filter_entity(found: Filter, *, keywords: list[MutedWord] | None = None,
                  statuses: list[FilterStatus] | None = None) -> dict[str, Any]:  # fmt: skip
    keywords = list(found.keywords.order_by("id")) if keywords is None else keywords
    statuses = list(found.statuses.order_by("id")) if statuses is None else statuses
    return {
        "id": str(found.pk),
        "title": found.title,
        "context": list(found.context),
        "expires_at": iso(found.expires_at),
        "filter_action": found.action,
        "keywords": [keyword_entity(k) for k in keywords],
        "statuses": [filter_status_entity(s) for s in statuses],
    }


def v1_filter_entity(keyword: MutedWord) -> dict[str, Any]:
    found = keyword.filter
    assert found is not None  # noqa: S101  # v1 filters are keywords of a filter
    return {
        "id": str(keyword.pk),
        "phrase": keyword.phrase,
        "context": list(found.context),
        "whole_word": keyword.whole_word,
        "expires_at": iso(found.expires_at),
        "irreversible": found.action == Filter.Action.HIDE,
    }
