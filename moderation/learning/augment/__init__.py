"""Labelled training examples in English and French, generated from lexicons and
templates that compose (subjects and modal forms, verbs and euphemisms, targets of every
kind, frames), to train the moderation models alongside a labelled CSV.

Every violent class has look-alike classes built from the same words, so what separates
them is meaning, not vocabulary: "je vais te buter" / "je vais buter ce boss" / "je ne vais
pas te buter" / « je vais te buter » : signalé. Surface variation (casing, punctuation,
emoji, mentions, hashtags, a sentence of context, informal spelling, spelling noise) is
drawn the same way for every class. Deterministic: the same seed gives the same examples.

    from moderation.learning.augment import generate
    examples = generate(n_per_class=60, seed=0)   # list[Example], source "augment/<class>"
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from random import Random
from typing import Literal

from moderation.learning.augment import en_frames, en_lookalikes, en_verbs, fr_frames, fr_lookalikes
from moderation.learning.augment import en_lexicon as en_lex
from moderation.learning.augment import fr_lexicon as fr_lex
from moderation.learning.augment.common import Draft, dress, pick
from moderation.learning.augment.fr_grammar import tidy
from moderation.learning.augment.noise import NOISE_KINDS, WORD, obfuscate
from moderation.learning.augment.register import informal
from moderation.learning.augment.surface import SURFACES
from moderation.learning.data import Example

__all__ = ["CLASSES", "LANGUAGES", "NOISE_KINDS", "NOISE_SHARE", "AugmentClass", "generate", "lexicon_sizes", "obfuscate"]  # fmt: skip

LANGUAGES = ("en", "fr")
NOISE_SHARE = 0.15


@dataclass(frozen=True)
class AugmentClass:
    """A class of generated examples.

    hate: "target": 1 when the target is a protected group (or one of its members), 0 for
    other people and groups, empty (unknown) for a bare "them"/"les"; "never": 0; "always": 1."""

    name: str
    violence: Literal[0, 1]
    hate: Literal["target", "never", "always"]
    description: str


def _c(
    name: str, violence: Literal[0, 1], hate: Literal["target", "never", "always"], description: str
) -> AugmentClass:
    return AugmentClass(name, violence, hate, description)


CLASSES: dict[str, AugmentClass] = {
    c.name: c
    for c in (
        _c(
            "threat_pronoun",
            1,
            "target",
            "first-person intention to harm, aimed at a pronoun (you, him, them; te, le, les)",
        ),
        _c(
            "threat_phrase",
            1,
            "target",
            "first-person intention to harm a noun phrase: that guy, the first one I see, my neighbour, un de ces types",
        ),
        _c(
            "threat_group",
            1,
            "target",
            "first-person intention to harm a group, protected (hate 1) or not (cops, journalists: hate 0)",
        ),
        _c(
            "norm",
            1,
            "target",
            "violence stated as what ought to happen: X ought to be strung up, il faudrait les fusiller",
        ),
        _c("wish", 1, "target", "violence wished: I hope somebody torches their house, qu'ils crèvent tous"),
        _c("verdict", 1, "target", "violence as deserved: they have earned a bullet, ils méritent une balle"),
        _c(
            "elimination",
            1,
            "target",
            "euphemisms of elimination: good riddance if they vanished for good, qu'on les élimine tous",
        ),
        _c(
            "question",
            1,
            "target",
            "questions that call for violence: why don't we just shoot the lot?, on attend quoi pour les buter ?",
        ),
        _c(
            "call_others",
            1,
            "target",
            "opinions and calls on others: somebody should deal with them for good, à mon avis on devrait les...",
        ),
        _c("imperative", 1, "target", "commands: kill them all, à mort les..., brûlez-les"),
        _c("negated", 0, "never", "the same threats and calls, negated: I would never hurt..., je ne vais pas te tuer"),
        _c("counter_speech", 0, "never", "a threat quoted and condemned, or a call to violence denounced"),
        _c(
            "report",
            0,
            "never",
            "a threat or an attack reported: he told me he'd kill me, mon cousin s'est fait poignarder",
        ),
        _c("protective", 0, "never", "protecting people from violence: we must stop attacks on them"),
        _c(
            "idiom",
            0,
            "never",
            "violent words in idioms, sport and games: kill it at the gym, on va les exploser samedi, je vais buter ce boss",
        ),  # fmt: skip
        _c(
            "harmless_intent",
            0,
            "never",
            "first-person intentions with the threats' grammar and a kind or ordinary act: je vais te faire un gâteau",
        ),  # fmt: skip
        _c("profanity", 0, "never", "swearing and insults without violence"),
        _c("hate_nonviolent", 0, "always", "hateful statements about protected groups that call for no violence"),
        _c("neutral_group", 0, "never", "neutral statements about the same groups"),
        _c("news", 0, "never", "news reports of violence"),
        _c(
            "non_human",
            0,
            "never",
            "violent verbs aimed at animals, pests, objects, abstractions: kill the weeds, exploser ce vieux PC",
        ),
    )
}

Generator = Callable[[Random], Draft]
FRAMES: dict[str, dict[str, Generator]] = {
    "en": {
        "threat_pronoun": en_frames.threat_pronoun,
        "threat_phrase": en_frames.threat_phrase,
        "threat_group": en_frames.threat_group,
        "norm": en_frames.norm,
        "wish": en_frames.wish,
        "verdict": en_frames.verdict,
        "elimination": en_frames.elimination,
        "question": en_frames.question,
        "call_others": en_frames.call_others,
        "imperative": en_frames.imperative,
        "negated": en_lookalikes.negated,
        "counter_speech": en_lookalikes.counter_speech,
        "report": en_lookalikes.report,
        "protective": en_lookalikes.protective,
        "idiom": en_lookalikes.idiom,
        "harmless_intent": en_frames.harmless_intent,
        "profanity": en_lookalikes.profanity,
        "hate_nonviolent": en_lookalikes.hate_nonviolent,
        "neutral_group": en_lookalikes.neutral_group,
        "news": en_lookalikes.news,
        "non_human": en_lookalikes.non_human,
    },
    "fr": {
        "threat_pronoun": fr_frames.threat_pronoun,
        "threat_phrase": fr_frames.threat_phrase,
        "threat_group": fr_frames.threat_group,
        "norm": fr_frames.norm,
        "wish": fr_frames.wish,
        "verdict": fr_frames.verdict,
        "elimination": fr_frames.elimination,
        "question": fr_frames.question,
        "call_others": fr_frames.call_others,
        "imperative": fr_frames.imperative,
        "negated": fr_lookalikes.negated,
        "counter_speech": fr_lookalikes.counter_speech,
        "report": fr_lookalikes.report,
        "protective": fr_lookalikes.protective,
        "idiom": fr_lookalikes.idiom,
        "harmless_intent": fr_lookalikes.harmless_intent,
        "profanity": fr_lookalikes.profanity,
        "hate_nonviolent": fr_lookalikes.hate_nonviolent,
        "neutral_group": fr_lookalikes.neutral_group,
        "news": fr_lookalikes.news,
        "non_human": fr_lookalikes.non_human,
    },
}
# Draws allowed per example before a class is declared too small for the size asked.
MAX_TRIES_PER_EXAMPLE = 60


def _key(text: str) -> str:
    """Texts that differ only in case, punctuation or emoji count as duplicates."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _aim(text: str, keys: Iterable[str]) -> str | None:
    """The word of `text` that best matches one of the draft's key words (a form of its verb)."""
    words = WORD.findall(text)
    for key in keys:
        stem = key.casefold()[: max(3, len(key) - 2)]
        for word in words:
            if word.casefold().startswith(stem):
                return str(word)
    return None


