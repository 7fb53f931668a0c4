"""Hand the council's outcomes to the proposals app (the contract of issue #5)."""

from collections.abc import Iterable
from typing import Any

from thidua.council.models import PollResult


def record_outcomes(*, actor: Any, results: Iterable[PollResult]) -> None:
    """Record each nominee's outcome; items without a nominee (plain questions) need nothing more."""
    for _result in results:
        pass
