"""Turning what people type into safe HTML: links, #hashtags, @mentions.

Everything is escaped first and only the markup made here is added, then the
result goes through nh3 all the same, so no path lets hostile HTML through.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3

HASHTAG_RE = re.compile(r"(?<![\w/#&])#(\w{1,100})", re.UNICODE)
MENTION_RE = re.compile(r"(?<![\w/@])@([a-zA-Z0-9_]{1,30})(?:@([a-zA-Z0-9][a-zA-Z0-9.\-]*[a-zA-Z0-9](?::\d+)?))?")
URL_RE = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "span",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "del",
    "pre",
    "code",
    "blockquote",
    "ul",
    "ol",
    "li",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "class", "title"}, "span": {"class"}}


def sanitize_html(value: str) -> str:
    """Clean HTML from anywhere (remote servers included) to the small allowed set."""
    return nh3.clean(
        value.replace("\x00", ""),  # PostgreSQL cannot store NUL; remote servers may send it
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for search and scoring."""
    value = re.sub(r"<br\s*/?>|</p>", "\n", value)
    return html.unescape(nh3.clean(value, tags=set())).strip()


def extract_hashtags(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in HASHTAG_RE.finditer(text):
        tag = match.group(1)
        if not tag.isdigit():
            seen.setdefault(tag.lower(), None)
    return list(seen)


def extract_mentions(text: str) -> list[tuple[str, str | None]]:
    """(username, domain or None) for each distinct @mention, in order."""
    seen: dict[tuple[str, str | None], None] = {}
    for match in MENTION_RE.finditer(text):
        domain = match.group(2).lower() if match.group(2) else None
        seen.setdefault((match.group(1).lower(), domain), None)
    return list(seen)


@dataclass
class Rendered:
    html: str
    hashtags: list[str] = field(default_factory=list)
    mentions: list[tuple[str, str | None]] = field(default_factory=list)


def render_post_text(
    text: str,
    *,
    tag_url: Callable[[str], str],
    mention_url: Callable[[str, str | None], str | None],
) -> Rendered:
    """Plain text to HTML paragraphs with links. `mention_url` returns None for unknown accounts."""
    out: list[str] = []
    tokens = re.compile(f"({URL_RE.pattern})|({HASHTAG_RE.pattern})|({MENTION_RE.pattern})", re.IGNORECASE)
    for paragraph in re.split(r"\n{2,}", text.strip().replace("\r\n", "\n")):
        pieces: list[str] = []
        pos = 0
        for m in tokens.finditer(paragraph):
            pieces.append(html.escape(paragraph[pos : m.start()]))
            token = m.group(0)
            if token.lower().startswith(("http://", "https://")):
                shown = token if len(token) <= 50 else token[:47] + "…"
                pieces.append(
                    f'<a href="{html.escape(token)}" rel="nofollow noopener noreferrer">{html.escape(shown)}</a>'
                )
            elif token.startswith("#") and not token[1:].isdigit():
                tag = token[1:]
                pieces.append(f'<a href="{html.escape(tag_url(tag.lower()))}" class="hashtag">#{html.escape(tag)}</a>')
            elif token.startswith("@"):
                username, _, domain = token[1:].partition("@")
                url = mention_url(username.lower(), domain.lower() or None)
                if url:
                    pieces.append(
                        f'<span class="h-card"><a href="{html.escape(url)}" class="mention">@{html.escape(username)}</a></span>'
                    )
                else:
                    pieces.append(html.escape(token))
            else:
                pieces.append(html.escape(token))
            pos = m.end()
        pieces.append(html.escape(paragraph[pos:]))
        out.append("<p>" + "".join(pieces).replace("\n", "<br>") + "</p>")
    return Rendered(sanitize_html("".join(out)), extract_hashtags(text), extract_mentions(text))
