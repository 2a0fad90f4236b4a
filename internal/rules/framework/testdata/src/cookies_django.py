from django.http import HttpResponse


def set_theme(request):
    response = HttpResponse("ok")
    response.set_cookie("theme", "dark")  # want: SG735
    response.set_signed_cookie("uid", "42", salt="uid", secure=True, httponly=True)  # ok: SG735
    response.set_signed_cookie("uid", "42", "uid", None, None, "/", None, False)  # want: SG735
    return response
