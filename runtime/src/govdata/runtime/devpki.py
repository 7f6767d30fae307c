"""A development certificate authority, made on the machine that runs govdata locally.

Production certificates come from the government cloud's CA through Kubernetes Secrets; for
``make run`` and the tests the project makes its own CA and certificates here, with the
``cryptography`` library, so no key is ever committed. ``ensure`` writes (once) into one
folder: the CA, one certificate per govdata service (used as its api's server certificate and
as its client certificate when it calls another api), the bootstrap administrator's client
certificate, the audit subject-key secret, svc-audit's tree-head signing key and the registry
seed naming those systems.

Usage: ``python -m govdata.runtime.devpki <folder>`` (idempotent; prints the folder).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import grpc
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SERVICES = ("catalog", "search", "exchange", "verify", "audit")
ADMIN = "govdata-admin"
# Local servers that also listen with TLS (scripts/servers.sh), to test TLS to them for real.
SERVERS = ("rabbitmq", "ferretdb")
# The demo district's data authority (大数据中心) owns the platform's own systems.
PLATFORM_ORGANIZATION = "organizations/hx-dsjzx"
VALID_DAYS = 825
SERVICE_RATE_LIMIT = 5000.0  # calls per second per govdata service, per api replica


@dataclass(frozen=True)
class Issued:
    """A certificate and its key, in PEM."""

    cert_pem: bytes
    key_pem: bytes

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)


def _name(common_name: str, organization: str = "govdata development") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def make_ca(common_name: str = "govdata development CA", valid_days: int = VALID_DAYS) -> Issued:
    """A self-signed CA allowed to sign end-entity certificates only."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = _name(common_name)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(cert.public_bytes(serialization.Encoding.PEM), _key_pem(key))


def issue(
    ca: Issued,
    common_name: str,
    *,
    hosts: tuple[str, ...] = (),
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> Issued:
    """An end-entity certificate for ``common_name``, good for TLS server and client auth.

    ``hosts`` become subject alternative names (IP addresses or DNS names); the validity
    window defaults to now .. now + VALID_DAYS (tests pass an expired one).
    """
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    ca_cert = ca.certificate
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    start = not_before or now - dt.timedelta(minutes=5)
    end = not_after or now + dt.timedelta(days=VALID_DAYS)
    alt_names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt_names.append(x509.DNSName(host))
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if alt_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    return Issued(cert.public_bytes(serialization.Encoding.PEM), _key_pem(key))


def service_subject(service: str) -> str:
    """The certificate subject (common name) of a govdata service's own identity."""
    return f"svc-{service}"


def _write(path: Path, data: bytes, private: bool = False) -> None:
    path.write_bytes(data)
    if private:
        path.chmod(0o600)


def seed_registry() -> dict[str, object]:
    """The bootstrap registry: the platform administrator and govdata's own services."""
    systems = [
        {
            "callingSystemId": ADMIN,
            "callingSystem": {
                "displayName": "govdata 平台管理 (development administrator)",
                "certificateSubject": ADMIN,
                "organization": PLATFORM_ORGANIZATION,
                "roles": ["platform_admin"],
            },
        }
    ]
    for service in SERVICES:
        systems.append(
            {
                "callingSystemId": service_subject(service),
                "callingSystem": {
                    "displayName": f"govdata {service} service",
                    "certificateSubject": service_subject(service),
                    "organization": PLATFORM_ORGANIZATION,
                    "roles": ["govdata_service"],
                    # A service's calls are made for its own callers, each already held
                    # to its own limit where it called in (svc-verify reads seven sources
                    # per job): the service is not held to one system's default share.
                    "rateLimitPerSecond": SERVICE_RATE_LIMIT,
                },
            }
        )
    return {"callingSystems": systems}


def ensure(folder: Path) -> Path:
    """Create the development PKI in ``folder`` unless it is already there; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    if not (folder / "ca.crt").exists() or not (folder / "ca.key").exists():
        ca = make_ca()
        _write(folder / "ca.key", ca.key_pem, private=True)
        _write(folder / "ca.crt", ca.cert_pem)
    ca = Issued((folder / "ca.crt").read_bytes(), (folder / "ca.key").read_bytes())
    for subject in [ADMIN, *(service_subject(s) for s in SERVICES), *SERVERS]:
        if not (folder / f"{subject}.crt").exists():
            issued = issue(ca, subject, hosts=("127.0.0.1", "localhost", subject))
            _write(folder / f"{subject}.key", issued.key_pem, private=True)
            _write(folder / f"{subject}.crt", issued.cert_pem)
    if not (folder / "subject-key").exists():
        _write(folder / "subject-key", secrets.token_hex(32).encode(), private=True)
    if not (folder / "audit-signing-key").exists():
        signing_key = ed25519.Ed25519PrivateKey.generate()
        pem = signing_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _write(folder / "audit-signing-key", pem, private=True)
        public = signing_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        _write(folder / "audit-signing-key.pub", public)
    # Derived, so always rewritten; svc-catalog only registers what is not registered yet.
    seed = folder / "registry-seed.json"
    seed.write_text(json.dumps(seed_registry(), ensure_ascii=False, indent=2) + "\n")
    return folder


def channel(folder: Path, target: str, subject: str = ADMIN) -> grpc.Channel:
    """A mutual-TLS channel to a local api, presenting the certificate issued to ``subject``."""
    creds = grpc.ssl_channel_credentials(
        root_certificates=(folder / "ca.crt").read_bytes(),
        private_key=(folder / f"{subject}.key").read_bytes(),
        certificate_chain=(folder / f"{subject}.crt").read_bytes(),
    )
    return grpc.secure_channel(target, creds)


def issue_to(folder: Path, subject: str, **kwargs: object) -> None:
    """Issue (or replace) ``<subject>.crt``/``.key`` in ``folder`` from its CA (tests)."""
    ca = Issued((folder / "ca.crt").read_bytes(), (folder / "ca.key").read_bytes())
    issued = issue(ca, subject, **kwargs)  # type: ignore[arg-type]
    _write(folder / f"{subject}.key", issued.key_pem, private=True)
    _write(folder / f"{subject}.crt", issued.cert_pem)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m govdata.runtime.devpki <folder>")
    sys.stdout.write(f"{ensure(Path(sys.argv[1]))}\n")
