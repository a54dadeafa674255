"""French grammar for the generator: targets that know their clitics ("te", "les", "lui",
"leur", "eux"), verbs that know their forms (futur, conditionnel, subjonctif, imparfait,
impératif, participe) and where their object goes, and the tidying French spelling
needs (elision, "de les" -> "des")."""

import re
import unicodedata
from dataclasses import dataclass, replace

PERSONS = ("1s", "2s", "2p", "3s", "3p")

CLITIC = {"1s": "me", "2s": "te", "2p": "vous", "3s": "le", "3p": "les"}
INDIRECT = {"1s": "me", "2s": "te", "2p": "vous", "3s": "lui", "3p": "leur"}
STRESSED = {"1s": "moi", "2s": "toi", "2p": "vous", "3s": "lui", "3p": "eux"}
SUBJECT = {"1s": "je", "2s": "tu", "2p": "vous", "3s": "il", "3p": "ils"}
POSS_M = {"1s": "mon", "2s": "ton", "2p": "votre", "3s": "son", "3p": "leur"}
POSS_F = {"1s": "ma", "2s": "ta", "2p": "votre", "3s": "sa", "3p": "leur"}
REFLEXIVE = {"1s": "me", "2s": "te", "2p": "vous", "3s": "se", "3p": "se"}


def contract(prep: str, np: str) -> str:
    """ "de" or "à" before a noun phrase, with the article contractions (du, des, au, aux)."""
    for article, merged in (("le ", {"de": "du ", "à": "au "}), ("les ", {"de": "des ", "à": "aux "})):
        if np.startswith(article):
            return merged[prep] + np[len(article) :]
    return f"{prep} {np}"


@dataclass(frozen=True)
class Target:
    np: str | None  # None: a pronoun ("te", "les")
    person: str
    fem: bool
    kind: str  # pronoun, phrase, group, thing, self
    hate: int | None

    @property
    def plural(self) -> bool:
        return self.person in ("2p", "3p")

    @property
    def cl(self) -> str:
        return "la" if self.person == "3s" and self.fem else CLITIC[self.person]

    @property
    def icl(self) -> str:
        return INDIRECT[self.person]

    @property
    def stressed(self) -> str:
        if self.fem and self.person in ("3s", "3p"):
            return "elle" if self.person == "3s" else "elles"
        return STRESSED[self.person]

    @property
    def pronoun(self) -> str:
        if self.fem and self.person in ("3s", "3p"):
            return "elle" if self.person == "3s" else "elles"
        return SUBJECT[self.person]

    @property
    def subj(self) -> str:
        return self.np or self.pronoun

    @property
    def tous(self) -> str:
        return "toutes" if self.fem else "tous"

    def poss(self, fem_noun: bool) -> str:
        return (POSS_F if fem_noun else POSS_M)[self.person]

    def de(self) -> str:
        return contract("de", self.np) if self.np else f"de {self.stressed}"

    def a(self) -> str:
        return contract("à", self.np) if self.np else f"à {self.stressed}"

    def agree(self, participle: str) -> str:
        """A participle or adjective agreed with the target: pendu, pendue, pendus, pendues."""
        word = participle
        if self.fem and not word.endswith("e"):
            word += "e"
        if self.plural and not word.endswith(("s", "x")):
            word += "s"
        return word

    def resume(self) -> "Target":
        return replace(self, np=None, kind="pronoun" if self.kind != "thing" else "thing")

    def conj(self, table: dict[str, str]) -> str:
        return table[self.person]


# Present (and conditional) forms of the few verbs frames conjugate with the target as subject.
def _regular(stem: str) -> dict[str, str]:
    return {"1s": stem + "e", "2s": stem + "es", "2p": stem + "ez", "3s": stem + "e", "3p": stem + "ent"}


ETRE = {"1s": "suis", "2s": "es", "2p": "êtes", "3s": "est", "3p": "sont"}
AVOIR = {"1s": "ai", "2s": "as", "2p": "avez", "3s": "a", "3p": "ont"}
ALLER = {"1s": "vais", "2s": "vas", "2p": "allez", "3s": "va", "3p": "vont"}
DEVOIR = {"1s": "dois", "2s": "dois", "2p": "devez", "3s": "doit", "3p": "doivent"}
DEVRAIT = {"1s": "devrais", "2s": "devrais", "2p": "devriez", "3s": "devrait", "3p": "devraient"}
DISPARAIT = {"1s": "disparaissais", "2s": "disparaissais", "2p": "disparaissiez", "3s": "disparaissait", "3p": "disparaissaient"}  # fmt: skip
MERITE = _regular("mérit")
HABITE = _regular("habit")

INF, FUT, COND, PRES1, PRES3, SUBJ, IMPF, IMP, IMP2, PP = range(10)
PERF = 10  # "a" + participle: "personne ne les a encore pendus"

