from flask import Flask, make_response, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/badge")
def badge():
    label = Markup.escape(request.args.get("label", ""))
    return make_response("<span class='badge'>" + label + "</span>")  # ok: SG607


@app.route("/badge/raw")
def badge_raw():
    label = request.args.get("label", "")
    return make_response("<span class='badge'>" + label + "</span>")  # want: SG607
