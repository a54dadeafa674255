"""The pure scorers: obfuscation, negation, counter-speech and hate-versus-violence, in French and English."""

import pytest

from moderation.scoring import CombinedScorer, RuleScorer, RuleSpec
from moderation.scoring.normalize import normalize
from moderation.scoring.rules import PatternError, compile_pattern
from moderation.scoring.threats import language, read_words

rules = RuleScorer()


def violent(text: str, lang: str) -> float:
    return rules.score(text, lang).violent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I will K I L L you!!!", "i wil kil you"),
        ("je vais te tuuuuer", "je vais te tuer"),
        ("k1ll y0u", "kil you"),
        ("Je vais te b.u.t.e.r", "je vais te buter"),
        ("ÉGORGER", "egorger"),
        ("in 2024 I kill!", "in 2024 i kil"),
        ("k\u200bill you", "kil you"),
    ],
)
def test_normalisation_undoes_obfuscation(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        # Everyday words around the act, an apostrophe gone, a doubled letter shared by two words.
        ("I'mgoingtoshoothim tomorrow", "en", "i m going to shot him tomorow"),
        ("beattheshitoutofeverygayyousee", "en", "beat the shit out of every gay you se"),
        ("thejudgedeservesarope", "en", "the judge deserves a rope"),
        ("i'llfindyouandburyyou", "en", "i l find you and bury you"),
        # A stem and its ending: "fusill*", "massacr*".
        ("lesarabesfautlesfusiller", "fr", "les arabes faut les fusiler"),
        ("onvalesmassacrer ce soir", "fr", "on va les masacrer ce soir"),
        # Long words that hold an act, a weapon or a frame word are left whole.
        ("Fusillade à Marseille", "fr", "fusilade a marseile"),
        ("Colonel Mustard, in the library", "en", "colonel mustard in the library"),
        ("nevertheless", "en", "nevertheles"),
        ("malheureusement", "fr", "malheureusement"),
    ],
)
def test_glued_words_are_split_only_around_an_act(text, lang, words):
    assert " ".join(read_words(text, language(lang))) == words


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("That was overkill, I will admit", "en"),
        ("Fusillade à Marseille : deux morts", "fr"),
        ("Colonel Mustard, with the rope", "en"),
    ],
)
def test_long_words_holding_an_act_are_not_threats(text, lang):
    assert violent(text, lang) < 0.3


@pytest.mark.parametrize(
    ("text", "lang", "violent_"),
    [
        # The object between a phrasal verb and its particle.
        ("I'll run him over if he shows his face again", "en", True),
        ("I'm going to run it over with the team tomorrow", "en", False),
        # A second verb after "and", with its object, belongs to the frame however far it is.
        ("I'm going to find a couple of those protesters tonight and split their heads open", "en", True),
        ("I'm going to watch that company crash and burn", "en", False),
        # Waiting for somebody with a weapon.
        ("I'll be waiting for him in the car park with a crowbar", "en", True),
        ("je l'attendrai à la sortie du lycée avec un couteau", "fr", True),
        ("I'll be waiting for you at the gym with a towel", "en", False),
        # A short noun phrase between a phrasal verb and its particle; the nearest frame decides.
        ("Run the protesters over, they're blocking the road!", "en", True),
        ("Run the numbers over the weekend", "en", False),
        ("un violeur, ça mérite pas la prison, ça mérite la mort", "fr", True),
        ("ça mérite pas la mort, juste la prison", "fr", False),
    ],
)
def test_threats_spread_over_a_sentence(text, lang, violent_):
    assert (violent(text, lang) >= 0.55) == violent_


