"""Uploaded photos: accept JPEG and PNG only and re-encode them without any metadata.

One function on purpose: `thidua.core.uploads.strip_image_metadata` is meant to replace it.
"""

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from thidua.core.errors import ValidationFailed

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # far above any camera photo; refuses decompression bombs early
MAX_SIDE = 2400  # larger photos are scaled down: the public pages never show more


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image: its bytes, extension, content type and size."""

    data: bytes
    extension: str
    content_type: str
    width: int
    height: int


def strip_image_metadata(data: bytes, *, field: str = "photo") -> CleanImage:
    """Return the image in `data` re-encoded from its pixels alone (no EXIF, GPS, XMP, ICC or text).

    Only JPEG and PNG are accepted; the orientation EXIF gave is applied to the pixels before it is dropped.
    Raises ValidationFailed (under `field`) for anything else.
    """
    refused = ValidationFailed(
        _("The photo must be a JPEG or PNG image."), {field: [_("The photo must be a JPEG or PNG image.")]}
    )
    if not data or len(data) > MAX_PHOTO_BYTES:
        raise ValidationFailed(
            _("The photo must be at most 5 MB."), {field: [_("The photo must be at most 5 MB.")]}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                if fmt not in {"JPEG", "PNG"} or probe.width * probe.height > MAX_PIXELS:
                    raise refused
                probe.load()
                image = ImageOps.exif_transpose(probe) or probe
                image.thumbnail((MAX_SIDE, MAX_SIDE))
                # A fresh image from the pixels alone: nothing of the original's info travels with it.
                if fmt == "JPEG":
                    pixels = image.convert("RGB")
                else:
                    mode = image.mode if image.mode in {"RGB", "RGBA", "L", "LA"} else "RGBA"
                    pixels = image.convert(mode)
                clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, Warning):
        raise refused from None
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, format="JPEG", quality=88, optimize=True)
        return CleanImage(out.getvalue(), ".jpg", "image/jpeg", clean.width, clean.height)
    clean.save(out, format="PNG", optimize=True)
    return CleanImage(out.getvalue(), ".png", "image/png", clean.width, clean.height)
