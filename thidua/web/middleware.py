"""Turn the domain's NotFound into the same 404 page as a missing URL."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from thidua.core.errors import NotFound


class NotFoundMiddleware:
    """Answer NotFound from an access gate with a plain 404, so forbidden looks like missing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            raise Http404 from exception
        return None
