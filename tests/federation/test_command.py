"""The operators' `tribune federation` command."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Account
from federation.delivery import enqueue
from federation.models import Delivery, DomainPolicy
from tests.federation.peer import Peer


def _run(*args: str) -> str:
    out = StringIO()
    call_command("federation", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_resolve_and_deliveries(peer: Peer, alice: Account) -> None:
    uri = peer.actor("zoe")
    resolved = json.loads(_run("resolve", uri, "--json"))
    assert resolved["uri"] == uri and resolved["acct"] == f"zoe@{peer.domain}"
    peer.status_for_inbox = 500
    enqueue({"id": "https://local.example/a/1", "type": "Create"}, [f"{peer.base}/inbox"], alice)
    rows = json.loads(_run("deliveries", "--state", "failed", "--json"))
    assert [(r["type"], r["state"], r["last_status"]) for r in rows] == [("Create", "failed", 500)]
    Delivery.objects.update(next_try_at=None)
    peer.status_for_inbox = 202
    assert "queued for retry" in _run("retry")
    assert Delivery.objects.get().state == Delivery.State.SENT


def test_blocklist_import_export_and_errors(tmp_path: Path) -> None:
    csv_file = tmp_path / "blocks.csv"
    csv_file.write_text("#domain,#severity,#reject_media\nbad.example,suspend,false\n")
    assert "1 domains imported" in _run("import-blocklist", str(csv_file))
    assert DomainPolicy.objects.get().domain == "bad.example"
    assert "bad.example,suspend" in _run("export-blocklist")
    with pytest.raises(CommandError):
        _run("nonsense")
    with pytest.raises(CommandError):
        _run("rotate-key", "nobody")
