import os
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/visit")
def visit():
    db = sqlite3.connect("visits.db")
    agent = request.user_agent.string
    db.execute("INSERT INTO visits VALUES ('%s')" % agent)  # want: SG601
    db.execute("INSERT INTO visits VALUES (?)", (agent,))  # ok: SG601
    came_from = request.referrer or "/"
    db.execute("INSERT INTO refs VALUES ('" + came_from + "')")  # want: SG601
    return "ok"


@app.route("/whoami")
def whoami():
    auth = request.authorization
    os.system("id " + auth.username)  # want: SG602
    os.system("id nobody")  # ok: SG602
    return "ok"


@app.route("/upload/raw", methods=["POST"])
def upload_raw():
    chunk = request.stream.read(1024)
    os.system(b"echo " + chunk)  # want: SG602
    hop = request.access_route[0]
    os.system("ping -c1 " + hop)  # want: SG602
    return "ok"
