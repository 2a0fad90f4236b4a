import logging
import pickle
import sqlite3
import subprocess
import urllib.request

import httpx
import requests
from flask import Flask, redirect, session

from .api import API, fetch, fetch_json

app = Flask(__name__)
log = logging.getLogger(__name__)
db = sqlite3.connect("mirror.db")


def sync_users():
    r = requests.get(API + "/users", timeout=10)
    r.raise_for_status()
    for user in r.json():
        db.execute("INSERT INTO users VALUES ('%s')" % user["name"])  # want: SG601
        db.execute("INSERT INTO users VALUES (?)", (user["name"],))  # ok: SG601
    subprocess.run("logger sync finished with %d" % r.status_code, shell=True)  # ok: SG602
    log.warning("sync answered " + r.text)  # ok: SG614


def follow_pages(url):
    while url:
        page = requests.get(url, timeout=10).json()  # ok: SG606
        db.executemany("INSERT INTO items VALUES (?)", page["items"])  # ok: SG601
        url = page.get("next")


def restore():
    with urllib.request.urlopen(API + "/backup", timeout=30) as resp:
        state = pickle.load(resp)  # want: SG609
    with urllib.request.urlopen(API + "/backup", timeout=30) as resp:
        state.update(pickle.loads(resp.read()))  # want: SG609
    return state


def run_hooks():
    client = httpx.Client(timeout=10)
    hooks = client.get(API + "/hooks").json()
    for hook in hooks:
        subprocess.run(hook["command"], shell=True)  # want: SG602


def evaluate():
    rule = fetch_json("/rules/current")
    return eval(rule["expression"])  # want: SG603


def status():
    resp = fetch("/status")
    if resp.ok:
        subprocess.run(["/usr/bin/notify", str(resp.status_code)])  # ok: SG602
    return resp.elapsed


@app.route("/login/callback")
def callback():
    token = requests.post(API + "/oauth/token", timeout=10).json()
    db.execute("UPDATE tokens SET value = ? WHERE user = ?", (token["access_token"], session.get("user")))  # ok: SG601
    db.execute("SELECT * FROM users WHERE name = '%s'" % session.get("user"))  # ok: SG601
    return redirect(token["return_to"])  # ok: SG608


def run_deploy_hooks():
    with httpx.Client(timeout=10) as client:
        hooks = client.get(API + "/deploy-hooks").json()
    for hook in hooks:
        subprocess.run(hook["command"], shell=True)  # want: SG602
