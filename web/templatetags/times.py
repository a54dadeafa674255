"""`{{ when|ago }}`: a short relative time ("now", "3 min", "5 h", "2 d", then the date), rendered on
the server in the reader's language; templates put the full date in the element's title."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def ago(value: datetime | None) -> str:
    if not isinstance(value, datetime):
        return ""
    now = timezone.now()
    seconds = (now - value).total_seconds()
    if seconds < 60:
        return _("now")
    minutes = int(seconds // 60)
    if minutes < 60:
        return ngettext("%(n)d min", "%(n)d min", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(n)d h", "%(n)d h", hours) % {"n": hours}
    days = hours // 24
    if days < 7:
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    local = timezone.localtime(value)
    if local.year == timezone.localtime(now).year:
        return date_format(local, "MONTH_DAY_FORMAT")
    return date_format(local, "DATE_FORMAT")