def _finish(draft: Draft, lang: str, rng: Random) -> str:
    text = tidy(draft.text) if lang == "fr" else " ".join(draft.text.split())
    text = informal(text, lang, rng)
    text = dress(text, rng, SURFACES[lang])
    if rng.random() < NOISE_SHARE:
        text = obfuscate(text, pick(rng, NOISE_KINDS), rng, word=_aim(text, draft.keys))
    return text


def _hate(cls: AugmentClass, draft: Draft) -> int | None:
    if cls.hate == "never":
        return 0
    if cls.hate == "always":
        return 1
    return draft.hate


def generate(n_per_class: int = 60, seed: int = 0, languages: Iterable[str] = LANGUAGES) -> list[Example]:
    """`n_per_class` distinct examples of every class in every language, in a fixed order.

    Each class in each language draws from its own seeded stream, so the same seed gives the
    same examples. Raises ValueError for an unknown language or a negative size, and when a
    class cannot give that many distinct texts."""
    langs = tuple(languages)
    unknown = [lang for lang in langs if lang not in FRAMES]
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; expected one of {', '.join(LANGUAGES)}")
    if n_per_class < 0:
        raise ValueError("n_per_class must be 0 or more")
    out: list[Example] = []
    seen: set[str] = set()
    for lang in dict.fromkeys(langs):
        for name, cls in CLASSES.items():
            frame = FRAMES[lang][name]
            rng = Random(f"tribune-augment:{seed}:{lang}:{name}")  # noqa: S311  # training data, not security
            made = tries = 0
            while made < n_per_class:
                tries += 1
                if tries > MAX_TRIES_PER_EXAMPLE * n_per_class + 100:
                    raise ValueError(f"{lang}/{name}: only {made} distinct examples, {n_per_class} asked")
                draft = frame(rng)
                text = _finish(draft, lang, rng)
                key = _key(text)
                if not key or key in seen:
                    continue
                seen.add(key)
                out.append(
                    Example(
                        id=f"aug-{lang}-{name}-{made}",
                        text=text,
                        lang=lang,
                        labels={"violence": cls.violence, "hate": _hate(cls, draft)},
                        source=f"augment/{name}",
                    )
                )
                made += 1
    return out


