"""English verb phrases: violent verbs and euphemisms, their harmless twins, and the
verbs of idioms and of things (weeds, old computers), from one small inflector."""

import re
from dataclasses import dataclass

from moderation.learning.augment.en_lexicon import BASE, PP, Target

PARTICLE = re.compile(r"^\{o\} (up|down|off|over|out)(.*)$")


def parts(base: str, past: str = "", pp: str = "", *, double: bool = False) -> tuple[str, str, str, str, str]:
    """(base, 3rd person singular, past, past participle, -ing) for a regular verb, with overrides."""
    stem = base + base[-1] if double else base
    s3 = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        s3 = base[:-1] + "ies"
    if base.endswith("e"):
        regular, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        regular, ing = base[:-1] + "ied", base + "ing"
    else:
        regular, ing = stem + "ed", stem + "ing"
    past = past or regular
    return (base, s3, past, pp or past, ing)


@dataclass(frozen=True)
class Verb:
    parts: tuple[str, str, str, str, str]
    tail: str = "{o}"  # {o}: object, {p}: possessive
    passive_form: str | None = ""  # "": participle + tail without the object; None: no passive
    many_only: bool = False

    def usable(self, t: Target) -> bool:
        if self.many_only and not t.many:
            return False
        return not ("{p}" in self.tail and t.poss is None)

    def vp(self, form: int, t: Target) -> str:
        particle = PARTICLE.match(self.tail)
        if particle and len(t.obj.split()) > 2:
            # A long object goes after the particle: "hunt down the guy who lives downstairs".
            return f"{self.parts[form]} {particle.group(1)} {t.obj}{particle.group(2)}"
        return f"{self.parts[form]} {self.tail.format(o=t.obj, p=t.poss)}".strip()

    @property
    def head(self) -> str:
        return self.parts[BASE]

    def passive(self) -> str | None:
        if self.passive_form is None or "{p}" in self.tail:
            return None
        if self.passive_form:
            return self.passive_form
        rest = " ".join(self.tail.replace("{o}", "").split())
        return f"{self.parts[PP]} {rest}".strip()


def v(
    base: str,
    tail: str = "{o}",
    past: str = "",
    pp: str = "",
    *,
    double: bool = False,
    passive_form: str | None = "",
    many_only: bool = False,
) -> Verb:
    return Verb(parts(base, past, pp, double=double), tail, passive_form, many_only)


VIOLENT = (
    v("kill"),
    v("kill"),
    v("shoot", past="shot"),
    v("shoot", "{o} in the head", past="shot"),
    v("stab", double=True),
    v("hang", past="hanged"),
    v("burn", "{o} alive"),
    v("beat", "{o} to death", past="beat", pp="beaten"),
    v("beat", "the shit out of {o}", past="beat", pp="beaten", passive_form=None),
    v("strangle"),
    v("slit", "{p} throat", past="slit", double=True),
    v("cut", "{p} throat", past="cut", double=True),
    v("put", "a bullet in {p} head", past="put", double=True),
    v("put", "{o} down", past="put", double=True),
    v("put", "{o} in the ground", past="put", double=True),
    v("take", "care of {o} for good", past="took", pp="taken"),
    v("make", "{o} disappear", past="made", passive_form="made to disappear"),
    v("deal", "with {o} for good", past="dealt"),
    v("deal", "with {o} permanently", past="dealt"),
    v("line", "{o} up against a wall"),
    v("string", "{o} up", past="strung"),
    v("torch", "{p} house"),
    v("burn", "{p} house down"),
    v("gut", double=True),
    v("lynch"),
    v("behead"),
    v("execute"),
    v("murder"),
    v("gun", "{o} down", double=True),
    v("run", "{o} over", past="ran", pp="run", double=True),
    v("blow", "{o} up", past="blew", pp="blown"),
    v("finish", "{o} off"),
    v("wipe", "{o} out", many_only=True),
    v("exterminate", many_only=True),
    v("slaughter", many_only=True),
    v("hunt", "{o} down"),
    v("set", "{o} on fire", past="set", double=True),
    v("bash", "{p} head in"),
    v("break", "{p} neck", past="broke", pp="broken"),
    v("end"),
    v("rip", "{o} apart", double=True),
    v("shoot", "{o} on sight", past="shot"),
    v("drown"),
    v("knife"),
    v("curb-stomp"),
    v("smash", "{p} skull in"),
    v("put", "{o} six feet under", past="put", double=True),
    v("beat", "{o} up", past="beat", pp="beaten"),
)
# The attacks news and victims report ("was stabbed", "got beaten up").
ATTACK = (
    v("kill"),
    v("shoot", past="shot"),
    v("stab", double=True),
    v("beat", "{o} up", past="beat", pp="beaten"),
    v("beat", "{o} to death", past="beat", pp="beaten"),
    v("run", "{o} over", past="ran", pp="run", double=True),
    v("gun", "{o} down", double=True),
    v("knife"),
    v("strangle"),
    v("set", "{o} on fire", past="set", double=True),
)

