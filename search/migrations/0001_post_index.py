"""The post search index: FTS5 on SQLite, tsvector + GIN on PostgreSQL (see search/index.py)."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_post_fts USING fts5("
            "body, stems, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE IF NOT EXISTS search_post_document (post_id bigint PRIMARY KEY, document tsvector NOT NULL)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_post_document_gin ON search_post_document USING gin (document)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_post_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_post_document")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("posts", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
