"""A logical, engine-neutral dump of the database: every row of every installed model as JSON Lines.

Rows are read from one consistent snapshot while the instance keeps serving:
SQLite is read inside one deferred read transaction (in WAL mode a reader sees one
point in time and never blocks writers); PostgreSQL is read inside one REPEATABLE
READ READ ONLY transaction, the snapshot pg_dump itself uses. Values are
written as Django serialises them (ISO dates, JSON as JSON, primary keys as they
are), so an archive taken on SQLite loads into PostgreSQL and back with the same ids.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string

from ops.backup.archive import Staging
from ops.backup.progress import Progress

# Never archived: sessions are logged-in browsers (people log in again), caches rebuild themselves.
EXCLUDED = {"sessions.session"}
BATCH = 5000
INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField"}
SENSITIVE_PREFIXES = ("accounts.account", "accounts.user", "oauth2_provider.", "django_tasks_database.")


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def dumped_models() -> list[type[models.Model]]:
    """Every concrete, managed model of every installed app (many-to-many tables included), parents first."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model_label(model) not in EXCLUDED
    ]
    return sort_by_dependencies(found)


def sort_by_dependencies(found: list[type[models.Model]]) -> list[type[models.Model]]:
    """Referenced tables before referencing ones (cycles and self-references are fine: constraints are deferred)."""
    remaining = sorted(found, key=model_label)
    present = set(remaining)
    ordered: list[type[models.Model]] = []
    done: set[type[models.Model]] = set()
    while remaining:
        progressed = False
        for model in list(remaining):
            needs = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not model and f.related_model in present
            }
            if needs <= done:
                ordered.append(model)
                done.add(model)
                remaining.remove(model)
                progressed = True
        if not progressed:  # a cycle: take the rest in name order
            ordered.extend(remaining)
            break
    return ordered


def _encode_datetime(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _encode_decimal(value: Any) -> Any:
    return None if value is None else str(value)


def _encode_bytes(value: Any) -> Any:
    return None if value is None else base64.b64encode(bytes(value)).decode()


def _encode_duration(value: Any) -> Any:
    return None if value is None else duration_iso_string(value)


def _encode_uuid(value: Any) -> Any:
    return None if value is None else str(value)


def encoder_for(field: models.Field) -> Callable[[Any], Any] | None:
    """How a value read from the database becomes JSON (None: it already is)."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]  # relations have one
    kind = target.get_internal_type()
    if kind in {"DateTimeField", "DateField", "TimeField"}:
        return _encode_datetime
    if kind == "DecimalField":
        return _encode_decimal
    if kind == "BinaryField":
        return _encode_bytes
    if kind == "DurationField":
        return _encode_duration
    if kind == "UUIDField":
        return _encode_uuid
    return None


def encode_row(names: list[str], encoders: list[Callable[[Any], Any] | None], row: tuple) -> dict[str, Any]:
    return {
        name: (encode(value) if encode is not None else value)
        for name, encode, value in zip(names, encoders, row, strict=True)
    }


def iter_rows(model: type[models.Model], using: str, batch: int = BATCH) -> Iterator[dict[str, Any]]:
    """Rows in primary-key order, a page at a time (keyset pagination: memory stays flat on any size)."""
    fields = list(model._meta.concrete_fields)
    names = [f.attname for f in fields]
    encoders = [encoder_for(f) for f in fields]
    pk = model._meta.pk
    if pk is None:
        raise RuntimeError(f"{model_label(model)} has no primary key")
    queryset = model._base_manager.using(using).order_by(pk.attname).values_list(*names)
    pk_index = names.index(pk.attname)
    if pk.get_internal_type() not in INTEGER_KEYS:
        # Text keys sort by collation, which differs between engines: sort here so that the
        # same rows always give the same bytes (such tables are small: settings, names).
        for row in sorted(queryset, key=lambda r: str(r[pk_index])):
            yield encode_row(names, encoders, row)
        return
    last: Any = None
    while True:
        page = queryset if last is None else queryset.filter(**{f"{pk.attname}__gt": last})
        rows = list(page[:batch])
        if not rows:
            return
        for row in rows:
            yield encode_row(names, encoders, row)
        last = rows[-1][pk_index]
        if len(rows) < batch:
            return


def applied_migrations(using: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


@contextmanager
def snapshot(using: str = "default") -> Iterator[str]:
    """Yield a connection alias whose reads all see one point in time of `using`."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        # A deferred read transaction: in WAL mode it sees one snapshot and never blocks writers
        # (Django's own transactions here are BEGIN IMMEDIATE, which would take the write lock).
        connection.ensure_connection()
        if not connection.get_autocommit() or connection.in_atomic_block:
            raise RuntimeError("a backup cannot run inside a transaction")
        raw = connection.connection
        raw.execute("BEGIN DEFERRED")
        try:
            yield using
        finally:
            raw.execute("ROLLBACK")
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield using
    else:
        raise RuntimeError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")


def dump_database(staging: Staging, using: str, progress: Progress) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Write db/<label>.jsonl for every model; return the manifest's model list and migration state."""
    listed: list[dict[str, Any]] = []
    with snapshot(using) as alias:
        migrations = applied_migrations(alias)
        existing = set(connections[alias].introspection.table_names())
        for model in dumped_models():
            label = model_label(model)
            if model._meta.db_table not in existing:
                # Its migration is not applied here: the archive's migration state says so too.
                progress.note(f"  {label}: no table (migration not applied), skipped")
                continue
            name = f"db/{label}.jsonl"
            progress.start(label)
            count = 0
            with staging.path(name).open("w", encoding="utf-8") as handle:
                buffer: list[str] = []
                for row in iter_rows(model, alias):
                    buffer.append(canonical_line(row))
                    if len(buffer) >= BATCH:
                        handle.write("\n".join(buffer) + "\n")
                        count += len(buffer)
                        progress.advance(len(buffer))
                        buffer.clear()
                if buffer:
                    handle.write("\n".join(buffer) + "\n")
                    count += len(buffer)
                    progress.advance(len(buffer))
            progress.finish()
            # Account private keys are rows of accounts.account: that part is as secret as the key files.
            staging.add_file(name, sensitive=label.startswith(SENSITIVE_PREFIXES))
            listed.append({"label": label, "table": model._meta.db_table, "part": name, "rows": count})
    return listed, migrations


def canonical_line(row: dict[str, Any]) -> str:
    """One row as one line of JSON, keys sorted at every level: the same rows give the same bytes on
    every engine (PostgreSQL reorders the keys of jsonb values), so a table's SHA-256 is its fingerprint."""
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_fallback)


def table_fingerprint(model: type[models.Model], using: str) -> tuple[int, str]:
    """(rows, SHA-256 of the table as the archive writes it)."""
    digest = hashlib.sha256()
    count = 0
    for row in iter_rows(model, using):
        digest.update(canonical_line(row).encode() + b"\n")
        count += 1
    return count, digest.hexdigest()


def instance_fingerprint(using: str = "default") -> dict[str, Any]:
    """What a person or a remote server can observe, as hashes: every table's rows, every media file."""
    from ops.backup.files import media_fingerprint

    tables = {}
    for model in dumped_models():
        rows, sha = table_fingerprint(model, using)
        tables[model_label(model)] = {"rows": rows, "sha256": sha}
    return {"tables": tables, "media": media_fingerprint()}


def _fallback(value: Any) -> Any:
    """Values a JSONField or an unusual column may still carry."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"cannot archive a value of type {type(value).__name__}")
