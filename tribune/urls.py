from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz),
    path("django-admin/", admin.site.urls),
    path("", include("api.urls")),  # first: Django tries the patterns in order, and most requests are API calls
    path("", include("federation.urls")),
    path("", include("moderation.urls")),
    path("", include("ops.urls")),
    path("", include("web.urls")),
]

if settings.BENCH:
    from ops.bench.views import trivial

    urlpatterns.insert(0, path("bench/trivial", trivial))

if not settings.MEDIA_BACKEND_URL:
    # Local media served by the application (nginx serves /media/ directly in deploy/).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
