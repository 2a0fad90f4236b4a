"""Report exports of a bookkeeping service: values that only look tainted."""
import configparser
import os
import pickle
import subprocess

from flask import Flask, redirect, request

app = Flask(__name__)
LIMIT = 40


@app.route("/export", methods=["POST"])
def export():
    name = request.form.get("name", "")
    rows = 12
    if rows * 4 - LIMIT > 0:
        target = "summary.csv"
    else:
        target = name
    open(os.path.join("/srv/exports", target))  # ok: SG605
    other = "daily.csv" if rows + 30 > 100 else name
    open(os.path.join("/srv/exports", other))  # want: SG605
    if request.form.get("mode") == "raw":
        chosen = "raw.csv"
    else:
        chosen = name
    open(chosen)  # want: SG605
    return "ok"


@app.route("/columns", methods=["POST"])
def columns():
    col = request.form.get("col", "")
    picked = []
    picked.append("date")
    picked.append(col)
    picked.append("amount")
    picked.pop(0)
    subprocess.run("sort -k " + picked[1], shell=True)  # ok: SG602
    subprocess.run("sort -k " + picked[0], shell=True)  # want: SG602
    opts = {"fmt": "csv", "user": col}
    os.system("export --fmt " + opts["fmt"])  # ok: SG602
    os.system("export --fmt " + opts.get("user"))  # want: SG602
    shared = ["csv"]
    shared.extend(request.form.getlist("fmt"))
    shared.reverse()
    os.system("export --fmt " + shared[0])  # want: SG602
    return "ok"


@app.route("/settings", methods=["POST"])
def settings():
    value = request.form.get("value", "")
    conf = configparser.ConfigParser()
    conf.add_section("export")
    conf.set("export", "format", "csv")
    conf.set("export", "user", value)
    os.system("export --fmt " + conf.get("export", "format"))  # ok: SG602
    os.system("export --user " + conf.get("export", "user"))  # want: SG602
    return "ok"


@app.route("/period", methods=["POST"])
def period():
    given = request.form.get("period", "")
    kinds = "MQY"
    match kinds[1]:
        case "M":
            period = given
        case "Q":
            period = "quarter"
        case _:
            period = given
    os.system("report --period " + period)  # ok: SG602
    match given:
        case "Q":
            other = "quarter"
        case _:
            other = given
    os.system("report --period " + other)  # want: SG602
    return "ok"


@app.route("/restore", methods=["POST"])
def restore():
    blob = request.get_data()
    version = 3
    data = b"\x80\x04N." if version > 2 else blob
    pickle.loads(data)  # ok: SG609
    marker = "v2-archive"
    if "v2" not in marker:
        data = blob
    pickle.loads(data)  # ok: SG609
    for chunk in blob.split(b";"):
        data = chunk
    pickle.loads(data)  # want: SG609
    return redirect("/done")


@app.route("/label", methods=["POST"])
def label():
    text = request.form.get("text", "")
    if not text.startswith("'") or not text.endswith("'") or "'" in text[1:-1]:
        return "a quoted label, please"
    return eval(text)  # ok: SG603


@app.route("/label2", methods=["POST"])
def label2():
    text = request.form.get("text", "")
    if not text.startswith("'") or not text.endswith("'"):
        return "a quoted label, please"
    return eval(text)  # want: SG603


@app.route("/unreachable", methods=["POST"])
def unreachable():
    text = request.form.get("text", "")
    mode = "strict"
    if mode == "strict":
        return "disabled"
    return eval(text)  # ok: SG603
