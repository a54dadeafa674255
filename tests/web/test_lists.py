import re

from django.test import Client

from accounts.actions import do_follow
from posts.actions import do_create_post
from tests.web.helpers import HTMX
from timelines.lists import do_add_list_members, do_create_list
from timelines.models import List, ListMember


def login(client: Client, account) -> Client:
    client.force_login(account.user)
    return client


def test_lists_page_is_in_the_navigation_and_needs_login(client, alice):
    response = client.get("/lists")
    assert response.status_code == 302 and response["Location"].startswith("/login")
    body = login(client, alice).get("/home").content.decode()
    assert 'href="/lists"' in body
    page = client.get("/lists").content.decode()
    assert re.search(r'href="/lists" aria-current="page"', page)
    assert "No lists yet." in page and 'for="list-title"' in page


def test_create_rename_and_delete_a_list(client, alice):
    login(client, alice)
    response = client.post("/lists", {"title": " Friends ", "replies_policy": "followed"})
    found = List.objects.get(account=alice)
    assert response.status_code == 302 and response["Location"] == f"/lists/{found.pk}/edit"
    assert (found.title, found.replies_policy, found.exclusive) == ("Friends", "followed", False)
    assert "Friends" in client.get("/lists").content.decode()

    response = client.post(
        f"/lists/{found.pk}/edit", {"title": "Close friends", "replies_policy": "none", "exclusive": "on"}
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.title, found.replies_policy, found.exclusive) == ("Close friends", "none", True)
    edit = client.get(f"/lists/{found.pk}/edit").content.decode()
    assert 'value="Close friends"' in edit and '<option value="none" selected>' in edit
    assert 'name="exclusive" checked' in edit
    assert "Not in Home" in client.get("/lists").content.decode()

    response = client.post(f"/lists/{found.pk}/delete")
    assert response.status_code == 302 and response["Location"] == "/lists"
    assert not List.objects.filter(pk=found.pk).exists()
    assert "is deleted" in client.get("/lists").content.decode()


def test_bad_titles_are_form_errors(client, alice):
    login(client, alice)
    response = client.post("/lists", {"title": "x" * 101})
    assert response.status_code == 422
    body = response.content.decode()
    assert "A list&#x27;s title has 1 to 100 characters." in body and 'class="notice error"' in body
    assert 'value="' + "x" * 101 + '"' in body  # what was typed stays in the field
    assert client.post("/lists", {"title": "   "}).status_code == 422
    assert client.post("/lists", {"title": "ok", "replies_policy": "everyone"}).status_code == 422
    assert not List.objects.exists()
    found = do_create_list(alice, "Kept")
    response = client.post(f"/lists/{found.pk}/edit", {"title": "y" * 101, "replies_policy": "list"})
    assert response.status_code == 422 and "1 to 100 characters" in response.content.decode()
    found.refresh_from_db()
    assert found.title == "Kept"


def test_add_and_remove_members_among_followed_accounts(client, alice, bob, carol):
    do_follow(alice, bob)
    found = do_create_list(alice, "Writers")
    login(client, alice)
    edit = client.get(f"/lists/{found.pk}/edit").content.decode()
    # Only the people alice follows are offered.
    assert f'id="list-member-{bob.pk}"' in edit and f'id="list-member-{carol.pk}"' not in edit

    response = client.post(f"/lists/{found.pk}/add", {"account_id": bob.pk})
    assert response.status_code == 302 and response["Location"] == f"/lists/{found.pk}/edit"
    assert list(ListMember.objects.filter(list=found).values_list("account_id", flat=True)) == [bob.pk]
    assert "1 member" in client.get("/lists").content.decode()

    # Someone alice does not follow cannot be added: a clear error, nothing written.
    refused = client.post(f"/lists/{found.pk}/add", {"account_id": carol.pk})
    assert refused.status_code == 422
    assert "Only accounts you follow can be added to a list." in refused.content.decode()

    # With htmx the row comes back with the other button.
    row = client.post(f"/lists/{found.pk}/remove", {"account_id": bob.pk}, **HTMX)
    assert row.status_code == 200
    assert f'id="list-member-{bob.pk}"' in row.content.decode() and f"/lists/{found.pk}/add" in row.content.decode()
    assert not ListMember.objects.filter(list=found).exists()
    row = client.post(f"/lists/{found.pk}/add", {"account_id": bob.pk}, **HTMX)
    assert f"/lists/{found.pk}/remove" in row.content.decode()
    assert ListMember.objects.filter(list=found, account=bob).exists()


def test_search_among_followed_accounts(client, alice, bob, carol):
    do_follow(alice, bob)
    do_follow(alice, carol)
    found = do_create_list(alice, "Some")
    body = login(client, alice).get(f"/lists/{found.pk}/edit?q=caro").content.decode()
    assert f'id="list-member-{carol.pk}"' in body and f'id="list-member-{bob.pk}"' not in body


