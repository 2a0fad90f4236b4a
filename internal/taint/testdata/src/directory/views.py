"""A staff directory: LDAP lookups, XML imports, saved searches and reports."""
import base64
import json
import marshal
import pickle

import jsonpickle
import ldap
import yaml
from flask import Flask, render_template_string, request
from ldap.filter import escape_filter_chars
from lxml import etree
from xml.dom import minidom

app = Flask(__name__)
conn = ldap.initialize("ldap://directory.example.com")
BASE = "ou=people,dc=example,dc=com"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
with open("layouts/card.html", encoding="utf-8") as f:
    CARD = f.read()


@app.route("/people")
def people():
    uid = request.args["uid"]
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")  # want: SG610
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(uid) + ")")  # ok: SG610
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(objectClass=person)", attrlist=[uid])  # ok: SG610
    return "ok"


@app.route("/price")
def price():
    doc = etree.parse("catalogue.xml")
    item = request.args["item"]
    doc.xpath("//item[@name='" + item + "']/price/text()")  # want: SG611
    doc.xpath("//item[@name=$name]/price/text()", name=item)  # ok: SG611
    doc.xpath("//item[position() < %d]" % int(request.args["n"]))  # ok: SG611
    return "ok"


@app.route("/import", methods=["POST"])
def import_feed():
    etree.fromstring(request.data)  # want: SG617
    etree.fromstring(request.data, SAFE_PARSER)  # ok: SG617
    etree.fromstring(request.data, parser=SAFE_PARSER)  # ok: SG617
    minidom.parseString(request.get_data())  # ok: SG617
    etree.parse("feeds/defaults.xml")  # ok: SG617
    return "ok"


@app.route("/restore", methods=["POST"])
def restore():
    pickle.loads(base64.b64decode(request.form["state"]))  # want: SG609
    marshal.loads(request.data)  # want: SG609
    jsonpickle.decode(request.form["state"])  # want: SG609
    yaml.load(request.data, Loader=yaml.Loader)  # want: SG609
    yaml.load(request.data, Loader=yaml.SafeLoader)  # ok: SG609
    yaml.safe_load(request.data)  # ok: SG609
    json.loads(request.data)  # ok: SG609
    with open("cache/state.pickle", "rb") as cache:
        pickle.load(cache)  # ok: SG609
    return "ok"


class Report:
    def summary(self):
        return "summary"

    def detail(self):
        return "detail"


ACTIONS = {"summary", "detail"}


@app.route("/report")
def report():
    action = request.args["action"]
    getattr(Report(), action)()  # want: SG613
    getattr(Report(), "summary")()  # ok: SG613
    if action in ACTIONS:
        getattr(Report(), action)()  # ok: SG613
    getattr(Report(), "render_" + request.args.get("fmt", "html"), None)  # want: SG613
    return "ok"


@app.route("/card")
def card():
    name = request.args["name"]
    render_template_string("<p>Hello {{ name }}</p>", name=name)  # ok: SG604
    render_template_string(CARD, name=name)  # ok: SG604
    render_template_string(open("layouts/card.html").read(), name=name)  # ok: SG604
    return render_template_string("<p>Hello " + name + "</p>")  # want: SG604
