"""Helpers shared by the proposal screens."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone

from thidua.core.errors import DomainError, ValidationFailed

NAV = "proposals"


def fail(request: HttpRequest, exc: DomainError) -> None:
    """Show a refused action, with each detail of a validation failure."""
    messages.error(request, str(exc))
    if isinstance(exc, ValidationFailed):
        for problems in exc.errors.values():
            for problem in problems:
                messages.error(request, problem)


def today() -> Any:
    """Return the local date (the interface reads the clock; services take it as a parameter)."""
    return timezone.localdate()
