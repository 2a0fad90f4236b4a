from flask import Flask, request
from sqlalchemy import or_
from sqlalchemy.orm import Session

from .models import Post, engine

app = Flask(__name__)


@app.route("/posts/by-title")
def by_title():
    title = request.args.get("title", "")
    with Session(engine) as session:
        rows = session.query(Post).filter("title = '%s'" % title).all()  # want: SG601
        same = session.query(Post).filter(Post.title == title).all()  # ok: SG601
        like = session.query(Post).filter(Post.title.like("%" + title + "%")).all()  # ok: SG601
        either = session.query(Post).filter(or_(Post.title == title, Post.slug == title)).all()  # ok: SG601
    return {"rows": len(rows) + len(same) + len(like) + len(either)}


@app.route("/posts/by-author")
def by_author():
    author = request.args.get("author", "")
    return {"n": Post.query.filter(f"author = '{author}'").count()}  # want: SG601
