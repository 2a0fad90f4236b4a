"""A Flask-SQLAlchemy forum: statements built with select() bind their values."""
from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import delete, select, text

app = Flask(__name__)
db = SQLAlchemy(app)


class Topic(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String)


@app.route("/topics", methods=["POST"])
def topics():
    ids = request.form.getlist("rowid")
    rows = db.session.execute(db.select(Topic).where(Topic.id.in_(ids))).scalars().all()  # ok: SG601
    one = db.session.execute(select(Topic).filter_by(title=request.form["title"])).scalar()  # ok: SG601
    db.session.execute(delete(Topic).where(Topic.title == request.form["title"]))  # ok: SG601
    db.session.execute(Topic.__table__.select().where(Topic.id == request.form["id"]))  # ok: SG601
    db.session.execute(text("SELECT * FROM topic WHERE title = '%s'" % request.form["title"]))  # want: SG601
    db.session.execute(select(Topic).where(text("title = '" + request.form["title"] + "'")))  # want: SG601
    db.session.execute("SELECT * FROM topic WHERE id = " + request.form["id"])  # want: SG601
    return {"rows": len(rows), "one": one is not None}


@app.route("/profile")
def profile():
    import sqlite3
    conn = sqlite3.connect("forum.db")
    row = conn.execute("SELECT name, bio FROM users WHERE name = ?", (request.args["name"],)).fetchone()
    return f"<p>{row[1]}</p>"  # ok: SG607 (the page shows the database's data, not the request's)


@app.route("/card")
def card():
    from flask import render_template
    name = request.args.get("name", "")
    if request.args.get("plain"):
        return render_template("card.txt", name=name)  # want: SG607 (Flask escapes only .html, .htm, .xml, .xhtml, .svg)
    if request.args.get("jinja"):
        return render_template("card.html.j2", name=name)  # want: SG607
    return render_template("card.html", name=name)  # ok: SG607


@app.route("/whois")
def whois():
    import subprocess
    out = subprocess.run(["/usr/bin/whois", "--", request.args["domain"]], capture_output=True, text=True)
    return f"<pre>{out.stdout}</pre>"  # ok: SG607 (the program's output, not the request)
