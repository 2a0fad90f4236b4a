"""Helpers the views share: outgoing calls and redirects."""
import requests
from flask import redirect


def fetch_preview(url):
    return requests.get(url, timeout=5).text


def back_to(target):
    return redirect(target)
