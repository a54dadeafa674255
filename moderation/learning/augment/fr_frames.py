"""French frames for the violent classes, one function per class. The tenses and moods
a French threat comes in (futur proche, futur simple, conditionnel, subjonctif,
infinitif after "il faut", impératif) are composed with any verb and any target."""

import re
from collections.abc import Callable
from random import Random

from moderation.learning.augment.common import Draft, cap, pick
from moderation.learning.augment.fr_grammar import (
    ALLER,
    AVOIR,
    COND,
    DEVOIR,
    DEVRAIT,
    DISPARAIT,
    ETRE,
    FUT,
    HABITE,
    IMP,
    IMP2,
    IMPF,
    INF,
    MERITE,
    PERF,
    PP,
    PRES1,
    PRES3,
    SUBJ,
    Target,
    Verb,
)
from moderation.learning.augment.fr_lexicon import (
    ELIMINATE,
    VIOLENT,
    any_target,
    group_target,
    phrase_target,
    pronoun_target,
)

# First-person intentions: (words before the infinitive, the subject's person for "me/se").
JE_VAIS = (
    ("je vais", "1s"),
    ("je vais", "1s"),
    ("je vais", "1s"),
    ("on va", "3s"),
    ("je vais aller", "1s"),
    ("je te jure que je vais", "1s"),
    ("je vais finir par", "1s"),
    ("tu vas voir, je vais", "1s"),
    ("crois-moi, je vais", "1s"),
    ("un jour je vais", "1s"),
    ("dès que je sors, je vais", "1s"),
    ("je compte", "1s"),
    ("je veux", "1s"),
    ("j'ai envie de", "1s"),
    ("je suis à deux doigts de", "1s"),
    ("je vais bien finir par", "1s"),
    ("je rêve de", "1s"),
    ("on va aller", "3s"),
    ("je vais vraiment", "1s"),
    ("demain je vais", "1s"),
)
WHEN = ("", "", "", "", " ce soir", " demain", " un de ces jours", " très bientôt", " cette semaine", " à la sortie", " dès demain", " samedi", " après le boulot")  # fmt: skip
CLOSERS = ("je te jure", "tu vas voir", "crois-moi", "c'est promis", "sérieux", "wallah", "je rigole pas", "vraiment", "t'inquiète")  # fmt: skip
# A verb phrase that already says when ("l'appeler demain") takes no other time.
TIMED = re.compile(r"\b(demain|soir|week-end)\b")
CROISER = Verb("croiser")
RETROUVER = Verb("retrouver")
VOIR = Verb("voir")


def verb_for(rng: Random, t: Target, verbs: tuple[Verb, ...] = VIOLENT, form: int = INF) -> Verb:
    return pick(rng, [vb for vb in verbs if vb.usable(t, form)])


def intention(rng: Random, t: Target, verbs: tuple[Verb, ...]) -> tuple[str, tuple[str, ...]]:
    """A first-person intention to do `verb` to `t`; the same frames serve threats and kind acts."""
    r = t.resume()
    vb, vr = verb_for(rng, t, verbs), verb_for(rng, r, verbs)
    will, person = pick(rng, JE_VAIS)
    when = "" if TIMED.search(vb.tail + " " + vr.tail) else pick(rng, WHEN)
    tous = r.person == "3p" and rng.random() < 0.4
    frames = [
        lambda: f"{will} {vb.vp(INF, t, person=person)}{when}",
        lambda: f"{will} {vb.vp(INF, t, person=person)}{when}",
        lambda: f"{will} {vb.vp(INF, t, person=person)}, {pick(rng, CLOSERS)}",
        lambda: f"je {vb.vp(FUT, t, person='1s')}{when}",
        lambda: f"un jour je {vb.vp(FUT, t, person='1s')}",
        lambda: f"je {vb.vp(COND, t, person='1s', adv='bien')}",
        lambda: f"si je {CROISER.vp(PRES1, t)}, je {vr.vp(PRES1, r, person='1s')}",
        lambda: f"le jour où je {CROISER.vp(PRES1, t)}, je {vr.vp(FUT, r, person='1s')}",
        lambda: f"je vais {RETROUVER.vp(INF, t)} et {vr.vp(INF, r, person='1s')}",
        lambda: f"je sais où {t.subj} {t.conj(HABITE)}, je vais {vr.vp(INF, r, person='1s', tous=tous)}",
        lambda: f"je {vb.vp(FUT, t, person='1s')} sans hésiter",
    ]
    if t.np is not None:
        frames += [
            lambda: f"{t.np}, je vais {vr.vp(INF, r, person='1s', tous=tous)}{when}",
            lambda: f"{t.np} ? je {vr.vp(FUT, r, person='1s')}",
        ]
    return pick(rng, frames)(), (vb.head, vr.head)


