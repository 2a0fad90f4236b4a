from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_list_or_404, get_object_or_404

from blog.models import Article
from django.db import connection
from django.utils.html import escape
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


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


def search_page(request):
    q = request.GET.get("q", "")
    page = render_to_string("search.html", {"q": q})
    return HttpResponse(page)  # ok: SG607


def search_page_raw(request):
    q = request.GET.get("q", "")
    page = render_to_string("search.html", {"q": q})
    return HttpResponse(page + "<p>" + q + "</p>")  # want: SG607


def article(request, slug):
    with connection.cursor() as cur:
        cur.execute("SELECT body FROM articles WHERE slug = %s", [slug])  # ok: SG601
        cur.execute("SELECT body FROM articles WHERE slug = '%s'" % slug)  # want: SG601
    return HttpResponse("ok")


def login_again(request):
    if not request.user.is_authenticated:
        return HttpResponseRedirect("/login/?next=" + request.path)  # ok: SG608
    return HttpResponseRedirect(request.path_info)  # ok: SG608


def visits(request):
    with connection.cursor() as cur:
        cur.execute("INSERT INTO visits (page) VALUES ('%s')" % request.path)  # want: SG601
    return HttpResponse("ok")


def back_to_list(request):
    url = reverse("post-list")
    url += "?" + request.GET.get("filter", "")
    return HttpResponseRedirect(url)  # ok: SG608


def back_to_page(request):
    page = request.GET.get("page", "1")
    if page == "last":
        return HttpResponseRedirect(f"/posts/?page={page}")  # ok: SG608
    return HttpResponseRedirect("/" + page)  # want: SG608


def go_external(request):
    target = "https://partner.example/" + request.GET["path"]
    return HttpResponseRedirect(target)  # ok: SG608


def ranking(request):
    handle = request.GET["handle"]
    return HttpResponseRedirect("%s?page=1#!%s" % (reverse("user-list"), handle))  # ok: SG608


def ranking_f(request):
    handle = request.GET["handle"]
    return HttpResponseRedirect(f"{reverse('user-list')}#!{handle}")  # ok: SG608


def ranking_any(request):
    where = request.GET["where"]
    return HttpResponseRedirect("%s#!top" % where)  # want: SG608


def go_scheme(request):
    return HttpResponseRedirect("https:" + request.GET["rest"])  # want: SG608


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


LANGUAGES = {"en", "de", "fr"}


def export(request):
    name = request.GET["name"]
    response = HttpResponse("a,b\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="%s.csv"' % name  # want: SG615
    response["X-Frame-Options"] = "DENY"  # ok: SG615
    response.headers["X-Export"] = request.GET["tag"]  # want: SG615
    lang = request.GET.get("lang", "en")
    if lang in LANGUAGES:
        response.set_cookie("lang", lang)  # ok: SG615
    response.set_cookie("theme", request.GET["theme"])  # ok: SG615
    return response


def referred(request):
    return HttpResponse("ok", headers={"X-Referrer": request.GET["ref"]})  # want: SG615


def tagged(request):
    from django.shortcuts import render
    response = render(request, "tagged.html", {"tag": request.GET["tag"]})
    response["X-Tag"] = request.GET["tag"]  # want: SG615
    response["Cache-Control"] = "no-store"  # ok: SG615
    return response


def lookups(request):
    from django.db.models import Count, Q
    from blog.models import Article
    field = request.GET["field"]
    by_name = Article.objects.filter(**{field + "__icontains": "draft"})  # want: SG601
    by_value = Article.objects.filter(**{"slug__icontains": request.GET["q"]})  # ok: SG601
    either = Article.objects.filter(Q(**request.GET.dict()) | Q(published=True))  # want: SG601
    counted = Article.objects.annotate(**{request.GET["alias"]: Count("id")})  # want: SG601
    fixed = Article.objects.annotate(n=Count("id"))  # ok: SG601
    qs = Article.objects.all()
    narrowed = qs.exclude(**request.GET.dict())  # want: SG601
    legacy = Article.objects.extra(where=["title = '%s'" % request.GET["t"]])  # want: SG601
    bound = Article.objects.extra(where=["title = %s"], params=[request.GET["t"]])  # ok: SG601
    return HttpResponse("%d" % len([by_name, by_value, either, counted, fixed, narrowed, legacy, bound]))


class PostEditor:
    def __init__(self, request):
        self.request = request
        self.slug = request.POST["slug"]

    def edit_url(self):
        return reverse("post-edit", args=(self.slug,))

    def done(self):
        target = self.edit_url()
        target += "?saved=1"
        return HttpResponseRedirect(target)  # ok: SG608

    def elsewhere(self):
        return HttpResponseRedirect(self.slug + self.edit_url())  # want: SG608


def open_article(request):
    article = get_object_or_404(Article, slug=request.GET["slug"])
    return HttpResponseRedirect(article.link)  # ok: SG608


def open_articles(request):
    articles = get_list_or_404(Article, tag=request.GET["tag"])
    return HttpResponseRedirect(articles[0].link)  # ok: SG608


def jump(request):
    objects = {}
    objects["next"] = request.GET["next"]
    return HttpResponseRedirect(objects.get("next"))  # want: SG608


def back(request):
    if request.GET.get("top"):
        return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))  # ok: SG608
    if request.GET.get("list"):
        return HttpResponseRedirect(request.headers.get("Referer", reverse("post-list")))  # ok: SG608
    if request.GET.get("raw"):
        return HttpResponseRedirect(request.META["HTTP_REFERER"])  # ok: SG608
    if request.GET.get("fallback"):
        return HttpResponseRedirect(request.headers.get("referer", request.GET["next"]))  # want: SG608
    return HttpResponse("came from " + request.headers.get("Referer", ""))  # want: SG607


