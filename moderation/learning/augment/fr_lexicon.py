"""French lexicons: targets (pronouns, noun phrases, people, groups, things) and verb
phrases (violent verbs and euphemisms, their harmless twins, sport, games, things)."""

from random import Random

from moderation.learning.augment.common import pick
from moderation.learning.augment.fr_grammar import Target, Verb

PRONOUNS = (
    Target(None, "2s", False, "pronoun", 0),
    Target(None, "2s", False, "pronoun", 0),
    Target(None, "2p", False, "pronoun", 0),
    Target(None, "3s", False, "pronoun", 0),
    Target(None, "3s", True, "pronoun", 0),
    Target(None, "3p", False, "pronoun", None),
    Target(None, "3p", False, "pronoun", None),
    Target(None, "3p", True, "pronoun", None),
)
ME = Target(None, "1s", False, "self", 0)

# Noun phrases: indefinite, demonstrative, people and roles (phrase, feminine).
PHRASES: tuple[tuple[str, bool], ...] = (
    ("ce mec", False),
    ("ce type", False),
    ("ce connard", False),
    ("cette folle", True),
    ("ce bouffon", False),
    ("un de ces types", False),
    ("un de ces mecs", False),
    ("une de ces meufs", True),
    ("le premier que je croise", False),
    ("le prochain qui me parle mal", False),
    ("celui qui a fait ça", False),
    ("celle qui a fait ça", True),
    ("le mec d'en face", False),
    ("le voisin du dessus", False),
    ("la voisine du dessus", True),
    ("mon voisin", False),
    ("ma voisine", True),
    ("le maire", False),
    ("la maire", True),
    ("le prof", False),
    ("la prof", True),
    ("mon ex", False),
    ("mon ex", True),
    ("mon patron", False),
    ("ma patronne", True),
    ("le proprio", False),
    ("l'arbitre", False),
    ("le président", False),
    ("ce journaliste", False),
    ("cette journaliste", True),
    ("le juge", False),
    ("mon beau-frère", False),
    ("mon collègue", False),
    ("ma collègue", True),
    ("le gérant", False),
    ("@kevin_du_93", False),
    ("@marie.l", True),
    ("ce mec-là", False),
    ("cet abruti", False),
    ("cet enfoiré", False),
    ("quiconque me cherche", False),
    ("le livreur", False),
    ("ce flic", False),
    ("le conseiller municipal", False),
)

# Groups: (singular, plural, feminine, protected). Protected groups get hate = 1 when attacked.
GROUPS: tuple[tuple[str, str, bool, bool], ...] = (
    ("musulman", "musulmans", False, True),
    ("musulmane", "musulmanes", True, True),
    ("juif", "juifs", False, True),
    ("noir", "noirs", False, True),
    ("arabe", "arabes", False, True),
    ("immigré", "immigrés", False, True),
    ("migrant", "migrants", False, True),
    ("réfugié", "réfugiés", False, True),
    ("homo", "homos", False, True),
    ("trans", "trans", False, True),
    ("femme", "femmes", True, True),
    ("Rom", "Roms", False, True),
    ("gitan", "gitans", False, True),
    ("handicapé", "handicapés", False, True),
    ("chrétien", "chrétiens", False, True),
    ("asiatique", "asiatiques", False, True),
    ("lesbienne", "lesbiennes", True, True),
    ("étranger", "étrangers", False, True),
    ("Africain", "Africains", False, True),
    ("Maghrébin", "Maghrébins", False, True),
    ("gay", "gays", False, True),
    ("Chinois", "Chinois", False, True),
    ("flic", "flics", False, False),
    ("keuf", "keufs", False, False),
    ("policier", "policiers", False, False),
    ("journaliste", "journalistes", False, False),
    ("politicien", "politiciens", False, False),
    ("député", "députés", False, False),
    ("banquier", "banquiers", False, False),
    ("propriétaire", "propriétaires", False, False),
    ("patron", "patrons", False, False),
    ("riche", "riches", False, False),
    ("arbitre", "arbitres", False, False),
    ("juge", "juges", False, False),
    ("prof", "profs", False, False),
    ("élu", "élus", False, False),
    ("ministre", "ministres", False, False),
    ("chasseur", "chasseurs", False, False),
    ("végan", "végans", False, False),
    ("cycliste", "cyclistes", False, False),
    ("touriste", "touristes", False, False),
    ("facho", "fachos", False, False),
    ("gauchiste", "gauchistes", False, False),
    ("bourgeois", "bourgeois", False, False),
    ("influenceur", "influenceurs", False, False),
    ("syndicaliste", "syndicalistes", False, False),
    ("contrôleur", "contrôleurs", False, False),
    ("huissier", "huissiers", False, False),
    ("gilet jaune", "gilets jaunes", False, False),
)

