"""Optional PAdES signatures with pyHanko, and their validation.

The signing certificate is a PKCS#12 file named by the settings THIDUA_SIGNING_P12 and
THIDUA_SIGNING_P12_PASSWORD. Without them documents are issued unsigned (the signature block is drawn
in the HTML; the PDF signature is invisible, documents.md §8.3).
"""

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

TEST_CERTIFICATE_NAME = "thidua TEST certificate — not valid for official use"
FIELD_NAME = "ThiduaSignature"


@dataclass(frozen=True)
class SigningConfig:
    """Where the certificate is and how to open it."""

    p12_path: Path
    password: bytes | None


@dataclass(frozen=True)
class CertificateInfo:
    """What the document page says about the configured certificate."""

    subject: str
    issuer: str
    self_signed: bool
    not_after: datetime


@dataclass(frozen=True)
class SignatureCheck:
    """The result of validating the first signature of a PDF."""

    signed: bool
    intact: bool
    valid: bool
    trusted: bool
    signer: str
    summary: str


def signing_config() -> SigningConfig | None:
    """Return the configured certificate, or None when documents are issued unsigned."""
    path = getattr(settings, "THIDUA_SIGNING_P12", None)
    if not path:
        return None
    password = getattr(settings, "THIDUA_SIGNING_P12_PASSWORD", None)
    return SigningConfig(Path(path), password.encode("utf-8") if password else None)


def _load(config: SigningConfig) -> tuple[Any, x509.Certificate]:
    key, cert, _extra = pkcs12.load_key_and_certificates(config.p12_path.read_bytes(), config.password)
    if key is None or cert is None:
        raise ValueError(f"{config.p12_path} holds no key and certificate.")
    return key, cert


def certificate_info(config: SigningConfig | None = None) -> CertificateInfo | None:
    """Describe the configured certificate (None when signing is off)."""
    config = config or signing_config()
    if config is None:
        return None
    _key, cert = _load(config)
    return CertificateInfo(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        self_signed=cert.subject == cert.issuer,
        not_after=cert.not_valid_after_utc,
    )


def _outside_event_loop[T](fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call `fn` where no asyncio loop runs: pyHanko's synchronous API starts one of its own.

    Under an ASGI server (or a browser-driving test) the calling thread already runs a loop, so the
    call moves to a short-lived worker thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def sign_pdf(
    pdf: bytes, *, config: SigningConfig | None = None, reason: str = "", location: str = ""
) -> bytes:
    """Return `pdf` with an invisible PAdES signature by the configured certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import fields, signers  # noqa: PLC0415

    config = config or signing_config()
    if config is None:
        raise ValueError("No signing certificate is configured (THIDUA_SIGNING_P12).")
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(config.p12_path), passphrase=config.password)
    if signer is None:
        raise ValueError(f"Cannot open the signing certificate {config.p12_path}.")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason or None,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    _outside_event_loop(signers.sign_pdf, writer, meta, signer=signer, output=out)
    return out.getvalue()


def check_signature(pdf: bytes, *, trust_roots: list[Any] | None = None) -> SignatureCheck:
    """Validate the first embedded signature: is the signed content intact, is the signature valid."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415

    reader = PdfFileReader(io.BytesIO(pdf))
    if not reader.embedded_signatures:
        return SignatureCheck(False, False, False, False, "", "unsigned")
    embedded = reader.embedded_signatures[0]
    context = ValidationContext(trust_roots=trust_roots or [], allow_fetching=False)
    status = _outside_event_loop(validate_pdf_signature, embedded, context)
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    return SignatureCheck(
        True, bool(status.intact), bool(status.valid), bool(status.trusted), signer, status.summary()
    )


def make_test_certificate(*, password: str, days: int = 365, now: datetime | None = None) -> bytes:
    """Return a PKCS#12 with a new self-signed TEST key and certificate (never for official use)."""
    now = now or datetime.now(tz=UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, TEST_CERTIFICATE_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "thidua (test)"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(password.encode("utf-8"))
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(
        name=b"thidua-test", key=key, cert=cert, cas=None, encryption_algorithm=encryption
    )
