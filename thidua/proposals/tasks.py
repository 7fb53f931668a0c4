"""Background tasks of the proposals app (Django's tasks API; `manage.py db_worker` runs them)."""

from django.tasks import task
from django.utils import timezone

from thidua.proposals.services.reminders import send_deadline_reminders

DEFAULT_DAYS = 3


@task
def send_deadline_reminders_task(days: int = DEFAULT_DAYS) -> int:
    """Remind authorities of the proposals due within ``days`` working days of today."""
    return len(send_deadline_reminders(on=timezone.localdate(), days=days))