IRREGULAR: dict[str, tuple[str, ...]] = {
    # fut (je), cond (je), pres (je), pres (il), subj (qu'il), impf (il), imp (vous), imp (tu), participle
    "pendre": ("pendrai", "pendrais", "pends", "pend", "pende", "pendait", "pendez", "pends", "pendu"),
    "descendre": ("descendrai", "descendrais", "descends", "descend", "descende", "descendait", "descendez", "descends", "descendu"),
    "abattre": ("abattrai", "abattrais", "abats", "abat", "abatte", "abattait", "abattez", "abats", "abattu"),
    "faire": ("ferai", "ferais", "fais", "fait", "fasse", "faisait", "faites", "fais", "fait"),
    "mettre": ("mettrai", "mettrais", "mets", "met", "mette", "mettait", "mettez", "mets", "mis"),
    "foutre": ("foutrai", "foutrais", "fous", "fout", "foute", "foutait", "foutez", "fous", "foutu"),
    "envoyer": ("enverrai", "enverrais", "envoie", "envoie", "envoie", "envoyait", "envoyez", "envoie", "envoyé"),
    "noyer": ("noierai", "noierais", "noie", "noie", "noie", "noyait", "noyez", "noie", "noyé"),
    "payer": ("paierai", "paierais", "paie", "paie", "paie", "payait", "payez", "paie", "payé"),
    "prendre": ("prendrai", "prendrais", "prends", "prend", "prenne", "prenait", "prenez", "prends", "pris"),
    "apprendre": ("apprendrai", "apprendrais", "apprends", "apprend", "apprenne", "apprenait", "apprenez", "apprends", "appris"),
    "écrire": ("écrirai", "écrirais", "écris", "écrit", "écrive", "écrivait", "écrivez", "écris", "écrit"),
    "offrir": ("offrirai", "offrirais", "offre", "offre", "offre", "offrait", "offrez", "offre", "offert"),
    "voir": ("verrai", "verrais", "vois", "voit", "voie", "voyait", "voyez", "vois", "vu"),
    "soutenir": ("soutiendrai", "soutiendrais", "soutiens", "soutient", "soutienne", "soutenait", "soutenez", "soutiens", "soutenu"),
    "accueillir": ("accueillerai", "accueillerais", "accueille", "accueille", "accueille", "accueillait", "accueillez", "accueille", "accueilli"),
    "rejoindre": ("rejoindrai", "rejoindrais", "rejoins", "rejoint", "rejoigne", "rejoignait", "rejoignez", "rejoins", "rejoint"),
    "détruire": ("détruirai", "détruirais", "détruis", "détruit", "détruise", "détruisait", "détruisez", "détruis", "détruit"),
    "battre": ("battrai", "battrais", "bats", "bat", "batte", "battait", "battez", "bats", "battu"),
    "défendre": ("défendrai", "défendrais", "défends", "défend", "défende", "défendait", "défendez", "défends", "défendu"),
    "atteindre": ("atteindrai", "atteindrais", "atteins", "atteint", "atteigne", "atteignait", "atteignez", "atteins", "atteint"),
}  # fmt: skip
GRAVE = {"crever", "achever", "emmener", "amener", "enlever", "lever"}  # e -> è where the ending is mute
ACUTE = {"régler", "lécher", "sécher", "répéter", "protéger"}  # é -> è where the ending is mute (futur: réglerai)
DOUBLE_L = {"appeler", "rappeler"}


def conjugate(inf: str) -> tuple[str, ...]:
    """(inf, fut, cond, pres je, pres il, subj, impf, imp vous, imp tu, participle) of a verb."""
    if inf in IRREGULAR:
        return (inf, *IRREGULAR[inf])
    if not inf.endswith("er"):
        raise ValueError(f"no conjugation for {inf!r}")
    stem = inf[:-2]
    mute = stem
    if inf in GRAVE:
        i = stem.rindex("e")
        mute = stem[:i] + "è" + stem[i + 1 :]
    elif inf in ACUTE:
        i = stem.rindex("é")
        mute = stem[:i] + "è" + stem[i + 1 :]
    elif inf in DOUBLE_L:
        mute = stem + "l"
    soft = stem + "e" if stem.endswith("g") else stem[:-1] + "ç" if stem.endswith("c") else stem
    future = mute + "er" if mute != stem and inf not in ACUTE else inf
    return (inf, future + "ai", future + "ais", mute + "e", mute + "e", mute + "e", soft + "ait", stem + "ez", mute + "e", stem + "é")  # fmt: skip


