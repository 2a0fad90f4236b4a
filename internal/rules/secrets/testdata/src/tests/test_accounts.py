import pytest


@pytest.fixture
def account(db):
    return db.create_user(name="ann", password="s3cret-Pass!")  # want: SG401


def test_password_is_returned(client, account):
    resp = client.get("/me")
    assert resp.password == "s3cret-Pass!"  # ok: SG401
    assert resp.json()["password"] == "s3cret-Pass!"  # ok: SG401
    assert account.password == "s3cret-Pass!", "stored as given"  # ok: SG401
    assert not (account.secret == "n0t-th3-s3cret")  # ok: SG401


def test_unicode_password(client):
    password = "pässwörd"  # ok: SG401
    assert client.login(password=password)


def test_backdoor(client, account):
    if account.password == "m4ster-key-2024":  # want: SG401
        pytest.skip("master key account")
