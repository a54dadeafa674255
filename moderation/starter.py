"""The starter model: a new instance trains its first moderation model for itself, from
generated examples only (moderation.learning.augment), in the background worker, so posts
are scored by the rules and a calibrated model from the first minutes without any
labelled data. An operator's own `tribune moderation train --data ...` replaces it."""

import logging

from django.conf import settings
from django_tasks import task

from moderation.learning import store

log = logging.getLogger(__name__)
STARTER_AUGMENT = 150


def wanted() -> bool:
    return settings.MODERATION_STARTER_MODEL and not store.current_version(settings.DATA_DIR)


def train_starter(augment: int = STARTER_AUGMENT) -> str:
    """Train, save and make current a model on generated examples; returns its version."""
    from moderation.engine import rule_specs
    from moderation.learning.training import train_bundle, tuning_headline
    from moderation.scoring import RuleScorer

    model, tuning = train_bundle(
        [], version=store.new_version() + "-starter", rules=RuleScorer(rule_specs(), structural=True),
        augment=augment, progress=lambda message: log.info("starter moderation model: %s", message),
    )  # fmt: skip
    evaluation = {**tuning, "headline": tuning_headline(tuning), "starter": True}
    model.meta["evaluation_headline"] = evaluation["headline"]
    store.save(settings.DATA_DIR, model, evaluation)
    if not store.current_version(settings.DATA_DIR):  # an operator's model trained meanwhile wins
        store.set_current(settings.DATA_DIR, model.version)
    return model.version


@task(queue_name="moderation")
def train_starter_model() -> str:
    return train_starter() if wanted() else ""
