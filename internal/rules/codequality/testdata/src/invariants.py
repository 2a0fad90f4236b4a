"""Internal invariants of a lexer and a key store: asserts that check no access."""
from cryptography.hazmat.primitives.asymmetric import rsa


class Lexer:
    def advance(self, token, text):
        assert self.token_pos > 0, "positions start at 1"  # ok: SG801
        assert not token.endswith("\n") or text  # ok: SG801 (a lexer's token)
        assert self.is_possible_start(self.get_next_token())  # ok: SG801
        assert len(self.tokens) == 2  # ok: SG801


def load_key(store, signature_key, role):
    assert isinstance(signature_key, rsa.RSAPublicKey)  # ok: SG801
    assert store.signature is not None  # ok: SG801
    assert type(role) is str or callable(role)  # ok: SG801
    assert not hasattr(role, "arguments")  # ok: SG801
    assert perm(1) == identity  # ok: SG801
    assert store.signature_valid(signature_key)  # want: SG801
    assert request.user.has_perm("shop.refund")  # want: SG801
    assert session_token == store.session_token  # want: SG801


def lex(backslash, mode, request):
    assert backslash == "disallowed"  # ok: SG801
    assert mode in ("verify", "admin")  # ok: SG801
    assert request.user.role == "admin"  # want: SG801
    assert upgrade_strategy in self_allowed_strategies  # ok: SG801
    assert access_mode in ("r", "w")  # ok: SG801
    assert access_token  # want: SG801
