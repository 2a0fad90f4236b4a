import json

import dill
import httpx
import pandas
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/hook", methods=["PATCH"])
def hook():
    target = request.args["target"]
    requests.patch(target, json={"ok": True})  # want: SG606
    httpx.put(target, json={"ok": True})  # want: SG606
    httpx.request("DELETE", target)  # want: SG606
    httpx.head("https://status.example.org/ping")  # ok: SG606
    return "sent"


@app.route("/restore", methods=["POST"])
def restore():
    blob = request.get_data()
    state = dill.loads(blob)  # want: SG609
    frame = pandas.read_pickle(request.files["frame"])  # want: SG609
    settings = json.loads(blob)  # ok: SG609
    return {"n": len(state) + len(frame) + len(settings)}


@app.route("/mirror")
def mirror():
    origin = request.args["origin"]
    client = requests.Session()
    client.headers["User-Agent"] = "mirror/1.0"
    page = client.get(origin, timeout=5)  # want: SG606
    httpx.Client().post(origin, data=page.content)  # want: SG606
    client.get("https://mirror.example.org/health", timeout=5)  # ok: SG606
    request.session.get(origin)  # ok: SG606
    return "mirrored"


@app.route("/preview")
async def preview():
    link = request.args["link"]
    with requests.Session() as session:
        session.get(link, timeout=5)  # want: SG606
        session.get("https://preview.example.org/ping", timeout=5)  # ok: SG606
    async with httpx.AsyncClient(timeout=5) as http:
        await http.post(link, json={})  # want: SG606
    with open("/etc/preview.conf") as conf:
        conf.read()  # ok: SG606
    return "previewed"
