"""PAdES signatures: a signed document validates, and changing one byte breaks it."""

from datetime import date

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.core.management import call_command

from thidua.documents import services, signing
from thidua.documents.rendering import render_pdf

from .conftest import draft_for
from .test_rendering import seed_sheet


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    path = tmp_path_factory.mktemp("cert") / "test-signing.p12"
    call_command("make_test_signing_certificate", output=str(path), password="bi-mat", verbosity=0)
    _key, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), b"bi-mat")
    assert cert is not None
    return path, asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def test_signed_pdf_is_intact_and_trusted_with_its_root(certificate):
    path, root = certificate
    config = signing.SigningConfig(path, b"bi-mat")
    signed = signing.sign_pdf(render_pdf(seed_sheet()), config=config, reason="2377/UBND-NV")
    check = signing.check_signature(signed, trust_roots=[root])
    assert (check.signed, check.intact, check.valid, check.trusted) == (True, True, True, True)
    assert signing.TEST_CERTIFICATE_NAME in check.signer


def test_changing_one_signed_byte_breaks_the_signature(certificate):
    path, root = certificate
    signed = bytearray(
        signing.sign_pdf(render_pdf(seed_sheet()), config=signing.SigningConfig(path, b"bi-mat"))
    )
    position = signed.index(b"stream", 2000) + 20  # inside the first page's content
    signed[position] ^= 0x01
    check = signing.check_signature(bytes(signed), trust_roots=[root])
    assert check.intact is False


def test_the_test_certificate_says_it_is_self_signed(certificate):
    path, _root = certificate
    info = signing.certificate_info(signing.SigningConfig(path, b"bi-mat"))
    assert info is not None and info.self_signed
    assert "not valid for official use" in info.subject


@pytest.mark.django_db
def test_issue_signs_when_a_certificate_is_configured(office, settings, certificate):
    path, root = certificate
    settings.THIDUA_SIGNING_P12 = str(path)
    settings.THIDUA_SIGNING_P12_PASSWORD = "bi-mat"
    document = services.document_issue(
        actor=office.chairman, document=draft_for(office), issued_on=date(2020, 12, 30)
    )
    assert document.signed and document.signed_with_test_certificate
    check = signing.check_signature(document.pdf.read(), trust_roots=[root])
    assert check.intact and check.valid


def test_unsigned_pdf_reports_no_signature():
    assert signing.check_signature(render_pdf(seed_sheet())).signed is False
