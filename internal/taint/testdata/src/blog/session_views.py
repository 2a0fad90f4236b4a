from django.http import HttpResponse


def set_language(request):
    request.session["lang"] = request.POST["lang"]  # want: SG618
    request.session.update({"region": request.POST["region"]})  # want: SG618
    request.session["count"] = int(request.POST["count"])  # ok: SG618
    return HttpResponse("ok")
