"""Filters (Mastodon's v2): keywords and posts that hide posts, or show them behind a warning, in
the contexts a person chose, until an optional end. A person's muted words are the keywords of
their "Muted words" filter (hide, everywhere), made on the first muted word.

Each keyword carries a copy of its filter's action, contexts and end, so that the feeds read the
hiding keywords with the reader's other relations in one query (accounts.access.relations); the
actions here keep the copies in step."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Account, Filter, FilterStatus, MutedWord
from tribune.lib.errors import ActionError, NotFound

MUTED_WORDS_TITLE = "Muted words"
MAX_FILTERS = 100
MAX_KEYWORDS = 100


def access_filter(account: Account, filter_id: int) -> Filter:
    found = Filter.objects.filter(account=account, pk=filter_id).first()
    if found is None:
        raise NotFound("Record not found")
    return found


def access_keyword(account: Account, keyword_id: int) -> MutedWord:
    found = MutedWord.objects.filter(account=account, pk=keyword_id, filter__isnull=False).first()
    if found is None:
        raise NotFound("Record not found")
    return found


def check_filter_input(
    title: str | None, context: Sequence[str] | None, action: str | None, expires_in: int | None
) -> datetime | None:
    if title is not None and not 1 <= len(title.strip()) <= 200:
        raise ActionError(_("A filter's title has 1 to 200 characters."), field="title")
    if context is not None and (not context or any(c not in Filter.CONTEXTS for c in context)):
        raise ActionError(_("Choose where the filter applies."), field="context")
    if action is not None and action not in Filter.Action.values:
        raise ActionError(_("Unknown filter action."), field="filter_action")
    if expires_in is not None and expires_in <= 0:
        raise ActionError(_("A filter's duration is a number of seconds."), field="expires_in")
    return timezone.now() + timedelta(seconds=expires_in) if expires_in else None


def check_keyword(phrase: str) -> str:
    phrase = (phrase or "").strip().lower()
    if not 1 <= len(phrase) <= 100:
        raise ActionError(_("A keyword has 1 to 100 characters."), field="keyword")
    return phrase


def _copy_to_keywords(found: Filter) -> None:
    for keyword in MutedWord.objects.filter(filter=found):
        _copy(found, keyword)
        keyword.save(update_fields=["hide_copy", "contexts_copy", "expires_at_copy"])  # one by one: stamps


def _copy(found: Filter, keyword: MutedWord) -> None:
    keyword.hide_copy = found.action == Filter.Action.HIDE
    keyword.contexts_copy = ",".join(found.context)
    keyword.expires_at_copy = found.expires_at


@transaction.atomic
def do_create_filter(
    account: Account, title: str, context: Sequence[str], *, action: str = "warn", expires_in: int | None = None,
    keywords: Sequence[tuple[str, bool]] = (),
) -> Filter:  # fmt: skip
    expires_at = check_filter_input(title, context, action, expires_in)
    if Filter.objects.filter(account=account).count() >= MAX_FILTERS:
        raise ActionError(_("At most 100 filters."), field="title")
    found = Filter.objects.create(
        account=account, title=title.strip(), context=list(dict.fromkeys(context)), action=action,
        expires_at=expires_at,
    )  # fmt: skip
    for phrase, whole_word in keywords:
        do_add_keyword(account, found, phrase, whole_word=whole_word)
    return found


@transaction.atomic
def do_update_filter(
    account: Account, found: Filter, *, title: str | None = None, context: Sequence[str] | None = None,
    action: str | None = None, expires_in: int | None | str = "keep",
) -> Filter:  # fmt: skip
    """`expires_in`: seconds, None (never), or "keep"."""
    seconds = expires_in if isinstance(expires_in, int) else None
    expires_at = check_filter_input(title, context, action, seconds)
    if title is not None:
        found.title = title.strip()
    if context is not None:
        found.context = list(dict.fromkeys(context))
    if action is not None:
        found.action = action
    if expires_in != "keep":
        found.expires_at = expires_at
    found.save()
    _copy_to_keywords(found)
    return found


@transaction.atomic
def do_delete_filter(account: Account, found: Filter) -> None:
    for keyword in MutedWord.objects.filter(filter=found):
        keyword.delete()
    Filter.objects.filter(pk=found.pk, account=account).delete()


def do_add_keyword(account: Account, found: Filter, phrase: str, *, whole_word: bool = True) -> MutedWord:
    phrase = check_keyword(phrase)
    if MutedWord.objects.filter(filter=found).count() >= MAX_KEYWORDS:
        raise ActionError(_("A filter has at most 100 keywords."), field="keyword")
    existing = MutedWord.objects.filter(filter=found, phrase=phrase).first()
    if existing is not None:
        return existing
    keyword = MutedWord(account=account, filter=found, phrase=phrase, whole_word=whole_word)
    _copy(found, keyword)
    try:
        with transaction.atomic():
            keyword.save(force_insert=True)
    except IntegrityError:
        return MutedWord.objects.get(filter=found, phrase=phrase)
    return keyword


def do_update_keyword(
    account: Account, keyword: MutedWord, *, phrase: str | None, whole_word: bool | None
) -> MutedWord:
    if phrase is not None:
        keyword.phrase = check_keyword(phrase)
    if whole_word is not None:
        keyword.whole_word = whole_word
    try:
        with transaction.atomic():
            keyword.save(update_fields=["phrase", "whole_word"])
    except IntegrityError:
        raise ActionError(_("This filter has that keyword already."), field="keyword") from None
    return keyword


def do_remove_keyword(account: Account, keyword: MutedWord) -> None:
    MutedWord.objects.filter(pk=keyword.pk, account=account).delete()


def do_add_filter_status(account: Account, found: Filter, post: Any) -> FilterStatus:
    """The caller read the post through posts.access.access_post."""
    row, _created = FilterStatus.objects.get_or_create(filter=found, post=post)
    return row


def access_filter_status(account: Account, row_id: int) -> FilterStatus:
    found = FilterStatus.objects.filter(filter__account=account, pk=row_id).first()
    if found is None:
        raise NotFound("Record not found")
    return found


def do_remove_filter_status(account: Account, row: FilterStatus) -> None:
    FilterStatus.objects.filter(pk=row.pk, filter__account=account).delete()


def muted_words_filter(account: Account) -> Filter:
    found = Filter.objects.filter(account=account, title=MUTED_WORDS_TITLE, action=Filter.Action.HIDE).first()
    if found is None:
        found = Filter.objects.create(
            account=account, title=MUTED_WORDS_TITLE, action=Filter.Action.HIDE, context=list(Filter.CONTEXTS)
        )
    return found


@transaction.atomic
def do_add_muted_word(account: Account, phrase: str) -> MutedWord:
    """A muted word hides posts everywhere: a keyword of the person's "Muted words" filter."""
    if not (phrase or "").strip() or len(phrase.strip()) > 100:
        raise ActionError(_("A muted word has 1 to 100 characters."), field="phrase")
    return do_add_keyword(account, muted_words_filter(account), phrase)


