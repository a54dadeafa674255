"""Filters: the person's filters (Mastodon's v2), a new one, a filter's editor, its deletion.

Every change goes through accounts.filters, the actions the API's filters use; a filter is always
read through `access_filter`, so another person's filter, like an unknown id, is not found (404).
The form gives keywords one per line and one whole-word choice for all of them."""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.filters import (
    MUTED_WORDS_TITLE,
    access_filter,
    check_filter_input,
    check_keyword,
    do_add_keyword,
    do_create_filter,
    do_delete_filter,
    do_remove_keyword,
    do_update_filter,
    do_update_keyword,
)
from accounts.models import Account, Filter, MutedWord
from tribune.lib.errors import ActionError
from web.views.common import login_view, owner_of, record_id

# What Mastodon offers: never, 30 minutes, 1 hour, 6 hours, 1 day, 1 week (seconds).
DURATIONS = (1800, 3600, 21600, 86400, 604800)


def _context_labels() -> dict[str, str]:
    return {
        "home": _("Home and lists"),
        "notifications": _("Notifications"),
        "public": _("Public timelines"),
        "thread": _("Conversations"),
        "account": _("Profiles"),
    }


def _durations() -> list[tuple[str, str]]:
    labels = (_("30 minutes"), _("1 hour"), _("6 hours"), _("1 day"), _("1 week"))
    return [("", _("Never"))] + [(str(s), label) for s, label in zip(DURATIONS, labels, strict=True)]


def _title(found: Filter) -> str:
    """The muted words' filter is stored under its English title; it is shown in the reader's language."""
    return _("Muted words") if found.title == MUTED_WORDS_TITLE else found.title


def _keywords(request: HttpRequest) -> tuple[list[str], bool]:
    """The keywords typed, one per line, checked and without repeats, and the whole-word choice."""
    phrases = [check_keyword(line) for line in request.POST.get("keywords", "").splitlines() if line.strip()]
    if not phrases:
        raise ActionError(_("Give at least one keyword."), field="keywords")
    return list(dict.fromkeys(phrases)), request.POST.get("whole_word") == "on"


def _expires_in(request: HttpRequest, *, keep: bool) -> int | None | str:
    raw = request.POST.get("expires_in", "")
    if raw in ("", "never"):
        return None
    if keep and raw == "keep":
        return "keep"
    if raw.isdigit() and int(raw) in DURATIONS:
        return int(raw)
    raise ActionError(_("Choose one of the durations offered."), field="expires_in")


def _form(request: HttpRequest, error: ActionError | None, found: Filter | None = None) -> dict[str, Any]:
    """What the filter's fields show: what was typed after an error, else the filter's values."""
    if error is not None:
        p = request.POST
        return {
            "title": p.get("title", ""), "keywords": p.get("keywords", ""), "whole_word": "whole_word" in p,
            "context": p.getlist("context"), "action": p.get("action", ""), "expires_in": p.get("expires_in", ""),
        }  # fmt: skip
    if found is not None:
        words = list(MutedWord.objects.filter(filter=found).order_by("phrase"))
        return {
            "title": found.title, "keywords": "\n".join(w.phrase for w in words),
            "whole_word": all(w.whole_word for w in words), "context": found.context, "action": found.action,
            "expires_in": "keep" if found.expires_at else "",
        }  # fmt: skip
    return {"title": "", "keywords": "", "whole_word": True, "context": list(Filter.CONTEXTS), "action": "warn"}


def _fields(request: HttpRequest, error: ActionError | None, found: Filter | None = None) -> dict[str, Any]:
    labels = _context_labels()
    return {
        "form": _form(request, error, found),
        "contexts": list(labels.items()),
        "durations": _durations(),
        "error": error,
    }


def _index(request: HttpRequest, error: ActionError | None = None) -> HttpResponse:
    labels = _context_labels()
    owned = Filter.objects.filter(account=owner_of(request)).prefetch_related("keywords").order_by(Lower("title"), "id")
    rows = [
        {
            "filter": f,
            "title": _title(f),
            "keywords": sorted(k.phrase for k in f.keywords.all()),
            "contexts": [labels[c] for c in f.context if c in labels],
        }
        for f in owned
    ]
    context = {"filters": rows, "title": _("Filters"), **_fields(request, error)}
    return render(request, "web/filters.html", context, status=error.status if error else 200)


@login_view
def filters(request: HttpRequest) -> HttpResponse:
    """The person's filters, and (POST) a new one."""
    if request.method != "POST":
        return _index(request)
    p = request.POST
    try:
        phrases, whole_word = _keywords(request)
        expires_in = _expires_in(request, keep=False)
        do_create_filter(
            owner_of(request),
            p.get("title", ""),
            p.getlist("context"),
            action=p.get("action", "warn"),
            expires_in=expires_in if isinstance(expires_in, int) else None,
            keywords=[(phrase, whole_word) for phrase in phrases],
        )
    except ActionError as e:
        return _index(request, e)
    messages.success(request, _("Filter created."))
    return redirect("web:filters")


def _editor(request: HttpRequest, found: Filter, error: ActionError | None = None) -> HttpResponse:
    context = {"filter": found, "title": _("Edit filter"), **_fields(request, error, found)}
    return render(request, "web/filter_edit.html", context, status=error.status if error else 200)


def _save(account: Account, found: Filter, request: HttpRequest) -> None:
    """Checks everything, then changes the filter and its keywords together (or nothing)."""
    p = request.POST
    phrases, whole_word = _keywords(request)
    expires_in = _expires_in(request, keep=True)
    title, context, action = p.get("title", ""), p.getlist("context"), p.get("action", "")
    check_filter_input(title, context, action, expires_in if isinstance(expires_in, int) else None)
    with transaction.atomic():
        do_update_filter(account, found, title=title, context=context, action=action, expires_in=expires_in)
        kept = {k.phrase: k for k in MutedWord.objects.filter(filter=found)}
        for phrase, keyword in kept.items():
            if phrase not in phrases:
                do_remove_keyword(account, keyword)
            elif keyword.whole_word != whole_word:
                do_update_keyword(account, keyword, phrase=None, whole_word=whole_word)
        for phrase in phrases:
            if phrase not in kept:
                do_add_keyword(account, found, phrase, whole_word=whole_word)


@login_view
def edit(request: HttpRequest, filter_id: str) -> HttpResponse:
    """The filter's title, keywords, contexts, action and end; POST saves them."""
    owner = owner_of(request)
    found = access_filter(owner, record_id(filter_id))
    if request.method != "POST":
        return _editor(request, found)
    try:
        _save(owner, found, request)
    except ActionError as e:
        found.refresh_from_db()
        return _editor(request, found, e)
    messages.success(request, _("Saved."))
    return redirect("web:filters")


@require_POST
@login_view
def delete(request: HttpRequest, filter_id: str) -> HttpResponse:
    owner = owner_of(request)
    found = access_filter(owner, record_id(filter_id))
    do_delete_filter(owner, found)
    messages.success(request, _("The filter “%(title)s” is deleted.") % {"title": _title(found)})
    return redirect("web:filters")
