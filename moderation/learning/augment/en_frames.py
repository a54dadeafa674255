"""English frames, one function per class: each composes a subject and modal form, a
verb phrase and a target from the lexicons, so violent and look-alike classes share
their words and differ in meaning only."""

import re
from collections.abc import Callable
from random import Random

from moderation.learning.augment.common import Draft, cap, chance, pick
from moderation.learning.augment.en_lexicon import (
    BASE,
    ING,
    PAST,
    PP,
    PRONOUNS,
    S3,
    Target,
    any_target,
    group_target,
    phrase_target,
)
from moderation.learning.augment.en_verbs import HARMLESS, VIOLENT, Verb

I_WILL = (
    "I'm going to",
    "I am going to",
    "I'm gonna",
    "im gonna",
    "I will",
    "I'll",
    "I swear I'll",
    "I swear to God I'm going to",
    "I'm about to",
    "imma",
    "I'm coming over to",
    "we're going to",
    "we will",
    "we'll",
    "I want to",
    "I'd love to",
    "one day I'll",
    "I'm seriously going to",
    "I will personally",
    "mark my words, I'll",
    "trust me, I'll",
    "I'm definitely going to",
    "I'll make sure to",
    "I really want to",
    "I'm gonna go",
)
WHEN = (
    "",
    "",
    "",
    "",
    " tonight",
    " tomorrow",
    " one of these days",
    " this weekend",
    " as soon as I get out",
    " soon",
    " first thing tomorrow",
    " after work",
    " next week",
    " on Friday",
)
# A verb phrase that already says when ("take care of them this weekend") takes no other time.
TIMED = re.compile(r"\b(tomorrow|tonight|weekend|away|night)\b")
CLOSERS = ("I swear", "you'll see", "mark my words", "just wait", "no joke", "I mean it", "promise", "seriously")


def verb_for(rng: Random, t: Target, verbs: tuple[Verb, ...] = VIOLENT, *, passive: bool = False) -> Verb:
    usable = [vb for vb in verbs if vb.usable(t) and (not passive or vb.passive())]
    return pick(rng, usable)


def pronoun_target(rng: Random) -> Target:
    return pick(rng, PRONOUNS)


# ---------------------------------------------------------------- first-person intentions


def intention(rng: Random, t: Target, verbs: tuple[Verb, ...]) -> tuple[str, tuple[str, str]]:
    """A first-person intention to do `verb` to `t`; the same frames serve threats and kind acts."""
    r = t.resume()
    vb = verb_for(rng, t, verbs)
    vr = verb_for(rng, r, verbs)
    will = pick(rng, I_WILL)
    when = "" if TIMED.search(vb.vp(BASE, t) + " " + vr.vp(BASE, r)) else pick(rng, WHEN)
    where = t.agree("lives", "live")
    frames = [
        lambda: f"{will} {vb.vp(BASE, t)}{when}",
        lambda: f"{will} {vb.vp(BASE, t)}{when}",
        lambda: f"{will} {vb.vp(BASE, t)}, {pick(rng, CLOSERS)}",
        lambda: f"next time I see {t.obj}, I'll {vr.vp(BASE, r)}",
        lambda: f"if I ever see {t.obj} again, I'll {vr.vp(BASE, r)}",
        lambda: f"I'm going to find {t.obj} and {vr.vp(BASE, r)}",
        lambda: f"I know where {t.subj} {where}. {will} {vr.vp(BASE, r)}{when}",
        lambda: f"I'd {vb.vp(BASE, t)} without a second thought",
        lambda: f"{will} {vb.vp(BASE, t)} and nobody will stop {'us' if will.startswith('we') else 'me'}",
    ]
    if t.kind != "pronoun":
        frames.append(lambda: f"{cap(t.obj)}? {will} {vr.vp(BASE, r)}{when}")
    return pick(rng, frames)(), (vb.head, vr.head)


def threat(rng: Random, t: Target) -> Draft:
    text, keys = intention(rng, t, VIOLENT)
    if t.obj == "you" and chance(rng, 0.12):
        text = (
            pick(rng, ("you're dead", "you're a dead man", "you won't see next week", "watch your back")) + ". " + text
        )
    return Draft(text, t.hate, keys)


def threat_pronoun(rng: Random) -> Draft:
    return threat(rng, pronoun_target(rng))


def threat_phrase(rng: Random) -> Draft:
    return threat(rng, phrase_target(rng))


def threat_group(rng: Random) -> Draft:
    return threat(rng, group_target(rng))


def harmless_intent(rng: Random) -> Draft:
    text, keys = intention(rng, any_target(rng), HARMLESS)
    return Draft(text, 0, keys)