def do_remove_muted_word(account: Account, word_id: int) -> None:
    MutedWord.objects.filter(account=account, pk=word_id).delete()


def active_hiding_keywords_q(now: datetime | None = None) -> Any:
    from django.db.models import Q

    return Q(hide_copy=True) & (Q(expires_at_copy__isnull=True) | Q(expires_at_copy__gt=now or timezone.now()))


class ActiveFilters:
    """A reader's filters in force, read in two queries, to say which of them a post matches
    (Status.filtered)."""

    def __init__(self, account: Account) -> None:
        import re

        now = timezone.now()
        live = Filter.objects.filter(account=account).exclude(expires_at__lte=now)
        self.filters: dict[int, Filter] = {}
        self.patterns: dict[int, list[tuple[str, Any]]] = {}
        for keyword in MutedWord.objects.filter(filter__in=live).select_related("filter"):
            assert keyword.filter is not None  # noqa: S101  # filter__in
            self.filters[keyword.filter.pk] = keyword.filter
            pattern = re.compile(rf"(?<!\w){re.escape(keyword.phrase)}(?!\w)") if keyword.whole_word else None
            self.patterns.setdefault(keyword.filter.pk, []).append((keyword.phrase, pattern))
        self.posts: dict[int, set[int]] = {}
        for row in FilterStatus.objects.filter(filter__in=live).select_related("filter"):
            self.filters[row.filter.pk] = row.filter
            self.posts.setdefault(row.filter.pk, set()).add(row.post_id)

    def matches(self, post_id: int, text: str) -> list[tuple[Filter, list[str], list[str]]]:
        """(filter, keywords matched, post ids matched) for each filter the post matches."""
        text = text.lower()
        out = []
        for filter_id, found in self.filters.items():
            words = [
                p for p, pattern in self.patterns.get(filter_id, []) if (pattern.search(text) if pattern else p in text)
            ]
            statuses = [str(post_id)] if post_id in self.posts.get(filter_id, set()) else []
            if words or statuses:
                out.append((found, words, statuses))
        return out
