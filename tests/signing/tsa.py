"""A real RFC 3161 time-stamping authority on the loopback: certomancer's animator (the PKI
test tool pyHanko's own tests use), served by Werkzeug in a thread on port 8112."""

import threading

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

PORT = 8112
ARCH = "portal-tests"

CONFIG = """
keysets:
  tsa-keys:
    keys:
      root: {path: root.key.pem}
      tsa: {path: tsa.key.pem}
pki-architectures:
  portal-tests:
    keyset: tsa-keys
    entity-defaults: {country-name: TH, organization-name: Portal test TSA}
    entities:
      root: {common-name: Test root}
      tsa: {common-name: Test time-stamping authority}
    certs:
      root:
        subject: root
        issuer: root
        validity: {valid-from: "2000-01-01T00:00:00+0000", valid-to: "2500-01-01T00:00:00+0000"}
        extensions:
          - {id: basic_constraints, critical: true, value: {ca: true}}
          - id: key_usage
            critical: true
            smart-value: {schema: key-usage, params: [digital_signature, key_cert_sign, crl_sign]}
      tsa:
        issuer: root
        validity: {valid-from: "2000-01-01T00:00:00+0000", valid-to: "2400-01-01T00:00:00+0000"}
        extensions:
          - id: key_usage
            critical: true
            smart-value: {schema: key-usage, params: [digital_signature]}
          - {id: extended_key_usage, critical: true, value: [time_stamping]}
    services:
      time-stamping:
        tsa: {signing-key: tsa, signing-cert: tsa}
"""


def _key(path):
    key = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


class TimeStampingAuthority:
    def __init__(self, folder):
        from certomancer.integrations.animator import Animator, AnimatorArchStore
        from certomancer.registry import CertomancerConfig
        from werkzeug.serving import WSGIRequestHandler, make_server

        class Quiet(WSGIRequestHandler):
            def log_request(self, *args, **kwargs):
                pass

        _key(folder / "root.key.pem")
        _key(folder / "tsa.key.pem")
        (folder / "certomancer.yml").write_text(CONFIG)
        config = CertomancerConfig.from_file(str(folder / "certomancer.yml"), key_search_dir=str(folder))
        arch = config.get_pki_arch(ARCH)
        self.root_pem = _pem(arch.get_cert("root").dump())
        app = Animator(AnimatorArchStore(config.pki_archs), with_web_ui=False)
        try:
            self.server = make_server("127.0.0.1", PORT, app, request_handler=Quiet)
        except OSError:  # another test process has it (pytest-xdist): any free port of the loopback
            self.server = make_server("127.0.0.1", 0, app, request_handler=Quiet)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/{ARCH}/tsa/tsa"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _pem(der: bytes) -> str:
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM).decode()

