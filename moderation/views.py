"""Moderator pages (queue, item with one key per decision, dashboard, appeals), the
appeal form for the people concerned, and the public transparency report.
Thin: they read through moderation helpers and change things through moderation.actions."""

import csv
import json
from datetime import UTC, date, datetime, time, timedelta
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import two_factor
from moderation import neardup, stats
from moderation.actions import (
    DECISIONS,
    access_appealable,
    do_appeal,
    do_decide,
    do_decide_appeal,
)
from moderation.actions.decisions import active_strikes
from moderation.models import Appeal, AuditEntry, Category, PostScore, QueueItem, Strike
from moderation.notices import describe
from moderation.queue import claim, claim_next, is_moderator, open_queue
from moderation.templatetags import moderation_labels as labels
from posts.models import Post
from tribune.lib.errors import ActionError

KEYS = [
    ("a", "approve", "Approve"),
    ("r", "remove", "Remove"),
    ("s", "sensitive", "Mark sensitive"),
    ("w", "warn", "Warn"),
    ("l", "limit", "Limit"),
    ("u", "suspend", "Suspend"),
    ("e", "escalate", "Escalate"),
    ("d", "dismiss", "Dismiss"),
]


def base_template() -> str:
    """The web client's base page when it is installed, else the moderation app's own."""
    try:
        get_template("web/base.html")
        return "web/base.html"
    except TemplateDoesNotExist:
        return "moderation/base.html"


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, {"base_template": base_template(), **context}, status=status)


def moderator_required(view):  # type: ignore[no-untyped-def]
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_moderator(request.user):  # type: ignore[arg-type]
            return HttpResponseForbidden(_("Moderators only."))
        if two_factor.required_but_off(request.user):  # type: ignore[arg-type]  # login_required
            return two_factor.to_settings_first(request)
        return view(request, *args, **kwargs)

    return wrapped


@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    items = list(open_queue().select_related("post", "account", "claimed_by")[:100])
    return page(request, "moderation/queue.html", {"items": items, "now": timezone.now()})


@moderator_required
def next_item(request: HttpRequest) -> HttpResponse:
    item = claim_next(request.user)  # type: ignore[arg-type]
    if item is None:
        return redirect("moderation:queue")
    return redirect("moderation:item", item_id=item.pk)


def _thread(post: Post) -> tuple[list[Post], list[Post]]:
    """Moderators see the whole thread, held and removed posts included."""
    ancestors: list[Post] = []
    current = post
    while current.in_reply_to_id and len(ancestors) < 20:
        parent = Post.objects.select_related("author").filter(pk=current.in_reply_to_id).first()
        if parent is None:
            break
        ancestors.append(parent)
        current = parent
    ancestors.reverse()
    replies = list(Post.objects.select_related("author").filter(in_reply_to=post).order_by("id")[:50])
    return ancestors, replies


def _similar(post: Post) -> list[Post]:
    from moderation.models import PostFingerprint

    fp = PostFingerprint.objects.filter(post=post).first()
    if fp is None:
        return []
    ids = [pid for pid, _score in neardup.similar_posts(post.pk, fp.signature)][:10]
    return list(Post.objects.select_related("author").filter(pk__in=ids))


@moderator_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, item_id: int) -> HttpResponse:
    obj = QueueItem.objects.select_related("post", "account", "claimed_by").filter(pk=item_id).first()
    if obj is None:
        raise Http404
    error = ""
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        try:
            do_decide(
                obj,
                decision,
                acting_user=request.user,  # type: ignore[arg-type]
                reason=request.POST.get("reason", ""),
                policy=request.POST.get("policy", ""),
            )
        except ActionError as e:
            error = e.message
        else:
            return redirect("moderation:next")
    elif obj.state == QueueItem.State.OPEN:
        claim(obj.pk, request.user)  # type: ignore[arg-type]
        obj.refresh_from_db()
    post = obj.post
    ancestors, replies = _thread(post) if post else ([], [])
    history = list(Post.objects.filter(author=obj.account).order_by("-id")[:20])
    context = {
        "item": obj,
        "post": post,
        "campaign_posts": list(obj.posts.select_related("author")[:50]) if obj.kind == "campaign" else [],
        "ancestors": ancestors,
        "replies": replies,
        "history": history,
        "strikes": list(Strike.objects.filter(account=obj.account).order_by("-id")[:20]),
        "active_strikes": active_strikes(obj.account),
        "similar": _similar(post) if post else [],
        "score": PostScore.objects.filter(post=post).first() if post else None,
        "reports": list(obj.reports.select_related("reporter")[:50]),
        "audit": list(
            AuditEntry.objects.filter(Q(queue_item=obj) | Q(target_post=post) if post else Q(queue_item=obj))
            .select_related("acting_user")
            .order_by("id")[:50]
        ),
        "keys": KEYS,
        "mine": obj.claimed_by_id == request.user.pk,
        "error": error,
    }
    return page(request, "moderation/item.html", context, status=409 if error else 200)


