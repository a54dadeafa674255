"""OAuth tokens issued before hashed storage: their SHA-256 checksum (the lookup key) is kept and
the token itself blanked, so no database copy or backup holds a usable token. One way: a
blanked token cannot be brought back (clients keep theirs and go on using it)."""

import hashlib

from django.db import migrations


def redact(apps, schema_editor):
    for name in ("AccessToken", "RefreshToken"):
        model = apps.get_model("oauth2_provider", name)
        for row in model.objects.exclude(token="").iterator():
            checksum = hashlib.sha256(row.token.encode("utf-8")).hexdigest()
            model.objects.filter(pk=row.pk).update(token="", token_checksum=checksum)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("oauth2_provider", "0022_refreshtoken_token_family_index"),
    ]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
