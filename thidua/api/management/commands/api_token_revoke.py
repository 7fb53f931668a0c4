"""Revoke API tokens by id, or every token of a user."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.api.models import ApiToken
from thidua.api.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke API tokens: api_token_revoke --id N | --user USERNAME"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--id", type=int)
        group.add_argument("--user")

    def handle(self, *args: Any, **options: Any) -> None:
        qs = ApiToken.objects.filter(revoked_at__isnull=True)
        qs = qs.filter(pk=options["id"]) if options["id"] else qs.filter(user__username=options["user"])
        tokens = list(qs)
        if not tokens:
            raise CommandError("No active token matches.")
        now = timezone.now()
        for token in tokens:
            api_token_revoke(actor=None, token=token, now=now)
            self.stdout.write(f"Revoked #{token.pk} {token}")
