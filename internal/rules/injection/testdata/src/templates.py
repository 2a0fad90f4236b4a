import importlib.resources
import pkgutil
from pathlib import Path

from django.template import Template as DjangoTemplate
from flask import render_template_string, request
from jinja2 import Environment, Template
from mako.template import Template as MakoTemplate

HERE = Path(__file__).parent
REPORT_TEMPLATE = HERE / "report.html.j2"
env = Environment(autoescape=True)


def render_report(rows):
    # Templates the program ships: written by its developers, not its users.
    Template(REPORT_TEMPLATE.read_text(encoding="utf-8"))  # ok: SG109
    with open(HERE / "mail.txt", encoding="utf-8") as f:
        Template(f.read())  # ok: SG109
    Template(open("templates/invoice.html").read())  # ok: SG109
    source = (HERE / "page.html").read_text()
    render_template_string(source, rows=rows)  # ok: SG109
    Template(pkgutil.get_data(__name__, "t/summary.txt").decode("utf-8"))  # ok: SG109
    Template(importlib.resources.read_text("reports", "footer.j2"))  # ok: SG109
    env.from_string("{% extends 'base.html' %}" + REPORT_TEMPLATE.read_text())  # ok: SG109
    DjangoTemplate(Path("emails/welcome.txt").open().read())  # ok: SG109
    header = open("header.html").read()
    Template(header.replace("{{ year }}", "2025"))  # ok: SG109
    return Template(REPORT_TEMPLATE.read_text()).render(rows=rows)  # ok: SG109


def preview(name):
    Template(f"<h1>{name}</h1>" + REPORT_TEMPLATE.read_text())  # want: SG109
    Template(REPORT_TEMPLATE.read_text().replace("TITLE", name))  # want: SG109
    Template(open("header.html").read() + request.args["footer"])  # want: SG109
    MakoTemplate(text="<p>%s</p>" % name)  # want: SG109
    page = "Hello " + request.args["name"]
    render_template_string(page)  # want: SG109
    render_template_string("{% for r in rows %}" + name + "{% endfor %}")  # want: SG109
    env.from_string(request.form["layout"])  # want: SG109
    DjangoTemplate("{{% load {} %}}".format(name))  # want: SG109
