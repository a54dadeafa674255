"""English lexicons: targets (pronouns, noun phrases, people, groups, things) and verb
phrases (violent, harmless), each a head verb with its principal parts and a tail
holding the object, so one entry yields "kill him", "killed", "killing that guy"."""

from dataclasses import dataclass, replace
from random import Random

from moderation.learning.augment.common import pick

BASE, S3, PAST, PP, ING = range(5)


@dataclass(frozen=True)
class Target:
    obj: str
    subj: str
    poss: str | None  # None: no natural possessive ("the first one I see")
    plural: bool  # verb agreement: "they are", "you are"
    many: bool  # "all", "every last one of" make sense
    kind: str  # pronoun, phrase, group, thing, self
    hate: int | None
    pron: tuple[str, str, str]  # resumptive object, subject, possessive
    base: str = ""  # the plain noun phrase: "Muslims" for "all the Muslims", "them" for "them all"

    @property
    def plain(self) -> str:
        return self.base or self.obj

    @property
    def all_(self) -> str:
        """ " all" where a quantifier fits after the subject ("they should all be...")."""
        words = self.subj.split()
        return " all" if self.many and "all" not in words and "every" not in words else ""

    def agree(self, singular: str, plural: str) -> str:
        return plural if self.plural else singular

    def resume(self) -> "Target":
        """The pronoun that refers back to this target ("that guy? I'll find him")."""
        o, s, p = self.pron
        return replace(self, obj=o, subj=s, poss=p, kind="pronoun" if self.kind != "thing" else "thing")


def _pronoun(
    obj: str,
    subj: str,
    poss: str,
    *,
    plural: bool,
    many: bool,
    hate: int | None,
    pron: tuple[str, str, str] | None = None,
) -> Target:
    pron = pron or (obj, subj, poss)
    return Target(obj, subj, poss, plural, many, "pronoun", hate, pron, pron[0])


HIM = ("him", "he", "his")
HER = ("her", "she", "her")
THEM = ("them", "they", "their")
YOU = ("you", "you", "your")

PRONOUNS = (
    _pronoun("you", "you", "your", plural=True, many=False, hate=0),
    _pronoun("you", "you", "your", plural=True, many=False, hate=0),
    _pronoun("him", "he", "his", plural=False, many=False, hate=0),
    _pronoun("her", "she", "her", plural=False, many=False, hate=0),
    _pronoun("them", "they", "their", plural=True, many=True, hate=None),
    _pronoun("them", "they", "their", plural=True, many=True, hate=None),
    _pronoun("them all", "they all", "their", plural=True, many=False, hate=None, pron=THEM),
    _pronoun("all of you", "all of you", "your", plural=True, many=False, hate=0, pron=YOU),
    _pronoun("you guys", "you guys", "your", plural=True, many=True, hate=0, pron=YOU),
    _pronoun("the lot of them", "the lot of them", "their", plural=True, many=False, hate=None, pron=THEM),
    _pronoun("every one of them", "every one of them", "their", plural=True, many=False, hate=None, pron=THEM),
)
ME = _pronoun("me", "I", "my", plural=True, many=False, hate=0)

# Indefinite and demonstrative noun phrases, people and roles: (phrase, resumptive pronoun, has a possessive).
PHRASES: tuple[tuple[str, tuple[str, str, str], bool], ...] = (
    ("that guy", HIM, True),
    ("this guy", HIM, True),
    ("that woman", HER, True),
    ("that clown", HIM, True),
    ("this idiot", HIM, True),
    ("that creep", HIM, True),
    ("the guy next door", HIM, True),
    ("the first one of them I see", HIM, False),
    ("the first one of them I meet", HIM, False),
    ("the next one who talks to me like that", HIM, False),
    ("one of those people", HIM, False),
    ("one of those guys", HIM, False),
    ("whoever did this", HIM, False),
    ("anyone who gets in my way", HIM, False),
    ("the bastard who keyed my car", HIM, False),
    ("the driver who crashed into me", HIM, False),
    ("the first person who touches my stuff", HIM, False),
    ("the kid who bullied my son", HIM, False),
    ("my neighbour", HIM, True),
    ("my neighbor", HER, True),
    ("the mayor", HIM, True),
    ("my ex", HER, True),
    ("my ex", HIM, True),
    ("my boss", HIM, True),
    ("my landlord", HIM, True),
    ("the teacher", HER, True),
    ("the ref", HIM, True),
    ("the president", HIM, True),
    ("the prime minister", HER, True),
    ("that journalist", HER, True),
    ("my brother-in-law", HIM, True),
    ("my coworker", HER, True),
    ("the manager", HIM, True),
    ("the judge", HIM, True),
    ("the councillor", HER, True),
    ("my stepdad", HIM, True),
    ("@dan_k", HIM, False),
    ("@marie.l", HER, False),
    ("@karim_92", HIM, False),
)