VOWEL = tuple("aeiouyàâéèêëîïôûœAEIOUYÉÈ") + ("hu", "ho")


def ce(noun: str, fem: bool) -> str:
    return ("cette " if fem else "cet " if noun.startswith(VOWEL) else "ce ") + noun


def le(noun: str, fem: bool) -> str:
    return ("l'" if noun.startswith(VOWEL) else "la " if fem else "le ") + noun


def group_nps(pl: str, fem: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(object forms, subject forms) of a group."""
    tous = "toutes" if fem else "tous"
    return (
        (f"les {pl}", f"les {pl}", f"ces {pl}", f"{tous} les {pl}", f"{tous} ces {pl}"),
        (f"les {pl}", f"ces {pl}", f"{tous} ces {pl}", f"les {pl}"),
    )


def group_target(rng: Random, *, protected: bool | None = None, subject: bool = False) -> Target:
    sg, pl, fem, prot = pick(rng, [g for g in GROUPS if protected is None or g[3] == protected])
    objects, subjects = group_nps(pl, fem)
    return Target(pick(rng, subjects if subject else objects), "3p", fem, "group", int(prot))


# Noun phrases built on a group, (masculine, feminine): "le premier musulman que je croise".
GROUP_PHRASE = (
    ("le premier {sg} que je croise", "la première {sg} que je croise"),
    ("le prochain {sg} qui passe", "la prochaine {sg} qui passe"),
    ("un de ces {pl}", "une de ces {pl}"),
    ("n'importe quel {sg} qui me regarde", "n'importe quelle {sg} qui me regarde"),
    ("{le} du troisième", "{le} du troisième"),
    ("{ce} du boulot", "{ce} du boulot"),
)


def group_phrase(rng: Random) -> Target:
    sg, pl, fem, prot = pick(rng, GROUPS)
    template = pick(rng, GROUP_PHRASE)[fem]
    return Target(template.format(sg=sg, pl=pl, le=le(sg, fem), ce=ce(sg, fem)), "3s", fem, "phrase", int(prot))


def phrase_target(rng: Random) -> Target:
    if rng.random() < 0.3:
        return group_phrase(rng)
    np, fem = pick(rng, PHRASES)
    return Target(np, "3s", fem, "phrase", 0)


def pronoun_target(rng: Random, *, third: bool = False) -> Target:
    return pick(rng, [t for t in PRONOUNS if not third or t.person.startswith("3")])


def any_target(rng: Random, weights: tuple[float, float] = (0.3, 0.35), *, third: bool = False, subject: bool = False) -> Target:  # fmt: skip
    """A pronoun, a noun phrase or a group (the rest), in these proportions."""
    roll = rng.random()
    if roll < weights[0]:
        return pronoun_target(rng, third=third)
    if roll < weights[0] + weights[1]:
        return phrase_target(rng)
    return group_target(rng, subject=subject)


def group_name(rng: Random, *, protected: bool | None = None) -> tuple[str, str, bool]:
    sg, pl, fem, _ = pick(rng, [g for g in GROUPS if protected is None or g[3] == protected])
    return sg, pl, fem


V = Verb
VIOLENT = (
    V("tuer"),
    V("tuer"),
    V("buter"),
    V("buter"),
    V("crever", passive_ok=False),
    V("flinguer"),
    V("égorger"),
    V("pendre"),
    V("pendre", tail="au bout d'une corde"),
    V("brûler"),
    V("fusiller"),
    V("éliminer"),
    V("descendre"),
    V("abattre"),
    V("poignarder"),
    V("étrangler"),
    V("massacrer"),
    V("lyncher"),
    V("saigner"),
    V("défoncer"),
    V("tabasser"),
    V("achever"),
    V("exécuter"),
    V("décapiter"),
    V("fumer"),
    V("noyer"),
    V("étriper"),
    V("lapider"),
    V("cramer"),
    V("régler", obj="i", tail="{poss_m} compte", passive_ok=False),
    V("faire", tail="disparaître", np_last=True, passive_ok=False),
    V("faire", obj="i", tail="la peau", passive_ok=False),
    V("casser", obj="i", tail="la gueule", passive_ok=False),
    V("mettre", obj="i", tail="une balle dans la tête", passive_ok=False),
    V("foutre", obj="i", tail="une balle", passive_ok=False),
    V("fracasser", obj="i", tail="le crâne", passive_ok=False),
    V("envoyer", tail="six pieds sous terre"),
    V("aligner", tail="contre un mur"),
    V("incendier", obj="p", possessed=("maison", True)),
    V("brûler", obj="p", possessed=("baraque", True)),
    V("occuper", obj="de", refl=True, tail="une bonne fois pour toutes"),
    V("occuper", obj="de", refl=True, tail="définitivement"),
)
ELIMINATE = (
    V("éliminer"),
    V("éliminer"),
    V("exterminer"),
    V("liquider"),
    V("faire", tail="disparaître", np_last=True, passive_ok=False),
    V("rayer", tail="de la carte"),
    V("effacer", tail="de la surface de la terre"),
    V("débarrasser", obj="de", refl=True, tail="pour de bon"),
    V("gazer"),
    V("éradiquer"),
)
# The attacks news and victims report ("a été poignardé", "s'est fait tabasser").
ATTACK = (V("tuer"), V("poignarder"), V("tabasser"), V("agresser"), V("abattre"), V("étrangler"), V("lyncher"), V("frapper"), V("battre"))  # fmt: skip

# First-person intentions with the same grammar and nothing violent in them.
HARMLESS = (
    V("appeler"),
    V("appeler", tail="demain"),
    V("inviter", tail="à dîner"),
    V("aider", tail="à déménager"),
    V("remercier"),
    V("féliciter"),
    V("écrire", obj="i"),
    V("envoyer", obj="i", tail="les photos"),
    V("faire", obj="i", tail="un gâteau"),
    V("faire", obj="i", tail="une surprise"),
    V("chercher", tail="à la gare"),
    V("emmener", tail="au zoo"),
    V("présenter", tail="à mes parents"),
    V("serrer", tail="dans mes bras"),
    V("rappeler", tail="ce soir"),
    V("voir", tail="ce week-end"),
    V("soutenir"),
    V("accueillir", tail="à la maison"),
    V("garder", tail="ce week-end"),
    V("occuper", obj="de", refl=True, tail="ce week-end"),
    V("payer", obj="i", tail="un verre"),
    V("apprendre", obj="i", tail="à nager"),
    V("prêter", obj="i", tail="ma voiture"),
    V("préparer", obj="i", tail="un bon repas"),
    V("souhaiter", obj="i", tail="bon anniversaire"),
    V("offrir", obj="i", tail="des fleurs"),
    V("consoler"),
    V("rejoindre", tail="au café"),
    V("faire", tail="rire", np_last=True),
    V("aligner", tail="pour la photo"),
    V("envoyer", tail="en vacances"),
    V("mettre", obj="i", tail="un petit mot"),
    V("régler", obj="i", tail="la facture"),
    V("emmener", tail="au cinéma"),
    V("raccompagner"),
    V("réconforter"),
)
SPORT = (
    V("exploser"),
    V("écraser"),
    V("détruire"),
    V("massacrer"),
    V("démonter"),
    V("enterrer"),
    V("défoncer"),
    V("atomiser"),
    V("laminer"),
    V("fumer"),
    V("éclater"),
    V("mettre", obj="i", tail="une raclée"),
    V("mettre", obj="i", tail="une branlée"),
    V("mettre", obj="i", tail="une fessée"),
    V("tuer"),
    V("battre"),
)
GAME = (V("buter"), V("tuer"), V("défoncer"), V("exploser"), V("fumer"), V("flinguer"), V("massacrer"), V("détruire"), V("abattre"), V("éclater"), V("mettre", obj="i", tail="une raclée"))  # fmt: skip


def thing(np: str, *, plural: bool = False, fem: bool = False) -> Target:
    return Target(np, "3p" if plural else "3s", fem, "thing", 0)


# Verbs of harm aimed at things, animals and abstractions: (verb, objects it takes).
THING_VERBS: tuple[tuple[Verb, tuple[Target, ...]], ...] = (
    (V("exploser"), (thing("ce vieux PC"), thing("ce vieil ordi"), thing("mon record"))),
    (V("tuer"), (thing("les mauvaises herbes", plural=True, fem=True), thing("ce processus"), thing("le temps"), thing("ce projet de loi"))),
    (V("buter"), (thing("ces moustiques", plural=True), thing("ces moucherons", plural=True), thing("ce boss final"))),
    (V("exterminer"), (thing("les cafards", plural=True), thing("les punaises de lit", plural=True, fem=True), thing("les rats de la cave", plural=True))),
    (V("éliminer"), (thing("la pauvreté", fem=True), thing("les doublons", plural=True), thing("les fautes d'orthographe", plural=True, fem=True))),
    (V("brûler"), (thing("mes vieux cahiers", plural=True), thing("les feuilles mortes", plural=True, fem=True), thing("les calories", plural=True, fem=True))),
    (V("pendre"), (thing("le linge"), thing("les rideaux", plural=True), thing("le tableau dans l'entrée"))),
    (V("abattre"), (thing("ce vieil arbre"), thing("le mur du garage"), thing("le sanglier"))),
    (V("écraser"), (thing("l'ail"), thing("les pommes de terre", plural=True, fem=True), thing("les noix", plural=True, fem=True))),
    (V("descendre"), (thing("la poubelle", fem=True), thing("les poubelles", plural=True, fem=True), thing("les cartons", plural=True))),
    (V("faire", tail="disparaître", np_last=True), (thing("cette tache", fem=True), thing("les cernes", plural=True), thing("le désordre"))),
    (V("aligner", tail="contre le mur"), (thing("les chaises", plural=True, fem=True), thing("les cartons", plural=True), thing("les vélos", plural=True))),
    (V("régler", tail="une bonne fois pour toutes"), (thing("ce problème"), thing("cette histoire", fem=True), thing("la fuite d'eau", fem=True))),
    (V("occuper", obj="de", refl=True, tail="une bonne fois pour toutes"), (thing("le jardin"), thing("la paperasse", fem=True), thing("les mauvaises herbes", plural=True, fem=True))),
    (V("noyer"), (thing("mon chagrin"), thing("le poisson"))),
    (V("massacrer"), (thing("cette chanson", fem=True), thing("le karaoké"))),
    (V("flinguer"), (thing("ce logiciel"), thing("l'imprimante", fem=True), thing("mon forfait"))),
    (V("achever"), (thing("ce dossier"), thing("la vaisselle", fem=True), thing("ce roman"))),
    (V("débarrasser", obj="de", refl=True, tail="pour de bon"), (thing("ces souris", plural=True, fem=True), thing("ce vieux canapé"), thing("les fourmis", plural=True, fem=True))),
    (V("crever"), (thing("l'abcès"), thing("le ballon"))),
    (V("exécuter"), (thing("le programme"), thing("ce script"), thing("la commande", fem=True))),
    (V("cramer"), (thing("les calories", plural=True, fem=True), thing("mon forfait"))),
    (V("saigner"), (thing("le radiateur"), thing("les freins", plural=True))),
)  # fmt: skip
