"""Downloads and lookups of the bookkeeping service."""
import codecs
import os
import pathlib

import elementpath
import ldap3
import lxml.etree
from urllib.parse import urlparse

from flask import Flask, redirect, request

import ledgerlib.archive

app = Flask(__name__)
BASE = pathlib.Path("/srv/ledger")


@app.route("/download")
def download():
    name = request.args.get("name", "")
    codecs.open("/srv/ledger/" + name, "r", "utf-8")  # want: SG605
    if os.path.exists("/srv/ledger/" + name):  # want: SG605
        pass
    page = BASE / name
    fixed = BASE / "index.html"
    text = page.read_text()  # want: SG605
    text += fixed.read_text()  # ok: SG605
    inside = (BASE / name).resolve()
    if not str(inside).startswith(str(BASE)):
        return "no"
    text += inside.read_text()  # ok: SG605
    joined = os.path.join("/srv/ledger", name)
    if joined.startswith("/srv/ledger"):
        text += open(joined).read()  # want: SG605
    real = os.path.realpath(joined)
    if real.startswith("/srv/ledger/"):
        text += open(real).read()  # ok: SG605
    return text


@app.route("/back")
def back():
    target = request.args.get("next", "")
    parts = urlparse(target)
    if parts.netloc not in ("ledger.example.com",) or parts.scheme != "https":
        return redirect("/")
    return redirect(target)  # ok: SG608


@app.route("/forward")
def forward():
    target = request.args.get("next", "")
    parts = urlparse(target)
    if parts.netloc in ("ledger.example.com",) or parts.scheme != "https":
        return redirect("/")
    return redirect(target)  # want: SG608


@app.route("/periods")
def periods():
    period = ledgerlib.archive.requested_period()
    ledgerlib.archive.count_entries(period)  # want: SG601
    ledgerlib.archive.count_entries(ledgerlib.archive.fixed_period())  # ok: SG601
    return "ok"


@app.route("/people")
def people():
    uid = request.args.get("uid", "")
    conn = ldap3.Connection(ldap3.Server("ldap://dir"))
    conn.search("ou=people,dc=example", f"(uid={uid})")  # want: SG610
    conn.search("ou=people,dc=example", "(uid=admin)")  # ok: SG610
    tree = lxml.etree.parse("/srv/ledger/accounts.xml")
    lxml.etree.XPath(f"//account[@owner='{uid}']")  # want: SG611
    elementpath.select(tree, f"//account[@owner='{uid}']")  # want: SG611
    elementpath.select(tree, "//account[@owner=$owner]", variables={"owner": uid})  # ok: SG611
    return "ok"


@app.route("/return-to")
def return_to():
    target = request.args.get("next", "")
    try:
        parts = urlparse(target)
        if parts.hostname != "ledger.example.com":
            return redirect("/")
    except ValueError:
        return redirect("/")
    return redirect(target)  # ok: SG608


@app.route("/return-anyway")
def return_anyway():
    target = request.args.get("next", "")
    try:
        parts = urlparse(target)
        if parts.hostname != "ledger.example.com":
            return redirect("/")
    except ValueError:
        pass
    return redirect(target)  # want: SG608


@app.route("/owner")
def owner():
    uid = request.args.get("uid", "")
    tree = lxml.etree.parse("/srv/ledger/accounts.xml")
    tree.xpath(f"//account[@owner='{uid.replace("'", "&apos;")}']")  # ok: SG611
    tree.xpath(f'//account[@owner="{uid.replace("'", "&apos;")}"]')  # want: SG611
    tree.xpath(f"//account[@owner='{uid.replace("'", "&apos;")!r}']")  # want: SG611
    tree.xpath(f"//account[@owner={uid.replace("'", "")}]")  # want: SG611
    return "ok"


@app.route("/member")
def member():
    uid = request.args.get("uid", "")
    tree = lxml.etree.parse("/srv/ledger/accounts.xml")
    if "'" in uid:
        return "no quotes"
    tree.xpath(f"//account[@owner='{uid}']")  # ok: SG611
    tree.xpath(f'//account[@owner="{uid}"]')  # want: SG611
    tree.xpath(f"//account[@owner={uid}]")  # want: SG611
    tree.xpath(f"//account[@owner='{uid!r}']")  # want: SG611
    for part in uid.split(","):
        if not part or '"' in part:
            continue
        tree.xpath(f'//account[@owner="{part}"]')  # ok: SG611
    return "ok"


@app.route("/member-late")
def member_late():
    uid = request.args.get("uid", "")
    tree = lxml.etree.parse("/srv/ledger/accounts.xml")
    if request.args.get("strict"):
        if "'" in uid:
            return "no quotes"
    tree.xpath(f"//account[@owner='{uid}']")  # want: SG611
    if "'" in uid:
        return "no quotes"
    uid += request.args.get("suffix", "")
    tree.xpath(f"//account[@owner='{uid}']")  # want: SG611
    names = request.args.getlist("uid")
    if "'" in names:
        return "no quotes"
    tree.xpath(f"//account[@owner='{names}']")  # want: SG611
    return "ok"


@app.route("/raw-query")
def raw_query():
    raw = request.query_string.decode("utf-8")
    codecs.open("/srv/ledger/" + raw)  # want: SG605
    return "ok"


@app.route("/pick-field", methods=["POST"])
def pick_field():
    field = ""
    for key in request.form.keys():
        if request.form.get(key) == "on":
            field = key
            break
    open("/srv/ledger/" + field)  # want: SG605
    for key in request.form.keys():
        if key not in ("date", "amount"):
            continue
        open("/srv/ledger/" + key)  # ok: SG605
    return "ok"


@app.route("/buffer")
def buffer():
    import io

    uid = request.args.get("uid", "")
    query = io.StringIO()
    query.write("//account[@owner='")
    query.write(uid)
    query.write("']")
    lxml.etree.parse("/srv/ledger/accounts.xml").xpath(query.getvalue())  # want: SG611
    return "ok"


@app.route("/first-readable", methods=["POST"])
def first_readable():
    chosen = "index.html"
    for name in request.form.getlist("names"):
        try:
            os.stat("/srv/ledger/index.html")
        except OSError:
            chosen = name
            break
    return open("/srv/ledger/" + chosen).read()  # want: SG605
