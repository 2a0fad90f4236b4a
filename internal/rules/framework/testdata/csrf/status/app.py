"""Reports the shop's health and posts alerts to a chat service."""
import requests
from flask import Flask

status = Flask(__name__)  # ok: SG723


@status.route("/health")
def health():
    requests.post("https://chat.example.com/hooks/alerts", json={"text": "checked"}, timeout=5)
    return "ok"
