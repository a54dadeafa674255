"""Names of stored files: random, unrelated to any id, so that nobody can guess one (docs/security.md)."""

import re
import secrets
from pathlib import PurePosixPath

# secrets.token_urlsafe(24): 24 random bytes, 32 characters of URL-safe base64.
_RANDOM_STEM = re.compile(r"[A-Za-z0-9_-]{32}")


def random_stem() -> str:
    """A stored file's name without folder or extension; every upload takes one."""
    return secrets.token_urlsafe(24)


def is_random_name(name: str) -> bool:
    """Whether a stored name has a random stem (and not one from before: `<media id>.jpg`, `avatar.png`)."""
    return _RANDOM_STEM.fullmatch(PurePosixPath(name).stem) is not None
