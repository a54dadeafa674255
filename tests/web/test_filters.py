import re

from django.test import Client

from accounts.actions import do_follow
from accounts.filters import do_add_muted_word, do_create_filter
from accounts.models import Filter, MutedWord
from posts.actions import do_create_post


def login(client: Client, account) -> Client:
    client.force_login(account.user)
    return client


def keywords(found: Filter) -> list[tuple[str, bool]]:
    return sorted(MutedWord.objects.filter(filter=found).values_list("phrase", "whole_word"))


def test_filters_page_is_linked_from_settings_and_needs_login(client, alice):
    response = client.get("/filters")
    assert response.status_code == 302 and response["Location"].startswith("/login")
    settings = login(client, alice).get("/settings").content.decode()
    assert 'href="/filters"' in settings
    page = client.get("/filters").content.decode()
    assert "No filters yet." in page and 'for="filter-title"' in page and 'name="keywords"' in page
    for seconds in ("1800", "3600", "21600", "86400", "604800"):
        assert f'<option value="{seconds}">' in page


def test_create_edit_and_delete_a_filter(client, alice):
    login(client, alice)
    response = client.post(
        "/filters",
        {
            "title": " Spoilers ", "keywords": "Finale\n\n  twist ending \nfinale", "whole_word": "on",
            "context": ["home", "public"], "action": "hide", "expires_in": "3600",
        },
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/filters"
    found = Filter.objects.get(account=alice)
    assert (found.title, found.context, found.action) == ("Spoilers", ["home", "public"], "hide")
    assert found.expires_at is not None
    assert keywords(found) == [("finale", True), ("twist ending", True)]
    index = client.get("/filters").content.decode()
    assert "Spoilers" in index and "finale, twist ending" in index and "Filter created." in index

    edit = client.get(f"/filters/{found.pk}/edit").content.decode()
    assert 'value="Spoilers"' in edit and '<option value="keep" selected>' in edit
    assert 'value="home" checked' in edit and 'value="thread" checked' not in edit
    response = client.post(
        f"/filters/{found.pk}/edit",
        {"title": "Plot", "keywords": "finale\ncliffhanger", "context": ["thread"], "action": "warn", "expires_in": ""},
    )
    assert response.status_code == 302 and response["Location"] == "/filters"
    found.refresh_from_db()
    assert (found.title, found.context, found.action, found.expires_at) == ("Plot", ["thread"], "warn", None)
    assert keywords(found) == [("cliffhanger", False), ("finale", False)]
    # The copies the feeds read follow the filter.
    assert set(MutedWord.objects.filter(filter=found).values_list("hide_copy", "contexts_copy")) == {(False, "thread")}

    edit = client.get(f"/filters/{found.pk}/edit").content.decode()
    assert "<details>" in edit and f'action="/filters/{found.pk}/delete"' in edit
    response = client.post(f"/filters/{found.pk}/delete")
    assert response.status_code == 302 and response["Location"] == "/filters"
    assert not Filter.objects.filter(pk=found.pk).exists() and not MutedWord.objects.exists()
    assert "is deleted" in client.get("/filters").content.decode()


def test_invalid_input_is_a_form_error(client, alice):
    login(client, alice)
    good = {"title": "Ok", "keywords": "word", "context": ["home"], "action": "hide", "expires_in": ""}
    cases = [
        ({"keywords": "  \n "}, "Give at least one keyword."),
        ({"context": []}, "Choose where the filter applies."),
        ({"title": "x" * 201}, "A filter&#x27;s title has 1 to 200 characters."),
        ({"keywords": "y" * 101}, "A keyword has 1 to 100 characters."),
        ({"expires_in": "12"}, "Choose one of the durations offered."),
    ]
    for change, message in cases:
        response = client.post("/filters", {**good, **change})
        assert response.status_code == 422, change
        body = response.content.decode()
        assert message in body and 'class="notice error"' in body, change
    body = client.post("/filters", {**good, "title": "x" * 201}).content.decode()
    assert 'value="' + "x" * 201 + '"' in body  # what was typed stays in the field
    assert not Filter.objects.exists()

    found = do_create_filter(alice, "Kept", ["home"], action="hide", keywords=[("kept", True)])
    for change, message in cases:
        response = client.post(f"/filters/{found.pk}/edit", {**good, **change})
        assert response.status_code == 422 and message in response.content.decode(), change
    found.refresh_from_db()
    assert (found.title, found.context) == ("Kept", ["home"]) and keywords(found) == [("kept", True)]


def test_a_hide_filter_on_home_hides_matching_posts_from_home(client, alice, bob):
    do_follow(alice, bob)
    do_create_post(bob, "the finale was great")
    do_create_post(bob, "a walk in the park")
    login(client, alice)
    assert "the finale was great" in client.get("/home").content.decode()
    client.post(
        "/filters", {"title": "TV", "keywords": "finale", "whole_word": "on", "context": ["home"], "action": "hide"}
    )
    body = client.get("/home").content.decode()
    assert "the finale was great" not in body and "a walk in the park" in body


def test_another_persons_filter_is_not_found(client, alice, bob):
    bobs = do_create_filter(bob, "Bob's secret filter", ["home"], keywords=[("secret", True)])
    login(client, alice)
    response = client.get(f"/filters/{bobs.pk}/edit")
    assert response.status_code == 404 and "secret" not in response.content.decode()
    assert (
        client.post(f"/filters/{bobs.pk}/edit", {"title": "mine", "keywords": "x", "context": ["home"]}).status_code
        == 404
    )
    assert client.post(f"/filters/{bobs.pk}/delete").status_code == 404
    assert "secret" not in client.get("/filters").content.decode()
    bobs.refresh_from_db()
    assert bobs.title == "Bob's secret filter" and keywords(bobs) == [("secret", True)]


def test_bad_ids_are_not_found(client, alice):
    login(client, alice)
    for path in ("/filters/0/edit", "/filters/99999999999999999999/edit", "/filters/9223372036854775808/edit"):
        assert client.get(path).status_code == 404, path
    assert client.get("/filters/12/edit").status_code == 404
    assert client.post("/filters/12/delete").status_code == 404
    assert client.get("/filters/abc/edit").status_code == 404


def test_filter_changes_need_post_and_a_csrf_token(alice):
    found = do_create_filter(alice, "Guarded", ["home"], keywords=[("word", True)])
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice.user)
    assert client.post("/filters", {"title": "forged", "keywords": "x", "context": ["home"]}).status_code == 403
    assert client.post(f"/filters/{found.pk}/edit", {"title": "forged"}).status_code == 403
    assert client.post(f"/filters/{found.pk}/delete").status_code == 403
    assert client.get(f"/filters/{found.pk}/delete").status_code == 405
    assert Filter.objects.filter(account=alice).count() == 1


