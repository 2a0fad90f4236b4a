import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping_for_test():
    subprocess.run("ping -c 1 " + request.args["host"], shell=True)  # ok: SG602 (test code is not deployed)
    return "ok"
