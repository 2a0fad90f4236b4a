import subprocess

from flask import Flask, request

app = Flask(__name__)


def steps_from(payload):
    yield "set -e"
    for step in payload["steps"]:
        yield step


def nested_steps(payload):
    yield from steps_from(payload)


def fixed_steps():
    yield "make clean"
    yield "make all"


@app.route("/batch", methods=["POST"])
def batch():
    script = " && ".join(steps_from(request.get_json()))
    subprocess.run(script, shell=True)  # want: SG602
    return "queued"


@app.route("/batch/nested", methods=["POST"])
def batch_nested():
    for line in nested_steps(request.get_json()):
        subprocess.run(line, shell=True)  # want: SG602
    return "queued"


@app.route("/batch/fixed", methods=["POST"])
def batch_fixed():
    request.get_json()
    for line in fixed_steps():
        subprocess.run(line, shell=True)  # ok: SG602
    return "queued"
