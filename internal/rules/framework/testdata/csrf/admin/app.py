"""A read-only dashboard: it serves GET routes only."""
from flask import Flask

admin = Flask("admin")  # ok: SG723


@admin.route("/")
def overview():
    return "ok"


@admin.get("/orders")
def orders():
    return "ok"
