from accounts.models import Account, MutedWord, User
from tests.web.helpers import png


def test_settings_page_has_labelled_forms(client, alice):
    client.force_login(alice.user)
    body = client.get("/settings").content.decode()
    for field in ("display_name", "bio", "avatar", "header", "locked", "pref-language", "phrase", "old_password"):
        assert f'for="{field}"' in body


def test_profile_settings(client, alice):
    client.force_login(alice.user)
    response = client.post(
        "/settings/profile",
        {"display_name": "Alice A.", "bio": "I garden #plants", "locked": "on", "avatar": png(size=(64, 64))},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice A." and alice.locked and alice.avatar
    assert "/tags/plants" in alice.bio
    assert "Saved." in client.get("/settings").content.decode()
    too_long = client.post("/settings/profile", {"display_name": "x" * 101, "bio": ""})
    assert too_long.status_code == 422
    alice.refresh_from_db()
    assert alice.display_name == "Alice A."


def test_preferences_set_language_and_visibility(client, alice):
    client.force_login(alice.user)
    response = client.post("/settings/preferences", {"language": "fr", "default_visibility": "private"})
    assert response.status_code == 302
    user = User.objects.get(pk=alice.user.pk)
    assert user.language == "fr" and user.default_visibility == "private"
    assert 'lang="fr"' in client.get("/settings").content.decode()
    bad = client.post("/settings/preferences", {"language": "xx", "default_visibility": "public"})
    assert bad.status_code == 422


def test_preferences_choose_the_theme_rendered_in_the_page(client, alice):
    client.force_login(alice.user)
    body = client.get("/settings").content.decode()
    assert 'for="pref-theme"' in body and '<html lang="en">' in body  # as the system says: no data-theme
    response = client.post("/settings/preferences", {"language": "", "default_visibility": "public", "theme": "dark"})
    assert response.status_code == 302 and response.cookies["tribune_theme"].value == "dark"
    body = client.get("/settings").content.decode()
    # Rendered by the server, so the first paint is dark (no flash of the light theme).
    assert '<html lang="en" data-theme="dark">' in body and '<option value="dark" selected>' in body
    assert 'content="dark"' in body  # color-scheme: the browser's own controls follow
    client.post("/settings/preferences", {"language": "", "default_visibility": "public", "theme": ""})
    assert "data-theme" not in client.get("/settings").content.decode()
    # A refused form changes nothing, the theme included.
    client.post("/settings/preferences", {"language": "xx", "default_visibility": "public", "theme": "light"})
    assert "data-theme" not in client.get("/settings").content.decode()


def test_muted_words(client, alice):
    client.force_login(alice.user)
    client.post("/settings/muted_words", {"phrase": "Spoilers"})
    word = MutedWord.objects.get(account=alice)
    assert word.phrase == "spoilers"
    assert client.post("/settings/muted_words", {"phrase": ""}).status_code == 422
    client.post("/settings/muted_words", {"remove": str(word.pk)})
    assert not MutedWord.objects.filter(account=alice).exists()
    assert client.post("/settings/muted_words", {"remove": "abc"}).status_code == 302


def test_password_change_keeps_the_session(client, alice):
    client.force_login(alice.user)
    wrong = client.post("/settings/password", {"old_password": "nope", "new_password": "another long passphrase"})
    assert wrong.status_code == 422
    response = client.post(
        "/settings/password", {"old_password": "correct horse battery", "new_password": "another long passphrase"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=alice.user.pk).check_password("another long passphrase")
    assert client.get("/home").status_code == 200


def test_account_deletion(client, alice):
    client.force_login(alice.user)
    assert client.post("/settings/delete", {"password": "wrong"}).status_code == 422
    response = client.post("/settings/delete", {"password": "correct horse battery"})
    assert response.status_code == 302
    assert not User.objects.filter(username="alice").exists()
    assert Account.objects.get(username="alice").deleted_at is not None
    assert client.get("/@alice").status_code == 404
