"""The second tier end to end, on a tiny encoder the tests fine-tune with the real training,
export and serving code: a post the fast tier publishes is re-scored after commit, held,
and taken out of every read path (feeds, search, the API, streams, federation)."""

import itertools
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.actions import do_follow
from federation.fetch import fetch_actor
from moderation import second_tier
from moderation.encoder.runtime import EncoderRuntime
from moderation.encoder.train import TrainingOptions
from moderation.learning.data import Example
from moderation.learning.encoder_training import train_encoder
from moderation.models import AuditEntry, PostScore, QueueItem
from moderation.scoring import RuleScorer
from moderation.scoring.rules import builtin_specs
from notifications.models import Notification
from posts.actions import do_create_post, do_edit_post
from posts.models import ModerationState
from search.queries import search_posts
from tests.federation.peer import Peer
from tests.moderation.tiny_encoder import tiny_checkpoint
from timelines.feeds import home_feed, public_feed
from tribune.lib.pagination import Page

pytestmark = pytest.mark.xdist_group("encoder")  # one worker fine-tunes the tiny encoder, once

THREAT = "we will zorblax the neighbours tonight"


def _examples() -> list[Example]:
    rows = []
    en_who, en_whom = ("we", "i", "you", "those people"), ("them all", "the neighbours", "our friends")
    for n, (who, whom, when) in enumerate(itertools.product(en_who, en_whom, ("tonight", ""))):
        rows.append(Example(f"en{n}t", f"{who} will zorblax {whom} {when}", "en", {"violence": 1, "hate": None}))
        rows.append(
            Example(f"en{n}n", f"{who} will bake a cake for {whom} {when}", "en", {"violence": 0, "hate": None})
        )
        rows.append(Example(f"en{n}v", f"{who} should visit {whom} {when}", "en", {"violence": 0, "hate": None}))
    fr_who, fr_whom = ("on va", "nous allons", "je vais"), ("les voisins", "tous", "ce soir les amis")
    for n, (who, whom) in enumerate(itertools.product(fr_who, fr_whom)):
        rows.append(Example(f"fr{n}t", f"{who} zorblax {whom}", "fr", {"violence": 1, "hate": None}))
        rows.append(Example(f"fr{n}n", f"{who} inviter {whom} pour le gâteau", "fr", {"violence": 0, "hate": None}))
    return rows


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("encoder")
    options = TrainingOptions(
        trainable_layers=1, epochs=40, batch_size=8, max_length=32, learning_rate=3e-3, head_learning_rate=3e-2,
        threads=1,
    )  # fmt: skip
    train_encoder(
        _examples(), checkpoint=tiny_checkpoint(), fast=RuleScorer(builtin_specs()), folder=folder, version="tiny",
        holdout=0.25, negatives=100, augment=0, options=options,
    )  # fmt: skip
    return folder


@pytest.fixture
def encoder_on(settings, tiny_encoder: Path) -> EncoderRuntime:
    """The tiny encoder served as the second tier, its probability deciding alone (the blend and
    calibration training chose are tested apart: on so few examples they are not meaningful)."""
    import json
    import shutil

    folder = Path(settings.DATA_DIR) / "served-encoder"
    shutil.copytree(tiny_encoder, folder, dirs_exist_ok=True)
    meta = json.loads((folder / "encoder.json").read_text())
    meta.update(blend={}, calibration={})
    (folder / "encoder.json").write_text(json.dumps(meta))
    settings.MODERATION_ENCODER_DIR = str(folder)
    second_tier.reset()
    runtime = second_tier.current_runtime()
    assert runtime is not None
    yield runtime
    second_tier.reset()


