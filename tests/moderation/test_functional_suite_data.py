"""The shape of the hand-written functional suite (tests/moderation/data/functional_suite.csv).

The suite's content is described in tests/moderation/data/README.md; these tests keep the file usable
as a regression set: every class present in both languages, labels that follow the class, no repeats.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

SUITE = Path(__file__).parent / "data" / "functional_suite.csv"
HELD_OUT = Path(__file__).parent / "data" / "heldout_suite.csv"
# Each suite: rows per class and per language at least, and its ids' prefix.
SUITES = {SUITE: (12, 450, ""), HELD_OUT: (8, 200, "h-")}
COLUMNS = ["id", "lang", "class", "label_violence", "label_hate", "text"]
LANGS = ("en", "fr")
MAX_WORDS = 60

VIOLENT_CLASSES = (
    "direct_threat_pronoun",
    "direct_threat_nounphrase",
    "direct_threat_group",
    "norm",
    "wish",
    "verdict",
    "elimination_euphemism",
    "question_call",
    "opinion_call",
    "imperative_call",
    "spelling_swap",
    "spelling_drop",
    "spelling_glue",
    "spelling_spaced",
    "spelling_leet",
)
LOOKALIKE_CLASSES = (
    "negated",
    "counter_quote",
    "counter_report",
    "protective",
    "idiom",
    "benign_intention",
    "profanity",
    "hate_nonviolent",
    "neutral_group",
    "news",
    "animals_objects",
    "fiction_games",
)
ALL_CLASSES = VIOLENT_CLASSES + LOOKALIKE_CLASSES


@pytest.fixture(scope="module", params=list(SUITES), ids=lambda path: path.stem)
def suite(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def rows(suite) -> list[dict[str, str]]:
    with suite.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, strict=True)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_every_row_has_exactly_the_six_columns(suite):
    with suite.open(encoding="utf-8", newline="") as f:
        lengths = Counter(len(record) for record in csv.reader(f, strict=True))
    assert list(lengths) == [len(COLUMNS)]


def test_both_languages_and_only_known_classes(suite, rows):
    assert {r["lang"] for r in rows} == set(LANGS)
    assert {r["class"] for r in rows} <= set(ALL_CLASSES)
    per_lang = Counter(r["lang"] for r in rows)
    for lang in LANGS:
        assert per_lang[lang] >= SUITES[suite][1], (lang, per_lang[lang])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_every_class_in_every_language_has_enough_rows(suite, rows, lang, cls):
    n = sum(1 for r in rows if r["lang"] == lang and r["class"] == cls)
    assert n >= SUITES[suite][0]


def test_ids_are_unique_and_name_language_and_class(suite, rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    prefix = SUITES[suite][2]
    for r in rows:
        assert re.fullmatch(rf"{prefix}{r['lang']}-{r['class']}-\d{{2,}}", r["id"]), r["id"]


def test_labels_are_binary_and_hate_may_be_unknown(rows):
    for r in rows:
        assert r["label_violence"] in ("0", "1"), r["id"]
        assert r["label_hate"] in ("0", "1", ""), r["id"]


def test_violence_label_follows_the_class(rows):
    for r in rows:
        expected = "1" if r["class"] in VIOLENT_CLASSES else "0"
        assert r["label_violence"] == expected, r["id"]


def test_hateful_lookalikes_are_labelled_hateful_and_the_rest_are_not(rows):
    for r in rows:
        if r["class"] == "hate_nonviolent":
            assert r["label_hate"] == "1", r["id"]
        elif r["class"] in LOOKALIKE_CLASSES:
            assert r["label_hate"] == "0", r["id"]


def test_texts_are_present_short_and_never_repeated(rows):
    seen: dict[str, str] = {}
    for r in rows:
        text = r["text"]
        assert text == text.strip() and text, r["id"]
        assert len(text.split()) <= MAX_WORDS, r["id"]
        key = " ".join(text.casefold().split())
        assert key not in seen, (r["id"], seen.get(key))
        seen[key] = r["id"]