def threat(rng: Random, t: Target) -> Draft:
    text, keys = intention(rng, t, VIOLENT)
    if t.person == "2s" and t.np is None and rng.random() < 0.12:
        text = pick(rng, ("t'es mort", "t'es un homme mort", "tu vas le regretter", "fais gaffe à toi")) + ". " + text
    return Draft(text, t.hate, keys)


def threat_pronoun(rng: Random) -> Draft:
    return threat(rng, pronoun_target(rng))


def threat_phrase(rng: Random) -> Draft:
    return threat(rng, phrase_target(rng))


def threat_group(rng: Random) -> Draft:
    return threat(rng, group_target(rng))


def norm(rng: Random) -> Draft:
    t = any_target(rng, (0.25, 0.3), subject=True)
    vb = verb_for(rng, t)
    pv = verb_for(rng, t, form=PP)
    r = t.resume()
    vr = verb_for(rng, r)
    tous = f" {t.tous}" if t.plural and not (t.np or "").startswith(("tous", "toutes")) else ""
    many = t.person == "3p" and rng.random() < 0.5
    frames = [
        lambda: f"il faudrait {vb.vp(INF, t, tous=many)}",
        lambda: f"il faut {vb.vp(INF, t, tous=many)}",
        lambda: f"faut {vb.vp(INF, t)}",
        lambda: f"on devrait {vb.vp(INF, t, tous=many)}",
        lambda: f"on doit {vb.vp(INF, t)}",
        lambda: f"{t.subj} {t.conj(DEVRAIT)}{tous} être {pv.participle(t)}",
        lambda: f"{t.subj} {t.conj(DEVOIR)} être {pv.participle(t)}",
        lambda: f"{t.np or t.stressed}, il faudrait {vr.vp(INF, r, tous=many)}",
        lambda: f"la seule solution, c'est de {vb.vp(INF, t)}",
        lambda: f"il n'y a qu'une chose à faire avec {t.np or t.stressed} : {vr.vp(INF, r)}",
        lambda: f"{cap(vb.vp(INF, t))}, voilà ce qu'il faut faire",
        lambda: f"ce qu'il faut, c'est {vb.vp(INF, t)}",
        lambda: f"il faudrait une loi pour {vb.vp(INF, t)}",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, pv.head, vr.head))


# A death wished on the subject: (3rd singular subjunctive, 3rd plural).
DIE = (
    ("crève", "crèvent"),
    ("meure", "meurent"),
    ("brûle en enfer", "brûlent en enfer"),
    ("crève la gueule ouverte", "crèvent la gueule ouverte"),
    ("finisse au bout d'une corde", "finissent au bout d'une corde"),
    ("se prenne une balle", "se prennent une balle"),
    ("se fasse buter", "se fassent buter"),
    ("crève comme un chien", "crèvent comme des chiens"),
)


def wish(rng: Random) -> Draft:
    t = any_target(rng, (0.3, 0.3), third=True, subject=True)
    vb = verb_for(rng, t)
    vs = verb_for(rng, t, form=SUBJ)
    pv = verb_for(rng, t, form=PP)
    dies = pick(rng, DIE)[1 if t.plural else 0]
    tous = f" {t.tous}" if t.person == "3p" and t.np is None else ""
    bare = pick(rng, [x for x in VIOLENT if x.passive() and x.inf not in ("faire", "crever")]).bare()
    frames = [
        lambda: f"que {t.subj} {dies}{tous}",
        lambda: f"j'espère que quelqu'un va {vb.vp(INF, t)}",
        lambda: f"j'espère que {t.subj} {t.conj(ALLER)} se faire {bare}",
        lambda: f"si seulement quelqu'un pouvait {vb.vp(INF, t)}",
        lambda: f"qu'on {vs.vp(SUBJ, t)}{vs.tous(t)}",
        lambda: f"vivement que quelqu'un {vs.vp(SUBJ, t)}",
        lambda: f"pourvu que quelqu'un {vs.vp(SUBJ, t)}",
        lambda: f"j'aimerais que quelqu'un {vs.vp(SUBJ, t)}",
        lambda: f"je rêve de {VOIR.vp(INF, t)} {pv.participle(t)}",
        lambda: f"j'espère que {t.subj} {t.conj(ALLER)}{tous} crever",
        lambda: f"pourvu que {t.subj} {dies}",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, vs.head, pv.head, "crever", "crève", "crèvent"))


