"""The generated training examples: deterministic, every class in both languages, labelled
as each class declares, distinct, noised in every class, and grammatical where the
grammar is rule-driven (French clitics, moods and agreement; English particles)."""

import re
from collections import Counter
from random import Random

import pytest

from moderation.learning.augment import CLASSES, FRAMES, LANGUAGES, NOISE_KINDS, generate, lexicon_sizes, obfuscate
from moderation.learning.augment import en_lexicon as en
from moderation.learning.augment import fr_lexicon as fr
from moderation.learning.augment.en_verbs import v
from moderation.learning.augment.fr_grammar import FUT, IMP, INF, PERF, SUBJ, Target, Verb, contract, tidy
from moderation.learning.data import Example

N = 40


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return generate(n_per_class=N, seed=7)


def as_rows(examples: list[Example]) -> list[tuple]:
    return [(e.id, e.text, e.lang, e.labels, e.source) for e in examples]


def test_same_seed_same_examples_and_another_seed_others(examples):
    assert as_rows(generate(n_per_class=N, seed=7)) == as_rows(examples)
    other = {e.text for e in generate(n_per_class=N, seed=8)}
    assert len(other & {e.text for e in examples}) < len(examples) // 4


def test_sizes_and_every_class_in_both_languages(examples):
    assert len(examples) == N * len(CLASSES) * len(LANGUAGES)
    counts = Counter((e.lang, e.source) for e in examples)
    assert counts == {(lang, f"augment/{name}"): N for lang in LANGUAGES for name in CLASSES}
    assert generate(n_per_class=0) == []
    french = generate(n_per_class=5, languages=("fr",))
    assert len(french) == 5 * len(CLASSES)
    assert {e.lang for e in french} == {"fr"}
    # A class's examples do not depend on which other languages were asked for.
    assert as_rows(french) == as_rows([e for e in generate(n_per_class=5) if e.lang == "fr"])


def test_ids_name_language_class_and_rank(examples):
    assert len({e.id for e in examples}) == len(examples)
    for e in examples:
        lang, name, rank = re.fullmatch(r"aug-(en|fr)-([a-z_]+)-(\d+)", e.id).groups()
        assert (lang, f"augment/{name}") == (e.lang, e.source)
        assert int(rank) < N


def test_no_duplicates(examples):
    keys = Counter(re.sub(r"[\W_]+", " ", e.text.casefold()).strip() for e in examples)
    assert keys.most_common(1)[0][1] == 1


def test_labels_as_each_class_declares(examples):
    assert {c.violence for c in CLASSES.values()} == {0, 1}
    for e in examples:
        cls = CLASSES[e.source.removeprefix("augment/")]
        assert e.labels["violence"] == cls.violence
        expected = {"never": {0}, "always": {1}, "target": {0, 1, None}}[cls.hate]
        assert e.labels["hate"] in expected, e
    for lang in LANGUAGES:
        group_threats = [e.labels["hate"] for e in examples if e.lang == lang and e.source == "augment/threat_group"]
        assert {0, 1} <= set(group_threats)  # protected groups and others (cops, journalists)
        pronoun_threats = [
            e.labels["hate"] for e in examples if e.lang == lang and e.source == "augment/threat_pronoun"
        ]
        assert None in pronoun_threats and 0 in pronoun_threats  # "them" says nothing of whom; "you" is no group


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hate_follows_the_group_attacked(lang):
    """A threat against a protected group is hateful; against cops or journalists it is not."""
    groups = [(g[1], g[2]) for g in en.GROUPS] if lang == "en" else [(g[1], g[3]) for g in fr.GROUPS]
    rng = Random(1)
    for _ in range(300):
        draft = FRAMES[lang]["threat_group"](rng)
        named = {prot for plural, prot in groups if re.search(rf"\b{re.escape(plural)}\b", draft.text, re.IGNORECASE)}
        assert named, draft.text
        if named == {True}:
            assert draft.hate == 1, draft.text
        elif named == {False}:
            assert draft.hate == 0, draft.text


def test_violent_and_lookalike_classes_share_length_and_noise(examples):
    """Neither shortness nor misspelling may tell the label: both appear on both sides."""
    spaced = re.compile(r"\b(?:[^\W\d_][ .*-]){3,}[^\W\d_]\b")
    leet = re.compile(r"[^\W\d_][0-9@$!][^\W\d_]")
    for lang in LANGUAGES:
        for violence in (0, 1):
            texts = [e.text for e in examples if e.lang == lang and e.labels["violence"] == violence]
            assert any(spaced.search(t) for t in texts)
            assert any(leet.search(t) for t in texts)
            assert any(len(t.split()) <= 5 for t in texts)
            assert any(len(t.split()) >= 18 for t in texts)
        lengths = {v: [len(e.text) for e in examples if e.lang == lang and e.labels["violence"] == v] for v in (0, 1)}
        means = [sum(x) / len(x) for x in lengths.values()]
        assert 0.75 < means[0] / means[1] < 1.33


