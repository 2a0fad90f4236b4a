from flask import request

from shop import app


@app.route("/cart", methods=("GET", "POST"))
def cart():
    return {"items": request.form.getlist("item")}
