"""A detector for rows that tie a voter to a choice, used by the unlinkability tests.

It reads every row of every table through the ORM (auto-created many-to-many tables included) and
flags a row that holds both a voter identifier and a choice: a foreign key to a voter's user or seat,
a voter's user name or full name in text, or a member/user/voter/actor key in JSON holding a voter's id;
and a choice value (YES/NO/ABSTAIN) in any text or JSON leaf.
"""

import json
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import connection, models

from thidua.accounts.models import User
from thidua.council.models import CouncilMember

CHOICE_WORD = re.compile(r"\b(YES|NO|ABSTAIN)\b")
_ID_KEYS = ("member", "user", "voter", "actor")


def _leaves(value: Any, key: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, str(k))
            yield ("key", str(k))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _leaves(v, key)
    else:
        yield (key, value)


def find_links(voters: list[User], members: list[CouncilMember]) -> list[str]:
    """Return a description of every row holding both a voter identifier and a choice."""
    user_ids = {u.pk for u in voters}
    member_ids = {m.pk for m in members}
    names = {u.username for u in voters} | {u.full_name for u in voters if u.full_name}
    found: list[str] = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table not in tables:  # an app whose migrations are not written yet
            continue
        fields = [f for f in model._meta.concrete_fields if f.name != "password"]
        for row in model._default_manager.all().values(*[f.attname for f in fields]):
            has_voter = False
            has_choice = False
            for f in fields:
                value = row[f.attname]
                if value is None:
                    continue
                if isinstance(f, models.ForeignKey):
                    target = f.related_model
                    if (target is User and value in user_ids) or (
                        target is CouncilMember and value in member_ids
                    ):
                        has_voter = True
                    continue
                if isinstance(f, models.JSONField):
                    data = value if not isinstance(value, str) else json.loads(value)
                    for k, leaf in _leaves(data):
                        if isinstance(leaf, str) and (
                            leaf in {"YES", "NO", "ABSTAIN"} or CHOICE_WORD.search(leaf)
                        ):
                            has_choice = True
                        if isinstance(leaf, str) and any(n in leaf for n in names):
                            has_voter = True
                        if (
                            any(w in k.lower() for w in _ID_KEYS)
                            and isinstance(leaf, int)
                            and (leaf in user_ids or leaf in member_ids)
                        ):
                            has_voter = True
                    continue
                if isinstance(value, str):
                    if CHOICE_WORD.search(value):
                        has_choice = True
                    if any(n and n in value for n in names):
                        has_voter = True
            if has_voter and has_choice:
                found.append(f"{model._meta.label}: {row}")
    return found
