"""The domain error tree. Interfaces turn these into messages; services raise them."""


class DomainError(Exception):
    """A rule of the domain refused the request; the message is for the user."""


class NotFound(DomainError):  # noqa: N818 - reads better at call sites than NotFoundError
    """The object does not exist, or the user may not see it; the two are never told apart."""


class ValidationFailed(DomainError):  # noqa: N818
    """Input broke a rule; `errors` maps field names (or row numbers) to messages."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}
