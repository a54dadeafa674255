"""French look-alikes: the violent classes' words with a meaning that is not a threat
or a call to violence (negated, quoted and condemned, reported, protective, idiomatic,
aimed at things), plus profanity, hate without violence and neutral talk of groups."""

from random import Random

from moderation.learning.augment.common import Draft, pick
from moderation.learning.augment.fr_frames import JE_VAIS, WHEN, any_violent, intention, verb_for
from moderation.learning.augment.fr_grammar import (
    COND,
    FUT,
    INF,
    MERITE,
    PP,
    SUBJ,
    Target,
    Verb,
)
from moderation.learning.augment.fr_lexicon import (
    ATTACK,
    GAME,
    HARMLESS,
    ME,
    SPORT,
    THING_VERBS,
    VIOLENT,
    any_target,
    group_name,
    group_target,
    phrase_target,
    thing,
)


def harmless_intent(rng: Random) -> Draft:
    text, keys = intention(rng, any_target(rng), HARMLESS)
    return Draft(text, 0, keys)


CALM = ("t'inquiète", "promis", "calme-toi", "relax", "c'était une blague", "on se calme")


def negated(rng: Random) -> Draft:
    t = any_target(rng, subject=True)
    vb = verb_for(rng, t)
    pv = verb_for(rng, t, form=PP)
    will, person = pick(rng, JE_VAIS[:3])
    frames = [
        lambda: f"je ne vais pas {vb.vp(INF, t, person='1s')}",
        lambda: f"je vais pas {vb.vp(INF, t, person='1s')}, t'inquiète",
        lambda: f"jamais je ne {vb.vp(COND, t, person='1s')}",
        lambda: f"je ne {vb.vp(FUT, t, person='1s', neg='jamais')}",
        lambda: f"personne ne devrait {vb.vp(INF, t)}",
        lambda: f"il ne faut pas {vb.vp(INF, t)}",
        lambda: f"il ne faudrait surtout pas {vb.vp(INF, t)}",
        lambda: f"on ne va pas {vb.vp(INF, t)}, on va discuter avec {t.resume().stressed}",
        lambda: f"{t.subj} ne {t.conj(MERITE)} pas d'être {pv.participle(t)}",
        lambda: f"personne ne mérite d'être {pv.participle(t)}",
        lambda: f"je n'ai jamais dit qu'il fallait {vb.vp(INF, t)}",
        lambda: f"faut pas {vb.vp(INF, t)}, ça se règle devant un juge",
        lambda: f"non, {will} pas {vb.vp(INF, t, person=person)}, {pick(rng, CALM)}",
        lambda: f"je ne souhaite à personne de se faire {pick(rng, ATTACK).bare()}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head, pv.head))


def counter_speech(rng: Random) -> Draft:
    quoted = any_violent(rng)
    q = quoted.text
    t = group_target(rng) if rng.random() < 0.6 else phrase_target(rng)
    vb = verb_for(rng, t)
    frames = [
        lambda: f"« {q} » : voilà ce qu'on lit ici. C'est honteux.",
        lambda: f"quelqu'un vient d'écrire « {q} ». Signalé.",
        lambda: f'les gens qui écrivent "{q}" devraient être bannis.',
        lambda: f"dire « {q} », ce n'est pas de l'humour, c'est un appel au meurtre.",
        lambda: f"arrêtez avec vos « {q} », c'est ignoble.",
        lambda: f"je cite : « {q} ». Et personne ne réagit ?",
        lambda: f"« {q} »… et après on s'étonne de la violence. Honte à vous.",
        lambda: f"appeler à {vb.vp(INF, t)}, c'est un délit.",
        lambda: f"ceux qui disent qu'il faut {vb.vp(INF, t)} me dégoûtent.",
        lambda: f'écrire "{q}", c\'est grave. Capture faite, plainte déposée.',
        lambda: f"non mais qui écrit « {q} » ? La violence n'est jamais une solution.",
    ]
    return Draft(pick(rng, frames)(), 0, quoted.keys + (vb.head,))


WHO = ("mon voisin", "mon ex", "un mec au boulot", "un compte anonyme", "mon frère", "un client", "un type dans le bus")
PLACES = (
    "Marseille",
    "Lyon",
    "Lille",
    "Bordeaux",
    "Saint-Denis",
    "Toulouse",
    "Nantes",
    "Montréal",
    "Bruxelles",
    "Grenoble",
)
NEWS_PEOPLE = (("un étudiant de 19 ans", False), ("une enseignante", True), ("un chauffeur de taxi", False), ("un commerçant", False), ("une infirmière", True), ("le maire", False), ("un livreur", False))  # fmt: skip


def report(rng: Random) -> Draft:
    t = any_target(rng) if rng.random() < 0.5 else ME
    vb = verb_for(rng, t)
    vme = verb_for(rng, ME)
    who = pick(rng, WHO)
    frames = [
        lambda: f"il m'a dit qu'il allait {vme.vp(INF, ME)}",
        lambda: f"{who} a menacé de {vb.vp(INF, t)}",
        lambda: f"elle a dit qu'elle allait {vb.vp(INF, t)}",
        lambda: f"j'ai reçu un message qui disait qu'on allait {vme.vp(INF, ME)}",
        lambda: f"{who} a été arrêté pour avoir menacé de {vb.vp(INF, t)}",
        lambda: f"mon cousin s'est fait {pick(rng, ATTACK).bare()} hier soir, il est à l'hôpital",
        lambda: f"il paraît que quelqu'un a menacé de {vb.vp(INF, t)}",
        lambda: f"j'ai porté plainte parce qu'il a dit qu'il allait {vme.vp(INF, ME)}",
        lambda: f"ma sœur reçoit des messages disant qu'on va {vb.vp(INF, Target(None, '3s', True, 'pronoun', 0))}",
        lambda: f"la police enquête sur un message qui promettait de {vb.vp(INF, t)}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head, vme.head))


DEFENDRE = Verb("défendre")


def protective(rng: Random) -> Draft:
    sg, pl, fem = group_name(rng)
    t = any_target(rng, (0.15, 0.35))
    vb = verb_for(rng, t)
    pv = verb_for(rng, t, form=PP)
    frames = [
        lambda: f"il faut stopper les agressions contre les {pl}",
        lambda: f"on doit protéger {t.np or 'les ' + pl}",
        lambda: f"personne ne devrait être {pv.participle(Target(None, '3s', False, 'pronoun', 0))} pour ce qu'il est",
        lambda: f"les {pl} ont le droit de vivre en sécurité",
        lambda: f"solidarité avec les {pl} face aux violences",
        lambda: f"si quelqu'un essaie de {vb.vp(INF, t)}, appelez la police",
        lambda: f"il faut empêcher ceux qui veulent {vb.vp(INF, t)}",
        lambda: f"la violence contre les {pl} doit cesser",
        lambda: f"je {DEFENDRE.vp(FUT, t)} si quelqu'un essaie de {vb.vp(INF, t.resume())}",
        lambda: f"personne ne va {vb.vp(INF, t)}, je serai là",
        lambda: f"soutien total aux {pl} {'menacées' if fem else 'menacés'}, on ne lâche rien",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head, pv.head))


IDIOMS = (
    "je vais me tuer à la tâche",
    "tu me tues",
    "je suis mort de rire",
    "jsuis morte",
    "ce prof me tue",
    "ça me tue",
    "je suis crevé",
    "je vais crever de chaud",
    "je meurs de faim",
    "je vais tuer le temps en attendant",
    "ce film m'a tuée",
    "je vais tout déchirer à l'exam",
    "on va tout casser ce soir",
    "je vais péter un câble",
    "j'ai explosé de rire",
    "il a tué le game",
    "ma mère va me tuer si je rentre tard",
    "mon boss va me tuer",
    "ce chanteur m'a achevée",
    "je vais faire un carnage au karaoké",
    "on s'est fait massacrer au match hier",
    "je suis à deux doigts de craquer",
    "la chaleur me tue",
    "c'est mortel !",
    "trop mortel ce son",
    "je me suis fait défoncer au tennis",
    "ça va être une tuerie ce gâteau",
    "je vais crever l'abcès avec lui",
    "ce devoir m'a achevé",
    "je suis mort de fatigue",
    "cette série me tue à petit feu",
)
TEAMS = (
    Target(None, "3p", False, "thing", 0),
    Target("l'OM", "3s", False, "thing", 0),
    Target("le PSG", "3s", False, "thing", 0),
    Target("Lyon", "3s", False, "thing", 0),
    Target("les Lensois", "3p", False, "thing", 0),
    Target("l'équipe d'en face", "3s", True, "thing", 0),
    Target("les Bleus", "3p", False, "thing", 0),
    Target("Nantes", "3s", False, "thing", 0),
)
MATCH = ("samedi", "dimanche", "ce soir au match", "en finale", "3-0", "au match retour", "au tournoi", "au derby")
GAME_TARGETS = (
    Target("ce boss", "3s", False, "thing", 0),
    Target("le boss final", "3s", False, "thing", 0),
    Target("tous les zombies", "3p", False, "thing", 0),
    Target("ce campeur", "3s", False, "thing", 0),
    Target(None, "2s", False, "thing", 0),
    Target(None, "2p", False, "thing", 0),
    Target("ce sniper", "3s", False, "thing", 0),
    Target("le dragon", "3s", False, "thing", 0),
)
GAME_PLACES = ("à Mario Kart", "sur Fortnite", "à FIFA ce soir", "dans Elden Ring", "en ranked", "sur CoD", "en ligne tout à l'heure", "à Smash")  # fmt: skip


def idiom(rng: Random) -> Draft:
    roll = rng.random()
    if roll < 0.35:
        return Draft(pick(rng, IDIOMS), 0, ("tuer", "tues", "mort", "crever"))
    if roll < 0.65:
        team = pick(rng, TEAMS)
        vb = verb_for(rng, team, SPORT)
        who = pick(rng, ("on va", "on va", "les gars on va", "on va bien", "nos gars vont"))
        return Draft(f"{who} {vb.vp(INF, team)} {pick(rng, MATCH)}", 0, (vb.head,))
    gt = pick(rng, GAME_TARGETS)
    vb = verb_for(rng, gt, GAME)
    return Draft(f"{pick(rng, JE_VAIS)[0]} {vb.vp(INF, gt, person='1s')} {pick(rng, GAME_PLACES)}", 0, (vb.head,))


EXPLETIVES = ("putain", "ptn", "merde", "bordel", "fait chier", "putain de merde", "oh la vache", "purée", "nom de Dieu", "bordel de merde", "et merde", "ah putain")  # fmt: skip
GOOD_NEWS = ("c'était le meilleur concert de ma vie", "ce jeu est trop bien", "on a gagné", "c'est les vacances", "j'ai eu mon permis")  # fmt: skip
SITUATIONS = ("j'ai raté le bus", "le wifi a encore planté", "on est lundi", "j'ai oublié mes clés", "mon téléphone est mort", "on a encore perdu", "c'était le meilleur concert de ma vie", "j'ai cramé les pâtes", "j'ai renversé mon café", "il pleut encore", "ce jeu est trop bien", "je suis en retard")  # fmt: skip
INSULTS = ("connard", "abruti", "crétin", "boulet", "bouffon", "relou", "gros naze", "idiot")
RUDE_THINGS = ("imprimante", "mise à jour", "réveil", "appli", "box", "machine à laver")


def profanity(rng: Random) -> Draft:
    t = phrase_target(rng)
    frames = [
        lambda: f"{pick(rng, EXPLETIVES)}, {pick(rng, SITUATIONS)}",
        lambda: f"{pick(rng, EXPLETIVES)} {pick(rng, SITUATIONS)}",
        lambda: f"{t.np} est vraiment un {pick(rng, INSULTS)}",
        lambda: f"ta gueule {t.np}",
        lambda: "va te faire foutre",
        lambda: f"{t.np} me casse les couilles",
        lambda: f"putain de {pick(rng, RUDE_THINGS)} de merde",
        lambda: f"j'en ai rien à foutre {t.de()}",
        lambda: f"quelle journée de merde, {pick(rng, SITUATIONS)}",
        lambda: f"nique sa mère cette {pick(rng, RUDE_THINGS)}",
        lambda: f"{t.np}, quel {pick(rng, INSULTS)} sérieux",
        lambda: f"putain c'est trop bien, {pick(rng, GOOD_NEWS)}",
    ]
    return Draft(pick(rng, frames)(), 0, ("putain", "merde", "bordel"))


DEHUMANISING = ("des parasites", "des sous-hommes", "une plaie", "des animaux", "tous pareils", "des bons à rien", "la honte de ce pays", "une vermine")  # fmt: skip


def hate_nonviolent(rng: Random) -> Draft:
    sg, pl, fem = group_name(rng, protected=True)
    les = f"les {pl}"
    frames = [
        lambda: f"je supporte pas {les}",
        lambda: f"{les} sont {pick(rng, DEHUMANISING)}",
        lambda: f"{les} n'ont rien à faire ici",
        lambda: f"{les} pourrissent ce pays",
        lambda: f"on n'est plus chez nous à cause des {pl}",
        lambda: f"je déteste {les}",
        lambda: f"jamais je n'embaucherai {'une' if fem else 'un'} {sg}",
        lambda: f"{les} ne devraient pas avoir le droit de voter",
        lambda: f"on ne veut pas de {pl} dans notre quartier",
        lambda: f"pas de {pl} dans mon immeuble",
        lambda: f"{les}, c'est vraiment les pires",
        lambda: f"{les} ne devraient pas avoir le droit d'enseigner",
    ]
    return Draft(pick(rng, frames)(), 1, (pl,))


def neutral_group(rng: Random) -> Draft:
    sg, pl, fem = group_name(rng)
    frames = [
        lambda: f"j'ai discuté avec des {pl} au marché, super sympas",
        lambda: f"une étude sur l'accès des {pl} au logement",
        lambda: f"conférence ce soir sur l'histoire des {pl} à Lyon",
        lambda: f"les {pl} représentent une partie importante du quartier",
        lambda: f"documentaire sur les {pl} ce soir à la télé",
        lambda: f"l'association aide les {pl} à trouver un logement",
        lambda: f"je lis un super livre écrit par {'une' if fem else 'un'} {sg}",
        lambda: f"interview de trois {pl} sur leur métier",
        lambda: f"les {pl} de ma classe ont organisé une collecte",
        lambda: f"combien de {pl} vivent en France ?",
        lambda: f"super reportage sur des {pl} qui ont monté une association",
    ]
    return Draft(pick(rng, frames)(), 0, (pl,))


def news(rng: Random) -> Draft:
    person, fem = pick(rng, NEWS_PEOPLE)
    t = Target(person, "3s", fem, "phrase", 0)
    vb = verb_for(rng, t, ATTACK, PP)
    place = pick(rng, PLACES)
    _, pl, _ = group_name(rng)
    two = Target("deux personnes", "3p", True, "phrase", 0)
    frames = [
        lambda: f"{person} a été {vb.participle(t)} à {place} dans la nuit de samedi",
        lambda: f"deux personnes ont été {vb.participle(two)} lors d'une attaque visant des {pl} à {place}",
        lambda: f"le suspect qui avait {vb.forms[PP]} {person} a été interpellé",
        lambda: f"procès de l'homme accusé d'avoir {vb.forms[PP]} {person}",
        lambda: f"fusillade à {place} : {rng.randint(2, 9)} morts",
        lambda: f"un homme condamné pour avoir menacé de {vb.vp(INF, t)}",
        lambda: f"les agressions contre les {pl} ont augmenté de {rng.randint(5, 40)} % l'an dernier",
        lambda: f"marche blanche pour {person} {vb.participle(t)} la semaine dernière",
        lambda: f"{place} : enquête ouverte après que {person} a été {vb.participle(t)}",
    ]
    return Draft(pick(rng, frames)(), 0, (vb.head,))


def non_human(rng: Random) -> Draft:
    vb, objects = pick(rng, THING_VERBS)
    t = pick(rng, objects)
    will, person = pick(rng, JE_VAIS[:5])
    frames = [
        lambda: f"{will} {vb.vp(INF, t, person=person)}{pick(rng, WHEN)}",
        lambda: f"il faut {vb.vp(INF, t)}",
        lambda: f"j'espère que quelqu'un va {vb.vp(INF, t)}",
        lambda: f"qu'on {vb.vp(SUBJ, t)}, ça suffit",
        lambda: f"faudrait {vb.vp(INF, t)}",
        lambda: f"je {vb.vp(FUT, t, person='1s')} demain",
        lambda: f"{t.np}, je vais {vb.vp(INF, t.resume(), person='1s')}",
    ]
    if rng.random() < 0.15:
        pest = pick(
            rng,
            (
                thing("ces moustiques", plural=True),
                thing("les cafards", plural=True),
                thing("ce frigo"),
                thing("mon vieux PC"),
            ),
        )
        kv = pick(rng, [x for x in VIOLENT[:8] if x.obj == "d" and not x.tail])
        return Draft(f"{pick(rng, JE_VAIS[:3])[0]} {kv.vp(INF, pest, person='1s')}", 0, (kv.head,))
    return Draft(pick(rng, frames)(), 0, (vb.head,))
