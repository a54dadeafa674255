"""Undo the usual obfuscations before matching: accents, leetspeak, s p a c i n g,
r e p e a t e d letters, punctuation inside words. Rules and texts go through
the same function, so a rule is written in plain spelling."""

import re
import unicodedata

LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "€": "e",
        "!": "i",
        "|": "i",
    }
)
EDGE_PUNCTUATION = ".,;:!?\"'()[]«»“”‘’…"
MENTION = re.compile(r"(?<![\w@])@[\w.]+(?:@[\w.-]+)?")
# Zero-width and other invisible characters used to split words.
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
# Letters separated by single spaces/dots/dashes: "k i l l", "k.i.l.l", "t-u-e-r".
SPACED = re.compile(r"\b(?:[a-z][\s.\-_*]){2,}[a-z]\b")
NON_WORD = re.compile(r"[^a-z0-9]+")
REPEATS = re.compile(r"([a-z])\1+")
URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents (œ -> oe, ß -> ss)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _deleet_word(word: str) -> str:
    # Only words that mix letters and look-alike symbols are de-leeted, so "2024" stays a
    # number and "kill!" does not become "killi".
    core = word.strip(EDGE_PUNCTUATION)
    if core and any(c.isalpha() for c in core) and any(not c.isalpha() for c in core):
        return word.replace(core, core.translate(LEET))
    return word


def normalize(text: str) -> str:
    """Words of a-z0-9 separated by single spaces, obfuscations undone, runs of a letter collapsed."""
    text = URL.sub(" ", text)
    text = MENTION.sub(" usr ", text)
    text = INVISIBLE.sub("", fold(text))
    text = " ".join(_deleet_word(w) for w in text.split())
    text = SPACED.sub(lambda m: re.sub(r"[\s.\-_*]", "", m.group(0)), text)
    text = NON_WORD.sub(" ", text)
    text = REPEATS.sub(r"\1", text)
    return text.strip()