def lexicon_sizes() -> dict[str, dict[str, int]]:
    """How many entries each lexicon holds, per language."""
    return {
        "en": {
            "first-person forms": len(en_frames.I_WILL),
            "violent verb phrases": len(en_verbs.VIOLENT),
            "harmless verb phrases": len(en_verbs.HARMLESS),
            "sport and game verbs": len(en_verbs.SPORT) + len(en_verbs.GAME),
            "objects of verbs on things": sum(len(objects) for _, objects in en_verbs.THING_VERBS),
            "pronoun targets": len(en_lex.PRONOUNS),
            "noun-phrase targets": len(en_lex.PHRASES) + len(en_lex.GROUP_PHRASE),
            "groups (protected)": sum(1 for g in en_lex.GROUPS if g[2]),
            "groups (not protected)": sum(1 for g in en_lex.GROUPS if not g[2]),
            "idioms": len(en_lookalikes.IDIOMS),
        },
        "fr": {
            "first-person forms": len(fr_frames.JE_VAIS),
            "violent verb phrases": len(fr_lex.VIOLENT) + len(fr_lex.ELIMINATE),
            "harmless verb phrases": len(fr_lex.HARMLESS),
            "sport and game verbs": len(fr_lex.SPORT) + len(fr_lex.GAME),
            "objects of verbs on things": sum(len(objects) for _, objects in fr_lex.THING_VERBS),
            "pronoun targets": len(fr_lex.PRONOUNS),
            "noun-phrase targets": len(fr_lex.PHRASES) + len(fr_lex.GROUP_PHRASE),
            "groups (protected)": sum(1 for g in fr_lex.GROUPS if g[3]),
            "groups (not protected)": sum(1 for g in fr_lex.GROUPS if not g[3]),
            "idioms": len(fr_lookalikes.IDIOMS),
        },
    }
