"""The Office's signature on the certificates and the minutes: PAdES with pyHanko (issue 19).

ETDA's recommendation ขมธอ. 11-2560 asks for electronic certificates as PDF/A-3 signed in
PAdES; ขมธอ. 33-2566 for time-stamping. The PDF is signed as it comes from fpdf2 (already
PDF/A-3, see pdf.py) with one incremental update holding the signature, so the fonts and the
shaped Thai are untouched: the signature covers the bytes, it does not rewrite them.

- B-B always; B-T when ``SIGNING_TSA_URL`` names an RFC 3161 time-stamping authority.
- The key and its certificate come from settings (env or ``*_FILE``); unset, the development
  key that ``manage.py signing_devkey`` writes under ``SIGNING_DEV_DIR``. Its certificate says
  it is one (``DEVELOPMENT_MARK``), the verification page says so, and outside DEBUG (and the
  tests) nothing is signed with it.
- :func:`verify` judges an uploaded PDF with pyHanko's validator, trusting only the
  certificates given (the one each issued document was signed with).
"""

import asyncio
import concurrent.futures
import datetime
import functools
import io
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.keys.pemder import load_certs_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from core.errors import DomainError

logger = logging.getLogger(__name__)

# Written into the development certificate's subject (organizational unit): how it is recognised.
DEVELOPMENT_MARK = "DEVELOPMENT KEY - NOT FOR PRODUCTION"
KEY_NAME, CERT_NAME = "signing-key.pem", "signing-cert.pem"
FIELD = "OfficeSignature"


class SigningError(DomainError):
    default_code = "signing"


@dataclass(frozen=True)
class Credentials:
    key_pem: bytes
    cert_pem: bytes
    chain_pem: bytes
    passphrase: bytes | None

    @functools.cached_property
    def certificate(self) -> asn1_x509.Certificate:
        return next(iter(load_certs_from_pemder_data(self.cert_pem)))

    @property
    def development(self) -> bool:
        return is_development(self.certificate)


@dataclass(frozen=True)
class Signed:
    content: bytes
    cert_pem: str
    development: bool
    timestamped: bool


def is_development(certificate: asn1_x509.Certificate) -> bool:
    return DEVELOPMENT_MARK in certificate.subject.human_friendly


def _pem(text: str) -> bytes:
    # An environment variable may carry the PEM on one line with literal "\n".
    return text.replace("\\n", "\n").encode() if text else b""


def credentials() -> Credentials | None:
    """The key to sign with: the settings' own, else the development key if it was made, else None."""
    if settings.SIGNING_KEY or settings.SIGNING_CERT:
        if not (settings.SIGNING_KEY and settings.SIGNING_CERT):
            raise SigningError("SIGNING_KEY and SIGNING_CERT (or their *_FILE) are needed together.")
        passphrase = settings.SIGNING_KEY_PASSPHRASE.encode() if settings.SIGNING_KEY_PASSPHRASE else None
        return Credentials(_pem(settings.SIGNING_KEY), _pem(settings.SIGNING_CERT), _pem(settings.SIGNING_CHAIN),
                           passphrase)
    folder = settings.SIGNING_DEV_DIR
    key, cert = folder / KEY_NAME, folder / CERT_NAME
    if key.exists() and cert.exists():
        return Credentials(key.read_bytes(), cert.read_bytes(), b"", None)
    return None


def refusal(creds: Credentials | None) -> str | None:
    """Why nothing may be signed with ``creds`` here, or None."""
    if creds is None:
        return ("No signing key: set SIGNING_KEY_FILE and SIGNING_CERT_FILE (or SIGNING_KEY and "
                "SIGNING_CERT), or run `manage.py signing_devkey` for local work.")
    if creds.development and not (settings.DEBUG or settings.TESTING):
        return ("The development signing key is refused outside DEBUG: set SIGNING_KEY_FILE and "
                "SIGNING_CERT_FILE to the Office's key and certificate.")
    return None


@functools.lru_cache(maxsize=4)
def _signer(creds: Credentials) -> signers.SimpleSigner:
    try:
        key = load_private_key_from_pemder_data(creds.key_pem, passphrase=creds.passphrase)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"The signing key cannot be read: {exc}") from exc
    chain = list(load_certs_from_pemder_data(creds.chain_pem)) if creds.chain_pem else []
    store = SimpleCertificateStore.from_certs([creds.certificate, *chain])
    return signers.SimpleSigner(signing_cert=creds.certificate, signing_key=key, cert_registry=store)


