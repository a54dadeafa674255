"""Files stored before names became random keep names derived from the id (`media/2025/05/<media
id>.jpg`, `thumbs/…/<media id>-small.jpg`) or fixed (`avatars/avatar.jpg`): each is copied under a
fresh random name, through the storage API (filesystem or S3 alike), its row pointed at it, and
the old file deleted.

Not atomic: storage is not transactional, so each row is committed on its own, and the old file
deleted only once its row names the new one. Interrupted, the migration is not recorded and runs
again on the next `tribune migrate`, skipping what is already random; at worst a copy is left
unreferenced, never a row without its file. A missing file is logged and left as it is.
"""

import logging
from pathlib import PurePosixPath

from django.core.files import File
from django.db import migrations

from tribune.lib.storage_names import is_random_name, random_stem

logger = logging.getLogger(__name__)

FIELDS = (
    ("posts", "MediaAttachment", "file"),
    ("posts", "MediaAttachment", "thumbnail"),
    ("accounts", "Account", "avatar"),
    ("accounts", "Account", "header"),
)
BATCH = 1000


def _rename_one(model, field: str, pk: int, old: str) -> str:
    """'renamed', 'missing' or 'changed' (the row moved on meanwhile)."""
    storage = model._meta.get_field(field).storage
    path = PurePosixPath(old)
    target = str(path.with_name(random_stem() + path.suffix.lower()))
    try:
        if not storage.exists(old):
            raise FileNotFoundError(old)
        with storage.open(old, "rb") as handle:
            new = storage.save(target, File(handle))
    except OSError as error:
        logger.warning("%s %s %s: stored file %s not found (%s), left as it is", model.__name__, pk, field, old, error)
        return "missing"
    if not model.objects.filter(pk=pk, **{field: old}).update(**{field: new}):
        storage.delete(new)
        return "changed"
    storage.delete(old)
    return "renamed"


def _forget_rendering(model, pk: int) -> None:
    """The post's cached rendering named the old file (its version does not change with a file name)."""
    from posts import render_cache

    post_id = model.objects.filter(pk=pk).values_list("post_id", flat=True).first()
    if post_id is not None:
        render_cache.forget(post_id)


def rename_legacy_files(apps, schema_editor) -> None:
    for app_label, model_name, field in FIELDS:
        model = apps.get_model(app_label, model_name)
        rows = model.objects.exclude(**{field: ""}).order_by("pk")
        total = rows.count()
        counts = {"renamed": 0, "missing": 0, "changed": 0}
        seen, last = 0, None
        while True:
            batch = list((rows.filter(pk__gt=last) if last is not None else rows).values_list("pk", field)[:BATCH])
            if not batch:
                break
            for pk, name in batch:
                if not is_random_name(name):
                    outcome = _rename_one(model, field, pk, name)
                    counts[outcome] += 1
                    if outcome == "renamed" and model_name == "MediaAttachment":
                        _forget_rendering(model, pk)
            seen += len(batch)
            last = batch[-1][0]
            if total > BATCH:
                print(f"  {model_name}.{field}: {seen}/{total} checked, {counts['renamed']} renamed", flush=True)
        if counts["renamed"] or counts["missing"]:
            print(
                f"  {model_name}.{field}: {counts['renamed']} files given random names,"
                f" {counts['missing']} missing (left as they were)",
                flush=True,
            )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("posts", "0012_conversation_state"),
        ("accounts", "0010_domain_blocks"),
    ]

    operations = [migrations.RunPython(rename_legacy_files, migrations.RunPython.noop, elidable=True)]
