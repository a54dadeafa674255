"""`tribune moderation train|evaluate|retrain|simulate|bench|token` on small data made here."""

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from moderation.engine import current_scorer, reset
from moderation.learning import store
from moderation.models import AuditEntry, FlaggerToken

VIOLENT = [
    ("I will kill you tomorrow", "en"), ("I'm going to shoot you and your family", "en"),
    ("someone should stab him", "en"), ("we will burn your house down with you inside", "en"),
    ("I will find you and hurt you", "en"), ("you are dead meat, I will end you", "en"),
    ("je vais te tuer demain", "fr"), ("je vais te planter sale traître", "fr"),
    ("on va te retrouver et te défoncer", "fr"), ("il faut les pendre tous", "fr"),
    ("je vais brûler ta maison avec toi dedans", "fr"), ("tu vas crever ce soir", "fr"),
]  # fmt: skip
CALM = [
    ("lovely weather for a walk in the park", "en"), ("the council meeting is at six tonight", "en"),
    ("I would never hurt anyone", "en"), ("new bike lanes on the main street, finally", "en"),
    ("this film killed me, so funny", "en"), ("coffee with friends this morning", "en"),
    ("quelle belle journée au marché", "fr"), ("la réunion du conseil est à dix-huit heures", "fr"),
    ("je ne ferais jamais de mal à personne", "fr"), ("nouvelle piste cyclable rue principale", "fr"),
    ("un café avec des amis ce matin", "fr"), ("le concert était super hier soir", "fr"),
]  # fmt: skip
HATEFUL = [("I hate immigrants, all of them", "en"), ("je hais les étrangers", "fr")]


