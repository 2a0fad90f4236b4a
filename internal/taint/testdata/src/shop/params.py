from flask import request


def search_term():
    return request.args.get("q", "").strip()


def page_number():
    return int(request.args.get("page", "1"))
