"""Turning post text and queries into search terms, the same way on both engines.

Accents and case are folded in Python so that SQLite (FTS5) and PostgreSQL
(which would need the `unaccent` extension, not always installable) agree.
SQLite's FTS5 only stems English (its `porter` tokenizer), so French words are
also indexed under a light French stem computed here; PostgreSQL uses its own
`french` and `english` Snowball configurations on the folded text.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TAGS = re.compile(r"<[^>]+>")

# Longest first: the first suffix that leaves a stem of three letters or more wins.
_FRENCH_SUFFIXES = (
    "issements",
    "issement",
    "atrices",
    "ateurs",
    "ations",
    "atrice",
    "ateur",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "euses",
    "euse",
    "ites",
    "ite",
    "iques",
    "ique",
    "ismes",
    "isme",
    "istes",
    "iste",
    "aient",
    "eaux",
    "eau",
    "ees",
    "ee",
    "es",
    "er",
    "ez",
    "ait",
    "ant",
    "aux",
    "al",
    "e",
    "s",
    "x",
)


def fold(text: str) -> str:
    """Lower case without accents: 'École Française' -> 'ecole francaise'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


def words(text: str) -> list[str]:
    """The folded words of a text (HTML tags dropped)."""
    return _WORD.findall(fold(_TAGS.sub(" ", text)))


def french_stem(word: str) -> str:
    """A light French stemmer (plural and common derivational suffixes), for FTS5."""
    for suffix in _FRENCH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def is_french(language: str) -> bool:
    return (language or "").split("-")[0].lower() == "fr"