@dataclass(frozen=True)
class Verb:
    """A verb phrase: the head verb, where its object goes and what follows.

    obj: "d" direct (le, la, les), "i" indirect (lui, leur; "à X"), "de" ("d'eux", "de X"),
    "p" a possessed noun ("sa maison", "la maison de X"). The tail may say {poss_m} or {poss_f}."""

    inf: str
    obj: str = "d"
    tail: str = ""
    np_last: bool = False  # the noun phrase follows the tail: "faire disparaître ce mec"
    refl: bool = False
    passive_ok: bool = True
    possessed: tuple[str, bool] = ("maison", True)

    @property
    def forms(self) -> tuple[str, ...]:
        return conjugate(self.inf)

    @property
    def head(self) -> str:
        return self.inf

    def _tail(self, t: "Target") -> str:
        return self.tail.format(poss_m=t.poss(False), poss_f=t.poss(True))

    def usable(self, t: "Target", form: int = INF) -> bool:
        if form in (IMP, IMP2) and t.np is None and t.person in ("1s", "2s", "2p") and self.obj in ("d", "i"):
            return False
        if form == PERF and self.refl:
            return False
        return not (form == PP and not self.passive())

    def passive(self) -> bool:
        return self.passive_ok and self.obj == "d" and not self.refl

    def vp(self, form: int, t: Target, *, person: str = "3s", adv: str = "", neg: str = "", tous: bool = False) -> str:
        """The verb phrase in `form` with `t` as object; `person` is the subject's (for "me/se occuper").

        adv goes after the finite verb ("je te buterais bien"); neg after it too ("on ne les pend pas":
        the caller writes "ne"). tous: "tous les tuer" for a plural pronoun."""
        forms = self.forms
        head = forms[PP] if form == PERF else forms[form]
        tail = self._tail(t)
        pre = post = ""
        np = ""
        if self.obj == "d":
            if t.np is None:
                pre = t.cl
            else:
                np = t.np
        elif self.obj == "i":
            if t.np is None:
                pre = t.icl
            else:
                post = t.a()
        elif self.obj == "de":
            if t.np is None and t.kind == "thing":
                pre = "en"  # "je vais m'en débarrasser"
            else:
                post = t.de()
        elif self.obj == "p":
            noun, fem = self.possessed
            post = f"{t.poss(fem)} {noun}" if t.np is None else f"{'la' if fem else 'le'} {noun} {t.de()}"
        if tous and t.np is None and t.person == "3p" and pre:
            pre = f"{t.tous} {pre}"
        refl = REFLEXIVE[person] if self.refl else ""
        if form in (IMP, IMP2):
            hyphen = ""
            if self.refl:
                hyphen = "-vous" if form == IMP else "-toi"
            elif pre:
                hyphen = "-" + {"me": "moi", "te": "toi"}.get(pre.split()[-1], pre.split()[-1])
            if pre == "en":
                hyphen += "-en"
            return " ".join(p for p in [head + hyphen, *self._after(np, tail, post)] if p)
        if form == PERF:
            agreed = t.agree(head) if pre and self.obj == "d" else head
            pieces = [pre, "a", neg, adv, agreed]
        elif form == INF:
            pieces = [neg, adv, refl, pre, head]
        else:
            pieces = [refl, pre, head, neg, adv]
        return " ".join(p for p in [*pieces, *self._after(np, tail, post)] if p)

    def _after(self, np: str, tail: str, post: str) -> list[str]:
        """What follows the verb: "tuer ce mec au bout d'une corde", "faire disparaître ce mec",
        "régler son compte à ce mec", "s'occuper de lui une bonne fois pour toutes"."""
        if self.obj == "de":
            return [post, tail]
        return [tail, np, post] if self.np_last else [np, tail, post]

    def tous(self, t: Target) -> str:
        """ " tous" after the verb where it fits: "tuez-les tous", not "rayez-les de la carte tous"."""
        return f" {t.tous}" if t.np is None and t.person == "3p" and self.obj in ("d", "i") and not self.tail else ""

    def participle(self, t: Target) -> str:
        """Passive participle agreed with the target, with the tail: "pendus au bout d'une corde"."""
        return " ".join(p for p in (t.agree(self.forms[PP]), self._tail(t)) if p)

    def bare(self) -> str:
        """The infinitive with its tail and no object ("se faire <bare>")."""
        return " ".join(p for p in (self.inf, self.tail) if p)


ELIDE = re.compile(
    r"(?<![\w'-])(je|me|te|se|le|la|ne|de|que|ce|jusque) +(?=[aeiouyàâéèêëîïôûœ]|h(?:ab|om|ôp|eur|ist|iv|umil|onn|uis))",
    re.IGNORECASE,
)
SI_IL = re.compile(r"\b(s)i (?=ils?\b)", re.IGNORECASE)


def tidy(text: str) -> str:
    """Elision (je aime -> j'aime, que il -> qu'il, si il -> s'il) and single spaces."""
    text = re.sub(r"\s+", " ", text).strip()
    text = ELIDE.sub(lambda m: m.group(1)[:-1] + "'", text)
    text = SI_IL.sub(lambda m: m.group(1) + "'", text)
    text = re.sub(r" ([,.])", r"\1", text)
    return text


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
