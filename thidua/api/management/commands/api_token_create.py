"""Create an API token for a user and print its secret (shown this once; only its SHA-256 is kept)."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.accounts.models import User
from thidua.api.services import api_token_create
from thidua.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Create an API token: api_token_create <username> <name> [--days N]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="Which system uses the token, e.g. 'HR system'.")
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        now = timezone.now()
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        expires = now + timedelta(days=days) if days else None
        try:
            token, secret = api_token_create(
                actor=None, user=user, name=options["name"], now=now, expires_at=expires
            )
        except ValidationFailed as exc:
            raise CommandError(f"{exc}: {exc.errors}") from None
        self.stdout.write(secret)
        self.stderr.write(
            f"Token #{token.pk} “{token.name}” for {user.username}"
            + (f", expires {expires:%Y-%m-%d}" if expires else "")
            + ". Keep the secret above: it is not shown again."
        )
