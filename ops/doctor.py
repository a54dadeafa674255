"""`tribune doctor`: is this host ready to serve, and if not, what exactly to fix.

Each check returns a Finding: ok, warn (works, but fix it soon) or fail (the instance
is, or will be, broken). Network checks (clock, outward connectivity) never hang and
never fail an offline host by themselves: they warn that they could not run.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
from django.conf import settings
from django.core import checks as django_checks
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from ops.backup.offsite import archives_in, last_offsite

OK, WARN, FAIL = "ok", "warn", "FAIL"
DEFAULT_PROBE_URL = "https://deb.debian.org/"
MAX_CLOCK_SKEW_S = 30
MIN_FREE_BYTES = 2 * 1024**3
MAX_BACKUP_AGE_S = 2 * 24 * 3600


@dataclass
class Finding:
    check: str
    status: str
    message: str
    fix: str = ""


def check_configuration() -> list[Finding]:
    found = []
    if settings.DEBUG:
        found.append(Finding("configuration", FAIL, "debug mode is on", "unset TRIBUNE_DEBUG"))
    if settings.DOMAIN.startswith(("127.", "localhost")):
        found.append(
            Finding(
                "configuration",
                WARN,
                f"the domain is {settings.DOMAIN}, a loopback address: no other server can reach this instance",
                "set TRIBUNE_DOMAIN to the public host name (it is part of every account's identity: choose it once)",
            )
        )
    if not settings.HTTPS and not settings.DOMAIN.startswith(("127.", "localhost")):
        found.append(Finding("configuration", FAIL, "public URLs are http", "set TRIBUNE_HTTPS=1 behind TLS"))
    # Deployment checks (TLS cookies, HSTS...) make sense for a public https instance, not a laptop.
    messages = [
        m
        for m in django_checks.run_checks(include_deployment_checks=settings.HTTPS and not settings.DEBUG)
        if m.level >= django_checks.WARNING and not m.is_silenced()
    ]
    for message in messages:
        status = FAIL if message.level >= django_checks.ERROR else WARN
        found.append(Finding("configuration", status, f"{message.id}: {message.msg}", message.hint or ""))
    if not found:
        found.append(Finding("configuration", OK, f"serving {settings.SITE_URL}; Django's deployment checks pass"))
    return found


def check_database() -> list[Finding]:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        plan = MigrationExecutor(connection).migration_plan(MigrationExecutor(connection).loader.graph.leaf_nodes())
    except Exception as error:  # any driver error is the finding itself
        return [
            Finding(
                "database",
                FAIL,
                f"cannot use the database ({type(error).__name__}: {error})",
                "check TRIBUNE_DATABASE_URL and that PostgreSQL runs (systemctl status postgresql); see deploy/postgresql.sh",
            )
        ]
    found = []
    if plan:
        found.append(
            Finding(
                "database",
                FAIL,
                f"{len(plan)} migration(s) not applied",
                "run: tribune migrate (or restart tribune-web)",
            )
        )
    elif connection.vendor == "sqlite":
        found.append(
            Finding(
                "database",
                OK,
                "SQLite (fine for a small community; for more, PostgreSQL: tribune backup, then tribune restore"
                " with TRIBUNE_DATABASE_URL set)",
            )
        )
    else:
        found.append(Finding("database", OK, f"{connection.vendor} {connection.settings_dict.get('NAME')} answers"))
    return found or [Finding("database", OK, "answers")]


def check_redis() -> list[Finding]:
    if not settings.REDIS_URL:
        return [Finding("redis", OK, "not configured: caches in memory, tasks in the database (fine for one host)")]
    from urllib.parse import urlsplit

    import redis

    where = f"{urlsplit(settings.REDIS_URL).hostname}:{urlsplit(settings.REDIS_URL).port or 6379}"
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3, socket_timeout=3).ping()
    except Exception as error:  # connection refused, auth, timeouts: all are the finding
        return [
            Finding(
                "redis",
                FAIL,
                f"Redis at {where} does not answer ({error})",
                "start it (systemctl enable --now redis-server; see deploy/redis.sh) or unset TRIBUNE_REDIS_URL",
            )
        ]
    return [Finding("redis", OK, f"answers at {where}")]


def check_disk() -> list[Finding]:
    found = []
    paths = {"data directory": Path(settings.DATA_DIR)}
    if backup_dir := os.environ.get("TRIBUNE_BACKUP_DIR"):
        paths["backup directory"] = Path(backup_dir)
    for label, path in paths.items():
        if not path.exists():
            found.append(Finding("disk", FAIL, f"the {label} {path} does not exist", f"create it: install -d {path}"))
            continue
        if not os.access(path, os.W_OK):
            found.append(Finding("disk", FAIL, f"the {label} {path} is not writable", "chown it to the service user"))
            continue
        usage = shutil.disk_usage(path)
        free = usage.free / usage.total if usage.total else 0
        if usage.free < MIN_FREE_BYTES or free < 0.10:
            found.append(
                Finding(
                    "disk",
                    WARN,
                    f"{usage.free / 1024**3:.1f} GiB free ({free:.0%}) for the {label} {path}",
                    "free space or grow the volume; lower TRIBUNE_BACKUP_KEEP; move media to S3 storage",
                )
            )
        else:
            found.append(Finding("disk", OK, f"{usage.free / 1024**3:.1f} GiB free ({free:.0%}) for the {label}"))
    return found


def check_keys() -> list[Finding]:
    from accounts.models import Account

    found = []
    secret = Path(settings.DATA_DIR) / "secret_key"
    if secret.exists() and secret.stat().st_mode & 0o077:
        found.append(Finding("keys", FAIL, f"{secret} is readable by others", f"chmod 600 {secret}"))
    if len(settings.SECRET_KEY) < 50:
        found.append(Finding("keys", FAIL, "the secret key is shorter than 50 characters", "set a long random one"))
    try:
        local = Account.objects.filter(domain="", deleted_at=None)
        total = local.count()
        without = local.filter(private_key="").count()
    except Exception as error:  # no tables yet: the database check says what to do
        return [
            *found,
            Finding("keys", WARN, f"cannot read the accounts ({type(error).__name__})", "run: tribune migrate"),
        ]
    if without:
        found.append(
            Finding(
                "keys",
                WARN,
                f"{without} of {total} local accounts have no signing key: remote servers cannot verify them",
                "make them: tribune doctor --make-keys (an account's key is part of its identity: if these"
                " accounts had keys on another host, restore them from a complete backup instead)",
            )
        )
    if not found:
        found.append(Finding("keys", OK, f"secret key set; {total} local accounts, all with signing keys"))
    return found


def check_push_keys() -> list[Finding]:
    """The instance's VAPID pair: every Web Push subscription was made against its public key."""
    from notifications.models import PushSubscription
    from notifications.vapid import check_vapid_keys

    try:
        problem = check_vapid_keys()
        subscriptions = PushSubscription.objects.count()
    except Exception as error:  # no tables yet: the database check says what to do
        return [Finding("push", WARN, f"cannot read the push keys ({type(error).__name__})", "run: tribune migrate")]
    if problem == "missing":
        return [
            Finding(
                "push",
                FAIL if subscriptions else WARN,
                "the instance has no VAPID key pair: apps cannot receive push notifications",
                "restore it from a complete backup if this instance had one (its apps subscribed with it);"
                " otherwise make one: tribune doctor --make-keys",
            )
        ]
    if problem:
        return [
            Finding(
                "push",
                FAIL,
                f"the VAPID key pair is unusable: {problem}",
                "restore the setting push.vapid_keys from a complete backup (a new pair breaks every"
                " subscription: apps must subscribe again)",
            )
        ]
    return [Finding("push", OK, f"VAPID key pair set; {subscriptions} push subscription(s)")]


