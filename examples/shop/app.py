"""A small shop backend with the mistakes snakeguard looks for."""
import hashlib
import pickle
import subprocess

import requests
import yaml
from flask import Flask, request, render_template_string

from db import find_orders

app = Flask(__name__)
app.secret_key = "shop-dev-secret-2024"


@app.route("/orders")
def orders():
    return {"orders": find_orders(request.args["customer"])}


@app.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    return render_template_string("<h1>Hello " + name + "</h1>")


@app.route("/ping")
def ping():
    host = request.args["host"]
    out = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True)
    return out.stdout


@app.route("/cart", methods=["POST"])
def restore_cart():
    return pickle.loads(request.data)


@app.route("/rates")
def rates():
    resp = requests.get("https://rates.example.com/today", verify=False)
    return resp.json()


def load_settings(path):
    with open(path) as f:
        return yaml.load(f, Loader=yaml.Loader)


def password_digest(password):
    return hashlib.md5(password.encode()).hexdigest()


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
