from django.conf import settings

from accounts.models import User
from posts.actions import do_create_post


def test_accept_language_picks_french(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert 'lang="fr"' in body
    assert "Aller au contenu" in body and "Rien ici pour l’instant." in body


def test_language_switcher_sets_a_cookie_that_beats_accept_language(client):
    response = client.post("/language", {"language": "fr", "next": "/explore"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/explore"
    assert response.cookies["tribune_language"].value == "fr"
    body = client.get("/explore", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mots-clés tendance" in body
    assert client.post("/language", {"language": "xx"}).status_code == 422


def test_the_persons_setting_beats_the_cookie(client, alice):
    User.objects.filter(pk=alice.user.pk).update(language="fr")
    client.force_login(alice.user)
    client.cookies["tribune_language"] = "en"
    assert "Se déconnecter" in client.get("/home").content.decode()
    client.post("/language", {"language": "en"})
    assert User.objects.get(pk=alice.user.pk).language == "en"
    assert "Log out" in client.get("/home").content.decode()


def test_action_errors_are_translated(client, alice):
    client.cookies["tribune_language"] = "fr"
    client.force_login(alice.user)
    response = client.post("/posts/new", {"text": "x" * (settings.MAX_POST_CHARS + 1)})
    client.logout()
    client.cookies["tribune_language"] = "fr"
    assert response.status_code == 422
    assert f"Une publication comporte au plus {settings.MAX_POST_CHARS} caractères." in response.content.decode()
    response = client.post("/signup", {"username": "bad name", "password": "x"})
    assert response.status_code == 422
    assert "Un nom d’utilisateur comporte de 1 à 30 lettres" in response.content.decode()
    assert client.get("/@nobody").content.decode().count("Cette page n’existe pas.") == 1


def test_french_post_buttons_and_plurals(client, alice, bob):
    do_create_post(bob, "bonjour")
    client.cookies["tribune_language"] = "fr"
    client.force_login(alice.user)
    body = client.get("/").content.decode()
    # "Upvote" is a vote for the post, not an approval.
    assert "Voter pour" in body and "Approuver" not in body and "Écho" in body and "Enregistrer" in body


def test_every_french_string_is_translated():
    po = (settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]
    untranslated = [e for e in entries if 'msgstr ""' in e and "msgstr[" not in e]
    assert untranslated == []
    assert (settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.mo").exists()
