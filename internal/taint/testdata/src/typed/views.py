"""Route parameters the framework converts before the view runs."""
import sqlite3
import uuid
from typing import Optional

from django.http import HttpResponse
from django.shortcuts import redirect
from fastapi import FastAPI
from flask import Flask

app = Flask(__name__)
api = FastAPI()
db = sqlite3.connect("shop.db")


@app.route("/orders/<int:order_id>")
def order(order_id):
    return str(db.execute(f"SELECT * FROM orders WHERE id = {order_id}").fetchone())  # ok: SG601


@app.route("/orders/<uuid:token>/<note>")
def order_note(token, note):
    db.execute(f"UPDATE orders SET note = '{note}' WHERE token = '{token}'")  # want: SG601
    db.execute(f"SELECT * FROM orders WHERE token = '{token}'")  # ok: SG601
    return "ok"


@api.get("/items/{item_id}")
def item(item_id: int, q: Optional[str] = None):
    db.execute(f"SELECT * FROM items WHERE id = {item_id}")  # ok: SG601
    db.execute(f"SELECT * FROM items WHERE name = '{q}'")  # want: SG601
    return {}


def project(request, code: uuid.UUID):
    return redirect(f"/projects/{code}/")  # ok: SG608


def project_by_slug(request, slug: str):
    return HttpResponse(f"<h1>{slug}</h1>")  # want: SG607


def not_found(request, exception):
    return HttpResponse(f"<h1>Not found</h1><p>{exception}</p>")  # ok: SG607 (the server's own exception)


def search(request, term):
    return HttpResponse(f"<h1>{term}</h1>")  # want: SG607
