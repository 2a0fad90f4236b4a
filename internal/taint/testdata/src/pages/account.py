import html

import flask
from flask import request, session

from pages.app import app


@app.route("/remember", methods=["POST"])
def remember():
    session["user"] = request.form["user"]  # want: SG618
    return "ok"


@app.route("/remember-escaped", methods=["POST"])
def remember_escaped():
    session["user"] = html.escape(request.form["user"])  # want: SG618
    return "ok"


@app.route("/remember-markup", methods=["POST"])
def remember_markup():
    from pages.text import escape_markup

    session["user"] = escape_markup(request.form["user"])  # want: SG618
    return "ok"


@app.route("/remember-id", methods=["POST"])
def remember_id():
    session["user_id"] = int(request.form["id"])  # ok: SG618
    return "ok"


@app.route("/flag", methods=["POST"])
def flag():
    flask.session[request.args["name"]] = True  # want: SG618
    return "ok"


@app.route("/theme", methods=["POST"])
def theme():
    choice = request.form["theme"]
    if choice not in ("light", "dark"):
        return "no", 400
    session["theme"] = choice  # ok: SG618
    session.update({"lang": request.form["lang"]})  # want: SG618
    session.setdefault("tz", request.form["tz"])  # want: SG618
    return "ok"


@app.route("/fixed")
def fixed():
    session["visits"] = session.get("visits", 0) + 1  # ok: SG618
    cache = {}
    cache["q"] = request.args["q"]  # ok: SG618
    return "ok"
