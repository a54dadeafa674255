from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from web.views import accounts, admin, feeds, lists, notifications, posts, pwa, reports, search, settings, tags

app_name = "web"

# A handle is `user` or `user@domain`; a post id is digits.
HANDLE = r"@(?P<username>[A-Za-z0-9_]+(?:@[A-Za-z0-9.\-:]+)?)"

urlpatterns = [
    path("", feeds.local, name="local"),
    path("home", feeds.home, name="home"),
    re_path(r"^(?P<feed>home|local)/new$", feeds.new_posts, name="new_posts"),
    path("explore", feeds.explore, name="explore"),
    path("tags/<str:name>", feeds.tag, name="tag"),
    re_path(r"^tags/(?P<name>[^/]+)/(?P<action>follow|unfollow)$", tags.follow, name="follow_tag"),
    path("followed_tags", tags.followed, name="followed_tags"),
    path("bookmarks", feeds.bookmarks, name="bookmarks"),
    path("lists", lists.lists, name="lists"),
    re_path(r"^lists/(?P<list_id>\d+)$", lists.timeline, name="list"),
    re_path(r"^lists/(?P<list_id>\d+)/edit$", lists.edit, name="list_edit"),
    re_path(r"^lists/(?P<list_id>\d+)/(?P<action>add|remove)$", lists.member, name="list_member"),
    re_path(r"^lists/(?P<list_id>\d+)/delete$", lists.delete, name="list_delete"),
    path("search", search.search, name="search"),
    path("login", accounts.LoginView.as_view(), name="login"),
    path("login/code", accounts.login_code, name="login_code"),
    path("logout", auth_views.LogoutView.as_view(), name="logout"),
    path("signup", accounts.signup, name="signup"),
    path("compose", posts.compose_page, name="compose_page"),
    path("posts/new", posts.compose, name="compose"),
    re_path(r"^posts/(?P<post_id>\d+)/(?P<action>upvote|echo|bookmark)$", posts.toggle, name="toggle"),
    path("notifications", notifications.notifications, name="notifications"),
    path("follow_requests", accounts.follow_requests, name="follow_requests"),
    re_path(
        rf"^follow_requests/{HANDLE}/(?P<answer>accept|reject)$",
        accounts.answer_follow_request,
        name="answer_follow_request",
    ),
    path("settings", settings.settings_page, name="settings"),
    path("settings/profile", settings.profile, name="settings_profile"),
    path("settings/preferences", settings.preferences, name="settings_preferences"),
    path("settings/muted_words", settings.muted_words, name="settings_muted_words"),
    path("settings/password", settings.password, name="settings_password"),
    path("settings/delete", settings.delete_account, name="settings_delete"),
    path("settings/email", settings.email, name="settings_email"),
    path("settings/alias", settings.alias, name="settings_alias"),
    path("settings/move", settings.move, name="settings_move"),
    path("settings/two_factor", settings.two_factor, name="settings_two_factor"),
    path("confirm_email/<str:token>", settings.confirm_email, name="confirm_email"),
    path("password_reset", settings.password_reset, name="password_reset"),
    path("password_reset/sent", settings.password_reset_sent, name="password_reset_sent"),
    path("password_reset/<uidb64>/<token>", settings.password_reset_confirm, name="password_reset_confirm"),
    path("password_reset/done", settings.password_reset_complete, name="password_reset_complete"),
    path("language", settings.language, name="language"),
    path("theme", settings.theme, name="theme"),
    path("admin/", admin.accounts, name="admin"),
    path("admin/posts", admin.posts, name="admin_posts"),
    path("admin/instance", admin.instance, name="admin_instance"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="sw"),
    path("offline", pwa.offline, name="offline"),
    re_path(rf"^{HANDLE}$", accounts.profile, name="profile"),
    re_path(
        rf"^{HANDLE}/(?P<which>followers|following)$",
        accounts.people,
        name="people",
    ),
    re_path(
        rf"^{HANDLE}/(?P<action>follow|unfollow|block|unblock|mute|unmute)$",
        accounts.relate,
        name="relate",
    ),
    re_path(rf"^{HANDLE}/report$", reports.report, name="report"),
    re_path(rf"^{HANDLE}/(?P<post_id>\d+)$", posts.detail, name="post"),
    re_path(rf"^{HANDLE}/(?P<post_id>\d+)/edit$", posts.edit, name="edit"),
    re_path(rf"^{HANDLE}/(?P<post_id>\d+)/history$", posts.history, name="history"),
    re_path(rf"^{HANDLE}/(?P<post_id>\d+)/delete$", posts.delete, name="delete"),
]