def _off_the_loop(function, *args, **kwargs):
    """Call ``function``, in a thread of its own if this one runs an event loop: pyHanko's synchronous
    calls start one with asyncio.run(), which refuses to run inside another (a Playwright test)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sign(content: bytes, *, reason: str, location: str = "Bangkok, Thailand") -> Signed:
    """``content`` (a PDF) signed by the Office: PAdES B-B, or B-T with the time-stamping authority."""
    creds = credentials()
    problem = refusal(creds)
    if problem:
        raise SigningError(problem)
    signer = _signer(creds)
    timestamper = None
    if settings.SIGNING_TSA_URL:
        timestamper = HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=settings.SIGNING_TSA_TIMEOUT)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=SigSeedSubFilter.PADES, reason=reason, location=location,
        name=creds.certificate.subject.native.get("organization_name") or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    try:
        out = _off_the_loop(signers.sign_pdf, writer, meta, signer=signer, timestamper=timestamper)
    except Exception as exc:  # the TSA unreachable, a key that does not fit its certificate...
        raise SigningError(f"The document could not be signed: {exc}") from exc
    return Signed(out.getvalue(), creds.cert_pem.decode(), creds.development, timestamper is not None)


# --- the development key ---------------------------------------------------------------------------


def devkey_generate(folder=None, *, days=3650) -> bool:
    """Write a self-signed development key and certificate into ``folder`` unless they exist.
    Returns whether it wrote them. ECDSA P-256: quick to make, read by every PDF reader."""
    folder = folder or settings.SIGNING_DEV_DIR
    if (folder / KEY_NAME).exists() and (folder / CERT_NAME).exists():
        return False
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Written into a folder of its own, then renamed into place in one step: two processes
    # making it at once (the test workers) never pair one's key with the other's certificate.
    staging = Path(tempfile.mkdtemp(prefix=".signing-", dir=folder.parent))
    key_path, cert_path = staging / KEY_NAME, staging / CERT_NAME
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Smart City Thailand Office"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEVELOPMENT_MARK),
        x509.NameAttribute(NameOID.COMMON_NAME, "Smart City certification portal (development)"),
    ])
    now = datetime.datetime.now(datetime.UTC)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    try:
        staging.rename(folder)
    except OSError:  # made meanwhile by another process (or an empty folder is in the way)
        shutil.rmtree(staging, ignore_errors=True)
        if not (folder / KEY_NAME).exists():
            raise
        return False
    return True


# --- checking a PDF -------------------------------------------------------------------------------------

# What verify() finds, worst first.
NOT_PDF, DAMAGED, UNSIGNED = "not_pdf", "damaged", "unsigned"
ALTERED, UNTRUSTED, VALID = "altered", "untrusted", "valid"


@dataclass
class Check:
    outcome: str
    signer: str = ""
    signed_at: datetime.datetime | None = None
    timestamp_at: datetime.datetime | None = None
    timestamp_trusted: bool = False


def _tsa_context():
    roots = _pem(settings.SIGNING_TSA_ROOTS) if getattr(settings, "SIGNING_TSA_ROOTS", "") else b""
    if not roots:
        return None
    return ValidationContext(trust_roots=list(load_certs_from_pemder_data(roots)))


def verify(content: bytes, trusted_pems) -> Check:
    """Whether ``content`` is a PDF whose last signature is intact, covers the whole file and was made
    with one of ``trusted_pems`` (PEM certificates). Never raises on bad input."""
    if not content.lstrip()[:5] == b"%PDF-":
        return Check(NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # pyHanko's reader raises many kinds on a broken file; all mean "damaged"
        return Check(DAMAGED)
    if not embedded:
        return Check(UNSIGNED)
    signature = embedded[-1]
    roots = [cert for pem in trusted_pems for cert in load_certs_from_pemder_data(_pem(pem))]
    try:
        status = _off_the_loop(
            validate_pdf_signature, signature, ValidationContext(trust_roots=roots),
            ts_validation_context=_tsa_context(),
        )
    except Exception:
        logger.info("signature could not be validated", exc_info=True)
        return Check(ALTERED)
    check = Check(VALID, signer=status.signing_cert.subject.human_friendly, signed_at=status.signer_reported_dt)
    if status.timestamp_validity is not None:
        check.timestamp_at = status.timestamp_validity.timestamp
        check.timestamp_trusted = bool(status.timestamp_validity.valid and status.timestamp_validity.trusted)
    if not (status.intact and status.valid):
        check.outcome = ALTERED
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        # Something was appended after the signature (an incremental update).
        check.outcome = ALTERED
    elif not status.trusted:
        check.outcome = UNTRUSTED
    return check
