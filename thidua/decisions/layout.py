"""Certificate layout: where each field sits on the sheet, in millimetres (pure, no database).

A layout stores only what differs from these defaults (A4 landscape, plain paper). "Static" fields are
pre-printed on blanks (phôi bằng) and are drawn only when the whole certificate is printed; the
variable fields are printed in both modes.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class FieldBox:
    """A text box: top-left corner (x, y) and width in mm, font size in pt (the QR: side in mm)."""

    name: str
    x: float
    y: float
    width: float
    size: float
    static: bool = False

    @property
    def height(self) -> float:
        """Return the box height in mm: one line of text (1.2 × the font size), or the QR's side."""
        return round(self.width if self.name == "qr" else self.size * 0.3528 * 1.2, 1)


# Defaults for A4 landscape (297 × 210 mm). Text is centred in its box.
DEFAULT_FIELDS: tuple[FieldBox, ...] = (
    FieldBox("national_title", 0, 16, 297, 14, static=True),
    FieldBox("motto", 0, 23, 297, 14, static=True),
    FieldBox("authority", 20, 38, 257, 16),
    FieldBox("lead", 0, 50, 297, 16, static=True),
    FieldBox("heading", 10, 59, 277, 34, static=True),
    FieldBox("recipient", 20, 84, 257, 24),
    FieldBox("position", 30, 98, 237, 15),
    FieldBox("achievement", 35, 108, 227, 15),
    FieldBox("decision_line", 18, 146, 120, 12),
    FieldBox("certificate_number", 18, 152, 120, 12),
    FieldBox("qr", 66, 160, 22, 22),
    FieldBox("date_line", 150, 138, 135, 14),
    FieldBox("signature_title", 150, 146, 135, 14),
    FieldBox("signer", 150, 180, 135, 15),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in DEFAULT_FIELDS)
VARIABLE_FIELDS: tuple[str, ...] = tuple(f.name for f in DEFAULT_FIELDS if not f.static)
_BY_NAME = {f.name: f for f in DEFAULT_FIELDS}
KEYS = ("x", "y", "width", "size")


def _number(value: Any, default: float) -> float:
    try:
        return float(Decimal(str(value)))
    except (ArithmeticError, ValueError, TypeError):
        return default


def resolve_fields(
    positions: Mapping[str, Mapping[str, Any]] | None,
    *,
    offset_x: float = 0.0,
    offset_y: float = 0.0,
) -> dict[str, FieldBox]:
    """Return every field's box: the defaults overridden by `positions`, shifted by the offsets."""
    out: dict[str, FieldBox] = {}
    positions = positions or {}
    for name, default in _BY_NAME.items():
        given = positions.get(name) or {}
        out[name] = FieldBox(
            name=name,
            x=_number(given.get("x"), default.x) + offset_x,
            y=_number(given.get("y"), default.y) + offset_y,
            width=_number(given.get("width"), default.width),
            size=_number(given.get("size"), default.size),
            static=default.static,
        )
    return out


def clean_positions(data: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """Keep known fields and keys with numeric values in a sane range; raise ValueError otherwise."""
    out: dict[str, dict[str, float]] = {}
    for name, values in data.items():
        if name not in _BY_NAME:
            raise ValueError(f"Unknown certificate field {name!r}.")
        kept: dict[str, float] = {}
        for key in KEYS:
            if key in values and values[key] not in (None, ""):
                number = float(Decimal(str(values[key])))
                if not -50 <= number <= 1000:
                    raise ValueError(f"{name}.{key} is out of range.")
                kept[key] = number
        if kept:
            out[name] = kept
    return out
