import os

from flask import Blueprint, current_app, request, send_file, send_from_directory
from flask_login import login_user
from flask_wtf import FlaskForm

bp = Blueprint("shop", __name__)
HERE = os.path.dirname(os.path.abspath(__file__))


@bp.post("/login")
def login():
    user = load(request.form["email"])
    login_user(user, remember=True)  # want: SG721
    login_user(user, remember=False)  # ok: SG721
    return "ok"


@bp.get("/download/<path:name>")
def download(name):
    return send_from_directory(current_app.root_path, name)  # want: SG733


@bp.get("/anything/<path:name>")
def anything(name):
    return send_from_directory("/", name)  # want: SG733


@bp.get("/cwd/<path:name>")
def cwd(name):
    return send_from_directory(os.getcwd(), name)  # want: SG733


@bp.get("/here/<path:name>")
def here(name):
    return send_from_directory(os.path.dirname(__file__), name)  # want: SG733


@bp.get("/invoice/<path:name>")
def invoice(name):
    return send_from_directory(os.path.join(HERE, "invoices"), name)  # ok: SG733


@bp.get("/robots.txt")
def robots():
    return send_from_directory(current_app.root_path, "robots.txt")  # ok: SG733


@bp.get("/report")
def report():
    return send_file(os.path.join(HERE, "report.pdf"))  # ok: SG733


def load(email):
    return FlaskForm, email


@bp.get("/uploads/<name>")
def uploaded(name):
    kind = request.args.get("type", "text/plain")
    send_from_directory("uploads", name, mimetype=request.args.get("type"))  # want: SG734
    send_from_directory("uploads", name, mimetype=request.args["type"], as_attachment=True)  # ok: SG734
    send_from_directory("uploads", name, mimetype="text/plain")  # ok: SG734
    return send_file(os.path.join(HERE, "uploads", "a.txt"), mimetype=kind)  # want: SG734
