from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # want: SG716
def webhook(request):
    return JsonResponse({"ok": True})


def index(request):
    return JsonResponse({"ok": True})
