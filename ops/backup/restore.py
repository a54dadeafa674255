"""`tribune restore`: bring a whole instance back from an archive, on either database engine.

Order matters, so that a bad archive never touches the target:
1. extract and verify every part (checksums, manifest, format version, row counts);
2. check that this software knows the archive's schema and that the target is empty;
3. migrate the target to exactly the schema the archive was taken at;
4. load every row in one transaction (all or nothing; constraints are checked at commit);
5. migrate forward to this software's schema, reset PostgreSQL sequences;
6. put media, key files and the secret key back;
7. empty what Redis holds for the previous contents (feeds, pages, stamps, tokens, queued work).
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor

from ops.backup.archive import ArchiveError, Extracted, extract_verified, temporary_directory
from ops.backup.dump import EXCLUDED, dumped_models, table_fingerprint
from ops.backup.files import media_fingerprint, restore_keys_and_config, restore_media
from ops.backup.progress import Progress
from ops.backup.redis_state import clear_redis_state
from ops.seed import analyze_after_bulk_load

# Rows `migrate` itself writes; the archive's rows replace them (same ids as on the old host).
MIGRATE_WRITES = {"contenttypes.contenttype", "auth.permission"}
INSERT_BATCH = 2000
PLAIN_JSON_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "BooleanField",
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "URLField",
    "FileField",
    "ImageField",
    "FilePathField",
    "GenericIPAddressField",
}


class TargetNotEmpty(Exception):
    pass


class RestoreMismatch(Exception):
    pass


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    rows: int
    seconds: float
    warnings: list[str]


def verify_archive(archive: Path, progress: Progress | None = None) -> dict[str, Any]:
    """Check an archive completely without restoring it; returns its manifest or raises ArchiveError."""
    progress = progress or Progress()
    scratch_near = Path(settings.DATA_DIR)
    with temporary_directory(scratch_near, ".tribune-verify-") as scratch:
        progress.start("verify", unit="bytes")
        extracted = extract_verified(archive, scratch, progress=progress)
        progress.finish()
        connection = connections["default"]
        targets = migration_targets(extracted.manifest, connection)
        preflight(extracted, MigrationExecutor(connection).loader.project_state(targets, at_end=True).apps, connection)
    return extracted.manifest


def migration_targets(manifest: dict[str, Any], connection: Any) -> list[tuple[str, str]]:
    """The (app, migration) nodes that put a database at the archive's schema; refuse an unknown schema."""
    executor = MigrationExecutor(connection)
    loader = executor.loader
    targets: list[tuple[str, str]] = []
    archived: dict[str, list[str]] = manifest.get("migrations") or {}
    for app, names in sorted(archived.items()):
        unknown = [n for n in names if (app, n) not in loader.disk_migrations]
        if app not in loader.migrated_apps or unknown:
            raise ArchiveError(
                f"the archive's database has migrations this Tribune does not know ({app}: {unknown or 'whole app'});"
                f" it was written by a newer version ({manifest.get('software_version')}): install that version or newer"
            )
        present = [(app, n) for n in names if (app, n) in loader.graph.nodes]
        leaves = [
            node for node in present if not any(node in loader.graph.forwards_plan(o) and o != node for o in present)
        ]
        targets.extend(leaves)
    return targets


def _table_rows(connection: Any, table: str, existing: set[str]) -> bool:
    if table not in existing:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608  # quoted table name
        return cursor.fetchone() is not None


def occupied_tables(using: str = "default") -> list[str]:
    """Tables of the target that hold rows other than those `migrate` writes and the settings a
    new instance makes for itself the first time something asks for them (its web service started
    by install.sh, say): the instance actor's key, the push key pair, the marks of writes Redis
    missed. They hold nothing of anyone's, so a new host that has them is still empty; the restore
    replaces them with the old host's."""
    from accounts.models import InstanceSetting
    from federation.keys import INSTANCE_KEY_SETTING
    from notifications.vapid import VAPID_SETTING
    from timelines import redis_feeds
    from tribune.lib import stamps

    self_made = {INSTANCE_KEY_SETTING, VAPID_SETTING, stamps.DIRTY_KEY, redis_feeds.DIRTY_KEY}

    connection = connections[using]
    existing = set(connection.introspection.table_names())
    occupied = [
        model._meta.label_lower
        for model in dumped_models()
        if model._meta.label_lower not in MIGRATE_WRITES and _table_rows(connection, model._meta.db_table, existing)
    ]
    label = InstanceSetting._meta.label_lower
    if label in occupied and not InstanceSetting.objects.using(using).exclude(key__in=self_made).exists():
        occupied.remove(label)
    return occupied


