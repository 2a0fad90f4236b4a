"""A marketplace on Flask."""
import base64
import html
import json
import marshal
import pickle

import jsonpickle
import yaml
from flask import Flask, Markup, request, render_template_string, send_from_directory
from jinja2 import Environment
from markupsafe import escape
from pymongo import MongoClient
from werkzeug.utils import safe_join

from .links import back_to, fetch_preview
from .store import OrderRepository, raw_orders

app = Flask(__name__)
orders = OrderRepository("mongodb://db")
db = MongoClient().market
env = Environment(autoescape=True)
MEDIA = "/srv/media"


@app.route("/orders")
def list_orders():
    mine = orders.by_customer(request.args["customer"])  # ok: SG616
    theirs = orders.matching(request.get_json())  # want: SG616
    direct = raw_orders(db, request.get_json())  # want: SG616
    return {"n": len(mine) + len(theirs) + int(direct is None)}


@app.route("/card")
def card():
    name = request.args["name"]
    page = env.from_string("<p>Hello " + name + "</p>")  # want: SG604
    fixed = env.from_string("<p>Hello {{ name }}</p>")  # ok: SG604
    quoted = render_template_string("<p>%s</p>" % html.escape(name))  # want: SG604
    return page.render() + fixed.render(name=name) + quoted  # want: SG607


@app.route("/badge")
def badge():
    label = request.args["label"]
    raw = Markup("<span>%s</span>" % label)  # want: SG607
    safe = Markup("<span>%s</span>") % label  # ok: SG607
    escaped = Markup("<span>%s</span>" % escape(label))  # ok: SG607
    return str(raw) + str(safe) + str(escaped)


@app.route("/session/restore", methods=["POST"])
def restore():
    blob = request.cookies["state"]
    state = pickle.loads(base64.b64decode(blob))  # want: SG609
    state.update(jsonpickle.decode(request.form["extra"]))  # want: SG609
    state.update(json.loads(request.form["extra"]))  # ok: SG609
    state.update(yaml.safe_load(request.form["settings"]))  # ok: SG609
    state.update(yaml.load(request.form["settings"], Loader=yaml.SafeLoader))  # ok: SG609
    state.update(yaml.load(request.form["settings"], Loader=yaml.Loader))  # want: SG609
    code = marshal.loads(request.data)  # want: SG609
    return {"keys": len(state), "code": str(code)}


@app.route("/calc")
def calc():
    expr = request.args["expr"]
    value = eval(expr)  # want: SG603
    literal = eval(json.dumps(expr))  # ok: SG603
    number = eval(str(int(expr)))  # ok: SG603
    exec(compile(html.escape(expr), "<calc>", "exec"))  # want: SG603
    return str(value) + str(literal) + str(number)  # want: SG607


@app.route("/media/<path:name>")
def media(name):
    path = safe_join(MEDIA, name)
    with open(path, "rb") as f:  # ok: SG605
        first = f.read()
    with open(MEDIA + "/" + name, "rb") as f:  # want: SG605
        second = f.read()
    return first + second + send_from_directory(MEDIA, name).get_data()


@app.route("/preview")
def preview():
    return fetch_preview(request.args["url"])  # want: SG606  # want: SG607


@app.route("/done")
def done():
    return back_to(request.args.get("next", "/"))  # want: SG608
