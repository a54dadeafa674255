"""Spelling noise of the kinds people use to slip past filters (and make by accident):
swapped or dropped letters, glued words, s p a c e d letters, leetspeak."""

import re
from random import Random

NOISE_KINDS = ("swap", "drop", "glue", "spaced", "leet")

LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "l": "1", "b": "8", "g": "9"}
WORD = re.compile(r"[^\W\d_]{4,}")


def _words(text: str) -> list[re.Match[str]]:
    return list(WORD.finditer(text))


def _choose_word(text: str, rng: Random, word: str | None) -> re.Match[str] | None:
    found = _words(text)
    if word:
        aimed = [m for m in found if m.group(0).casefold() == word.casefold()]
        if aimed:
            return aimed[rng.randrange(len(aimed))]
    return found[rng.randrange(len(found))] if found else None


def _swap(w: str, rng: Random) -> str:
    spots = [i for i in range(len(w) - 1) if w[i].casefold() != w[i + 1].casefold()]
    if not spots:
        return w
    i = spots[rng.randrange(len(spots))]
    return w[:i] + w[i + 1] + w[i] + w[i + 2 :]


def _drop(w: str, rng: Random) -> str:
    # Keep the first letter: people read a word by its start.
    i = rng.randrange(1, len(w))
    return w[:i] + w[i + 1 :]


def _spaced(w: str, rng: Random) -> str:
    return rng.choice((" ", " ", " ", ".", "-", "*")).join(w)


def _leet(w: str, rng: Random) -> str:
    spots = [i for i, c in enumerate(w) if c.lower() in LEET]
    if not spots:
        return w
    chosen = rng.sample(spots, k=min(len(spots), rng.randint(1, 3)))
    letters = list(w)
    for i in chosen:
        letters[i] = rng.choice(LEET[letters[i].lower()])
    return "".join(letters)


def _glue(text: str, rng: Random, target: re.Match[str] | None) -> str:
    spaces = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", text)]
    if not spaces:
        return text
    if target is not None:
        near = [i for i in spaces if i in (target.start() - 1, target.end())]
        if near:
            spaces = near
    i = spaces[rng.randrange(len(spaces))]
    return text[:i] + text[i + 1 :]


def obfuscate(text: str, kind: str, rng: Random, *, word: str | None = None) -> str:
    """`text` with one word (`word` when it occurs, else one of four letters or more) misspelt
    the way `kind` says. Returns the text unchanged only when it has no word to work on."""
    if kind not in NOISE_KINDS:
        raise ValueError(f"unknown noise kind {kind!r}; expected one of {', '.join(NOISE_KINDS)}")
    target = _choose_word(text, rng, word)
    if kind == "glue":
        return _glue(text, rng, target)
    if target is None:
        return text
    change = {"swap": _swap, "drop": _drop, "spaced": _spaced, "leet": _leet}[kind]
    return text[: target.start()] + change(target.group(0), rng) + text[target.end() :]
