"""Make sure a fresh instance has its first administrator, and say how to log in."""

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.actions import do_create_user
from accounts.models import User


class Command(BaseCommand):
    help = "Create the first administrator if there is none, and print how to log in."

    def handle(self, *args: Any, **options: Any) -> None:
        password_file = settings.DATA_DIR / "initial-admin-password"
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            do_create_user("admin", password, is_staff=True, display_name="Administrator", validated=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        self.stdout.write(f"Tribune is starting on {settings.SITE_URL}/")
        if password_file.exists():
            self.stdout.write(
                f"Log in as the first administrator: username 'admin', password '{password_file.read_text().strip()}'"
                f" (kept in {password_file}; delete that file once you have changed the password)."
            )
        else:
            self.stdout.write("Log in with your administrator account.")
