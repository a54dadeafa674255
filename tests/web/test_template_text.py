"""Every template of every app says its words through the translation tags: visible text
(and the text of alt, title, placeholder, aria-label attributes) outside `{% translate %}` /
`{% blocktranslate %}` fails here, so no page ships half in English inside the French interface."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "node_modules", ".git", "var", "docs"}

TEMPLATES = sorted(p for p in ROOT.glob("*/templates/**/*.html") if not (set(p.relative_to(ROOT).parts) & SKIP_DIRS))

BLOCK_TRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
UNREAD = re.compile(r"<(script|style|code|kbd|svg)\b.*?</\1>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
ATTRIBUTE = re.compile(r"""\b(alt|title|placeholder|aria-label|value)\s*=\s*(["'])(.*?)\2""", re.S | re.I)
HTML_TAG = re.compile(r"<[^>]*>", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")
# Words that are the same in every language: the doctype, units, formats.
ALLOWED = {"doctype", "html", "CSV", "JSON", "SVG", "example", "com"}


def visible_words(source: str) -> list[str]:
    text = BLOCK_TRANSLATE.sub(" ", source)
    text = TAG.sub(" ", text)
    text = COMMENT.sub(" ", text)
    text = UNREAD.sub(" ", text)
    words = []
    for match in ATTRIBUTE.finditer(text):
        name, value = match.group(1).lower(), match.group(3)
        if name == "value":
            continue  # form values are codes the server reads, not words people read
        words += WORD.findall(value)
    text = HTML_TAG.sub(" ", text)
    words += WORD.findall(text.replace("&amp;", " ").replace("&nbsp;", " "))
    return [w for w in words if w not in ALLOWED]


def test_the_check_finds_untranslated_text() -> None:
    assert visible_words("<p>Hello {{ name }}</p>") == ["Hello"]
    assert visible_words('<img alt="A cat" src="{{ x }}">') == ["cat"]
    assert visible_words("<p>{% translate 'Hello' %} {% blocktranslate %}Hi {{ n }}{% endblocktranslate %}</p>") == []
    assert visible_words("<script>const words = 'left alone';</script><code>a|b</code>") == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_is_translated(path: Path) -> None:
    assert len(TEMPLATES) > 40
    words = visible_words(path.read_text())
    assert not words, f"{path.relative_to(ROOT)} shows text outside translation tags: {words[:12]}"
