from flask import Flask

from shop import app


def test_cart():
    client = app.test_client()
    assert client.post("/cart", data={"item": "apple"}).status_code == 200


def test_echo():
    echo = Flask("echo")  # ok: SG723

    @echo.route("/echo", methods=["POST"])
    def view():
        return "ok"
