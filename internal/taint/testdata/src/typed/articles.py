"""Django views whose URL converters (urls.py) decide what a parameter holds."""
from django.db import connection
from django.http import HttpResponse


def article(request, article_id):
    with connection.cursor() as cur:
        cur.execute(f"SELECT body FROM articles WHERE id = {article_id}")  # ok: SG601 (<int:article_id>)
    return HttpResponse("ok")


def by_slug(request, slug):
    return HttpResponse(f"<h1>{slug}</h1>")  # ok: SG607 (<slug:slug>)


def by_name(request, name):
    return HttpResponse(f"<h1>{name}</h1>")  # want: SG607 (<str:name> is any text but '/')


def shared(request, key):
    return HttpResponse(f"<h1>{key}</h1>")  # want: SG607 (routed as <uuid:key> and as <key>)
