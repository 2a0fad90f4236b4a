# csrf_exempt reached through a module loaded by name.
import importlib

csrf = importlib.import_module("django.views.decorators.csrf")


@csrf.csrf_exempt  # want: SG716
def webhook(request):
    return None
