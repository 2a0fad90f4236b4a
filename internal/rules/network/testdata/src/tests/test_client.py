import requests


def test_redirect():
    requests.get("http://shop.example.net/", timeout=5)  # ok: SG505 (tests talk to test servers)
