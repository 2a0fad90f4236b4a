"""Downloads and lookups of the bookkeeping service."""
import codecs
import os
import pathlib

import elementpath
import ldap3
import lxml.etree
from flask import Flask, request

import ledgerlib.archive

app = Flask(__name__)
BASE = pathlib.Path("/srv/ledger")


@app.route("/download")
def download():
    name = request.args.get("name", "")
    codecs.open("/srv/ledger/" + name, "r", "utf-8")  # want: SG605
    if os.path.exists("/srv/ledger/" + name):  # want: SG605
        pass
    page = BASE / name  # want: SG605
    fixed = BASE / "index.html"  # ok: SG605
    return page.read_text() + fixed.read_text()


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
