"""Writes of the decisions app: decisions and their lines (decisions.py), certificate layouts (layouts.py)."""

from thidua.decisions.services.decisions import (
    decision_add_lines,
    decision_cancel,
    decision_create,
    decision_draft_from_nominees,
    decision_issue,
    decision_remove_line,
    decision_update,
)
from thidua.decisions.services.layouts import layout_save

__all__ = [
    "decision_add_lines",
    "decision_cancel",
    "decision_create",
    "decision_draft_from_nominees",
    "decision_issue",
    "decision_remove_line",
    "decision_update",
    "layout_save",
]
