"""TEMPORARY index until the exemplars pages land."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Render an empty public page."""
    return render(request, "public/soon.html", {})