def _probe(url: str) -> httpx.Response:
    return httpx.head(url, timeout=5, follow_redirects=False)


def check_network(probe_url: str | None = DEFAULT_PROBE_URL) -> list[Finding]:
    """Outward connectivity and the clock (HTTP Signatures are refused when clocks disagree by minutes)."""
    if not probe_url:
        return [Finding("network", WARN, "skipped (--offline): outward connectivity and clock not checked")]
    started = time.time()
    try:
        response = _probe(probe_url)
    except httpx.HTTPError as error:
        return [
            Finding(
                "network",
                WARN,
                f"cannot reach {probe_url} ({type(error).__name__}): federation delivery will fail; clock not checked",
                "check DNS (/etc/resolv.conf), the default route and outgoing firewall rules (443/tcp)",
            )
        ]
    found = [Finding("network", OK, f"{probe_url} answered {response.status_code}")]
    date = response.headers.get("date")
    if not date:
        found.append(Finding("clock", WARN, f"{probe_url} sent no Date header: clock not checked"))
        return found
    try:
        remote = parsedate_to_datetime(date)
    except (TypeError, ValueError):
        found.append(Finding("clock", WARN, f"{probe_url} sent an unreadable Date header: clock not checked"))
        return found
    if remote.tzinfo is None:  # "-0000" in an HTTP date means UTC
        remote = remote.replace(tzinfo=UTC)
    local = datetime.fromtimestamp((started + time.time()) / 2, UTC)
    skew = (local - remote).total_seconds()
    if abs(skew) > MAX_CLOCK_SKEW_S:
        found.append(
            Finding(
                "clock",
                FAIL,
                f"this host's clock is {skew:+.0f}s off ({probe_url} says {remote:%H:%M:%S} UTC):"
                " remote servers will refuse its signatures",
                "enable time synchronisation: apt install systemd-timesyncd (or chrony); timedatectl set-ntp true",
            )
        )
    else:
        found.append(Finding("clock", OK, f"within {abs(skew):.0f}s of {probe_url}"))
    return found


