"""Model artifacts under DATA_DIR/moderation/models/<version>/ (model.joblib,
evaluation.json), and the `current` pointer. Never in the repository."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib

from moderation.scoring.learned import TextModel


def models_dir(data_dir: str | Path) -> Path:
    path = Path(data_dir) / "moderation" / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_version() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def save(data_dir: str | Path, model: TextModel, evaluation: dict[str, Any]) -> Path:
    folder = models_dir(data_dir) / model.version
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, folder / "model.joblib", compress=3)
    (folder / "evaluation.json").write_text(json.dumps(evaluation, indent=2, sort_keys=True))
    return folder


def current_version(data_dir: str | Path) -> str:
    pointer = models_dir(data_dir) / "current"
    return pointer.read_text().strip() if pointer.exists() else ""


def set_current(data_dir: str | Path, version: str) -> None:
    """Point `current` at a saved version atomically (write then rename)."""
    folder = models_dir(data_dir)
    if not (folder / version / "model.joblib").exists():
        raise FileNotFoundError(f"no model {version}")
    tmp = folder / "current.tmp"
    tmp.write_text(version)
    os.replace(tmp, folder / "current")


def load(data_dir: str | Path, version: str) -> TextModel:
    model = joblib.load(models_dir(data_dir) / version / "model.joblib")  # noqa: S301  # our own artifact, written by `train`
    if not isinstance(model, TextModel):
        raise TypeError(f"{version} is not a Tribune text model")
    return model


def evaluation(data_dir: str | Path, version: str) -> dict[str, Any]:
    path = models_dir(data_dir) / version / "evaluation.json"
    return json.loads(path.read_text()) if path.exists() else {}