def after_login(request):
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()})
    if request.GET.get("plain"):
        return HttpResponseRedirect(target)  # want: SG608
    if safe:
        return HttpResponseRedirect(target)  # ok: SG608
    return HttpResponseRedirect((target if safe else "") or reverse("home"))  # ok: SG608


def after_login_unsafe(request):
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(url=target, allowed_hosts=None)
    target = request.GET.get("then", "")
    return HttpResponseRedirect(target if safe else "/")  # want: SG608


def after_login_loop(request):
    target = "/"
    safe = False
    for candidate in request.GET.getlist("next"):
        if not safe:
            safe = url_has_allowed_host_and_scheme(url=candidate, allowed_hosts=None)
        target = candidate
    return HttpResponseRedirect(target if safe else "/")  # want: SG608


def status_url(job, note):
    url = reverse("job-status", args=[job])
    url += "?note=" + note
    return url


def bounce_url(note):
    return "/" + note


def job_done(request):
    note = request.GET.get("note", "")
    if request.GET.get("bounce"):
        return HttpResponseRedirect(bounce_url(note))  # want: SG608
    return HttpResponseRedirect(status_url(7, note))  # ok: SG608


def send_static(request, filename):
    with open(filename, "rb") as f:  # ok: SG605
        return HttpResponse(f.read(), content_type="application/pdf")


def send_named(request, filename):
    with open(filename, "rb") as f:
        return HttpResponse(f.read(), content_type="application/pdf")


def yearly_report(request):
    send_named(request, request.GET["file"])  # want: SG605
    return send_static(request, "/srv/reports/yearly.pdf")


def archived(request, filename):
    with open(filename, "rb") as f:  # want: SG605
        return HttpResponse(f.read(), content_type="application/pdf")


def latest_archive(request):
    return archived(request, "/srv/reports/latest.pdf")


ROUTES = {"archive": archived}


def touch_profile(request):
    updates = {"seen": True}
    if request.GET.get("ip"):
        updates["ip"] = request.GET["ip"]
    if updates:
        Article.objects.filter(author=request.user.pk).update(**updates)  # ok: SG601
    fields = {}
    fields[request.GET["field"]] = request.GET["value"]
    Article.objects.filter(author=request.user.pk).update(**fields)  # want: SG601
    extra = {"seen": True}
    extra.update(request.GET.dict())
    return Article.objects.filter(author=request.user.pk).update(**extra)  # want: SG601


def visit_fields(address):
    if not address:
        return {"seen": True}
    return {"seen": True, "ip": address}


def named_fields(name, value):
    return {name: value}


def record_visit(request):
    address = request.META["REMOTE_ADDR"]
    Article.objects.filter(author=request.user.pk).update(**visit_fields(address))  # ok: SG601
    field = request.GET["field"]
    Article.objects.filter(author=request.user.pk).update(**named_fields(field, address))  # want: SG601
    return Article.objects.filter(author=request.user.pk).update(**dict(request.GET.items()))  # want: SG601
