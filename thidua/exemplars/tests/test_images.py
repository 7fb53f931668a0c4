"""Photos are re-encoded from their pixels: no EXIF, no GPS; only JPEG and PNG are accepted."""

import io

import pytest
from PIL import Image

from thidua.core.errors import ValidationFailed
from thidua.exemplars import services
from thidua.exemplars.images import strip_image_metadata
from thidua.exemplars.tests.conftest import jpeg_with_gps, make_story, png_bytes


def test_the_fixture_really_carries_gps():
    exif = Image.open(io.BytesIO(jpeg_with_gps())).getexif()
    assert exif[0x0110] == "Secret Camera 3000"
    assert exif.get_ifd(0x8825)


def test_exif_and_gps_are_removed():
    clean = strip_image_metadata(jpeg_with_gps())
    image = Image.open(io.BytesIO(clean.data))
    assert image.format == "JPEG" and clean.extension == ".jpg"
    assert not image.getexif()
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Secret Camera" not in clean.data
    assert (clean.width, clean.height) == (64, 48)


def test_png_text_chunks_are_removed():
    out = io.BytesIO()
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Nguyễn Văn Bí Mật")
    Image.new("RGB", (8, 8)).save(out, format="PNG", pnginfo=info)
    clean = strip_image_metadata(out.getvalue())
    assert clean.content_type == "image/png"
    assert "Author" not in Image.open(io.BytesIO(clean.data)).info
    assert strip_image_metadata(png_bytes()).extension == ".png"


@pytest.mark.parametrize(
    "data",
    [b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", b"%PDF-1.4 not an image", b"", b"\xff\xd8\xff broken"],
)
def test_other_files_are_refused(data):
    with pytest.raises(ValidationFailed):
        strip_image_metadata(data)


def test_gif_is_refused_even_when_valid():
    out = io.BytesIO()
    Image.new("P", (4, 4)).save(out, format="GIF")
    with pytest.raises(ValidationFailed):
        strip_image_metadata(out.getvalue())


@pytest.mark.django_db
def test_the_stored_photo_has_no_exif(world):
    story = make_story(world)
    photo = services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="Ảnh lớp học")
    with photo.image.open("rb") as fh:
        stored = fh.read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"Secret Camera" not in stored
    assert photo.content_type == "image/jpeg"


@pytest.mark.django_db
def test_a_photo_needs_a_text_alternative(world):
    story = make_story(world)
    with pytest.raises(ValidationFailed) as exc:
        services.photo_add(actor=world.an, story=story, data=jpeg_with_gps(), alt_text="   ")
    assert "alt_text" in exc.value.errors
