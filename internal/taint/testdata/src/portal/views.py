"""Staff portal views (Django)."""
import logging
import ldap
import re

import requests
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template import Context, Template
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from lxml import etree
import defusedxml.lxml

from .directory import Catalogue, Directory

log = logging.getLogger(__name__)
directory = Directory("ldap://ldap.example.com")
catalogue = Catalogue("catalogue.xml")
PARTNERS = {"https://a.example.com", "https://b.example.com"}


def staff(request):
    uid = request.GET["uid"]
    found = directory.by_uid(uid)  # ok: SG610
    by_mail = directory.by_mail(request.GET["mail"])  # want: SG610
    raw = directory.conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=%s)" % escape(request.GET["cn"]))  # want: SG610
    return JsonResponse({"found": len(found) + len(by_mail) + len(raw)})


def price(request):
    name = request.GET["item"]
    quoted = catalogue.price(name)  # want: SG611
    bound = catalogue.price_of(name)  # ok: SG611
    return JsonResponse({"price": quoted + bound})


def search(request):
    term = request.GET.get("q", "")
    pattern = re.compile(".*" + term + ".*")  # want: SG612
    escaped = re.compile(".*" + re.escape(term) + ".*")  # ok: SG612
    found = re.search(escape(term), "haystack")  # want: SG612
    return JsonResponse({"n": bool(pattern.match("x")) + bool(escaped.match("x")) + bool(found)})


class Actions:
    def list(self):
        return []

    def show(self):
        return {}


ACTIONS = {"list", "show"}


def dispatch(request):
    action = request.GET["action"]
    handler = Actions()
    result = getattr(handler, action)()  # want: SG613
    if action in ACTIONS:
        result = getattr(handler, action)()  # ok: SG613
    return JsonResponse({"result": result})


def login(request):
    user = request.POST["user"]
    log.warning("failed login for %s" % user)  # want: SG614
    log.warning("failed login for %r", user)  # ok: SG614
    logging.info(f"login attempt by {user}")  # want: SG614
    log.info("login attempt by " + user.replace("\n", "").replace("\r", ""))  # todo-ok: SG614
    return HttpResponse("no")


def greet(request):
    name = request.GET["name"]
    html = mark_safe("<b>%s</b>" % name)  # want: SG607
    safe = format_html("<b>{}</b>", name)  # ok: SG607
    escaped = mark_safe("<b>%s</b>" % escape(name))  # ok: SG607
    return HttpResponse(html + safe + escaped)  # want: SG607


def banner(request):
    text = request.GET["text"]
    template = Template("<div>" + text + "</div>")  # want: SG604
    fixed = Template("<div>{{ text }}</div>")  # ok: SG604
    escaped = Template("<div>" + escape(text) + "</div>")  # want: SG604
    page = template.render(Context({})) + escaped.render(Context({}))
    return HttpResponse(page + fixed.render(Context({"text": text})))  # want: SG607


def done(request):
    target = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)  # ok: SG608
    return HttpResponseRedirect(request.GET["next"])  # want: SG608


def leave(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "/"
    return redirect(target)  # ok: SG608


def preview(request):
    url = request.GET["url"]
    if url not in PARTNERS:
        return HttpResponse("unknown partner", status=400)
    page = requests.get(url, timeout=5)  # ok: SG606
    other = requests.post(request.GET["hook"], timeout=5)  # want: SG606
    return HttpResponse(escape(page.text) + str(other.status_code))


def upload_feed(request):
    tree = etree.fromstring(request.body)  # want: SG617
    safe = defusedxml.lxml.fromstring(request.body)  # ok: SG617
    return JsonResponse({"root": tree.tag, "safe": safe.tag})


def back(request):
    params = request.GET.copy()
    target = params.pop("next", [""])[0]
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("/")
    if params:
        return redirect(f"{target}?{params.urlencode()}")  # ok: SG608
    return redirect(f"{request.GET['host']}?{params.urlencode()}")  # want: SG608


def jump(request):
    section = request.GET["section"]
    return redirect(f"{section}#{request.GET['anchor']}")  # want: SG608


class ExportView(View):
    def get(self, request, name):
        if name.endswith(".csv"):
            return self._send(request, "exports/latest.csv", name)
        return self.fetch_file(request, name)  # want: SG605

    def _send(self, request, path, label):
        response = FileResponse(open(path, "rb"), filename=label)  # ok: SG605
        return redirect(f"/done/{label}") if label else response

    def fetch_file(self, request, path):
        return FileResponse(open(path, "rb"))  # ok: SG605


class LegacyView(View):
    def get(self, request, slug):
        return HttpResponseRedirect(slug)  # want: SG608

    def post(self, request, slug):
        return self.get(request, slug)  # want: SG608

    def put(self, request, target):
        return self.forward(request, target)  # want: SG608

    def forward(self, request, target):
        return redirect(target)  # want: SG608


HANDLERS = {"forward": LegacyView.forward}
