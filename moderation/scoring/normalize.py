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
# Letters separated by single spaces/dots/dashes: "k i l l", "k.i.l.l", "t-u-e-r". Matched before
# whitespace is collapsed, so that two spaces still separate words ("k i l l  t h e m").
SPACED = re.compile(r"(?<![a-z])(?:[a-z][ .\-_*]){1,}[a-z](?![a-z])")
SPACED_ANY_CASE = re.compile(r"(?<!\w)(?:\w[ .\-_*]){1,}\w(?!\w)")
LONG_RUNS = re.compile(r"(\w)\1{2,}")
TOKEN = re.compile(r"\S+")
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
    text = TOKEN.sub(lambda m: _deleet_word(m.group(0)), text)
    text = SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    text = NON_WORD.sub(" ", text)
    text = REPEATS.sub(r"\1", text)
    return text.strip()


def deobfuscate(text: str) -> str:
    """The text as a multilingual encoder should read it: obfuscations undone (leetspeak inside
    words, s p a c e d letters, zero-width characters, long runs of one letter), links dropped,
    mentions made neutral, but case, accents and punctuation kept."""
    text = URL.sub(" ", text)
    text = MENTION.sub(" \x00 ", text)
    text = INVISIBLE.sub("", text)
    text = TOKEN.sub(lambda m: _deleet_word(m.group(0)), text)
    text = SPACED_ANY_CASE.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    text = " ".join(text.split())
    return LONG_RUNS.sub(r"\1\1", text).replace("\x00", "@user").strip()
