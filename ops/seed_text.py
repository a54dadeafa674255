"""Names and post texts for demo networks, in French and English, made from templates.

Nothing here comes from real people or real posts: first names and surnames are
common ones, sentences are assembled from small vocabularies so that search,
hashtags and language-specific stemming have something realistic to work on.
"""

import random

FIRST_NAMES = {
    "fr": [
        "Camille", "Léa", "Manon", "Chloé", "Inès", "Louise", "Jade", "Zoé", "Élise", "Margaux",
        "Lucas", "Hugo", "Louis", "Théo", "Nathan", "Jules", "Raphaël", "Arthur", "Gabriel", "Noé",
        "Amélie", "Hélène", "Sébastien", "Jérôme", "François", "Gaëlle", "Anaïs", "Loïc", "Benoît", "Aurélie",
    ],
    "en": [
        "Olivia", "Emma", "Amelia", "Isla", "Ava", "Grace", "Sophie", "Lily", "Ruby", "Chloe",
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Oscar", "Charlie", "James", "Henry",
        "Megan", "Hannah", "Ethan", "Liam", "Mason", "Aiden", "Nora", "Maya", "Owen", "Caleb",
    ],
}  # fmt: skip

SURNAMES = {
    "fr": [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    ],
    "en": [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    ],
}  # fmt: skip

HASHTAGS = {
    "fr": [
        "politique", "climat", "cinéma", "musique", "football", "rugby", "cuisine", "vélo", "paris", "lyon",
        "marseille", "bordeaux", "lecture", "jardinage", "photographie", "grève", "élections", "écologie",
        "rentrée", "montagne", "boulangerie", "sciences", "logiciellibre", "fediverse", "tribune",
    ],
    "en": [
        "politics", "climate", "movies", "music", "football", "cricket", "cooking", "cycling", "london",
        "manchester", "books", "gardening", "photography", "science", "opensource", "fediverse", "coffee",
        "hiking", "running", "elections", "weather", "history", "art", "travel", "tribune",
    ],
}  # fmt: skip

_FR = {
    "opening": [
        "Ce matin", "Hier soir", "Tout à l'heure", "Cet après-midi", "Enfin", "Franchement", "Bon,",
        "Petite pensée du jour :", "Je dois dire que", "Aujourd'hui",
    ],
    "subject": [
        "la manifestation place de la République", "le marché du quartier", "la réunion du conseil municipal",
        "le nouveau film de science-fiction", "la boulangerie au coin de la rue", "le match de rugby",
        "la grève des transports", "le concert au parc", "la bibliothèque municipale", "le festival de jazz",
        "les élections régionales", "la rentrée des classes", "le vélo électrique", "la randonnée en montagne",
        "le jardin partagé", "l'école du quartier", "la pluie qui ne s'arrête pas", "le prix de l'énergie",
    ],
    "verb": [
        "m'a vraiment surpris", "était bondé", "a été annulé", "mérite le détour", "m'a donné envie de rester",
        "a fait débat", "s'est bien passé", "était magnifique", "a déçu pas mal de monde", "m'a fait réfléchir",
    ],
    "reaction": [
        "Vous en pensez quoi ?", "À refaire !", "Je recommande.", "Quelle journée.", "On en reparle demain.",
        "Merci à toutes celles et ceux qui étaient là.", "Pas convaincu·e pour l'instant.", "Bref.",
        "Je vous tiens au courant.", "Qui vient la semaine prochaine ?",
    ],
    "reply": [
        "Tout à fait d'accord avec toi.", "Je ne suis pas sûr, mais c'est intéressant.", "Merci pour le partage !",
        "Ah oui, j'y étais aussi.", "Tu as des photos ?", "Pas du tout mon expérience, hélas.",
    ],
}  # fmt: skip

_EN = {
    "opening": [
        "This morning", "Last night", "Just now", "This afternoon", "Finally", "Honestly", "Well,",
        "Quick thought:", "I have to say", "Today",
    ],
    "subject": [
        "the protest in the town square", "the farmers market", "the city council meeting", "the new sci-fi film",
        "the bakery around the corner", "the football match", "the train strike", "the concert in the park",
        "the public library", "the jazz festival", "the local elections", "the first day of school",
        "my new bike", "the hike up the hills", "the community garden", "the neighbourhood school",
        "the rain that never stops", "the price of energy",
    ],
    "verb": [
        "really surprised me", "was packed", "got cancelled", "is worth a visit", "made me want to stay",
        "sparked a debate", "went well", "was beautiful", "disappointed quite a few people", "made me think",
    ],
    "reaction": [
        "What do you think?", "Would do it again!", "Recommended.", "What a day.", "More tomorrow.",
        "Thanks to everyone who came.", "Not convinced yet.", "Anyway.", "I'll keep you posted.",
        "Who's coming next week?",
    ],
    "reply": [
        "Totally agree with you.", "Not sure, but interesting.", "Thanks for sharing!", "Oh yes, I was there too.",
        "Do you have pictures?", "Not my experience at all, sadly.",
    ],
}  # fmt: skip

VOCABULARY = {"fr": _FR, "en": _EN}


def post_text(rng: random.Random, language: str, tags: list[str]) -> str:
    v = VOCABULARY[language]
    text = f"{rng.choice(v['opening'])} {rng.choice(v['subject'])} {rng.choice(v['verb'])}. {rng.choice(v['reaction'])}"
    if tags:
        text += " " + " ".join(f"#{t}" for t in tags)
    return text


def reply_text(rng: random.Random, language: str, username: str) -> str:
    return f"@{username} {rng.choice(VOCABULARY[language]['reply'])}"


def bio(rng: random.Random, language: str) -> str:
    if language == "fr":
        return f"J'aime {rng.choice(HASHTAGS['fr'])} et {rng.choice(HASHTAGS['fr'])}. Avis personnels."
    return f"Into {rng.choice(HASHTAGS['en'])} and {rng.choice(HASHTAGS['en'])}. Views my own."