PUNISHMENT = ("une balle", "une balle dans la tête", "la corde", "la mort", "le peloton d'exécution", "de crever", "de se faire buter", "une bonne balle")  # fmt: skip


def verdict(rng: Random) -> Draft:
    t = any_target(rng, (0.3, 0.3), subject=True)
    pv = verb_for(rng, t, form=PP)
    merite = t.conj(MERITE)
    punishment = pick(rng, PUNISHMENT)
    only = pick(rng, ("la mort", "une balle", "la corde", "ça", "une balle dans la tête"))
    frames = [
        lambda: f"{t.subj} {merite} une balle",
        lambda: f"{t.subj} {merite} {punishment}",
        lambda: f"{t.subj} {merite} d'être {pv.participle(t)}",
        lambda: f"{t.subj} ne {merite} que {only}",
        lambda: f"une balle, c'est trop bien pour {t.np or t.stressed}",
        lambda: (
            f"{t.poss(True)} place est au bout d'une corde"
            if t.np is None
            else f"la place {t.de()} est au bout d'une corde"
        ),
        lambda: f"la corde, c'est tout ce que {t.subj} {merite}",
        lambda: f"{t.subj} {t.conj(AVOIR)} mérité de crever",
        lambda: f"{t.subj} ne {merite} pas de vivre",
        lambda: f"{t.subj} {t.conj(ETRE)} {t.agree('bon')} pour le peloton d'exécution",
        lambda: f"pour {t.np or t.stressed}, c'est une balle et basta",
        lambda: f"{t.subj} {merite} rien d'autre que {only}",
    ]
    return Draft(pick(rng, frames)(), t.hate, (pv.head, "balle", "corde", "mérite", "méritent", "crever"))


def elimination(rng: Random) -> Draft:
    t = any_target(rng, (0.25, 0.25), third=True, subject=True)
    vb = verb_for(rng, t, ELIMINATE)
    vs = verb_for(rng, t, ELIMINATE, SUBJ)
    vi = verb_for(rng, t, ELIMINATE, IMP)
    pv = verb_for(rng, t, ELIMINATE, PP)
    many = t.person == "3p" and t.np is None
    tous = f" {t.tous}" if many else ""
    frames = [
        lambda: f"qu'on {vs.vp(SUBJ, t)}{vs.tous(t)}",
        lambda: f"bon débarras si {t.subj} {t.conj(DISPARAIT)}{tous} pour de bon",
        lambda: f"il faut {vb.vp(INF, t, tous=many)} une bonne fois pour toutes",
        lambda: f"{t.subj} {t.conj(DEVOIR)} être {pv.participle(t)}",
        lambda: f"on devrait {vb.vp(INF, t, tous=many)}",
        lambda: f"un monde sans {t.np or t.stressed}, peu importe comment",
        lambda: f"{vi.vp(IMP, t)}{vi.tous(t)}",
        lambda: f"le pays se porterait mieux si on {vb.vp(IMPF, t)}{vb.tous(t)}",
        lambda: f"il est temps de {vb.vp(INF, t)}",
        lambda: f"faut {vb.vp(INF, t)}, sans exception",
        lambda: f"que {t.subj} disparaisse{'nt' if t.plural else ''} à jamais, et pas en prison",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, vs.head, vi.head, pv.head, "disparaître"))