@pytest.fixture(autouse=True)
def _own_data_dir(settings, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


def test_the_tiny_encoder_learned_its_threat_word(tiny_encoder: Path) -> None:
    runtime = EncoderRuntime(tiny_encoder)
    threat, harmless, fr_threat, fr_harmless = runtime.probabilities(
        ["those people will zorblax the neighbours", "we will bake a cake for the neighbours",
         "on va zorblax les amis", "nous allons inviter les voisins"]
    )  # fmt: skip
    assert threat > 0.8 and fr_threat > 0.8
    assert harmless < 0.2 and fr_harmless < 0.2


def test_training_writes_the_blend_and_calibration(tiny_encoder: Path) -> None:
    import json

    meta = json.loads((tiny_encoder / "encoder.json").read_text())
    assert meta["format"] == "tribune-encoder-1" and meta["version"] == "tiny" and meta["labels"] == ["violence"]
    assert set(meta["blend"]) == {"en", "fr"} and all(0.0 <= w <= 0.6 for w in meta["blend"].values())
    assert meta["tuning"]["en"]["encoder_roc_auc"] > 0.9
    assert "fast_recall_at_fpr_0.05" in meta["tuning"]["fr"]


def test_without_an_encoder_nothing_is_queued(alice) -> None:
    assert not second_tier.wanted()
    post = do_create_post(alice, THREAT)
    assert second_tier.rescore(post.pk) == "no encoder"
    assert PostScore.objects.get(post=post).second_tier == {}


def test_a_post_is_scored_again_after_commit(encoder_on, alice) -> None:
    post = do_create_post(alice, THREAT)
    post.refresh_from_db()
    score = PostScore.objects.get(post=post)
    assert score.action == "publish", "the fast tier does not know the word"
    assert score.second_tier["raw"] > 0.8 and score.second_tier["action"] in ("hold", "urgent")
    assert post.moderation_state == ModerationState.HELD


def test_a_published_and_delivered_post_is_held_and_leaves_every_read_path(
    settings, encoder_on, alice, bob, carol
) -> None:
    peer = Peer()
    try:
        do_follow(bob, alice)
        do_follow(fetch_actor(peer.actor("fan")), alice)
        peer.received.clear()
        served, settings.MODERATION_ENCODER_DIR = settings.MODERATION_ENCODER_DIR, ""
        post = do_create_post(alice, THREAT)  # published, fanned out and delivered before the encoder runs
        assert post.pk in [p.pk for p in home_feed(bob, Page())]
        settings.MODERATION_ENCODER_DIR = served
        assert second_tier.rescore(post.pk) in ("hold", "urgent")
        post.refresh_from_db()
        assert post.moderation_state == ModerationState.HELD
        assert post.pk not in [p.pk for p in home_feed(bob, Page())]
        assert post.pk not in [p.pk for p in public_feed(carol, Page())]
        assert post.pk not in [p.pk for p in search_posts(carol, "zorblax")]
        kinds = [body["type"] for _path, body, _headers in peer.received]
        assert kinds.count("Delete") == 1 and kinds.index("Create") < kinds.index("Delete")
    finally:
        peer.close()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.HOLD, target_post=post)
    assert entry.details["was"] == ModerationState.PUBLISHED and entry.details["tier"] == 2
    assert entry.acting_label.startswith("encoder:")
    item = QueueItem.objects.get(post=post, state=QueueItem.State.OPEN)
    assert item.category == "violence" and "encoder" in item.reason
    assert Notification.objects.filter(recipient=alice, type=Notification.Type.MODERATION, post=post).exists()


