import hmac
import html
import os.path
import unicodedata
from werkzeug.security import check_password_hash
from secrets import compare_digest as same


def verify(sig, expected, pw_hash, password, path, text):
    hmac.compare_digest(sig, expected)  # want: SG813
    same(sig, expected)  # want: SG813
    check_password_hash(pw_hash, password)  # want: SG813
    os.path.realpath(path)  # want: SG813
    html.escape(text)  # want: SG813
    if not hmac.compare_digest(sig, expected):  # ok: SG813
        raise PermissionError("bad signature")
    path = os.path.realpath(path)  # ok: SG813
    ok = check_password_hash(pw_hash, password)  # ok: SG813
    os.path.exists(path)  # ok: SG813
    return ok, path


def store(db, record):
    try:
        db.write(record)
    finally:
        db.close()
        return True  # want: SG814


def drain(queue):
    for item in queue:
        try:
            item.process()
        finally:
            continue  # want: SG814


def retry(jobs):
    while jobs:
        try:
            jobs.pop().run()
        finally:
            if not jobs:
                break  # want: SG814


def cleanup(files):
    try:
        return files[0].read()
    finally:
        for f in files:
            if f.closed:
                continue  # ok: SG814
            if f.name == "last":
                break  # ok: SG814
            f.close()

        def later():
            return 1  # ok: SG814
        later()
    return None  # ok: SG814


def name_check(name, other):
    if ".." in name or name.startswith("/"):
        raise ValueError("bad name")
    return unicodedata.normalize("NFKC", name)  # want: SG815


def regex_check(pattern, value):
    if not pattern.fullmatch(value):
        raise ValueError("bad value")
    value = unicodedata.normalize("NFC", value)  # want: SG815
    return value


def validator_check(user):
    if not is_valid_username(user):
        return None
    return unicodedata.normalize("NFKD", user)  # want: SG815


def normalised_first(name):
    name = unicodedata.normalize("NFKC", name)  # ok: SG815
    if ".." in name:
        raise ValueError("bad name")
    return name


def checked_again(name):
    if ".." in name:
        raise ValueError("bad name")
    clean = unicodedata.normalize("NFKC", name)  # ok: SG815
    if ".." in clean:
        raise ValueError("bad name")
    return clean


def only_presence(name):
    if not name or not isinstance(name, str):
        return ""
    return unicodedata.normalize("NFKC", name)  # ok: SG815