# ---------------------------------------------------------------- norms, wishes, verdicts


def norm(rng: Random) -> Draft:
    t = any_target(rng, (0.2, 0.35, 0.45))
    vb = verb_for(rng, t, passive=True)
    pas = vb.passive()
    r = t.resume()
    vr = verb_for(rng, r)
    all_ = t.all_
    frames = [
        lambda: f"{t.subj} ought to be {pas}",
        lambda: f"{t.subj} should{all_} be {pas}",
        lambda: f"{t.subj} {t.agree('needs', 'need')} to be {pas}",
        lambda: f"{t.subj} must be {pas}",
        lambda: f"people like {t.plain} should be {pas}",
        lambda: f"we need to {vb.vp(BASE, t)}",
        lambda: f"we have to {vb.vp(BASE, t)}, it's the only way",
        lambda: f"the only solution is to {vb.vp(BASE, t)}",
        lambda: f"there's only one thing to do with {t.obj}: {vr.vp(BASE, r)}",
        lambda: f"{vb.vp(ING, t)} should be legal",
        lambda: f"it should be legal to {vb.vp(BASE, t)}",
        lambda: f"{t.subj} {t.agree('is', 'are')} to be {pas}, no exceptions",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, vr.head))


DIE = (("dies", "die"), ("burns", "burn"), ("dies in a fire", "die in a fire"), ("drops dead", "drop dead"), ("bleeds out", "bleed out"), ("dies slowly", "die slowly"), ("chokes to death", "choke to death"))  # fmt: skip


def wish(rng: Random) -> Draft:
    t = any_target(rng, (0.3, 0.3, 0.4))
    vb = verb_for(rng, t)
    pv = verb_for(rng, t, passive=True)
    die_s3, die = pick(rng, DIE)
    dies = t.agree(die_s3, die)
    frames = [
        lambda: f"I hope somebody {vb.vp(S3, t)}",
        lambda: f"I hope someone {vb.vp(S3, t)}",
        lambda: f"I hope {t.subj} {t.agree('gets', 'get')} {pv.passive()}",
        lambda: f"I hope {t.subj} {dies}",
        lambda: f"I wish someone would {vb.vp(BASE, t)}",
        lambda: f"I'd love to see {t.obj} {pv.passive()}",
        lambda: f"can't wait for the day someone finally {vb.vp(S3, t)}",
        lambda: f"may {t.subj} {die}",
        lambda: f"if only someone would {vb.vp(BASE, t)}",
        lambda: f"praying that someone {vb.vp(S3, t)} soon",
        lambda: f"here's hoping {t.subj} {t.agree('gets', 'get')} {pv.passive()}",
        lambda: f"{t.subj} can go {die} for all I care",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, pv.head, die.split()[0]))


PUNISHMENT = (
    "a bullet",
    "a bullet in the head",
    "a rope",
    "the firing squad",
    "a slow death",
    "the noose",
    "to hang",
    "to die",
)


def verdict(rng: Random) -> Draft:
    t = any_target(rng, (0.3, 0.3, 0.4))
    pv = verb_for(rng, t, passive=True)
    has, deserves, is_ = t.agree("has", "have"), t.agree("deserves", "deserve"), t.agree("is", "are")
    does = t.agree("doesn't", "don't")
    punishment = pick(rng, PUNISHMENT)
    frames = [
        lambda: f"{t.subj} {has} earned a bullet",
        lambda: f"{t.subj} {has} earned {punishment}",
        lambda: f"{t.subj} {deserves} {punishment}",
        lambda: f"{t.subj} {deserves} to be {pv.passive()}",
        lambda: f"a bullet is too good for {t.obj}",
        lambda: f"hanging is too good for {t.obj}",
        lambda: f"the only thing {t.subj} {deserves} is {punishment}",
        lambda: f"the place for {t.obj} is at the end of a rope",
        lambda: f"death is what {t.subj} {deserves}",
        lambda: f"{t.subj} {does} deserve to live",
        lambda: f"{t.subj} {is_} not fit to live",
        lambda: f"{t.subj} {deserves} nothing but {punishment}",
    ]
    return Draft(pick(rng, frames)(), t.hate, (pv.head, "bullet", "rope", "deserve", "hang"))


ELIMINATE = ("eliminated", "wiped off the face of the earth", "erased from existence", "made to vanish for good", "exterminated", "removed from this earth permanently", "wiped off the map")  # fmt: skip