def test_list_timeline_shows_members_posts_only(client, alice, bob, carol):
    do_follow(alice, bob)
    do_follow(alice, carol)
    found = do_create_list(alice, "Bob only")
    empty = login(client, alice).get(f"/lists/{found.pk}").content.decode()
    assert "This list has no members yet." in empty
    do_add_list_members(alice, found, [bob])
    do_create_post(bob, "a post from a member")
    do_create_post(carol, "a post from someone else")
    response = client.get(f"/lists/{found.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Bob only</h1>" in body
    assert "a post from a member" in body and "a post from someone else" not in body
    assert 'href="/lists" aria-current="page"' in body  # the list is under Lists in the navigation


def test_list_timeline_pages_by_max_id(client, alice, bob):
    do_follow(alice, bob)
    found = do_create_list(alice, "Paged")
    do_add_list_members(alice, found, [bob])
    posts = [do_create_post(bob, f"numbered {i}") for i in range(25)]
    body = login(client, alice).get(f"/lists/{found.pk}").content.decode()
    assert "numbered 24" in body and "numbered 4" not in body
    assert f"max_id={posts[5].pk}" in body
    older = client.get(f"/lists/{found.pk}?max_id={posts[5].pk}").content.decode()
    assert "numbered 4" in older and "numbered 24" not in older


def test_another_persons_list_is_not_found(client, alice, bob):
    do_follow(bob, alice)
    bobs = do_create_list(bob, "Bob's secret list")
    login(client, alice)
    for path in (f"/lists/{bobs.pk}", f"/lists/{bobs.pk}/edit"):
        response = client.get(path)
        assert response.status_code == 404 and "secret" not in response.content.decode()
    assert client.post(f"/lists/{bobs.pk}/edit", {"title": "mine now"}).status_code == 404
    assert client.post(f"/lists/{bobs.pk}/add", {"account_id": alice.pk}).status_code == 404
    assert client.post(f"/lists/{bobs.pk}/delete").status_code == 404
    assert "secret" not in client.get("/lists").content.decode()
    bobs.refresh_from_db()
    assert bobs.title == "Bob's secret list" and not ListMember.objects.exists()


def test_bad_ids_are_not_found(client, alice):
    login(client, alice)
    found = do_create_list(alice, "Mine")
    for path in ("/lists/0", "/lists/99999999999999999999", "/lists/9223372036854775808/edit", "/lists/12/edit"):
        assert client.get(path).status_code == 404, path
    for account_id in ("", "abc", "0", "99999999999999999999", "12"):
        assert client.post(f"/lists/{found.pk}/add", {"account_id": account_id}).status_code == 404, account_id
    assert client.get("/lists/abc").status_code == 404


def test_list_changes_need_post_and_a_csrf_token(alice):
    found = do_create_list(alice, "Guarded")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice.user)
    assert client.post("/lists", {"title": "forged"}).status_code == 403
    assert client.post(f"/lists/{found.pk}/edit", {"title": "forged"}).status_code == 403
    assert client.post(f"/lists/{found.pk}/delete").status_code == 403
    assert client.post(f"/lists/{found.pk}/add", {"account_id": alice.pk}).status_code == 403
    assert client.get(f"/lists/{found.pk}/delete").status_code == 405
    assert List.objects.filter(account=alice).count() == 1
    found.refresh_from_db()
    assert found.title == "Guarded"


def test_list_pages_in_french(client, alice, bob):
    do_follow(alice, bob)
    found = do_create_list(alice, "Amis")
    client.cookies["tribune_language"] = "fr"
    login(client, alice)
    index = client.get("/lists").content.decode()
    assert "<h1>Listes</h1>" in index and "Nouvelle liste" in index and "Créer la liste" in index
    assert "0 membre" in index and "Modifier" in index
    edit = client.get(f"/lists/{found.pk}/edit").content.decode()
    assert "Modifier la liste" in edit and "Ajouter des personnes que vous suivez" in edit
    assert "Réponses aux membres de la liste" in edit and "Supprimer la liste" in edit
    timeline = client.get(f"/lists/{found.pk}").content.decode()
    assert "Cette liste n’a encore aucun membre." in timeline and "Toutes les listes" in timeline
    error = client.post("/lists", {"title": "x" * 101}).content.decode()
    assert "Le titre d’une liste comporte de 1 à 100 caractères." in error
    for body in (index, edit, timeline):
        text = re.sub(r"<[^>]*>", " ", body)  # what is read, not the ids and classes
        for english in ("New list", "Edit list", "Add people", "member", "Replies", "All lists", "Nobody", "Delete"):
            assert english not in text, english


def test_list_pages_read_in_a_fixed_number_of_queries(client, alice, make_account, django_assert_max_num_queries):
    found = do_create_list(alice, "Many")

    def add_people(n: int) -> None:
        for _ in range(n):
            person = make_account()
            do_follow(alice, person)
            do_create_post(person, "hello from a member")
            if ListMember.objects.filter(list=found).count() < 10:
                do_add_list_members(alice, found, [person])

    add_people(3)
    login(client, alice)
    with django_assert_max_num_queries(30) as timeline:
        client.get(f"/lists/{found.pk}")
    with django_assert_max_num_queries(30) as editor:
        client.get(f"/lists/{found.pk}/edit")
    add_people(12)
    with django_assert_max_num_queries(len(timeline.captured_queries)):
        body = client.get(f"/lists/{found.pk}").content.decode()
    assert body.count('class="post') == 10
    with django_assert_max_num_queries(len(editor.captured_queries)):
        body = client.get(f"/lists/{found.pk}/edit").content.decode()
    assert body.count('class="account"') == 15
