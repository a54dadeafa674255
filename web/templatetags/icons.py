"""`{% icon "name" %}`: an icon from the sprite (web/static/web/icons.svg, Lucide, ISC licence).

Icons are decoration: always `aria-hidden`; the control that carries one also carries its words
(visible, or `aria-label` / visually hidden text), so screen readers and translations never depend on them."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

NAMES = frozenset(
    """home users compass search bell bookmark user settings shield log-out log-in user-plus reply upvote echo
    quote pencil trash flag globe lock lock-open at-sign sun moon compose x corner-up-left more keyboard arrow-up
    badge-check building drama list hash""".split()
)


@register.simple_tag
def icon(name: str, size: int = 20) -> str:
    if name not in NAMES:
        raise template.TemplateSyntaxError(f"No icon named {name!r} in the sprite")
    return format_html(
        '<svg class="icon" width="{}" height="{}" aria-hidden="true" focusable="false"><use href="{}#i-{}"></use></svg>',
        size,
        size,
        static("web/icons.svg"),
        name,
    )