# First-person intentions with the same grammar and nothing violent in them.
HARMLESS = (
    v("call"),
    v("send", "{o} the photos", past="sent"),
    v("bake", "{o} a cake"),
    v("visit"),
    v("help", "{o} move"),
    v("pick", "{o} up at the station"),
    v("hug", double=True),
    v("thank"),
    v("invite", "{o} to dinner"),
    v("buy", "{o} a drink", past="bought"),
    v("teach", "{o} to swim", past="taught"),
    v("text"),
    v("meet", "{o} for coffee", past="met"),
    v("take", "{o} to the zoo", past="took", pp="taken"),
    v("surprise"),
    v("show", "{o} the new flat", pp="shown"),
    v("give", "{o} a ride home", past="gave", pp="given"),
    v("cook", "for {o}"),
    v("lend", "{o} my car", past="lent"),
    v("introduce", "{o} to my parents"),
    v("email"),
    v("take", "care of {o} this weekend", past="took", pp="taken"),
    v("look", "after {o} while you're away"),
    v("congratulate"),
    v("water", "{p} plants"),
    v("fix", "{p} bike"),
    v("read", "{o} a story", past="read"),
    v("drive", "{o} to the airport", past="drove", pp="driven"),
    v("write", "{o} a letter", past="wrote", pp="written"),
    v("cheer", "{o} up"),
    v("take", "{o} out for dinner", past="took", pp="taken"),
    v("put", "{o} up for the night", past="put", double=True),
    v("line", "{o} up for the group photo"),
    v("make", "{o} laugh", past="made"),
    v("deal", "with {p} paperwork tomorrow", past="dealt"),
    v("finish", "{p} painting for the exhibition"),
    v("bring", "{o} some soup", past="brought"),
    v("apologise", "to {o}"),
)

# The harm verbs that also describe losing a game or a match ("we're going to destroy them on Saturday").
SPORT = (
    v("destroy"),
    v("crush"),
    v("kill"),
    v("murder"),
    v("bury"),
    v("smash"),
    v("wreck"),
    v("annihilate"),
    v("slaughter"),
    v("demolish"),
    v("beat", past="beat", pp="beaten"),
    v("thrash"),
)
GAME = (
    v("kill"),
    v("shoot", past="shot"),
    v("stab", double=True),
    v("destroy"),
    v("snipe"),
    v("headshot", double=True),
    v("murder"),
    v("blow", "{o} up", past="blew", pp="blown"),
    v("burn"),
    v("wreck"),
)

# Verbs of harm aimed at things: (verb, objects it takes).
THING_VERBS: tuple[tuple[Verb, tuple[str, ...]], ...] = (
    (
        v("kill"),
        (
            "the weeds",
            "all the weeds",
            "these mosquitoes",
            "that process",
            "the lights",
            "the engine",
            "the music",
            "the bugs in this code",
        ),
    ),
    (
        v("shoot", past="shot"),
        ("the video tomorrow", "a few photos of the wedding", "some hoops", "the breeze with the neighbours"),
    ),
    (
        v("burn"),
        ("the old letters", "the dead leaves", "some calories", "this CD for my dad", "the rubbish in the garden"),
    ),
    (v("smash"), ("this old PC", "the piñata", "my personal best", "the garlic", "the ice")),
    (v("destroy"), ("the old shed", "these old bank statements", "my to-do list", "this pizza")),
    (v("exterminate"), ("the cockroaches", "the rats in the attic", "the woodworm")),
    (v("hang", past="hung"), ("the laundry", "the painting in the hall", "the new curtains", "the fairy lights")),
    (v("beat", past="beat", pp="beaten"), ("the eggs", "the traffic", "my record", "the rugs")),
    (v("take", "out {o}", past="took", pp="taken"), ("the trash", "the recycling", "the bins", "a loan")),
    (v("put", "{o} down", past="put", double=True), ("the groceries", "the baby for a nap", "a deposit", "the phone")),
    (v("line", "{o} up against the wall"), ("the shelves", "the chairs", "the boxes", "the bikes")),
    (v("make", "{o} disappear", past="made"), ("these stains", "the clutter", "the dark circles")),
    (v("deal", "with {o} for good", past="dealt"), ("the paperwork", "the mould", "the leak", "the damp")),
    (v("get", "rid of {o} for good", past="got", double=True), ("the mice", "the old sofa", "the ants", "the clutter")),
    (v("wipe", "{o} out"), ("the debt", "the mould", "the spreadsheet")),
    (v("eliminate"), ("poverty", "the duplicates", "waste", "the typos", "the bugs")),
    (v("drown"), ("my sorrows", "the salad in dressing")),
    (v("blow", "{o} up", past="blew", pp="blown"), ("the balloons", "the photo", "the air mattress")),
    (v("strangle"), ("the bindweed", "the budget")),
    (v("shoot", past="shot"), ("the rabbits eating the lettuce", "clay pigeons")),
    (v("put", "{o} down", past="put", double=True), ("our old dog",)),
    (v("stab", double=True), ("the potatoes with a fork", "the straw into the juice box")),
)
