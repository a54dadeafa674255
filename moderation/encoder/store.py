"""Encoder artifacts under DATA_DIR/moderation/encoders/<version>/ and the `current`
pointer, or the one folder an operator names (settings.MODERATION_ENCODER_DIR,
TRIBUNE_MODERATION_ENCODER_DIR). Never in the repository: a model fine-tuned on
licensed data stays with the instance that trained it."""

import os
from pathlib import Path

from moderation.encoder.runtime import FILES


def encoders_dir(data_dir: str | Path) -> Path:
    path = Path(data_dir) / "moderation" / "encoders"
    path.mkdir(parents=True, exist_ok=True)
    return path


def current_folder(data_dir: str | Path, configured: str = "") -> Path | None:
    """The folder to serve: the configured one, else the current trained version, else None."""
    if configured:
        return Path(configured)
    pointer = Path(data_dir) / "moderation" / "encoders" / "current"
    if not pointer.exists():
        return None
    version = pointer.read_text().strip()
    return Path(data_dir) / "moderation" / "encoders" / version if version else None


def set_current(data_dir: str | Path, version: str) -> None:
    """Point `current` at a complete artifact atomically (write then rename)."""
    folder = encoders_dir(data_dir)
    missing = [name for name in FILES if not (folder / version / name).exists()]
    if missing:
        raise FileNotFoundError(f"encoder {version} lacks {', '.join(missing)}")
    tmp = folder / "current.tmp"
    tmp.write_text(version)
    os.replace(tmp, folder / "current")
