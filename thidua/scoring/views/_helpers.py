"""Small helpers shared by the scoring views."""

from typing import Any

from django import forms
from django.http import HttpRequest

from thidua.core.errors import ValidationFailed


def form_errors(form: forms.Form, exc: ValidationFailed) -> None:
    """Put a service's ValidationFailed onto the form: field messages on fields, the rest on top."""
    placed = False
    for name, messages in exc.errors.items():
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
                placed = True
    if not placed:
        form.add_error(None, str(exc))


def year_param(request: HttpRequest, default: int | None) -> int | None:
    """Read ?year= as an int, falling back to `default`."""
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return default


def posted(request: HttpRequest, name: str) -> Any:
    """Return a POST value or an empty string."""
    return request.POST.get(name, "")
