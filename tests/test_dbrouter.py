"""With a replica configured, reads go to it and writes to the primary."""

import os
import subprocess
import sys

from tests.live import ROOT

CODE = """
from django.db import transaction
from accounts.models import Account
from tribune.dbrouter import ReplicaRouter
r = ReplicaRouter()
assert r.db_for_read(Account) == "replica", "reads go to the replica"
assert r.db_for_write(Account) == "default"
with transaction.atomic():
    assert r.db_for_read(Account) == "default", "reads in a write transaction stay on the primary"
assert not r.allow_migrate("replica", "accounts")
print("ok")
"""


def test_replica_routing(tmp_path):
    env = {
        **os.environ,
        "TRIBUNE_DATA_DIR": str(tmp_path),
        "TRIBUNE_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        "TRIBUNE_DATABASE_REPLICA_URL": "postgres://postgres@127.0.0.1:5432/test",
        "DJANGO_SETTINGS_MODULE": "tribune.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tribune", "shell", "--no-imports", "-c", CODE],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
