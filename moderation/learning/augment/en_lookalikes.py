"""English look-alikes: the violent classes' words with a meaning that is not a threat
or a call to violence (negated, quoted and condemned, reported, protective, idiomatic,
aimed at things), plus profanity, hate without violence and neutral talk of groups."""

from random import Random

from moderation.learning.augment.common import Draft, pick
from moderation.learning.augment.en_frames import I_WILL, any_violent, verb_for
from moderation.learning.augment.en_lexicon import (
    BASE,
    ING,
    ME,
    PAST,
    PP,
    S3,
    Target,
    any_target,
    article,
    group_name,
    group_target,
    phrase_target,
    thing_target,
)
from moderation.learning.augment.en_verbs import ATTACK, GAME, SPORT, THING_VERBS, v

NEVER = ("I'll never", "I will never", "I would never", "we will never", "I'm never going to", "I'd never")


def negated(rng: Random) -> Draft:
    t = any_target(rng)
    vb = verb_for(rng, t)
    pv = verb_for(rng, t, passive=True)
    r = t.resume()
    frames = [
        lambda: f"I would never {vb.vp(BASE, t)}",
        lambda: f"I'm not going to {vb.vp(BASE, t)}, relax",
        lambda: f"nobody should {vb.vp(BASE, t)}",
        lambda: f"I don't think anyone should {vb.vp(BASE, t)}",
        lambda: f"{t.subj} should never be {pv.passive()}",
        lambda: f"no one deserves to be {pv.passive()}, not even {t.plain}",
        lambda: f"I don't want anyone to {vb.vp(BASE, t)}",
        lambda: f"we should not {vb.vp(BASE, t)}, we should talk to {r.obj}",
        lambda: f"I won't {vb.vp(BASE, t)}, don't worry",
        lambda: f"violence is never the answer, nobody is going to {vb.vp(BASE, t)}",
        lambda: f"I never said we should {vb.vp(BASE, t)}",
        lambda: f"{pick(rng, NEVER)} {vb.vp(BASE, t)}",
        lambda: f"I'd never wish for someone to {vb.vp(BASE, t)}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head, pv.head))


def counter_speech(rng: Random) -> Draft:
    quoted = any_violent(rng)
    q = quoted.text
    t = group_target(rng) if rng.random() < 0.6 else phrase_target(rng)
    vb = verb_for(rng, t)
    frames = [
        lambda: f'"{q}" - how is this allowed on here?',
        lambda: f'someone in my replies just said "{q}". Reported.',
        lambda: f"people who post things like '{q}' should be banned, not applauded.",
        lambda: f'saying "{q}" is not free speech, it\'s incitement.',
        lambda: f'imagine writing "{q}" and thinking you\'re the good guy.',
        lambda: f'no, "{q}" is not a joke. Stop.',
        lambda: f'quoting this so everyone sees it: "{q}". Disgusting.',
        lambda: f"the guy who tweeted '{q}' needs to be held accountable.",
        lambda: f'I can\'t believe anyone would write "{q}". Violence is never the answer.',
        lambda: f"calling for people to {vb.vp(BASE, t)} is vile and I won't stay silent.",
        lambda: f"anyone saying we should {vb.vp(BASE, t)} is a disgrace.",
        lambda: f'"{q}"?? This is exactly the kind of post we need to report.',
    ]
    return Draft(pick(rng, frames)(), 0, quoted.keys + (vb.head,))


REPORTERS = ("my neighbour", "my ex", "a guy at work", "some random account", "my brother", "a customer", "a man on the bus")  # fmt: skip
NEWS_PEOPLE = ("a 19-year-old student", "a local teacher", "a taxi driver", "a shop owner", "a nurse", "the mayor", "a delivery driver")  # fmt: skip
PLACES = ("Leeds", "Manchester", "Chicago", "Marseille", "downtown Lyon", "a supermarket car park", "Birmingham", "east London", "a park in Toronto")  # fmt: skip


def report(rng: Random) -> Draft:
    me = ME
    t = any_target(rng) if rng.random() < 0.5 else me
    vb = verb_for(rng, t)
    vme = verb_for(rng, me)
    pv = verb_for(rng, t, passive=True)
    who = pick(rng, REPORTERS)
    frames = [
        lambda: f"he told me he was going to {vme.vp(BASE, me)}",
        lambda: f"{who} threatened to {vb.vp(BASE, t)}",
        lambda: f"she said she would {vb.vp(BASE, t)}",
        lambda: f"I got a DM saying they'd {vme.vp(BASE, me)}",
        lambda: f"{who} was arrested for threatening to {vb.vp(BASE, t)}",
        lambda: f"someone threatened to {vb.vp(BASE, t)} and I called the police",
        lambda: f"my cousin got {verb_for(rng, ME, ATTACK, passive=True).passive()} last night, he's in hospital",
        lambda: f"apparently some guy said he'd {vb.vp(BASE, t)}",
        lambda: f"the police are looking into a message saying someone would {vb.vp(BASE, t)}",
        lambda: f"I reported {who} because he wrote that he wanted to {vme.vp(BASE, me)}",
        lambda: f"my sister received messages saying she would be {pv.passive()}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head, vme.head))


def protective(rng: Random) -> Draft:
    sg, pl, _ = group_name(rng)
    t = any_target(rng, (0.15, 0.35, 0.5))
    vb = verb_for(rng, t)
    pv = verb_for(rng, t, passive=True)
    frames = [
        lambda: f"we must stop attacks on {pl}",
        lambda: f"we need to protect {t.obj}",
        lambda: f"nobody should be {pv.passive()} for who they are",
        lambda: f"{pl} deserve to feel safe",
        lambda: f"stand with {pl} against violence",
        lambda: f"if anyone tries to {vb.vp(BASE, t)}, call the police",
        lambda: f"we have to stop people who want to {vb.vp(BASE, t)}",
        lambda: f"let's make sure nobody {vb.vp(S3, t)}",
        lambda: f"violence against {pl} has to end",
        lambda: f"I will defend {t.obj} if anyone tries to hurt {t.resume().obj}",
        lambda: f"I'll protect {t.obj}, no one is going to {vb.vp(BASE, t.resume())}",
        lambda: f"every {sg} deserves to live without fear of being {pv.passive()}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head, pv.head))


IDIOMS = (
    "I'm going to kill it at the gym today",
    "you're killing me",
    "this song kills me every time",
    "I'm dying, this is too funny",
    "my feet are killing me",
    "I could murder a burger right now",
    "I'll shoot you a text later",
    "shoot me an email when you're free",
    "break a leg tonight!",
    "she absolutely slayed that performance",
    "that comedian killed last night",
    "this heat is killing me",
    "let's kill some time at the mall",
    "we're going to crush this presentation",
    "I'm dead",
    "this traffic is murder",
    "the exam absolutely destroyed me",
    "I'll kill two birds with one stone",
    "I'm going to blow up your phone later",
    "that outfit is killer",
    "he's going to knock them dead at the audition",
    "if my mum sees this she'll kill me",
    "my boss is going to murder me if I'm late again",
    "I'm going to hit the books tonight",
    "that burger was to die for",
    "I nearly died laughing",
    "we're going to paint the town red",
    "this deadline is going to be the death of me",
    "the band blew the roof off",
    "I'm going to hang out with them tomorrow",
)
TEAMS = ("them", "those guys", "Arsenal", "the Lakers", "Chelsea", "the Yankees", "the other team", "United", "Liverpool", "City", "the Celtics", "you lot")  # fmt: skip
MATCH = (
    "on Saturday",
    "tonight",
    "in the final",
    "at the game",
    "3-0",
    "this weekend",
    "in the derby",
    "at the tournament",
)
GAME_TARGETS = ("this boss", "the final boss", "that camper", "all the zombies", "you", "every creeper", "the dragon", "you guys", "that sniper")  # fmt: skip
GAME_PLACES = ("in Elden Ring", "tonight on Warzone", "in Fortnite", "at Mario Kart", "in CoD later", "in the raid", "in ranked", "at FIFA tonight")  # fmt: skip


def idiom(rng: Random) -> Draft:
    roll = rng.random()
    if roll < 0.35:
        return Draft(pick(rng, IDIOMS), 0, ("kill", "killing", "murder", "die", "dead"))
    if roll < 0.65:
        vb = pick(rng, SPORT)
        team = pick(rng, TEAMS)
        t = Target(team, team, None, True, False, "thing", 0, ("them", "they", "their"))
        who = pick(
            rng, ("we're going to", "we'll", "we're gonna", "our lads are going to", "we will", "we're about to")
        )
        return Draft(f"{who} {vb.vp(BASE, t)} {pick(rng, MATCH)}", 0, (vb.head,))
    vb = pick(rng, GAME)
    gt = pick(rng, GAME_TARGETS)
    t = Target(gt, gt, None, True, False, "thing", 0, ("them", "they", "their"))
    return Draft(f"{pick(rng, I_WILL)} {vb.vp(BASE, t)} {pick(rng, GAME_PLACES)}", 0, (vb.head,))


EXPLETIVES = ("fuck", "fucking hell", "holy shit", "shit", "damn", "goddammit", "wtf", "ffs", "bloody hell", "for fuck's sake", "oh crap", "son of a bitch", "fuck me")  # fmt: skip
SITUATIONS = ("I missed the bus again", "the printer is jammed again", "it's Monday", "I forgot my keys", "my phone died", "the wifi is down", "we lost again", "that was the best concert ever", "I burned the toast", "I spilled coffee everywhere", "it's raining again", "this game is so good", "I'm late for work")  # fmt: skip
INSULTS = ("dickhead", "asshole", "idiot", "prick", "jerk", "wanker", "moron", "tosser", "clown")
THINGS_RUDE = ("printer", "traffic", "weather", "software update", "train", "alarm clock", "landlord agency")


def profanity(rng: Random) -> Draft:
    t = phrase_target(rng)
    frames = [
        lambda: f"{pick(rng, EXPLETIVES)}, {pick(rng, SITUATIONS)}",
        lambda: f"{pick(rng, EXPLETIVES)} {pick(rng, SITUATIONS)}",
        lambda: f"what the fuck is wrong with {t.obj}",
        lambda: f"{t.subj} is such {article(pick(rng, INSULTS))}",
        lambda: f"this fucking {pick(rng, THINGS_RUDE)} is driving me insane",
        lambda: f"fuck {t.obj}, seriously",
        lambda: f"screw {t.obj}",
        lambda: f"{t.subj} needs to shut the fuck up",
        lambda: f"fuck yeah, {pick(rng, ('we won', 'payday', 'friday', 'holidays', 'new phone'))}",
        lambda: f"god damn this {pick(rng, THINGS_RUDE)}",
        lambda: f"{t.subj} can kiss my ass",
    ]
    return Draft(pick(rng, frames)(), 0, ("fuck", "fucking", "shit"))


DEHUMANISING = ("parasites", "vermin", "animals", "a plague on this country", "disgusting", "subhuman", "filth", "lazy and dishonest", "all the same", "stupid")  # fmt: skip


def hate_nonviolent(rng: Random) -> Draft:
    sg, pl, _ = group_name(rng, protected=True)
    frames = [
        lambda: f"I can't stand {pl}",
        lambda: f"{pl} are ruining this country",
        lambda: f"{pl} are {pick(rng, DEHUMANISING)}",
        lambda: f"{pl} shouldn't be allowed to vote",
        lambda: f"I hate {pl}",
        lambda: f"never trust {article(sg)}",
        lambda: f"{pl} don't belong here",
        lambda: f"I'd never hire {article(sg)}",
        lambda: f"keep {pl} out of our neighbourhood",
        lambda: f"no {pl} allowed in my shop",
        lambda: f"I don't want {pl} living next to me",
        lambda: f"{pl} should not be allowed to teach our kids",
        lambda: f"honestly {pl} are the worst",
    ]
    return Draft(pick(rng, frames)(), 1, (pl.split()[-1],))


def neutral_group(rng: Random) -> Draft:
    sg, pl, _ = group_name(rng)
    frames = [
        lambda: f"I met some {pl} at the market today, really nice chat",
        lambda: f"a new study looks at how {pl} access healthcare",
        lambda: f"my neighbours are {pl} and they're lovely",
        lambda: f"there's a talk about the history of {pl} in this city tonight",
        lambda: f"how many {pl} live in France?",
        lambda: f"documentary about {pl} on TV tonight",
        lambda: f"the association helps {pl} find housing",
        lambda: f"I've just read a great book written by {article(sg)}",
        lambda: f"interview with three {pl} about their work",
        lambda: f"the {pl} in my class organised a fundraiser",
        lambda: f"{pl} make up a big part of our community",
        lambda: f"my best friend is {article(sg)}",
    ]
    return Draft(pick(rng, frames)(), 0, (pl.split()[-1],))


def news(rng: Random) -> Draft:
    person = pick(rng, NEWS_PEOPLE)
    t = Target(person, person, None, False, False, "phrase", 0, ("him", "he", "his"))
    vb = verb_for(rng, t, ATTACK, passive=True)
    pas = vb.passive()
    place = pick(rng, PLACES)
    _, pl, _ = group_name(rng)
    frames = [
        lambda: f"police say {person} was {pas} in {place} last night",
        lambda: f"two people were {pas} in an attack on {pl} in {place}, police said",
        lambda: f"the suspect who {vb.vp(PAST, t)} has been arrested",
        lambda: f"trial opens for man accused of {vb.vp(ING, t)}",
        lambda: f"BREAKING: {rng.randint(2, 9)} people {pas} in {place}",
        lambda: f"man sentenced for threatening to {vb.vp(BASE, t)}",
        lambda: f"report: attacks on {pl} rose {rng.randint(5, 40)}% last year",
        lambda: f"court hears how {person} was {pas}",
        lambda: f"vigil held for {person} who was {pas} last week",
        lambda: f"{place}: investigation opened after {person} was {pas}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head,))


THING_HARM = (v("kill"), v("murder"), v("destroy"), v("smash"))


def non_human(rng: Random) -> Draft:
    vb, objects = pick(rng, THING_VERBS)
    obj = pick(rng, objects)
    t = Target(obj, obj, None, True, True, "thing", 0, ("them", "they", "their"))
    frames = [
        lambda: f"{pick(rng, I_WILL)} {vb.vp(BASE, t)}",
        lambda: f"we need to {vb.vp(BASE, t)}",
        lambda: f"I hope someone {vb.vp(S3, t)} soon",
        lambda: f"why hasn't anyone {vb.vp(PP, t)} yet?",
        lambda: f"someone should {vb.vp(BASE, t)}",
        lambda: f"just {vb.vp(BASE, t)}",
        lambda: f"finally {vb.vp(PAST, t)}",
    ]
    if rng.random() < 0.25:
        thing = thing_target(rng)
        kv = pick(rng, THING_HARM)
        return Draft(f"{pick(rng, I_WILL)} {kv.vp(BASE, thing)}", 0, (kv.head,))
    return Draft(pick(rng, frames)(), 0, (vb.head,))
