from django.urls import URLPattern, URLResolver, path

from moderation import api_views, views

app_name = "moderation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/moderation/v1/flags", api_views.create_flags, name="api-flags"),
    path("api/moderation/v1/flags/<str:batch_id>", api_views.show_flags, name="api-flag-batch"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/next", views.next_item, name="next"),
    path("moderation/items/<int:item_id>", views.item, name="item"),
    path("moderation/dashboard", views.dashboard, name="dashboard"),
    path("moderation/appeals/", views.appeals, name="appeals"),
    path("moderation/appeals/<int:entry_id>", views.appeal, name="appeal"),
    path("moderation/rules", views.rules, name="rules"),
    path("transparency", views.transparency, name="transparency"),
]
