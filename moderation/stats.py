"""Figures for the moderation dashboard and the public transparency report."""

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db.models import Count, Q
from django.utils import timezone

from moderation.models import Appeal, AuditEntry, FlagBatch, QueueItem, Report, Source

DECISION_ACTIONS = [
    AuditEntry.Action.HOLD, AuditEntry.Action.APPROVE, AuditEntry.Action.REMOVE, AuditEntry.Action.MARK_SENSITIVE,
    AuditEntry.Action.WARN, AuditEntry.Action.LIMIT, AuditEntry.Action.SUSPEND, AuditEntry.Action.FLAG,
    AuditEntry.Action.DISMISS,
]  # fmt: skip


def band(item: QueueItem) -> str:
    if item.source == Source.TRUSTED_FLAGGER:
        return "trusted flagger"
    if item.urgent:
        return "urgent"
    return "normal"


def _percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"count": 0, "median_minutes": None, "p95_minutes": None}
    arr = np.asarray(values) / 60.0
    return {
        "count": len(values),
        "median_minutes": round(float(np.median(arr)), 2),
        "p95_minutes": round(float(np.percentile(arr, 95)), 2),
    }


def time_to_action(items: list[QueueItem]) -> dict[str, dict[str, float | None]]:
    by_band: dict[str, list[float]] = {"trusted flagger": [], "urgent": [], "normal": []}
    for item in items:
        if item.first_action_at and item.created_at:
            by_band[band(item)].append((item.first_action_at - item.created_at).total_seconds())
    return {name: _percentiles(values) for name, values in by_band.items()}


def dashboard() -> dict[str, Any]:
    now = timezone.now()
    open_items = QueueItem.objects.filter(state=QueueItem.State.OPEN)
    oldest = open_items.order_by("created_at").first()
    since = now - timedelta(days=30)
    recent = list(QueueItem.objects.filter(created_at__gte=since, first_action_at__isnull=False))
    actions = (
        AuditEntry.objects.filter(created_at__gte=since, action__in=DECISION_ACTIONS)
        .values("action", "category")
        .annotate(n=Count("id"))
        .order_by("action", "category")
    )
    automated = AuditEntry.objects.filter(created_at__gte=since, action__in=DECISION_ACTIONS)
    appeals = Appeal.objects.exclude(state=Appeal.State.PENDING)
    decided = appeals.count()
    reversed_ = appeals.filter(state=Appeal.State.REVERSED).count()
    return {
        "queue_size": open_items.count(),
        "queue_urgent": open_items.filter(Q(urgent=True) | Q(source=Source.TRUSTED_FLAGGER)).count(),
        "oldest_item_minutes": round((now - oldest.created_at).total_seconds() / 60, 1) if oldest else None,
        "time_to_first_action": time_to_action(recent),
        "actions_by_category": [dict(r) for r in actions],
        "automated_actions": automated.filter(acting_user__isnull=True).count(),
        "human_actions": automated.filter(acting_user__isnull=False).count(),
        "appeals_decided": decided,
        "appeals_reversed": reversed_,
        "appeal_reversal_rate": round(reversed_ / decided, 3) if decided else None,
        "appeals_pending": Appeal.objects.filter(state=Appeal.State.PENDING).count(),
    }


def transparency(start: datetime, end: datetime) -> dict[str, Any]:
    """What the public may know about a period: counts, never who."""
    entries = AuditEntry.objects.filter(created_at__gte=start, created_at__lt=end)
    reports = Report.objects.filter(created_at__gte=start, created_at__lt=end)
    items = list(QueueItem.objects.filter(created_at__gte=start, created_at__lt=end))
    by_action = {
        r["action"]: {"total": r["n"], "automated": r["auto"]}
        for r in entries.filter(action__in=DECISION_ACTIONS)
        .values("action")
        .annotate(n=Count("id"), auto=Count("id", filter=Q(acting_user__isnull=True)))
    }
    appeals = Appeal.objects.filter(created_at__gte=start, created_at__lt=end)
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "reports": {
            "total": reports.count(),
            "by_category": {r["category"]: r["n"] for r in reports.values("category").annotate(n=Count("id"))},
            "by_source": {r["source"]: r["n"] for r in reports.values("source").annotate(n=Count("id"))},
        },
        "trusted_flagger_batches": FlagBatch.objects.filter(created_at__gte=start, created_at__lt=end).count(),
        "queue_items": len(items),
        "actions": by_action,
        "time_to_first_action": time_to_action(items),
        "appeals": {
            "total": appeals.count(),
            "reversed": appeals.filter(state=Appeal.State.REVERSED).count(),
            "upheld": appeals.filter(state=Appeal.State.UPHELD).count(),
        },
    }


def transparency_rows(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The report flattened to (section, key, value) rows for CSV."""
    rows: list[tuple[str, str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        else:
            section, _, key = prefix.partition(".")
            rows.append((section, key, "" if value is None else str(value)))

    walk("", report)
    return rows


def bar_chart_svg(data: dict[str, float], *, width: int = 420, bar: int = 18) -> str:
    """A small horizontal bar chart as inline SVG (no JavaScript, no external assets)."""
    from django.utils.html import escape

    if not data:
        return '<svg width="10" height="10" role="img" aria-label="no data"></svg>'
    top = max(data.values()) or 1
    height = (bar + 6) * len(data)
    parts = [f'<svg width="{width}" height="{height}" role="img" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value) in enumerate(data.items()):
        y = i * (bar + 6)
        w = int((width - 190) * value / top)
        parts.append(f'<text x="0" y="{y + bar - 4}" font-size="12">{escape(label)}</text>')
        parts.append(f'<rect x="150" y="{y}" width="{max(w, 1)}" height="{bar}" fill="#8a3ffc"></rect>')
        parts.append(f'<text x="{155 + w}" y="{y + bar - 4}" font-size="12">{value:g}</text>')
    parts.append("</svg>")
    return "".join(parts)