def question(rng: Random) -> Draft:
    t = any_target(rng, (0.35, 0.3), subject=True)
    vb = verb_for(rng, t)
    vp_ = verb_for(rng, t, form=PERF)
    frames = [
        lambda: f"pourquoi personne ne {vp_.vp(PERF, t, adv='encore')} ?",
        lambda: f"on attend quoi pour {vb.vp(INF, t)} ?",
        lambda: f"pourquoi on ne {vb.vp(PRES3, t, neg='pas')} ?",
        lambda: f"qui se dévoue pour {vb.vp(INF, t)} ?",
        lambda: f"c'est quand qu'on {vb.vp(PRES3, t)}{vb.tous(t)} ?",
        lambda: f"personne pour {vb.vp(INF, t)} ?",
        lambda: f"et si on {vb.vp(IMPF, t)}{vb.tous(t)} ?",
        lambda: f"vous attendez quoi pour {vb.vp(INF, t)} ?",
        lambda: f"combien de temps avant que quelqu'un {vb.vp(SUBJ, t)} ?",
        lambda: f"pourquoi {t.subj} {t.conj(ETRE)} encore en vie ?",
        lambda: f"on {vb.vp(PRES3, t)} quand ?",
        lambda: f"c'est pour quand, le jour où on va {vb.vp(INF, t)} ?",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, vp_.head))


def call_others(rng: Random) -> Draft:
    t = any_target(rng, (0.35, 0.3))
    vb = verb_for(rng, t)
    r = t.resume()
    vr = verb_for(rng, r)
    many = t.person == "3p" and t.np is None
    frames = [
        lambda: f"à mon avis on devrait {vb.vp(INF, t, tous=many)}",
        lambda: f"franchement quelqu'un devrait {vb.vp(INF, t)}",
        lambda: f"quelqu'un doit {vb.vp(INF, t)}",
        lambda: f"faudrait que quelqu'un {vb.vp(SUBJ, t)}",
        lambda: f"moi je dis qu'il faut {vb.vp(INF, t, tous=many)}",
        lambda: f"honnêtement, quelqu'un devrait s'occuper {t.de()} une bonne fois pour toutes",
        lambda: f"perso je pense qu'on devrait {vb.vp(INF, t)}",
        lambda: f"si quelqu'un {CROISER.vp(PRES3, t)}, qu'il {vr.vp(SUBJ, r)}",
        lambda: f"les gars, faut {vb.vp(INF, t)}",
        lambda: f"il est temps que quelqu'un {vb.vp(SUBJ, t)}",
        lambda: f"sérieux, faudrait que quelqu'un aille {vb.vp(INF, t)}",
        lambda: f"à mon avis, quelqu'un devrait {vb.vp(INF, t)} et on n'en parlerait plus",
    ]
    return Draft(pick(rng, frames)(), t.hate, (vb.head, vr.head))


def imperative(rng: Random) -> Draft:
    t = any_target(rng, (0.3, 0.25), third=True)
    vi = verb_for(rng, t, form=IMP)
    v2 = verb_for(rng, t, form=IMP2)
    vb = verb_for(rng, t)
    many = t.person == "3p" and t.np is None
    frames = [
        lambda: f"{vi.vp(IMP, t)}{vi.tous(t)}",
        lambda: f"{vi.vp(IMP, t)}{vi.tous(t)}",
        lambda: f"{v2.vp(IMP2, t)}{v2.tous(t)}",
        lambda: f"allez {vb.vp(INF, t, tous=many)}",
        lambda: f"sortez les fourches et {vi.vp(IMP, t)}{vi.tous(t)}",
        lambda: f"prenez vos armes et {vi.vp(IMP, t)}{vi.tous(t)}",
        lambda: f"on {vb.vp(PRES3, t)}{vb.tous(t)}, maintenant",
    ]
    if t.np is not None:
        frames += [
            lambda: f"à mort {t.np}",
            lambda: f"au poteau, {t.np}",
            lambda: (
                f"{t.np}, {t.tous} au bout d'une corde"
                if t.plural and not str(t.np).startswith(("tous", "toutes"))
                else f"{t.np} au bout d'une corde"
            ),
        ]
        plain = [x for x in VIOLENT if x.obj == "d" and not x.tail]
        ethical = pick(rng, plain)
        frames.append(lambda: f"{ethical.forms[IMP]}-moi {t.np}")
    return Draft(pick(rng, frames)(), t.hate, (vi.head, v2.head, vb.head, "mort"))


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
