import html

from flask import Flask, Response, jsonify, make_response, redirect, render_template, request

from pages.text import bold, shout

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return "<h1>Hello " + name + "</h1>"  # want: SG607


@app.route("/hello/<user>")
def hello_user(user):
    return f"<p>{user}</p>"  # want: SG607


@app.route("/escaped")
def escaped():
    name = request.args.get("name", "")
    return "<h1>Hello " + html.escape(name) + "</h1>"  # ok: SG607


@app.route("/bold")
def bolded():
    return bold(request.args["word"])  # ok: SG607


@app.route("/shout")
def shouted():
    return shout(request.args["word"])  # want: SG607


@app.route("/page")
def page():
    out = ""
    out += "<p>%s</p>" % request.form["comment"]
    return out  # want: SG607


@app.route("/status")
def status():
    return "<p>" + request.args["msg"] + "</p>", 400  # want: SG607


@app.route("/api/echo")
def api_echo():
    return {"echo": request.args["q"]}  # ok: SG607


@app.route("/api/list")
def api_list():
    return [request.args["q"]]  # ok: SG607


@app.route("/api/json")
def api_json():
    return jsonify(echo=request.args["q"])  # ok: SG607


@app.route("/plain")
def plain():
    return Response(request.args["q"], mimetype="text/plain")  # ok: SG607


@app.route("/typed")
def typed():
    return Response(request.args["q"], content_type="application/json; charset=utf-8")  # ok: SG607


@app.route("/raw")
def raw():
    return Response("<b>" + request.args["q"] + "</b>")  # want: SG607


@app.route("/tagged")
def tagged():
    resp = make_response(("saved", {"X-Tag": request.args["tag"]}))  # ok: SG607
    return resp  # ok: SG607


@app.route("/rendered")
def rendered():
    return render_template("page.html", name=request.args["name"])  # ok: SG607


@app.route("/again")
def again():
    return hello()  # ok: SG607


@app.route("/number")
def number():
    return str(int(request.args["n"]) * 2)  # ok: SG607


@app.route("/echo")
def echo():
    return request.args.get("q", "")  # want: SG607


@app.route("/echo-data")
def echo_data():
    return request.get_data()  # want: SG607


@app.route("/go")
def go():
    return redirect(request.args.get("next", "/"))  # ok: SG607  # want: SG608


@app.route("/own-escaper")
def own_escaper():
    from pages.text import escape_markup, escape_quotes

    word = request.args["word"]
    session_note = escape_markup(word)
    return "<p>" + escape_markup(word) + "</p>" + session_note  # ok: SG607


@app.route("/quotes-only")
def quotes_only():
    from pages.text import escape_quotes

    return "<p>" + escape_quotes(request.args["word"]) + "</p>"  # want: SG607


@app.route("/pick", methods=["POST"])
def pick():
    chosen = ""
    for name in request.form.keys():
        if request.form[name] == "on":
            chosen = name
            break
    return "<p>" + chosen + "</p>"  # want: SG607


@app.route("/first-safe", methods=["POST"])
def first_safe():
    chosen = ""
    for name in request.form.keys():
        if name.isdigit():
            chosen = "number"
            break
    return "<p>" + chosen + "</p>"  # ok: SG607


@app.route("/positional")
def positional():
    return Response(request.args["q"], 200, None, "text/plain")  # ok: SG607
