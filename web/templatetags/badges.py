"""`{% badges account %}`: an account's badges (accounts/badges.py) beside its name, each an icon with
its name as the accessible label and tooltip. Nothing for a remote account."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from accounts.badges import ICONS, LABELS, badges_of
from accounts.models import Account
from web.templatetags.icons import icon

register = template.Library()


@register.simple_tag(name="badges")
def badges_tag(account: Account) -> SafeString:
    return format_html_join(
        "",
        '<span class="badge badge-{}" role="img" aria-label="{}" title="{}">{}</span>',
        ((badge, LABELS[badge], LABELS[badge], icon(ICONS[badge], 16)) for badge in badges_of(account)),
    )