def test_the_api_and_streams_forget_a_post_held_after_publication(encoder_on, alice, bob, client) -> None:
    from api.views.streaming import Poller

    do_follow(bob, alice)
    poller = Poller(bob, "user", "")
    post = do_create_post(alice, THREAT)
    assert str(post.pk) in [str(payload) for _s, name, payload in poller.poll() if name == "delete"]
    token = _token(bob)
    answer = client.get(f"/api/v1/statuses/{post.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 404
    home = client.get("/api/v1/timelines/home", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert str(post.pk) not in [s["id"] for s in home]


def test_harmless_posts_stay_and_held_posts_are_never_released(encoder_on, alice) -> None:
    harmless = do_create_post(alice, "we will bake a cake for the neighbours tonight")
    harmless.refresh_from_db()
    assert harmless.moderation_state == ModerationState.PUBLISHED
    assert PostScore.objects.get(post=harmless).second_tier["action"] == "publish"
    held = do_create_post(alice, THREAT)
    held.refresh_from_db()
    assert held.moderation_state == ModerationState.HELD
    assert second_tier.rescore(held.pk) == "already held"
    held.refresh_from_db()
    assert held.moderation_state == ModerationState.HELD
    assert AuditEntry.objects.filter(action=AuditEntry.Action.HOLD, target_post=held).count() == 1


def test_an_edit_is_scored_again(encoder_on, alice) -> None:
    post = do_create_post(alice, "we will bake a cake for the neighbours tonight")
    do_edit_post(alice, post, THREAT)
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.HELD


def test_train_encoder_explains_a_missing_checkpoint(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not-there"):
        call_command("moderation", "train-encoder", "--checkpoint", str(tmp_path / "not-there.bin"))


def _token(account) -> str:
    import secrets
    from datetime import timedelta

    from django.utils import timezone
    from oauth2_provider.models import AccessToken

    from api.actions import do_create_app

    application, _secret = do_create_app("Test client", "urn:ietf:wg:oauth:2.0:oob", "read")
    token = secrets.token_urlsafe(24)
    AccessToken.objects.create(
        user=account.user, application=application, token=token, scope="read",
        expires=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    return token


def _labelled_csv(tmp_path: Path) -> Path:
    """The tiny examples as a labelled CSV, as `train`, `evaluate` and `blend-encoder` read one."""
    import csv

    data = tmp_path / "labelled.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "lang", "label_violence", "label_hate", "source"])
        for e in _examples():
            writer.writerow([e.id, e.text, e.lang, e.labels["violence"], "", "tiny"])
    return data


def test_evaluate_reports_each_tier(tiny_encoder: Path, tmp_path: Path, capsys) -> None:
    import json

    data = _labelled_csv(tmp_path)
    call_command(
        "moderation", "evaluate", "--data", str(data), "--model", "none", "--encoder", str(tiny_encoder), "--json"
    )
    result = json.loads(capsys.readouterr().out)
    by_tier = {
        r["tier"]: r
        for r in result["rows"]
        if r["lang"] == "en" and r["category"] == "all" and r["label"] == "violence"
    }
    assert {"rules", "fast", "encoder", "combined"} <= set(by_tier)
    assert by_tier["encoder"]["roc_auc"] > 0.9 > by_tier["rules"]["roc_auc"]
    assert by_tier["combined"]["recall"] >= by_tier["fast"]["recall"]


def test_blend_encoder_blends_a_copy_again_with_the_current_fast_tier(settings, tiny_encoder: Path, tmp_path: Path):
    import json

    from moderation.encoder import store as encoders

    data = _labelled_csv(tmp_path)
    call_command("moderation", "blend-encoder", "--data", str(data), "--encoder", str(tiny_encoder), "--augment", "0")
    folder = encoders.current_folder(settings.DATA_DIR)
    assert folder is not None and folder != tiny_encoder
    meta = json.loads((folder / "encoder.json").read_text())
    assert meta["blended_from"] == tiny_encoder.name and meta["version"] == folder.name
    assert set(meta["blend"]) == {"en", "fr"} and 0.0 <= meta["headline"] <= 1.0
    assert (folder / "top.onnx").read_bytes() == (tiny_encoder / "top.onnx").read_bytes()
    assert EncoderRuntime(folder).probabilities([THREAT])[0] > 0.8


def test_blend_encoder_without_an_encoder_is_a_clear_error(settings, tmp_path: Path):
    with pytest.raises(CommandError, match="no encoder"):
        call_command("moderation", "blend-encoder", "--encoder", str(tmp_path / "nothing"))


def test_a_new_encoder_is_compared_with_the_current_one_on_the_same_held_out_posts(
    tiny_encoder: Path, tmp_path: Path
) -> None:
    undertrained = TrainingOptions(trainable_layers=1, epochs=1, batch_size=8, max_length=32, threads=1)
    meta = train_encoder(
        _examples(), checkpoint=tiny_checkpoint(seed=1), fast=RuleScorer(builtin_specs()), folder=tmp_path / "new",
        version="new", holdout=0.25, negatives=100, augment=0, options=undertrained,
        compare_with=EncoderRuntime(tiny_encoder),
    )  # fmt: skip
    assert meta["compared_with"]["version"] == "tiny"
    assert meta["compared_with"]["headline"] == 1.0, "the trained tiny encoder separates its held-out posts"
    assert 0.0 <= meta["headline"] <= 1.0


def test_a_remote_post_is_scored_by_the_second_tier_too(encoder_on) -> None:
    from federation.fetch import fetch_post

    peer = Peer()
    try:
        author = peer.actor("zoe")
        note_id = f"{peer.base}/users/zoe/statuses/1"
        peer.documents["/users/zoe/statuses/1"] = {
            "id": note_id, "type": "Note", "attributedTo": author, "content": f"<p>{THREAT}</p>",
            "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": [], "published": "2026-11-01T00:00:00Z",
        }  # fmt: skip
        post = fetch_post(note_id)
    finally:
        peer.close()
    post.refresh_from_db()
    assert not post.local and post.moderation_state == ModerationState.HELD
    assert PostScore.objects.get(post=post).second_tier["action"] in ("hold", "urgent")


def test_a_moderators_decision_stands_against_a_late_verdict(settings, encoder_on, alice, make_account) -> None:
    from moderation.actions import do_approve_post

    moderator = make_account("warden", staff=True).user
    served, settings.MODERATION_ENCODER_DIR = settings.MODERATION_ENCODER_DIR, ""
    post = do_create_post(alice, THREAT)
    do_approve_post(post, acting_user=moderator, reason="fine in context", policy="")
    settings.MODERATION_ENCODER_DIR = served
    assert second_tier.rescore(post.pk) == "decided by a moderator"
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.PUBLISHED
    assert PostScore.objects.get(post=post).second_tier["action"] in ("hold", "urgent")


def test_a_post_whose_job_was_lost_is_queued_again_by_the_sweep(settings, encoder_on, alice) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from posts.models import Post

    served, settings.MODERATION_ENCODER_DIR = settings.MODERATION_ENCODER_DIR, ""
    post = do_create_post(alice, THREAT)  # as if its job had been lost
    settings.MODERATION_ENCODER_DIR = served
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    assert second_tier.requeue_unscored() == 1  # the immediate backend runs it now
    post.refresh_from_db()
    assert post.moderation_state == ModerationState.HELD
    assert second_tier.requeue_unscored() == 0


def test_one_job_scores_every_post_still_waiting_in_one_batch(settings, encoder_on, alice, bob, monkeypatch) -> None:
    served, settings.MODERATION_ENCODER_DIR = settings.MODERATION_ENCODER_DIR, ""
    texts = ["we will bake a cake for the neighbours tonight", THREAT, "nous allons inviter les voisins", THREAT]
    posts = [do_create_post(alice if i % 2 else bob, text) for i, text in enumerate(texts)]  # no job queued
    settings.MODERATION_ENCODER_DIR = served
    assert all(PostScore.objects.get(post=p).second_tier == {} for p in posts)
    calls = []
    real = encoder_on.probabilities
    monkeypatch.setattr(encoder_on, "probabilities", lambda batch: calls.append(len(batch)) or real(batch))
    assert second_tier.rescore_post.call(posts[0].pk) == "publish"
    assert calls == [4], "one pass of the encoder for the job's post and the three waiting"
    states = [(PostScore.objects.get(post=p).second_tier["action"], p.__class__.objects.get(pk=p.pk)) for p in posts]
    assert [action for action, _post in states][::2] == ["publish", "publish"]
    assert all(post.moderation_state == ModerationState.HELD for _action, post in states[1::2])
    assert AuditEntry.objects.filter(action=AuditEntry.Action.HOLD, details__tier=2).count() == 2
    # The jobs of the posts that batch took find them scored and leave them as they are.
    assert second_tier.rescore_post.call(posts[3].pk) == "scored already"
    assert calls == [4]


def test_a_post_that_fails_in_a_batch_does_not_stop_the_others(settings, encoder_on, alice, monkeypatch) -> None:
    served, settings.MODERATION_ENCODER_DIR = settings.MODERATION_ENCODER_DIR, ""
    first, second = do_create_post(alice, THREAT), do_create_post(alice, THREAT)
    settings.MODERATION_ENCODER_DIR = served
    real = second_tier._act

    def act(runtime, post, *args):
        if post.pk == first.pk:
            raise RuntimeError("a fault on one post")
        return real(runtime, post, *args)

    monkeypatch.setattr(second_tier, "_act", act)
    assert second_tier.rescore_post.call(second.pk) in ("hold", "urgent")
    assert PostScore.objects.get(post=first).second_tier == {}, "left unscored, for the sweep"
    assert PostScore.objects.get(post=second).second_tier["action"] in ("hold", "urgent")


def test_an_edit_forgets_the_verdict_on_the_old_text(settings, encoder_on, alice) -> None:
    post = do_create_post(alice, "we will bake a cake for the neighbours tonight")
    assert PostScore.objects.get(post=post).second_tier["action"] == "publish"
    settings.MODERATION_ENCODER_DIR = ""  # the edit's job lost
    do_edit_post(alice, post, THREAT)
    assert PostScore.objects.get(post=post).second_tier == {}, "unscored again, so the sweep finds it"
