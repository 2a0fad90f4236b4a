from django.http import HttpResponse, HttpResponseRedirect
from django.db import connection
from django.utils.html import escape


class Storage:
    def __init__(self):
        self.last = None

    def remember(self, request):
        self.last = request.GET["q"]

    def replay(self):
        with connection.cursor() as cur:
            cur.execute("SELECT * FROM log WHERE q = '" + self.last + "'")  # want: SG601


def search(request):
    q = request.GET.get("q", "")
    return HttpResponse("<p>Results for " + q + "</p>")  # want: SG607


def search_safe(request):
    q = request.GET.get("q", "")
    return HttpResponse("<p>Results for " + escape(q) + "</p>")  # ok: SG607


def article(request, slug):
    with connection.cursor() as cur:
        cur.execute("SELECT body FROM articles WHERE slug = %s", [slug])  # ok: SG601
        cur.execute("SELECT body FROM articles WHERE slug = '%s'" % slug)  # want: SG601
    return HttpResponse("ok")


def go(request):
    return HttpResponseRedirect(request.POST["to"])  # want: SG608


def fields(request):
    data = {k: v for k, v in request.GET.items()}
    cmd = " ".join(data.values())
    import os
    os.system(cmd)  # want: SG602
    return HttpResponse("ok")


def filtered(request):
    from blog.models import Article
    rows = Article.objects.filter(**request.GET.dict())  # want: SG601
    safe = Article.objects.filter(slug=request.GET.get("slug"))  # ok: SG601
    return HttpResponse("%d %d" % (len(rows), len(safe)))
