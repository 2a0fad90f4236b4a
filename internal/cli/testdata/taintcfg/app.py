from flask import Flask, request
from legacy import run_report, clean

app = Flask(__name__)


@app.route("/r")
def report():
    run_report(request.args["q"])
    run_report(clean(request.args["q"]))
    return "ok"
