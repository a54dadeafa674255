"""Informal registers: how people actually type ("jvais", "t'es", "faut", "ptn", dropped
"ne", missing accents; "gonna", "u", "im"). Applied to every class alike."""

import re
from collections.abc import Callable
from random import Random

from moderation.learning.augment.fr_grammar import strip_accents

Rewrite = tuple[re.Pattern[str], tuple[str, ...]]


def _rules(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Rewrite, ...]:
    return tuple((re.compile(pattern, re.IGNORECASE), choices) for pattern, choices in pairs)


FRENCH = _rules(
    (
        (r"\bje vais\b", ("jvais", "j'vais", "je vé", "jvé", "je vais")),
        (r"\bje suis\b", ("jsuis", "chuis", "j'suis")),
        (r"\bil faut\b", ("faut",)),
        (r"\bil faudrait\b", ("faudrait",)),
        (r"\bil y a\b", ("y a",)),
        (r"\btu es\b", ("t'es",)),
        (r"\bquelqu'un\b", ("qqn", "quelqu'un", "kelkun")),
        (r"\bpourquoi\b", ("pk", "pq", "pourquoi")),
        (r"\bputain\b", ("ptn", "putain", "putin")),
        (r"\bje sais\b", ("jsais", "chais")),
        (r"\bvraiment\b", ("vrmt", "vraiment")),
        (r"\bmaintenant\b", ("mtn", "maintenant")),
        (r"\bc'est\b", ("c", "c'est", "cest")),
        (r"\bsérieux\b", ("serieux", "sérieux", "srx")),
        (r"\bquoi\b", ("koi", "quoi")),
        (r"\bje te\b", ("jte", "j'te", "je te")),
        (r"\bje les\b", ("jles", "je les")),
        (r"\bon va\b", ("on va", "on vas")),
    )
)
# Spoken French drops the "ne" of a negation: "je (ne) vais pas".
DROP_NE = re.compile(r"\b(?:ne |n')(?=\S+ (?:pas|jamais|plus|rien)\b)", re.IGNORECASE)

ENGLISH = _rules(
    (
        (r"\bgoing to\b", ("gonna", "going to")),
        (r"\bwant to\b", ("wanna",)),
        (r"\byou\b", ("u", "you", "ya")),
        (r"\byour\b", ("ur", "your")),
        (r"\bI'm\b", ("im", "Im", "i'm")),
        (r"\bdon't\b", ("dont",)),
        (r"\bbecause\b", ("cuz", "bc")),
        (r"\bthem\b", ("em", "'em", "them")),
        (r"\bsomeone\b", ("some1", "someone", "sum1")),
        (r"\bpeople\b", ("ppl", "people")),
        (r"\bright now\b", ("rn",)),
        (r"\bI don't know\b", ("idk",)),
        (r"\bto be honest\b", ("tbh",)),
        (r"\bhonestly\b", ("tbh", "honestly", "ngl")),
        (r"\bin my opinion\b", ("imo", "imho")),
        (r"\bare\b", ("r", "are")),
    )
)


def _chooser(choices: tuple[str, ...], rng: Random) -> Callable[[re.Match[str]], str]:
    return lambda _match: rng.choice(choices)


def _apply(text: str, rules: tuple[Rewrite, ...], rng: Random, share: float) -> str:
    for pattern, choices in rules:
        if rng.random() < share:
            text = pattern.sub(_chooser(choices, rng), text)
    return text


def informal(text: str, lang: str, rng: Random) -> str:
    """`text` in a casual register: about a third of texts, each rewrite drawn on its own."""
    if lang == "fr":
        if rng.random() < 0.35:
            text = _apply(text, FRENCH, rng, 0.6)
            if rng.random() < 0.6:
                text = DROP_NE.sub("", text)
        if rng.random() < 0.2:
            text = strip_accents(text)
    elif lang == "en" and rng.random() < 0.3:
        text = _apply(text, ENGLISH, rng, 0.5)
    return text
