import textwrap
import ast
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from flask import render_template_string, request
from django.utils.safestring import mark_safe
from markupsafe import Markup


def calc(expr, data):
    eval(expr)  # want: SG107
    eval("1 + 2")  # ok: SG107
    exec(compile(data, "<string>", "exec"))  # want: SG107
    ast.literal_eval(expr)  # ok: SG107
    env = Environment(loader=FileSystemLoader("t"))  # want: SG108
    env2 = Environment(loader=FileSystemLoader("t"), autoescape=select_autoescape())  # ok: SG108
    env3 = Environment(autoescape=False)  # want: SG108
    Template("Hello " + request.args["name"])  # want: SG109
    Template("Hello {{ name }}")  # ok: SG109
    render_template_string(f"<p>{request.args['q']}</p>")  # want: SG109
    render_template_string("<p>{{ q }}</p>", q=request.args["q"])  # ok: SG109
    env2.from_string("<b>" + data + "</b>")  # want: SG109
    mark_safe(f"<b>{data}</b>")  # want: SG110
    mark_safe("<br>")  # ok: SG110
    Markup("<i>%s</i>" % data)  # want: SG110


def links(url, count, title):
    from django.utils.html import escape, format_html
    mark_safe('<a href="{value}">{value}</a>'.format(value=escape(url)))  # ok: SG110
    mark_safe(f"<b>{escape(title)}</b> ({int(count)})")  # ok: SG110
    mark_safe("<i>%s</i>" % (escape(title),))  # ok: SG110
    label = "<em>" + escape(title) + "</em>"
    mark_safe(label)  # ok: SG110
    mark_safe(format_html("<b>{}</b>", title) + "<br>")  # ok: SG110
    mark_safe('<a href="{}">{}</a>'.format(escape(url), title))  # want: SG110
    mark_safe(f"<b>{escape(title)}</b>{url}")  # want: SG110


def folded_code(expr):
    code = "1 + 1"
    if 3 * 3 < 5:
        code = expr
    eval(code)  # ok: SG107
    eval(expr)  # want: SG107


def disabled_code(expr):
    mode = "off"
    if mode != "on":
        return None
    return eval(expr)  # ok: SG107


def quoted_literal(expr, other):
    text = expr.strip()
    if not text.startswith('"') or not text.endswith('"') or '"' in text[1:-1]:
        return None
    try:
        return eval(text)  # ok: SG107
    finally:
        exec(other)  # want: SG107


def quoted_literal_late(expr, strict):
    if strict:
        if not expr.startswith("'") or not expr.endswith("'") or "'" in expr[1:-1]:
            raise ValueError("not a literal")
    eval(expr)  # want: SG107
    if not expr.startswith("'") or not expr.endswith("'"):
        return None
    eval(expr)  # want: SG107
    if not expr.startswith("'") or not expr.endswith("'") or "'" in expr[1:-1]:
        return None
    expr = expr + " + __import__('os').getcwd()"
    eval(expr)  # want: SG107


def quoted_literal_rebound(values):
    for value in values:
        if not value.startswith("'") or not value.endswith("'") or "'" in value[1:-1]:
            continue
        eval(value)  # ok: SG107


def quoted_literal_nonlocal(value):
    if not value.startswith("'") or not value.endswith("'") or "'" in value[1:-1]:
        return None

    def later():
        nonlocal value
        value = "__import__('os')"
    later()
    return eval(value)  # want: SG107


class CardWidget:
    _head = textwrap.dedent("""\
        {% load static %}
        <link rel="stylesheet" href="{% static 'card.css' %}">
    """)
    _page = Template("<html>" + _head + "</html>")  # ok: SG109

    def render(self, extra):
        body = textwrap.dedent(extra)
        return Template(self._head + body)  # want: SG109
