# The ssl module brought in by name: its protocol constants are still known.
import importlib

tls = importlib.import_module("ssl")
legacy = tls.SSLContext(tls.PROTOCOL_TLSv1)  # want: SG502
modern = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)  # ok: SG502
