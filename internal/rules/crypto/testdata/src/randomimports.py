from random import choice, getrandbits


def invite(db, email):
    code = "".join(choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    db.invites.insert(email=email, token=code)  # want: SG305


def bucket(user_id):
    return getrandbits(4)  # ok: SG305
