from django.urls import path

from ops import views

app_name = "ops"

urlpatterns = [
    path("settings/export", views.export, name="export"),
    path("settings/import", views.import_view, name="import"),
]
