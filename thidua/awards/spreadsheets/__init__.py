"""Excel import of earlier awards and of evaluations, and export of the register (same layout as imports)."""

from thidua.awards.spreadsheets.awards_sheet import COLUMNS as AWARD_COLUMNS
from thidua.awards.spreadsheets.awards_sheet import (
    export_awards,
    import_award_records,
    import_awards,
    read_awards,
)
from thidua.awards.spreadsheets.evaluations_sheet import COLUMNS as EVALUATION_COLUMNS
from thidua.awards.spreadsheets.evaluations_sheet import import_evaluations, read_evaluations
from thidua.awards.spreadsheets.reader import RegisterImportReport

__all__ = [
    "AWARD_COLUMNS",
    "EVALUATION_COLUMNS",
    "RegisterImportReport",
    "export_awards",
    "import_award_records",
    "import_awards",
    "import_evaluations",
    "read_awards",
    "read_evaluations",
]