@pytest.mark.parametrize(
    ("text", "lang"),
    [("thejudgedeservesarope honestly", "en"), ("lesgaysfautlesbrûler", "fr"), ("imgonnakillyou", "en")],
)
def test_glued_threats_score_violent(text, lang):
    assert violent(text, lang) >= 0.8


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I will kill you", "en"),
        ("I'm going to fucking murder you", "en"),
        ("i w1ll k i l l you", "en"),
        ("Im gonna SHOOOOT you tomorrow", "en"),
        ("I know where you live", "en"),
        ("je vais te tuer", "fr"),
        ("J'vais te b.u.t.e.r", "fr"),
        ("je te crève, tu vas mourir", "fr"),
        ("je vais t'égorger sale chien", "fr"),
        ("JE VAIS TE TUUUUER", "fr"),
    ],
)
def test_threats_score_violent(text, lang):
    assert violent(text, lang) >= 0.8


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("kill all the j3ws", "en"),
        ("someone should shoot him", "en"),
        ("they should all be hanged", "en"),
        ("death to traitors", "en"),
        ("il faut tous les pendre", "fr"),
        ("mort aux juifs", "fr"),
        ("tuez-les tous", "fr"),
        # Killing said otherwise, and calls put as questions.
        ("those traitors will be pushing up daisies soon", "en"),
        ("they deserve another holocaust", "en"),
        ("anyone up for beating up some immigrants tonight?", "en"),
        ("on devrait les envoyer manger les pissenlits par la racine", "fr"),
        ("ce qu'il faut, c'est un bon nettoyage ethnique", "fr"),
        ("y a personne pour aller les buter ?", "fr"),
    ],
)
def test_calls_to_violence_score_incitement(text, lang):
    assert rules.score(text, lang).scores["incitement"] >= 0.8


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I would never hurt anyone", "en"),
        ("I won't hurt you, I promise", "en"),
        ("I will not kill you", "en"),
        ('he said "I will kill you" and that\'s unacceptable', "en"),
        ("She told me he threatened to kill me", "en"),
        ("je ne vais pas te tuer", "fr"),
        ("Il a écrit « je vais te tuer », c'est inadmissible", "fr"),
        ("this movie killed me lol", "en"),
        ("I'm going to kill it at the gym today", "en"),
        ("nice weather today", "en"),
        ("on se voit demain pour le café ?", "fr"),
    ],
)
def test_negation_quotes_and_ordinary_text_are_not_violent(text, lang):
    assert violent(text, lang) < 0.3


@pytest.mark.parametrize(("text", "lang"), [("I hate immigrants", "en"), ("je hais les arabes", "fr")])
def test_hate_is_not_violence(text, lang):
    result = rules.score(text, lang)
    assert result.scores["hate"] >= 0.6
    assert result.violent < 0.3


def test_dehumanising_and_harassment_categories():
    assert rules.score("les migrants sont des rats", "fr").scores["hate"] >= 0.7
    assert rules.score("kill yourself", "en").scores["harassment"] >= 0.8
    assert rules.score("buy now, free money, click here http://a http://b", "en").scores["spam"] >= 0.6


def test_matches_name_rule_and_mitigation():
    result = rules.score("I won't hurt you", "en")
    assert result.matches and result.matches[0].mitigated == "negated"
    assert result.top_rule("violence") == ""
    assert rules.score("I will hurt you", "en").top_rule("violence") == "builtin:en:threat:intent"


def test_editable_rules_use_the_pattern_language():
    custom = RuleScorer([RuleSpec("db:1", "violence", 0.9, "{i_will} burn your house|car")])
    assert custom.score("I'll b u r n your car", "en").scores["violence"] == pytest.approx(0.9)
    assert custom.score("I'll wash your car", "en").scores["violence"] == 0.0
    regex = RuleScorer([RuleSpec("db:2", "spam", 0.7, r"\bcasino\b", is_regex=True)])
    assert regex.score("best CASINO", "").scores["spam"] == pytest.approx(0.7)
    with pytest.raises(PatternError):
        compile_pattern("{no_such_list} here")


def test_combined_scorer_damps_model_on_negated_threat():
    class Fixed:
        name = "fixed"

        def score(self, text, language="", context=None):
            from moderation.scoring.base import ScoreResult

            return ScoreResult(scores={"violence": 0.9, "hate": 0.2}, scorer="fixed")

    combined = CombinedScorer([RuleScorer(), Fixed()])
    assert combined.score("I would never kill you", "en").scores["violence"] < 0.55
    assert combined.score("I will kill you", "en").scores["violence"] >= 0.9
    assert combined.score("hello there", "en").scores["violence"] == pytest.approx(0.9)
