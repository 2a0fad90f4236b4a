"""Helpers in a namespace package (a directory without __init__.py)."""
import sqlite3

from flask import request


def requested_period():
    return request.args.get("period", "")


def count_entries(period):
    conn = sqlite3.connect("ledger.db")
    return conn.execute("SELECT count(*) FROM entries WHERE period = '" + period + "'").fetchone()


def fixed_period():
    return "2024-Q1"
