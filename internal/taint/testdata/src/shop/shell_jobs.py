import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/jobs/run", methods=["POST"])
def run_job():
    line = request.form["line"]
    subprocess.run(["/bin/bash", "-c", line])  # want: SG602
    subprocess.run(["sh", "-ec", "make " + line])  # want: SG602
    subprocess.run(["bash", "-c", "make report", "job", line])  # ok: SG602
    subprocess.run(["grep", "-c", line, "jobs.log"])  # ok: SG602
    subprocess.run(["bash", "--norc", line])  # ok: SG602
    return "started"


@app.route("/jobs/exec", methods=["POST"])
def exec_job():
    import os

    line = request.form["line"]
    if os.fork() == 0:
        os.execvp("bash", ["bash", "-c", line])  # want: SG602
    if os.fork() == 0:
        os.execvp("grep", ["grep", line, "jobs.log"])  # ok: SG602
    return "started"
