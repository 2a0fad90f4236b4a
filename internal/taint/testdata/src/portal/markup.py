"""Comment markup: user text rendered through a sanitizing cleaner."""
import bleach
import nh3
from django.http import HttpResponse
from django.utils.safestring import mark_safe


def comment_cleaner():
    return bleach.Cleaner(tags={"b", "i", "a"}, strip=True)


def render_comment(text, cleaner=None):
    if cleaner is None:
        cleaner = comment_cleaner()
    return mark_safe(cleaner.clean(text))  # ok: SG607


def preview(request):
    body = request.POST["body"]
    direct = mark_safe(bleach.Cleaner().clean(body))  # ok: SG607
    cleaner = bleach.Cleaner(tags={"b"})
    named = mark_safe(cleaner.clean(body))  # ok: SG607
    other = bleach.Cleaner(tags={"b"}) if body else object()
    unknown = mark_safe(other.clean(body))  # want: SG607
    linked = mark_safe(bleach.linkify(body))  # want: SG607
    stripped = mark_safe(nh3.clean(body))  # ok: SG607
    comment = render_comment(body)  # todo-ok: SG607
    return HttpResponse(direct + named + unknown + linked + stripped + comment)  # want: SG607