@pytest.mark.parametrize("kind", NOISE_KINDS)
def test_each_noise_kind_changes_the_text(kind):
    rng = Random(3)
    for text in ("I'm going to kill you tomorrow", "Je vais te buter ce soir", "qu'ils crèvent tous"):
        noisy = obfuscate(text, kind, rng)
        assert noisy != text
        if kind == "swap":
            assert sorted(noisy) == sorted(text)
        elif kind == "drop":
            assert len(noisy) == len(text) - 1
        elif kind == "glue":
            assert noisy.count(" ") == text.count(" ") - 1 and noisy.replace(" ", "") == text.replace(" ", "")
        elif kind == "spaced":
            assert len(noisy.split()) > len(text.split()) or re.search(r"\w[.*-]\w[.*-]\w", noisy)
        elif kind == "leet":
            assert re.search(r"[0-9@$!]", noisy)


def test_noise_aims_at_the_word_asked_and_refuses_unknown_kinds():
    assert obfuscate("we will kill them all", "spaced", Random(0), word="kill") in {
        f"we will {sep.join('kill')} them all" for sep in (" ", ".", "-", "*")
    }
    with pytest.raises(ValueError, match="unknown noise kind"):
        obfuscate("text", "rot13", Random(0))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="unknown language"):
        generate(languages=("de",))
    with pytest.raises(ValueError, match="0 or more"):
        generate(n_per_class=-1)


def fr_(verb: Verb, form: int, target: Target, **kw) -> str:
    return tidy(verb.vp(form, target, **kw))


TOI = Target(None, "2s", False, "pronoun", 0)
EUX = Target(None, "3p", False, "pronoun", None)
ELLES = Target(None, "3p", True, "pronoun", None)
CE_MEC = Target("ce mec", "3s", False, "phrase", 0)
LES_FLICS = Target("les flics", "3p", False, "group", 0)


def test_french_clitics_moods_and_agreement():
    tuer, pendre = Verb("tuer"), Verb("pendre")
    disappear = Verb("faire", tail="disparaître", np_last=True, passive_ok=False)
    settle = Verb("régler", obj="i", tail="{poss_m} compte", passive_ok=False)
    deal = Verb("occuper", obj="de", refl=True, tail="une bonne fois pour toutes")
    rid = Verb("débarrasser", obj="de", refl=True, tail="pour de bon")
    assert "je vais " + fr_(tuer, INF, TOI, person="1s") == "je vais te tuer"
    assert tidy("je " + tuer.vp(FUT, TOI)) == "je te tuerai"
    assert tidy("je " + Verb("égorger").vp(FUT, CE_MEC)) == "j'égorgerai ce mec"
    assert tidy("qu'on " + pendre.vp(SUBJ, EUX) + pendre.tous(EUX)) == "qu'on les pende tous"
    assert fr_(pendre, IMP, ELLES) + pendre.tous(ELLES) == "pendez-les toutes"
    assert fr_(disappear, IMP, EUX) == "faites-les disparaître"
    assert fr_(disappear, INF, CE_MEC) == "faire disparaître ce mec"
    assert (
        tidy("pourquoi personne ne " + pendre.vp(PERF, ELLES, adv="encore"))
        == "pourquoi personne ne les a encore pendues"
    )
    assert (
        tidy("pourquoi personne ne " + pendre.vp(PERF, CE_MEC, adv="encore"))
        == "pourquoi personne n'a encore pendu ce mec"
    )
    assert fr_(settle, INF, LES_FLICS) == "régler leur compte aux flics"
    assert fr_(settle, INF, Target(None, "3s", True, "pronoun", 0)) == "lui régler son compte"
    assert fr_(deal, INF, EUX, person="1s") == "m'occuper d'eux une bonne fois pour toutes"
    assert fr_(rid, INF, Target(None, "3s", False, "thing", 0), person="1s") == "m'en débarrasser pour de bon"
    assert tuer.participle(ELLES) == "tuées"
    assert contract("de", "le maire") == "du maire" and contract("à", "les juges") == "aux juges"
    assert tidy("si il le croise, que il le dise") == "s'il le croise, qu'il le dise"


def test_english_particles_and_passives():
    hunt = v("hunt", "{o} down")
    phrase = en.Target("the guy who lives downstairs", "", None, False, False, "phrase", 0, en.HIM)
    him = en.Target("him", "he", "his", False, False, "pronoun", 0, en.HIM)
    assert hunt.vp(en.BASE, phrase) == "hunt down the guy who lives downstairs"
    assert hunt.vp(en.PAST, him) == "hunted him down"
    assert v("line", "{o} up against a wall").passive() == "lined up against a wall"
    assert v("slit", "{p} throat", past="slit", double=True).passive() is None
    assert v("stab", double=True).vp(en.ING, him) == "stabbing him"


def test_lexicon_sizes_are_reported_for_both_languages():
    sizes = lexicon_sizes()
    assert set(sizes) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert sizes[lang]["violent verb phrases"] >= 30
        assert sizes[lang]["groups (protected)"] >= 15 and sizes[lang]["groups (not protected)"] >= 15