def restore_archive(
    archive: Path, *, force: bool = False, check: bool = True, using: str = "default", progress: Progress | None = None
) -> RestoreResult:
    progress = progress or Progress()
    started = time.monotonic()
    connection = connections[using]
    warnings: list[str] = []
    with temporary_directory(Path(settings.DATA_DIR), ".tribune-restore-") as scratch:
        progress.note(f"Verifying {archive}")
        progress.start("verify", unit="bytes")
        extracted = extract_verified(archive, scratch, progress=progress)
        progress.finish()
        manifest = extracted.manifest
        targets = migration_targets(manifest, connection)
        historical = MigrationExecutor(connection).loader.project_state(targets, at_end=True).apps
        preflight(extracted, historical, connection)
        occupied = occupied_tables(using)
        if occupied and not force:
            raise TargetNotEmpty(
                f"the target database is not empty ({', '.join(occupied[:5])}{'...' if len(occupied) > 5 else ''} hold rows);"
                " restore into an empty database, or pass --force to replace everything in it"
            )
        if manifest.get("domain") != settings.DOMAIN:
            warnings.append(
                f"the archive was taken on {manifest.get('domain')!r} and this host is configured as {settings.DOMAIN!r}:"
                " set TRIBUNE_DOMAIN to the old domain, or remote servers will not recognise the accounts"
            )
        progress.note(f"Migrating the target to the archive's schema ({connection.vendor})")
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        rows = load_rows(extracted, historical, using, progress, replace=True, check=check)
        progress.note("Migrating to this version's schema")
        call_command("migrate", database=using, interactive=False, verbosity=0)
        reset_sequences(using)
        rebuild_search_index(progress)
        analyze_after_bulk_load()
        if manifest["media"].get("included"):
            restore_media(scratch, progress)
            check_media(manifest)
        else:
            warnings.append(f"the archive holds no media files (stored in {manifest['media'].get('storage')})")
        restore_keys_and_config(scratch)
    cleared = clear_redis_state()
    if cleared.keys or cleared.jobs:
        progress.note(f"Cleared {cleared.keys:,} Redis keys and {cleared.jobs:,} queued jobs of the previous contents")
    seconds = time.monotonic() - started
    progress.note(f"Restored {rows:,} rows from {archive} in {seconds:.1f}s")
    for warning in warnings:
        progress.note("WARNING: " + warning)
    return RestoreResult(manifest=manifest, rows=rows, seconds=seconds, warnings=warnings)


def check_media(manifest: dict[str, Any]) -> None:
    archived = {
        name[len("media/") :]: part["sha256"] for name, part in manifest["parts"].items() if name.startswith("media/")
    }
    present = media_fingerprint()
    differing = sorted(name for name, sha in archived.items() if present.get(name) != sha)
    if differing:
        raise RestoreMismatch(
            f"{len(differing)} media file(s) differ from the archive after restoring: {differing[:5]}"
        )


def _converters(model: type[models.Model], columns: list[str], connection: Any) -> list[Any]:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    missing = [c for c in columns if c not in by_attname]
    if missing:
        raise ArchiveError(f"{model._meta.label_lower}: the archive has columns this schema lacks: {missing}")

    def make(field: models.Field) -> Any:
        target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]  # relations have one
        if target.get_internal_type() in PLAIN_JSON_TYPES:
            return _same  # JSON already holds the value the driver takes

        def convert(value: Any) -> Any:
            if value is None:
                return None
            return field.get_db_prep_save(field.to_python(value), connection)

        return convert

    return [make(by_attname[c]) for c in columns]


def _same(value: Any) -> Any:
    return value


def load_rows(
    extracted: Extracted, historical: Any, using: str, progress: Progress, *, replace: bool, check: bool = True
) -> int:
    """Every row of the archive in one transaction; any failure rolls all of it back."""
    connection = connections[using]
    total = 0
    listed = extracted.manifest["models"]
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        # Foreign keys are checked once, in bulk, before commit (the pragma cannot change inside a transaction).
        connection.disable_constraint_checking()
    try:
        with transaction.atomic(using=using):
            if replace:
                _empty_tables(connection, listed)
            indexes = _drop_secondary_indexes(connection, [m["table"] for m in listed]) if sqlite else []
            for entry in listed:
                model = _model_for(historical, entry)
                total += _load_model(extracted.root / entry["part"], model, entry, connection, progress)
            if indexes:
                _recreate_indexes(connection, indexes, progress)
            if sqlite:
                connection.check_constraints(table_names=[m["table"] for m in listed])
            if check:
                check_loaded(extracted, historical, using, progress)
    except IntegrityError as error:  # raised by a row, an index, or the deferred checks at commit
        raise RestoreMismatch(f"the archive's rows break a constraint ({error}); nothing was restored") from error
    finally:
        if sqlite:
            connection.enable_constraint_checking()
    return total


def _empty_tables(connection: Any, listed: list[dict[str, Any]]) -> None:
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    tables = [m["table"] for m in reversed(listed)] + [
        model._meta.db_table for model in dumped_models() if model._meta.label_lower in EXCLUDED
    ]
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608  # quoted table name