# Groups: (singular, plural, protected). Protected groups get hate = 1 when attacked.
GROUPS: tuple[tuple[str, str, bool], ...] = (
    ("Muslim", "Muslims", True),
    ("Jew", "Jews", True),
    ("Black person", "Black people", True),
    ("immigrant", "immigrants", True),
    ("refugee", "refugees", True),
    ("migrant", "migrants", True),
    ("gay man", "gay people", True),
    ("trans person", "trans people", True),
    ("woman", "women", True),
    ("Roma person", "Roma", True),
    ("Arab", "Arabs", True),
    ("Asian", "Asians", True),
    ("Mexican", "Mexicans", True),
    ("disabled person", "disabled people", True),
    ("Christian", "Christians", True),
    ("lesbian", "lesbians", True),
    ("Hindu", "Hindus", True),
    ("Sikh", "Sikhs", True),
    ("foreigner", "foreigners", True),
    ("Somali", "Somalis", True),
    ("Chinese person", "Chinese people", True),
    ("African", "Africans", True),
    ("cop", "cops", False),
    ("police officer", "police officers", False),
    ("journalist", "journalists", False),
    ("politician", "politicians", False),
    ("banker", "bankers", False),
    ("landlord", "landlords", False),
    ("lawyer", "lawyers", False),
    ("billionaire", "billionaires", False),
    ("referee", "referees", False),
    ("judge", "judges", False),
    ("teacher", "teachers", False),
    ("tax inspector", "tax inspectors", False),
    ("MP", "MPs", False),
    ("senator", "senators", False),
    ("CEO", "CEOs", False),
    ("vegan", "vegans", False),
    ("hunter", "hunters", False),
    ("cyclist", "cyclists", False),
    ("tourist", "tourists", False),
    ("leftist", "leftists", False),
    ("fascist", "fascists", False),
    ("protester", "protesters", False),
    ("influencer", "influencers", False),
    ("climate activist", "climate activists", False),
    ("traffic warden", "traffic wardens", False),
)

GROUP_OBJECT = ("{pl}", "{pl}", "all {pl}", "all the {pl}", "those {pl}", "these {pl}", "every last one of those {pl}")
GROUP_SUBJECT = ("{pl}", "{pl}", "those {pl}", "these {pl}", "all these {pl}", "the {pl}")
# Noun phrases built on a group: "the next Muslim I see".
GROUP_PHRASE = (
    "the next {sg} I see",
    "the first {sg} I meet",
    "one of those {pl}",
    "any {sg} who walks past",
    "the first {sg} who talks to me",
    "that {sg} at work",
    "the {sg} who lives downstairs",
)

THINGS: tuple[tuple[str, bool], ...] = (
    ("the weeds", True),
    ("all the weeds", True),
    ("these mosquitoes", True),
    ("the wasps", True),
    ("the rats in the shed", True),
    ("the cockroaches", True),
    ("the slugs", True),
    ("this old PC", False),
    ("my printer", False),
    ("the old sofa", False),
    ("the bugs in this code", True),
    ("that process", False),
    ("the deficit", False),
    ("this stupid bill", False),
    ("poverty", False),
    ("the boredom", False),
    ("this spreadsheet", False),
)


def group_target(rng: Random, *, protected: bool | None = None) -> Target:
    sg, pl, prot = pick(rng, [g for g in GROUPS if protected is None or g[2] == protected])
    obj = pick(rng, GROUP_OBJECT).format(pl=pl)
    subj = pick(rng, GROUP_SUBJECT).format(pl=pl)
    return Target(obj, subj, None, True, not obj.startswith("every"), "group", int(prot), THEM, pl)


def phrase_target(rng: Random) -> Target:
    if rng.random() < 0.3:
        sg, pl, prot = pick(rng, GROUPS)
        text = pick(rng, GROUP_PHRASE).format(sg=sg, pl=pl)
        return Target(text, text, None, False, False, "phrase", int(prot), HIM)
    text, pron, has_poss = pick(rng, PHRASES)
    poss = f"{text}'s" if has_poss else None
    return Target(text, text, poss, False, False, "phrase", 0, pron)


def thing_target(rng: Random) -> Target:
    text, plural = pick(rng, THINGS)
    pron = THEM if plural else ("it", "it", "its")
    return Target(text, text, None, plural, plural, "thing", 0, pron)


def any_target(rng: Random, weights: tuple[float, float, float] = (0.3, 0.35, 0.35)) -> Target:
    """A pronoun, a noun phrase or a group, in these proportions."""
    roll = rng.random()
    if roll < weights[0]:
        return pick(rng, PRONOUNS)
    if roll < weights[0] + weights[1]:
        return phrase_target(rng)
    return group_target(rng)


def group_name(rng: Random, *, protected: bool | None = None) -> tuple[str, str, int]:
    sg, pl, prot = pick(rng, [g for g in GROUPS if protected is None or g[2] == protected])
    return sg, pl, int(prot)


def article(noun: str) -> str:
    vowel = noun[:1].lower() in "aeiou" or noun.startswith(("MP", "honest"))
    return ("an " if vowel else "a ") + noun
