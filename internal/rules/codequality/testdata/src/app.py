import logging.config
from transformers import AutoModel, AutoTokenizer


def handle(user, token):
    assert user.is_admin  # want: SG801
    assert token, "missing token"  # want: SG801
    try:
        check(token)
    except Exception:  # want: SG802
        pass
    try:
        check(token)
    except ValueError:  # ok: SG802
        pass
    try:
        check(token)
    except Exception as exc:  # ok: SG802
        logging.exception("check failed: %s", exc)
    for t in token:
        try:
            check(t)
        except:  # want: SG802, SG803
            continue
    try:
        check(token)
    except:  # ok: SG803
        logging.error("failed")
        raise
    logging.config.listen(9999)  # want: SG804
    logging.config.listen(9999, verify=lambda b: b)  # ok: SG804


is_admin = "user"
if is_admin != "user‮ ⁦# comment⁩ ⁦":  # want: SG805
    pass
name = "שלום"  # ok: SG805

model = AutoModel.from_pretrained("acme/sentiment-small")  # want: SG806
pinned = AutoModel.from_pretrained("acme/sentiment-small", revision="5f1c2a9d3e7b4c6a8f0e1d2c3b4a59687f6e5d4c")  # ok: SG806
local = AutoTokenizer.from_pretrained("./models/local")  # ok: SG806