def _drop_secondary_indexes(connection: Any, tables: list[str]) -> list[tuple[str, str]]:
    """SQLite: drop the indexes a load would otherwise update row by row; they are built again, one
    sort each, by _recreate_indexes in the same transaction (a unique index that the rows break fails
    there and rolls everything back). Indexes SQLite made for UNIQUE/PRIMARY KEY constraints stay."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB of page cache for the bulk load
        placeholders = ", ".join(["%s"] * len(tables))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"  # noqa: S608  # placeholders only
            f" AND tbl_name IN ({placeholders}) ORDER BY name",
            tables,
        )
        indexes = [(str(name), str(sql)) for name, sql in cursor.fetchall()]
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return indexes


def _recreate_indexes(connection: Any, indexes: list[tuple[str, str]], progress: Progress) -> None:
    progress.start("indexes", unit="indexes")
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
            progress.advance(1)
    progress.finish()


def check_loaded(extracted: Extracted, historical: Any, using: str, progress: Progress) -> None:
    """Read every table back, before commit, and compare its SHA-256 with the archive's part: what was
    restored is byte for byte what was backed up, whatever the two engines (else roll it all back)."""
    progress.start("check", unit="tables")
    parts = extracted.manifest["parts"]
    for entry in extracted.manifest["models"]:
        rows, sha = table_fingerprint(_model_for(historical, entry), using)
        if rows != entry["rows"] or sha != parts[entry["part"]]["sha256"]:
            raise RestoreMismatch(
                f"{entry['label']}: the restored rows differ from the archive's ({rows} rows read back,"
                f" {entry['rows']} archived); nothing was restored"
            )
        progress.advance(1)
    progress.finish()


def _model_for(historical: Any, entry: dict[str, Any]) -> type[models.Model]:
    app_label, model_name = entry["label"].split(".")
    try:
        return historical.get_model(app_label, model_name)
    except LookupError:
        model = _auto_created(historical, entry["table"])
    if model is None:
        raise ArchiveError(f"the archive holds {entry['label']}, which this Tribune's schema does not have")
    return model


def preflight(extracted: Extracted, historical: Any, connection: Any) -> None:
    """Before anything is changed: every archived table and column exists in the schema to restore into."""
    for entry in extracted.manifest["models"]:
        model = _model_for(historical, entry)
        with (extracted.root / entry["part"]).open(encoding="utf-8") as handle:
            first = handle.readline()
        if first:
            try:
                columns = list(json.loads(first))
            except json.JSONDecodeError as error:
                raise ArchiveError(f"{entry['part']} is not JSON Lines ({error})") from error
            _converters(model, columns, connection)


def _auto_created(historical: Any, table: str) -> type[models.Model] | None:
    """Many-to-many tables are models of their own in an archive but auto-created in the project state."""
    for model in historical.get_models(include_auto_created=True):
        if model._meta.db_table == table:
            return model
    return None


def _load_model(
    path: Path, model: type[models.Model], entry: dict[str, Any], connection: Any, progress: Progress
) -> int:
    progress.start(entry["label"])
    quote = connection.ops.quote_name
    by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
    count = 0
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
        if not first:
            progress.finish()
            return 0
        columns = list(json.loads(first))
        converters = _converters(model, columns, connection)
        table = quote(model._meta.db_table)
        names = ", ".join(quote(by_attname[c]) for c in columns)

        def rows() -> Any:
            for line in itertools.chain([first], handle):
                row = json.loads(line)
                yield [convert(row[c]) for c, convert in zip(columns, converters, strict=True)]

        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY is several times faster than INSERT for a bulk load, and stays in the transaction.
                # (The driver's cursor, so its errors are wrapped into Django's by hand.)
                with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for values in rows():
                        copy.write_row(values)
                        count += 1
                        if count % INSERT_BATCH == 0:
                            progress.advance(INSERT_BATCH)
                progress.advance(count % INSERT_BATCH)
            else:
                sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608  # quoted names
                batch: list[list[Any]] = []
                for values in rows():
                    batch.append(values)
                    if len(batch) >= INSERT_BATCH:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        progress.advance(len(batch))
                        batch.clear()
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    progress.advance(len(batch))
    progress.finish()
    return count


def rebuild_search_index(progress: Progress) -> int:
    """The search index is derived, engine-specific data (FTS5 or tsvector), never archived: rebuild it."""
    from django.apps import apps as installed

    if not installed.is_installed("search"):
        return 0
    from posts.models import Post
    from search.index import index_rows

    progress.start("search index")
    count = 0
    last = 0
    fields = ("id", "text", "spoiler_text", "language")
    posts = Post.objects.filter(reblog_of__isnull=True, deleted_at__isnull=True).order_by("id")
    while rows := list(posts.filter(id__gt=last).values_list(*fields)[:INSERT_BATCH]):
        with transaction.atomic():
            index_rows(rows)
        count += len(rows)
        last = rows[-1][0]
        progress.advance(len(rows))
    progress.finish()
    return count


def reset_sequences(using: str = "default") -> None:
    """PostgreSQL sequences follow the highest id restored (SQLite's AUTOINCREMENT already does)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), dumped_models())
    if statements:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
