"""What both languages' grammars share: the draft a class frame returns, small
helpers for drawing from lexicons, and the surface variation (casing,
punctuation, emoji, mentions, hashtags, a sentence of context) that is applied
the same way to every class, violent or not, so that none of it tells the label."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from random import Random
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Draft:
    """One generated sentence before surface variation.

    `hate` is the hate label (None: the text does not say whom it is about);
    `keys` are the words the meaning hangs on (the verb, mostly), which the
    spelling noise aims at more often than at other words."""

    text: str
    hate: int | None = 0
    keys: tuple[str, ...] = ()


Frame = Callable[[Random], Draft]


def pick(rng: Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def chance(rng: Random, p: float) -> bool:
    return rng.random() < p


def cap(text: str) -> str:
    """Upper-case the first letter (leaving '@name' and '#tag' alone)."""
    for i, c in enumerate(text):
        if c.isalpha():
            if i and text[i - 1] in "@#":
                return text
            return text[:i] + c.upper() + text[i + 1 :]
    return text


def squeeze(text: str) -> str:
    """One space between words, none before a comma or a full stop, none inside quotes' edges."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.])", r"\1", text)
    return text


# Mood emoji only: weapons and blood would carry the label by themselves.
EMOJI = ("😡", "🤬", "😂", "🙄", "💀", "🔥", "👀", "😤", "🙏", "❤️", "😭", "🤡", "😒", "👍", "💯", "😬", "🤷", "😅")
HANDLES = (
    "karim_92",
    "dan_k",
    "marie.l",
    "jdupont",
    "lucas75",
    "sarah_b",
    "tom.h",
    "nina_rose",
    "the_real_max",
    "yanis.b",
    "chloe_m",
    "bigmike",
)


@dataclass(frozen=True)
class Surface:
    """One language's pools for the class-blind variation."""

    contexts_before: Sequence[str]
    contexts_after: Sequence[str]
    hashtags: Sequence[str]
    question_marks: Sequence[str]
    end_marks: Sequence[str]


def dress(text: str, rng: Random, surface: Surface) -> str:
    """Punctuation, context, casing, mentions, hashtags and emoji, drawn independently of the class."""
    text = text.strip()
    question = text.endswith("?")
    body = text.rstrip("?!. ")
    if body.endswith(("»", '"', "'")) or not body:
        body = text
    elif question:
        body += pick(rng, surface.question_marks)
    else:
        body += pick(rng, surface.end_marks)
    roll = rng.random()
    if roll < 0.12:
        body = cap(pick(rng, surface.contexts_before)) + " " + cap(body)
    elif roll < 0.22:
        tail = pick(rng, surface.contexts_after)
        if not body.rstrip().endswith(("?", "!", ".", "…", "»", '"')):
            body += pick(rng, (".", "!", ",", " -", "…"))
        body = body + " " + (tail if body.endswith(",") else cap(tail))
    casing = rng.random()
    if casing < 0.18:
        body = body.lower()
    elif casing < 0.22:
        body = body.upper()
    else:
        body = cap(body)
    if chance(rng, 0.1):
        body = f"@{pick(rng, HANDLES)} {body}"
    if chance(rng, 0.08):
        body = f"{body} {pick(rng, surface.hashtags)}"
    if chance(rng, 0.15):
        body = body + " " + "".join(pick(rng, EMOJI) for _ in range(rng.randint(1, 2)))
    return squeeze(body)
