"""The ceiling for feed benchmarks: the cheapest view Django can serve through the full
middleware stack. Routed only when TRIBUNE_BENCH=1 (see tribune/urls.py)."""

from django.http import HttpRequest, HttpResponse


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
