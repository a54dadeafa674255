from django.urls import URLPattern, URLResolver, path

from federation import admin_views, views

app_name = "federation"

urlpatterns: list[URLPattern | URLResolver] = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/host-meta", views.host_meta, name="host_meta"),
    path("actor", views.instance_actor, name="instance_actor"),
    path("actor/inbox", views.inbox, name="instance_inbox"),
    path("inbox", views.inbox, name="shared_inbox"),
    path("users/<str:username>", views.actor, name="actor"),
    path("users/<str:username>/inbox", views.inbox, name="inbox"),
    path("users/<str:username>/outbox", views.outbox, name="outbox"),
    path("users/<str:username>/followers", views.followers, name="followers"),
    path("users/<str:username>/following", views.following, name="following"),
    path("users/<str:username>/collections/featured", views.featured, name="featured"),
    path("users/<str:username>/statuses/<int:post_id>", views.note, name="note"),
    path("admin/federation", admin_views.domain_policies, name="admin_domains"),
    path("admin/federation/export.csv", admin_views.export_csv, name="admin_domains_export"),
]
