"""TLS settings of a client library: what it selects, checks and translates."""
import ssl

from OpenSSL import SSL

# pyOpenSSL's method for each protocol of the ssl module: a translation
# table for whatever the caller chose, not a choice of its own.
_OPENSSL_METHODS = {
    ssl.PROTOCOL_TLS_CLIENT: SSL.TLS_CLIENT_METHOD,  # ok: SG502
    ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD,  # ok: SG502
}
_OPENSSL_METHODS[ssl.PROTOCOL_TLSv1_1] = SSL.TLSv1_1_METHOD  # ok: SG502
_NAMES = {"tls1": ssl.PROTOCOL_TLSv1, "tls1.2": ssl.PROTOCOL_TLSv1_2}  # want: SG502


def configure(ctx, protocol, legacy_clients):
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2  # ok: SG502
    ctx.options |= ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1  # ok: SG502
    if protocol in (ssl.PROTOCOL_TLSv1, ssl.PROTOCOL_TLSv1_1):  # ok: SG502
        raise ValueError("TLS 1.2 or later is required")
    if ctx.maximum_version == ssl.TLSVersion.TLSv1:  # ok: SG502
        raise ValueError("the context only speaks TLS 1.0")
    if hasattr(ssl, "PROTOCOL_SSLv3"):  # ok: SG502
        ctx.options |= ssl.OP_NO_SSLv3
    if legacy_clients:
        ctx.minimum_version = ssl.TLSVersion.TLSv1  # want: SG502
    ctx.maximum_version = ssl.TLSVersion.TLSv1_1  # want: SG502
    return SSL.Context(_OPENSSL_METHODS[protocol])  # ok: SG502


def legacy_socket(sock, version=ssl.PROTOCOL_SSLv3):  # want: SG502
    return SSL.Connection(SSL.Context(SSL.TLSv1_METHOD), sock)  # want: SG502
