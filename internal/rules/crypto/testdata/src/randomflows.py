import base64
import hashlib
import hmac
import random
import secrets

from flask import make_response, session

SESSIONS = {}
rng = random.Random(42)


def remember(user):
    value = str(random.normalvariate(0, 1))[2:]
    SESSIONS[user] = value  # want: SG305
    resp = make_response("ok")
    resp.set_cookie("remember", value, secure=True)  # want: SG305
    return resp


def login_cookie():
    resp = make_response("ok")
    cookie = base64.b64encode(random.randbytes(32))
    resp.set_cookie("sid", cookie, secure=True)  # want: SG305
    resp.set_cookie("sid", secrets.token_urlsafe(32), secure=True)  # ok: SG305
    strong = str(random.SystemRandom().getrandbits(32))
    resp.set_cookie("sid2", strong, secure=True)  # ok: SG305
    return resp


def start_session():
    n = random.getrandbits(64)
    session["csrf"] = n  # want: SG305
    session["visits"] = 1  # ok: SG305
    session.update({"nonce": rng.random()})  # want: SG305


def sign(message):
    k = bytes(random.getrandbits(8) for _ in range(32))
    return hmac.new(k, message, hashlib.sha256).hexdigest()  # want: SG305


def hash_password(password):
    salt = random.randbytes(16)  # want: SG305
    return hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)  # ok: SG305


def new_api_token():
    raw = "%032x" % rng.getrandbits(128)
    return raw  # want: SG305


def make_user(db, name):
    initial = "".join(random.choice("abcdefgh") for _ in range(10))
    return db.create(name=name, password=initial)  # want: SG305


def simulate(steps):
    total = 0.0
    for _ in range(steps):
        total += random.gauss(0, 1)  # ok: SG305
    samples = random.sample(range(100), 10)  # ok: SG305
    data = list(range(10))
    random.shuffle(data)  # ok: SG305
    return total, samples, data


def backoff(attempt, cache):
    delay = min(60, 2**attempt) + random.uniform(0, 1)
    cache["delay"] = delay  # ok: SG305
    if random.random() < 0.1:  # ok: SG305
        cache["sampled"] = True
    return delay  # ok: SG305


def session_length():
    minutes = random.randint(10, 20)
    return minutes  # todo-ok: SG305


def ranked(items):
    weights = {item: random.random() for item in items}
    return sorted(items, key=weights.__getitem__)  # ok: SG305
