"""TEMPORARY: pages of the public portal still being built in parallel branches (removed before #6 closes)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def soon(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """Render an empty public page."""
    return render(request, "public/soon.html", {})