def test_filter_pages_in_french(client, alice):
    do_add_muted_word(alice, "bruit")
    found = do_create_filter(alice, "Séries", ["home"], action="hide", expires_in=3600, keywords=[("finale", True)])
    client.cookies["tribune_language"] = "fr"
    login(client, alice)
    index = client.get("/filters").content.decode()
    assert "<h1>Filtres</h1>" in index and "Nouveau filtre" in index and "Créer le filtre" in index
    assert "Mots masqués" in index and "Accueil et listes" in index and "Masque" in index
    edit = client.get(f"/filters/{found.pk}/edit").content.decode()
    assert "Modifier le filtre" in edit and "Supprimer le filtre" in edit and "Mots entiers seulement" in edit
    error = client.post("/filters", {"title": "x", "keywords": "", "context": ["home"]}).content.decode()
    assert "Donnez au moins un mot-clé." in error
    settings = client.get("/settings").content.decode()
    assert "Vos filtres" in settings
    for body in (index, edit, error):
        text = re.sub(r"<[^>]*>", " ", body)  # what is read, not the ids and classes
        for english in (
            "New filter", "Edit filter", "Keywords", "Whole words", "Where the", "Hide", "Warn", "warning",
            "Never", "hour", "week", "Muted words", "Home and", "Public timelines", "Profiles", "Delete",
            "Ends", "until", "As now", "No filters", "keyword",
        ):  # fmt: skip
            assert english not in text, english
