"""Every local account gets its signing key now (accounts used to get one lazily, on first
federation use): `tribune doctor` then finds none missing and every backup carries every key.
Also runs when an archive from before this migration is restored (restore migrates forward)."""

from django.conf import settings
from django.db import migrations


def make_missing_keys(apps, schema_editor):
    from tribune.lib.signatures import generate_key_pair

    Account = apps.get_model("accounts", "Account")
    for account in Account.objects.filter(domain="", private_key="").only("id", "username", "uri").iterator():
        private, public = generate_key_pair(settings.ACCOUNT_KEY_BITS)
        actor = account.uri or f"{settings.SITE_URL}/users/{account.username}"
        Account.objects.filter(pk=account.pk, private_key="").update(
            private_key=private, public_key=public, public_key_id=f"{actor}#main-key"
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_pins_endorsements_notes")]

    operations = [migrations.RunPython(make_missing_keys, migrations.RunPython.noop, elidable=True)]
