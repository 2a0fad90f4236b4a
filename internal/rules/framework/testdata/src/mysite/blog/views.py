from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect, ensure_csrf_cookie  # ok: SG716
from django.views.decorators.http import require_POST


@csrf_exempt  # want: SG716
def webhook(request):
    return JsonResponse({"ok": True})


def index(request):
    return JsonResponse({"ok": True})


@csrf_protect  # ok: SG716
@require_POST
def comment(request):
    return JsonResponse({"ok": True})


@ensure_csrf_cookie  # ok: SG716
def editor(request):
    return JsonResponse({"ok": True})


@method_decorator(csrf_exempt, name="dispatch")  # want: SG716
class PaymentCallback(View):
    def post(self, request):
        return JsonResponse({"ok": True})


legacy_hook = csrf_exempt(index)  # want: SG716
