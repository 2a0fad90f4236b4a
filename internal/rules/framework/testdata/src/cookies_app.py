import http.cookiejar

from flask import Blueprint, current_app, make_response, request

bp = Blueprint("account", __name__)
SECURE_COOKIES = current_app.config.get("SECURE_COOKIES", True)


@bp.route("/login", methods=["POST"])
def login():
    resp = make_response("welcome")
    resp.set_cookie("remember", "token", httponly=True)  # want: SG735
    resp.set_cookie("remember", "token", secure=False, httponly=True)  # want: SG735
    resp.set_cookie("remember", "token", 3600, None, "/", None, False)  # want: SG735
    resp.set_cookie("remember", "token", secure=True, httponly=True, samesite="Lax")  # ok: SG735
    resp.set_cookie("remember", "token", 3600, None, "/", None, True)  # ok: SG735
    resp.set_cookie("remember", "token", secure=SECURE_COOKIES)  # ok: SG735
    resp.set_cookie("remember", "token", secure=request.is_secure)  # ok: SG735
    resp.set_cookie("remember", "token", **current_app.config["COOKIE_OPTIONS"])  # ok: SG735
    resp.delete_cookie("old")  # ok: SG735
    return resp


def keep(jar: http.cookiejar.CookieJar, cookie: http.cookiejar.Cookie):
    jar.set_cookie(cookie)  # ok: SG735
