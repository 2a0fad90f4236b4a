import logging
import cgitb
import sqlite3
import traceback

from django.http import JsonResponse
from flask import Flask, jsonify, abort

app = Flask(__name__)
log = logging.getLogger(__name__)
audit = logging.getLogger("audit")


@app.route("/report")
def report():
    try:
        return jsonify(build())
    except InvalidInput as exc:
        return jsonify(error=str(exc)), 400  # ok: SG812
    except LookupError:
        return traceback.format_exc(), 500  # want: SG812
    except (sqlite3.OperationalError, ValueError) as exc:
        return f"query failed: {exc}", 500  # want: SG812
    except Exception as exc:
        return "failed: %s" % exc, 500  # want: SG812


@app.post("/upload")
def upload():
    try:
        store()
    except OSError as err:
        abort(500, "write failed: %s" % err)  # want: SG812
    except PermissionDenied as err:
        abort(403, str(err))  # ok: SG812
    except Exception as err:
        log.exception("upload failed: %s", err)  # ok: SG812
        return jsonify(error="internal error"), 500  # ok: SG812
    return "ok"


def django_view(request):
    try:
        return JsonResponse(build())
    except Exception as e:
        return JsonResponse({"detail": e.args}, status=500)  # want: SG812


def helper(path):
    try:
        return open(path).read()
    except OSError as e:
        return str(e)  # ok: SG812


@app.route("/safe")
def safe():
    try:
        return jsonify(build())
    except Exception as exc:
        log.error("build failed: %r", exc)
        return jsonify(error=type(exc).__name__ == "ValueError"), 500  # ok: SG812


def login(username, password, user, settings, request):
    log.info("login user=%s password=%s", username, password)  # want: SG811
    logging.debug(f"token for {username}: {user.access_token}")  # want: SG811
    audit.warning("key %s", settings["API_KEY"])  # want: SG811
    log.log(logging.INFO, "secret=" + settings.client_secret)  # want: SG811
    log.debug("form: %s", request.form.get("password"))  # want: SG811
    log.info("creds", extra={"password": password})  # want: SG811
    log.info("login user=%s", username)  # ok: SG811
    log.info("password length %d", len(password))  # ok: SG811
    log.info("password_length=%s", settings.password_length)  # ok: SG811
    log.info("token type %s", user.token_type)  # ok: SG811
    log.info("tokens: %s", user.tokens)  # ok: SG811
    print("password", password)  # ok: SG811
    cache.info(password)  # ok: SG811
    log.exception("bad signature for token: %s, org=%s", token, org)  # want: SG811
    log.info("user %s, password=%r", username, pw)  # want: SG811
    log.info(f"reset token={t}")  # want: SG811
    log.info("token: %s", mask(token))  # ok: SG811
    log.info("100%% done, token refreshed for %s", username)  # ok: SG811
    log.info("missing token")  # ok: SG811
    log.error("no user found for forgot password: %s", email)  # ok: SG811
    log.info("valid token: %s", valid_resource_owner)  # ok: SG811
    log.info(f"token={len(t)}")  # ok: SG811
    log.debug("injecting idempotency token (%s) into param '%s'.", params[name], name)  # ok: SG811
    log.debug("falling back to the starting token parser. For token: %s", starting)  # ok: SG811
    log.debug("next page token: %s", resp["NextToken"])  # ok: SG811
    log.debug("issuing token %r to client %r", bearer, client_id)  # want: SG811


cgitb.enable()  # want: SG812
cgitb.enable(display=0, logdir="/var/log/app")  # ok: SG812
cgitb.enable(0)  # ok: SG812