@moderator_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = stats.dashboard()
    by_action: dict[str, float] = {}
    for row in data["actions_by_category"]:
        category = labels.category_label(row["category"]) if row["category"] else ""
        key = f"{labels.action_label(row['action'])} {category}".strip()
        by_action[key] = by_action.get(key, 0) + row["n"]
    ttfa = {labels.band_label(k): v["median_minutes"] or 0 for k, v in data["time_to_first_action"].items()}
    charts = {
        "actions": stats.bar_chart_svg(by_action),
        "time": stats.bar_chart_svg(ttfa),
        "who": stats.bar_chart_svg(
            {_("automated detection"): data["automated_actions"], _("moderators"): data["human_actions"]}
        ),
    }
    if request.GET.get("format") == "json":
        return HttpResponse(json.dumps(data, default=str), content_type="application/json")
    return page(request, "moderation/dashboard.html", {"data": data, "charts": charts})


@moderator_required
@require_http_methods(["GET", "POST"])
def appeals(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            appeal = Appeal.objects.get(pk=int(request.POST.get("appeal", "0")))
            do_decide_appeal(
                appeal,
                acting_user=request.user,  # type: ignore[arg-type]
                reverse=request.POST.get("verdict") == "reverse",
                reason=request.POST.get("reason", ""),
            )
        except (Appeal.DoesNotExist, ValueError):
            error = _("No such appeal.")
        except ActionError as e:
            error = e.message
        else:
            return redirect("moderation:appeals")
    pending = Appeal.objects.filter(state=Appeal.State.PENDING).select_related(
        "decision", "decision__acting_user", "account", "decision__target_post"
    )
    return page(request, "moderation/appeals.html", {"appeals": pending, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, entry_id: int) -> HttpResponse:
    account = request.user.account  # type: ignore[union-attr]
    try:
        entry = access_appealable(account, entry_id)
    except ActionError:
        raise Http404 from None
    existing = Appeal.objects.filter(decision=entry).first()
    error = ""
    if request.method == "POST" and existing is None:
        try:
            existing = do_appeal(account, entry, request.POST.get("text", ""))
        except ActionError as e:
            error = e.message
    return page(
        request,
        "moderation/appeal.html",
        {"entry": entry, "appeal": existing, "error": error, "notice": describe(entry)},
        status=422 if error else 200,
    )


def _day(value: str | None, default: datetime) -> datetime:
    if not value:
        return default
    try:
        return datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
    except ValueError:
        raise ActionError(_("Dates are written YYYY-MM-DD."), status=400) from None


def transparency(request: HttpRequest) -> HttpResponse:
    """Public: what moderation did over a period, as a page, CSV or JSON."""
    today = datetime.combine(timezone.now().date(), time.min, tzinfo=UTC)
    try:
        start = _day(request.GET.get("start"), today - timedelta(days=30))
        end = _day(request.GET.get("end"), today) + timedelta(days=1)
    except ActionError as e:
        return HttpResponse(e.message, status=400, content_type="text/plain; charset=utf-8")
    if end <= start or (end - start).days > 3660:
        return HttpResponse(_("The period is empty or too long."), status=400, content_type="text/plain; charset=utf-8")
    report = stats.transparency(start, end)
    fmt = request.GET.get("format", "")
    if fmt == "json":
        return HttpResponse(json.dumps(report, indent=2), content_type="application/json")
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="transparency.csv"'
        writer = csv.writer(response)
        writer.writerow(["section", "key", "value"])
        writer.writerows(stats.transparency_rows(report))
        return response
    actions = {str(labels.action_label(k)): v["total"] for k, v in report["actions"].items()}
    return page(
        request,
        "moderation/transparency.html",
        {
            "report": report,
            "chart": stats.bar_chart_svg(actions),
            "start": start.date().isoformat(),
            "end": (end - timedelta(days=1)).date().isoformat(),
            "decisions": DECISIONS,
        },
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    """The administrators' word list: add patterns, switch them on and off."""
    from moderation.actions import do_add_rule, do_set_rule_enabled
    from moderation.models import Rule
    from moderation.scoring.patterns import SLOTS

    error = ""
    if request.method == "POST":
        try:
            if "toggle" in request.POST:
                rule = Rule.objects.filter(pk=int(request.POST["toggle"])).first()
                if rule is None:
                    raise Http404
                do_set_rule_enabled(rule, not rule.enabled, acting_user=request.user)  # type: ignore[arg-type]
            else:
                try:
                    weight = float(request.POST.get("weight", "0.9"))
                except ValueError:
                    raise ActionError(_("A weight is between 0 and 1."), field="weight") from None
                do_add_rule(
                    request.POST.get("category", ""),
                    request.POST.get("pattern", "").strip(),
                    acting_user=request.user,  # type: ignore[arg-type]
                    is_regex=request.POST.get("is_regex") == "on",
                    weight=weight,
                    language=request.POST.get("language", "").strip(),
                    note=request.POST.get("note", ""),
                )
        except ActionError as e:
            error = e.message
        except ValueError:
            error = _("No such rule.")
        else:
            return redirect("moderation:rules")
    categories = [c for c in Category.values if c not in ("illegal", "other")]
    context = {"rules": Rule.objects.order_by("-id"), "error": error, "slots": sorted(SLOTS), "categories": categories}
    return page(request, "moderation/rules.html", context, status=422 if error else 200)
