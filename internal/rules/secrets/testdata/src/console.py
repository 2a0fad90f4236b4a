"""Colours, key codes and markup tokens of a console client."""
import os

RESET_TOKEN = "\x1b[0m"  # ok: SG401
HIGHLIGHT_TOKEN = "\x1b[1;31m"  # ok: SG401
CLEAR_TOKEN = "\x1b[2J\x1b[H"  # ok: SG401
PROMPT_TOKEN = "\033[32m>>> \033[0m"  # ok: SG401
RAW_RESET_TOKEN = r"\x1b[0m"  # ok: SG401
STRING_TOKEN_COLOR = "\x1b[33m"  # ok: SG401
INTERRUPT_KEY = b"\x03"  # ok: SG401
COMMENT_TOKEN = "<!--"  # ok: SG401
END_TOKEN = "-->"  # ok: SG401
DONE_TOKEN = "done."  # ok: SG401
AUTH_TOKEN_TTL = "21600"  # ok: SG401

SESSION_TOKEN = "f3a9c2e1d4b5a6978877665544332211"  # want: SG401
ADMIN_PASSWORD = "Tr0ub4dor&3"  # want: SG401
BANNER_SECRET = "\\x1b-9f8e7d6c5b4a"  # want: SG401

# Hashes are what a configuration should hold instead of the password.
WEB_PASSWORD = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$ieVgG5ysTJFx4k/KvmC9aQ"  # ok: SG401
ADMIN_PASSWORD_HASH = "pbkdf2_sha256$600000$Jq3k2LmN$4h3Zr0cXyQ9vWn1e0bTQm2F5aP7sK8dL"  # ok: SG401
ROOT_PASSWORD = "$6$rounds=5000$saltsalt$Ym8SChw1hqpHBnDaFdGuN3mq2n5vC3VvWqW2aR1uD6c"  # ok: SG401


def check(password):
    assert password == "op3n-sesame", "wrong password"  # want: SG401
    return os.environ["ADMIN_PASSWORD"]