def elimination(rng: Random) -> Draft:
    t = any_target(rng, (0.25, 0.25, 0.5))
    all_ = t.all_
    gone = pick(rng, ELIMINATE)
    frames = [
        lambda: f"good riddance if {t.subj}{all_} vanished for good",
        lambda: f"wipe {t.obj} off the map",
        lambda: f"{t.subj} should{all_} be {gone}",
        lambda: f"get rid of {t.obj} for good, if you know what I mean",
        lambda: f"the world would be better off if someone made {t.obj} disappear for good",
        lambda: f"time to eliminate {t.obj}, once and for all",
        lambda: f"{t.subj} {t.agree('needs', 'need')} to be {gone}",
        lambda: f"let's make {t.obj} disappear for good",
        lambda: f"exterminate {t.obj} like rats",
        lambda: f"nobody would miss {t.obj} if someone made {t.resume().obj} vanish tonight",
        lambda: f"erase {t.obj} from the face of the earth",
    ]
    if t.kind == "group":
        frames.append(lambda: f"a final cleanup and no more {t.plain}")
    return Draft(pick(rng, frames)(), t.hate, ("eliminate", "exterminate", "disappear", "vanished", "wipe", "erase"))


# ---------------------------------------------------------------- questions, calls, commands


def question(rng: Random) -> Draft:
    t = any_target(rng, (0.35, 0.3, 0.35))
    vb = verb_for(rng, t)
    is_ = t.agree("is", "are")
    frames = [
        lambda: f"why don't we just {vb.vp(BASE, t)}?",
        lambda: f"why hasn't anyone {vb.vp(PP, t)} yet?",
        lambda: f"how long before someone {vb.vp(S3, t)}?",
        lambda: f"who's going to {vb.vp(BASE, t)} first?",
        lambda: f"isn't it time somebody {vb.vp(PAST, t)}?",
        lambda: f"can someone please {vb.vp(BASE, t)}?",
        lambda: f"shall we {vb.vp(BASE, t)} tonight?",
        lambda: f"is there nobody brave enough to {vb.vp(BASE, t)}?",
        lambda: f"so when do we {vb.vp(BASE, t)}?",
        lambda: f"wouldn't it be great if someone {vb.vp(PAST, t)}?",
        lambda: f"why {is_} {t.subj} still breathing?",
        lambda: f"what are we waiting for? let's {vb.vp(BASE, t)}",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head,))


def call_others(rng: Random) -> Draft:
    t = any_target(rng, (0.35, 0.3, 0.35))
    vb = verb_for(rng, t)
    r = t.resume()
    vr = verb_for(rng, r)
    frames = [
        lambda: f"honestly somebody should {vb.vp(BASE, t)}",
        lambda: f"someone needs to {vb.vp(BASE, t)}",
        lambda: f"imo we should {vb.vp(BASE, t)}",
        lambda: f"somebody go {vb.vp(BASE, t)}",
        lambda: f"I think people should start {vb.vp(ING, t)}",
        lambda: f"you know what, someone ought to {vb.vp(BASE, t)}",
        lambda: f"personally I think we should just {vb.vp(BASE, t)}",
        lambda: f"if anyone sees {t.obj}, {vr.vp(BASE, r)}",
        lambda: f"everyone who owns a gun should {vb.vp(BASE, t)}",
        lambda: f"just saying, someone should {vb.vp(BASE, t)}",
        lambda: f"in my opinion we should {vb.vp(BASE, t)} and be done with it",
        lambda: f"honestly, somebody should deal with {t.obj} for good",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, vr.head))


def imperative(rng: Random) -> Draft:
    t = any_target(rng, (0.3, 0.25, 0.45))
    vb = verb_for(rng, t)
    frames = [
        lambda: f"{vb.vp(BASE, t)}",
        lambda: f"{vb.vp(BASE, t)}, all of them",
        lambda: f"go {vb.vp(BASE, t)}",
        lambda: f"let's {vb.vp(BASE, t)}",
        lambda: f"death to {t.obj}",
        lambda: f"somebody {vb.vp(BASE, t)} already",
        lambda: f"{vb.vp(BASE, t)}, now",
        lambda: f"grab your guns and {vb.vp(BASE, t)}",
        lambda: f"get the ropes and {vb.vp(BASE, t)}",
        lambda: f"everybody out tonight, {vb.vp(BASE, t)}",
    ]
    if t.kind == "pronoun" and t.obj == "them":
        frames.append(lambda: f"{vb.parts[BASE]} them all")
    return Draft(pick(rng, frames)(), t.hate, (vb.head, "death"))


VIOLENT_FRAMES: tuple[Callable[[Random], Draft], ...] = (
    threat_pronoun,
    threat_phrase,
    threat_group,
    norm,
    wish,
    verdict,
    elimination,
    question,
    call_others,
    imperative,
)


def any_violent(rng: Random) -> Draft:
    return pick(rng, VIOLENT_FRAMES)(rng)
