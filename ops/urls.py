from django.urls import path

from ops import views

app_name = "ops"

urlpatterns = [
    path("settings/export", views.export, name="export"),
    path("settings/import", views.import_view, name="import"),
    path("api/tribune/v1/export", views.api_export, name="api-export"),
]