def write_csv(path: Path, copies: int = 3) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "lang", "label_violence", "label_hate", "source"])
        n = 0
        for copy in range(copies):
            suffix = "" if copy == 0 else f" {'!' * copy}"
            for text, lang in VIOLENT:
                writer.writerow([n := n + 1, text + suffix, lang, 1, "", "test/violent"])
            for text, lang in CALM:
                writer.writerow([n := n + 1, text + suffix, lang, 0, 0, "test/calm"])
            for text, lang in HATEFUL:
                writer.writerow([n := n + 1, text + suffix, lang, "", 1, "test/hate"])
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("moderation", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    """Each test gets its own model store, so no test sees another's current model."""
    settings.DATA_DIR = tmp_path / "data"
    reset()
    yield
    reset()


@pytest.fixture
def data_csv(tmp_path):
    return write_csv(tmp_path / "small.csv")


def test_train_stores_a_versioned_artifact_and_scoring_uses_it(data_csv):
    reset()
    output = run("train", "--data", str(data_csv), "--holdout", "0.25", "--augment", "0")
    version = store.current_version(django_settings.DATA_DIR)
    assert version and version in output
    folder = store.models_dir(django_settings.DATA_DIR) / version
    assert (folder / "model.joblib").exists()
    evaluation = json.loads((folder / "evaluation.json").read_text())
    assert set(evaluation["languages"]) <= {"en", "fr"} and "headline" in evaluation
    scorer = current_scorer()
    assert scorer.name.startswith("rules+model:")
    assert scorer.score("je vais te tuer", "fr").scores["violence"] > 0.5


def test_evaluate_prints_per_language_and_category_and_json(data_csv, tmp_path):
    text = run("evaluate", "--data", str(data_csv), "--model", "none", "--plot", str(tmp_path / "pr.png"))
    assert "en" in text and "fr" in text and "violence" in text and "hate" in text
    assert (tmp_path / "pr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = json.loads(run("evaluate", "--data", str(data_csv), "--model", "none", "--json"))
    fr = result["languages"]["fr"]["violence"]
    assert fr["positives"] == 18 and fr["n"] == 36  # hate-only rows have no violence label: masked, not 0
    assert {"precision", "recall", "f1", "fpr"} <= set(fr)
    assert result["languages"]["en"]["violence"]["recall"] >= 0.8


def test_cross_validation_runs(data_csv):
    result = json.loads(run("evaluate", "--data", str(data_csv), "--cross-validate", "3", "--json"))
    assert "cross-validation" in result["scorer"]
    assert result["all"]["violence"]["n"] == 72


def test_bad_csv_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,lang,label_violence,label_hate\n1,hello,en,maybe,0\n")
    with pytest.raises(CommandError, match="label_violence"):
        run("evaluate", "--data", str(bad))
    missing = tmp_path / "missing.csv"
    missing.write_text("id,words\n1,hello\n")
    with pytest.raises(CommandError, match="columns"):
        run("evaluate", "--data", str(missing))


def test_retrain_logs_whether_the_model_was_replaced(data_csv, make_account):
    from moderation.actions import do_decide
    from moderation.models import QueueItem
    from posts.actions import do_create_post

    reset()
    mod = make_account("mod", staff=True).user
    author = make_account("author")
    do_create_post(author, "I will kill you, neighbour")
    do_decide(QueueItem.objects.get(), "remove", acting_user=mod, reason="threat")
    output = run("retrain", "--data", str(data_csv), "--augment", "0")
    assert "1 moderator decisions used" in output
    first = AuditEntry.objects.get(action__in=["model_replaced", "model_kept"])
    assert first.action == "model_replaced" and first.acting_label == "retrain"
    run("retrain", "--data", str(data_csv), "--augment", "0")
    assert AuditEntry.objects.filter(action__in=["model_replaced", "model_kept"]).count() == 2


def test_simulate_reports_both_modes_and_draws(tmp_path):
    result = json.loads(
        run(
            "simulate",
            "--rate",
            "100000",
            "--hours",
            "2",
            "--moderators",
            "2",
            "--json",
            "--plot",
            str(tmp_path / "s.png"),
        )
    )
    assert (
        result["with_triage"]["time_to_action"]["within_1h"] > result["without_triage"]["time_to_action"]["within_1h"]
    )
    assert (tmp_path / "s.png").exists()


def test_bench_reports_latency():
    result = json.loads(run("bench", "--n", "200", "--json"))
    assert result["p99_ms"] > 0 and result["n"] == 200


def test_token_commands(make_account):
    make_account("boss", staff=True)
    raw = run("token", "create", "--name", "Host", "--admin", "boss").strip()
    assert raw.startswith("tf_") and FlaggerToken.objects.get().token_hash != raw
    assert "Host" in run("token", "list")
    run("token", "revoke", "--name", "Host", "--admin", "boss")
    assert FlaggerToken.objects.get().revoked_at is not None
    with pytest.raises(CommandError):
        run("token", "create", "--name", "X", "--admin", "nobody")


def test_fast_path_matches_the_fitted_model(data_csv):
    from moderation.learning.data import read_examples
    from moderation.learning.evaluation import train
    from moderation.scoring.learned import FastLinear

    examples = read_examples(data_csv)
    model = train(examples, version="t")
    fast = FastLinear(model)
    texts = [e.text for e in examples] + ["", "!!!", "texte jamais vu auparavant"]
    reference = model.predict(texts)
    for i, text in enumerate(texts):
        got = fast.predict_one(text)
        for label, values in reference.items():
            assert abs(got[label] - float(values[i])) < 1e-5


SUITE = Path(__file__).parent / "data" / "functional_suite.csv"


def test_train_without_data_blends_and_calibrates_generated_examples_and_evaluate_reports_per_class():
    reset()
    output = run("train", "--augment", "20")
    assert "0 labelled and" in output and "generated examples" in output
    version = store.current_version(django_settings.DATA_DIR)
    model = store.load(django_settings.DATA_DIR, version)
    assert set(model.meta["blend"]) == {"en", "fr"}
    for lang in ("en", "fr", "*"):
        knots = model.meta["calibration"][lang]["violence"]
        assert [level for _raw, level in knots] == [0.3, 0.55, 0.85]
        assert [raw for raw, _level in knots] == sorted(raw for raw, _level in knots)
    scorer = current_scorer()
    assert scorer.calibration is not None
    assert scorer.score("je vais te tuer, je sais où tu habites", "fr").violent >= 0.3
    assert scorer.score("quelle belle journée au marché", "fr").violent < 0.3

    result = json.loads(run("evaluate", "--data", str(SUITE), "--json"))
    tiers = {r["tier"] for r in result["rows"]}
    assert tiers == {"rules", "model", "combined"}
    negated = [
        r for r in result["rows"]
        if r["tier"] == "combined" and r["lang"] == "fr" and r["category"] == "negated" and r["level"] == "review"
        and r["label"] == "violence"
    ]  # fmt: skip
    assert (
        len(negated) == 1 and negated[0]["positives"] == 0 and {"recall", "fpr", "precision", "f1"} <= set(negated[0])
    )
    whole = next(
        r for r in result["rows"]
        if r["tier"] == "combined" and r["lang"] == "en" and r["category"] == "all" and r["label"] == "violence"
    )  # fmt: skip
    assert whole["roc_auc"] > 0.8 and "recall_at_fpr_0.05" in whole
    text = run("evaluate", "--data", str(SUITE))
    assert "violence per class" in text and "direct_threat_pronoun" in text


def test_starter_model_is_trained_once_and_never_replaces_an_operators_model(settings, data_csv):
    from moderation import starter

    settings.MODERATION_STARTER_MODEL = True
    reset()
    assert starter.wanted()
    version = starter.train_starter(augment=20)
    assert store.current_version(django_settings.DATA_DIR) == version and version.endswith("-starter")
    assert not starter.wanted()
    assert starter.train_starter_model.call() == ""  # a current model: nothing to do
    run("train", "--data", str(data_csv), "--augment", "0")
    operators = store.current_version(django_settings.DATA_DIR)
    assert operators != version
    starter.train_starter(augment=20)  # e.g. queued before the operator trained
    assert store.current_version(django_settings.DATA_DIR) == operators