def check_backups() -> list[Finding]:
    directory = os.environ.get("TRIBUNE_BACKUP_DIR")
    if not directory:
        return [
            Finding(
                "backups",
                WARN,
                "TRIBUNE_BACKUP_DIR is not set: no scheduled backups are known",
                "set it in /etc/tribune/tribune.env and enable tribune-backup.timer (deploy/systemd/)",
            )
        ]
    found = archives_in(Path(directory))
    if not found:
        return [
            Finding("backups", WARN, f"no backup in {directory} yet", "run: tribune backup --output " + directory),
            *check_offsite(Path(directory)),
        ]
    age = time.time() - found[-1].stat().st_mtime
    if age > MAX_BACKUP_AGE_S:
        finding = Finding(
            "backups",
            WARN,
            f"the newest backup is {age / 3600:.0f} hours old ({found[-1].name})",
            "check: systemctl status tribune-backup.timer tribune-backup.service",
        )
    else:
        finding = Finding("backups", OK, f"newest: {found[-1].name} ({age / 3600:.1f} hours old)")
    return [finding, *check_offsite(Path(directory))]


def check_offsite(directory: Path) -> list[Finding]:
    """A backup that stays on the host is lost with it: the copies must leave it, and recently."""
    if not settings.BACKUP_OFFSITE_URL:
        return [
            Finding(
                "off-site",
                WARN,
                "no off-site copy is configured: the backups die with this host",
                "set TRIBUNE_BACKUP_OFFSITE_URL in /etc/tribune/tribune.env to an s3:// URL of another provider"
                " (credentials in AWS_*) or an rsync destination user@host:dir/ (docs/moving-hosts.md)",
            )
        ]
    record = last_offsite(directory)
    if record is None:
        return [
            Finding(
                "off-site",
                WARN,
                f"no copy to {settings.BACKUP_OFFSITE_URL} yet",
                "run: systemctl start tribune-backup.service; journalctl -u tribune-backup.service",
            )
        ]
    age = time.time() - float(record.get("at", 0))
    if record.get("error"):
        return [
            Finding(
                "off-site",
                FAIL,
                f"the last off-site copy ({age / 3600:.1f} hours ago) failed: {record['error']}",
                "check the URL and AWS_* credentials (or the SSH key), then: systemctl start tribune-backup.service",
            )
        ]
    if age > MAX_BACKUP_AGE_S:
        return [
            Finding(
                "off-site",
                WARN,
                f"the last off-site copy is {age / 3600:.0f} hours old ({record.get('copied_to')})",
                "check: systemctl status tribune-backup.timer tribune-backup.service",
            )
        ]
    return [Finding("off-site", OK, f"last copy: {record.get('copied_to')} ({age / 3600:.1f} hours ago)")]


def check_media() -> list[Finding]:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = f"doctor/probe-{os.getpid()}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        default_storage.delete(saved)
    except Exception as error:  # permissions, credentials, endpoint: all are the finding
        return [
            Finding(
                "media",
                FAIL,
                f"cannot write to the media storage ({type(error).__name__}: {error})",
                "local: chown the data directory's media/ to the service user; S3: check TRIBUNE_MEDIA_URL and AWS_* credentials",
            )
        ]
    return [Finding("media", OK, "media storage is writable")]


def run_all(probe_url: str | None = DEFAULT_PROBE_URL) -> list[Finding]:
    checks: list[Callable[[], list[Finding]]] = [
        check_configuration,
        check_database,
        check_redis,
        check_disk,
        check_keys,
        check_push_keys,
        check_media,
        check_backups,
        lambda: check_network(probe_url),
    ]
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check())
    return findings
