"""The blog's own decorators: one of them shares a name with Django's."""
import functools


def csrf_exempt(view):
    """Marks a view for the API gateway, which checks its own signatures."""
    view.gateway_signed = True
    return view


@csrf_exempt  # ok: SG716
def signed_feed(request):
    return functools.partial(print, request)
