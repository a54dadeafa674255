"""Settings for the test suite: tasks run in-process, a throw-away data directory.

The database is whatever TRIBUNE_DATABASE_URL says (SQLite by default; `make test`
runs the suite again against PostgreSQL).
"""

import os
import tempfile

os.environ.setdefault("TRIBUNE_TASKS", "immediate")
os.environ.setdefault("TRIBUNE_FAST_PASSWORD_HASHER", "1")
os.environ.setdefault("TRIBUNE_DATA_DIR", tempfile.mkdtemp(prefix="tribune-test-"))
os.environ.setdefault("TRIBUNE_MODERATION_STARTER_MODEL", "0")  # tests train the models they use
os.environ.setdefault("TRIBUNE_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from tribune.settings import *  # noqa: E402,F403  # the test settings are the settings plus the above

ALLOW_LOOPBACK_FETCHES = True
# Posts in tests link to example.org and the like: no lookups for them, unless a test asks.
PREVIEW_CARDS = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  # whitenoise warns about a missing directory
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in tests

# A 1,024-bit key is made several times faster than a 2,048-bit one; tests make an account in
# most tests, and signatures verify the same way at either size.
ACCOUNT_KEY_BITS = 1024
