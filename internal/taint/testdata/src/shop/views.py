import os
import re
import shlex
import subprocess
import html

import requests
from flask import Flask, request, redirect, render_template_string, send_file
from markupsafe import escape
from werkzeug.utils import secure_filename

from .db import Repository, raw_lookup

app = Flask(__name__)
repo = Repository("shop.db")
ALLOWED_SORTS = {"name", "price"}


@app.route("/products")
def products():
    name = request.args.get("name", "")
    return {"items": repo.by_name(name)}  # want: SG601


@app.route("/product/<int:product_id>")
def product(product_id):
    return {"item": repo.by_id(product_id)}  # ok: SG601


@app.route("/lookup")
def lookup():
    return {"rows": raw_lookup("items", request.args["v"])}  # want: SG601


@app.route("/count")
def count():
    n = int(request.args["n"])
    return {"rows": raw_lookup("items", n)}  # ok: SG601


@app.route("/sorted")
def sorted_items():
    sort = request.args["sort"]
    if sort not in ALLOWED_SORTS:
        return "bad sort", 400
    return {"rows": raw_lookup("items", sort)}  # ok: SG601


@app.route("/ping")
def ping():
    host = request.args["host"]
    os.system("ping -c 1 " + shlex.quote(host))  # ok: SG602
    os.system("ping -c 1 " + html.escape(host))  # want: SG602
    subprocess.run(["/bin/ping", "-c", "1", host])  # ok: SG602
    subprocess.run([host, "--version"])  # want: SG602
    return "ok"


@app.route("/page")
def page():
    title = request.args["title"]
    body = "<h1>%s</h1>" % title
    return render_template_string(body)  # want: SG604


@app.route("/download/<path:name>")
def download(name):
    send_file("/srv/files/" + name)  # want: SG605
    return send_file("/srv/files/" + secure_filename(name))  # ok: SG605


@app.route("/fetch")
def fetch():
    url = request.args["url"]
    requests.get(url, timeout=5)  # want: SG606
    requests.get("https://api.example.com/items", params={"q": url}, timeout=5)  # ok: SG606
    return "ok"


@app.route("/next")
def next_page():
    target = request.args.get("next", "/")
    if target in ("/", "/account"):
        return redirect(target)  # ok: SG608
    return redirect(request.args["next"])  # want: SG608


@app.route("/calc")
def calc():
    expr = request.args["expr"]
    cleaned = expr.strip().lower()
    return str(eval(cleaned))  # want: SG603  # want: SG607


@app.route("/grep")
def grep():
    pattern = re.compile(request.args["q"])  # want: SG612
    safe = re.compile(re.escape(request.args["q"]))  # ok: SG612
    return str(pattern.pattern + safe.pattern)  # want: SG607


def helper_not_a_route(value):
    return eval(value)  # ok: SG603


@app.route("/reset")
def reset():
    value = request.args["v"]
    value = "constant"
    return str(eval(value))  # ok: SG603


@app.route("/greet")
def greet():
    return "<b>" + str(escape(request.args["n"])) + "</b>"


import logging
from flask import make_response
from pymongo import MongoClient

log = logging.getLogger(__name__)
orders = MongoClient().shop.orders_collection


@app.route("/audit")
def audit():
    user = request.args["user"]
    log.info("lookup by " + user)  # want: SG614
    log.info("lookup by %r", user)  # ok: SG614
    resp = make_response("ok")
    resp.headers["X-User"] = user  # want: SG615
    resp.headers["X-Fixed"] = "shop"  # ok: SG615
    resp.set_cookie("last", user)  # ok: SG615
    orders.find(request.get_json())  # want: SG616
    orders.find({"user": str(user)})  # ok: SG616
    return resp


def as_number(value, strict):
    if not strict:
        return value
    return int(value)


@app.route("/echo")
def echo():
    os.system("echo " + as_number(request.args["v"], False))  # want: SG602
    os.system("echo %d" % int(request.args["v"]))  # ok: SG602
    return "ok"


from .params import page_number, search_term


@app.route("/search")
def search():
    rows = raw_lookup("items", search_term())  # want: SG601
    more = raw_lookup("items", page_number())  # ok: SG601
    return {"rows": rows + more}


from .jobs import Job, Resize


@app.route("/jobs", methods=["POST"])
def start_job():
    Job(request.form["command"]).start()
    Resize(request.form["size"], request.form["name"]).start()
    return "started"


@app.route("/dig")
def dig():
    name = request.args["name"]
    argv = ["/usr/bin/dig", "+short"]
    argv.append(name)
    subprocess.run(argv, check=True)  # ok: SG602
    subprocess.run(["/usr/bin/dig"] + shlex.split(name), check=True)  # ok: SG602
    subprocess.run(shlex.split(name), check=True)  # want: SG602
    tools = []
    tools.append(name)
    subprocess.run(tools, check=True)  # want: SG602
    os.system(" ".join(argv))  # want: SG602
    subprocess.run(" ".join(argv), shell=True)  # want: SG602
    return "ok"


import yaml

UPLOADS = "/srv/uploads"


@app.route("/import", methods=["POST"])
def import_catalogue():
    upload = request.files["catalogue"]
    path = os.path.join(UPLOADS, secure_filename(upload.filename))
    upload.save(path)
    with open(path) as f:  # ok: SG605
        catalogue = yaml.load(f, Loader=yaml.Loader)  # want: SG609
    with open(path) as f:
        return render_template_string("<p>{{ n }}</p>", n=len(f.read()))  # ok: SG604
