from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from web.views.media import stored_file


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

# Stored images, each checked as its post (or account) is: the file itself comes from nginx
# (X-Accel-Redirect), from the S3 store (a short-lived signed URL) or from this process.
urlpatterns += [path("media/<path:name>", stored_file, name="stored_file")]
