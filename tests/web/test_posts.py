from django.conf import settings
from django.test import Client

from posts.actions import do_create_post, do_edit_post
from posts.models import Bookmark, MediaAttachment, Post, Upvote
from tests.web.helpers import HTMX, png


def test_compose_plain_post_redirects_to_the_new_post(client: Client, alice):
    client.force_login(alice.user)
    response = client.post("/posts/new", {"text": "first words #hello", "visibility": "public"})
    post = Post.objects.get(author=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/@alice/{post.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "first words" in page
    assert 'href="http://' in page or 'href="/tags/hello"' in page


def test_compose_with_htmx_returns_the_post_partial(client, alice):
    client.force_login(alice.user)
    response = client.post("/posts/new", {"text": "partial please"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "partial please" in body
    assert "<html" not in body


def test_compose_with_images_and_alt_text(client, alice):
    client.force_login(alice.user)
    response = client.post(
        "/posts/new",
        {"text": "look", "media1": png(), "alt1": "A red square", "media2": png("b.png"), "alt2": "Another"},
    )
    assert response.status_code == 302
    post = Post.objects.get(author=alice)
    media = list(MediaAttachment.objects.filter(post=post).order_by("position"))
    assert [m.description for m in media] == ["A red square", "Another"]
    page = client.get(response["Location"]).content.decode()
    assert 'alt="A red square"' in page


def test_compose_rejects_bad_input_with_a_4xx(client, alice):
    client.force_login(alice.user)
    too_long = client.post("/posts/new", {"text": "x" * (settings.MAX_POST_CHARS + 1)})
    assert too_long.status_code == 422
    assert "at most" in too_long.content.decode()
    empty = client.post("/posts/new", {"text": "   "})
    assert empty.status_code == 422
    not_image = client.post(
        "/posts/new", {"text": "hi", "media1": png().__class__("x.png", b"not an image", "image/png")}
    )
    assert not_image.status_code == 422
    bad_visibility = client.post("/posts/new", {"text": "hi", "visibility": "everyone"})
    assert bad_visibility.status_code == 422
    unknown_reply = client.post("/posts/new", {"text": "hi", "in_reply_to": "999"})
    assert unknown_reply.status_code == 404
    assert not Post.objects.filter(author=alice).exists()


def test_compose_errors_with_htmx_go_to_the_alert_area(client, alice):
    client.force_login(alice.user)
    response = client.post("/posts/new", {"text": ""}, **HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#alerts"


def test_reply_appears_in_the_thread(client, alice, bob):
    root = do_create_post(bob, "root post")
    client.force_login(alice.user)
    response = client.post("/posts/new", {"text": "@bob a reply", "in_reply_to": root.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/@bob/{root.pk}"
    reply = Post.objects.get(author=alice)
    assert reply.in_reply_to_id == root.pk
    page = client.get(f"/@bob/{root.pk}").content.decode()
    assert "root post" in page and "a reply" in page
    # The reply's own page shows its ancestor.
    page = client.get(f"/@alice/{reply.pk}").content.decode()
    assert "root post" in page


def test_quote_echo(client, alice, bob):
    original = do_create_post(bob, "quotable words")
    client.force_login(alice.user)
    form = client.get(f"/compose?quote={original.pk}").content.decode()
    assert "quotable words" in form and f'name="quote_of" value="{original.pk}"' in form
    client.post("/posts/new", {"text": "so true", "quote_of": original.pk})
    quote = Post.objects.get(author=alice)
    assert quote.quote_of_id == original.pk
    page = client.get(f"/@alice/{quote.pk}").content.decode()
    assert "so true" in page and "quotable words" in page


def test_private_post_page_is_a_404_for_strangers(client, alice, bob):
    post = do_create_post(alice, "for followers", visibility="private")
    assert client.get(f"/@alice/{post.pk}").status_code == 404
    client.force_login(bob.user)
    assert client.get(f"/@alice/{post.pk}").status_code == 404
    assert client.get(f"/@bob/{post.pk}").status_code == 404  # wrong author in the address
    assert client.get("/@alice/123456").status_code == 404


def test_upvote_echo_bookmark_with_htmx_and_plain_posts(client, alice, bob):
    post = do_create_post(bob, "nice post")
    client.force_login(alice.user)
    response = client.post(f"/posts/{post.pk}/upvote", {"on": "1"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'aria-pressed="true"' in body and "Upvote</span>" in body
    assert Upvote.objects.filter(account=alice, post=post).exists()
    response = client.post(f"/posts/{post.pk}/upvote", {"on": "0", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not Upvote.objects.filter(account=alice, post=post).exists()

    client.post(f"/posts/{post.pk}/echo", {"on": "1"}, **HTMX)
    echo = Post.objects.get(author=alice, reblog_of=post, deleted_at__isnull=True)
    client.post(f"/posts/{echo.pk}/echo", {"on": "0"})
    assert not Post.objects.filter(author=alice, reblog_of=post, deleted_at__isnull=True).exists()

    response = client.post(f"/posts/{post.pk}/bookmark", {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == f"/@bob/{post.pk}"  # only local redirects
    assert Bookmark.objects.filter(account=alice, post=post).exists()


def test_buttons_need_login_and_post(client, bob):
    post = do_create_post(bob, "x")
    response = client.post(f"/posts/{post.pk}/upvote", {"on": "1"})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get(f"/posts/{post.pk}/upvote").status_code == 405


def test_edit_and_history(client, alice, bob):
    post = do_create_post(alice, "first version")
    client.force_login(bob.user)
    assert client.get(f"/@alice/{post.pk}/edit").status_code == 404
    client.force_login(alice.user)
    assert "first version" in client.get(f"/@alice/{post.pk}/edit").content.decode()
    response = client.post(f"/@alice/{post.pk}/edit", {"text": "second version"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.text == "second version" and post.edited_at is not None
    history = client.get(f"/@alice/{post.pk}/history").content.decode()
    assert "first version" in history and "second version" in history
    too_long = client.post(f"/@alice/{post.pk}/edit", {"text": "y" * (settings.MAX_POST_CHARS + 5)})
    assert too_long.status_code == 422
    post.refresh_from_db()
    assert post.text == "second version"


def test_edit_history_page_for_a_post_edited_through_the_action(client, alice):
    post = do_create_post(alice, "one")
    do_edit_post(alice, post, "two")
    assert "one" in client.get(f"/@alice/{post.pk}/history").content.decode()


def test_delete_own_post_only(client, alice, bob):
    post = do_create_post(alice, "to delete")
    client.force_login(bob.user)
    assert client.post(f"/@alice/{post.pk}/delete").status_code == 404
    client.force_login(alice.user)
    response = client.post(f"/@alice/{post.pk}/delete", **HTMX)
    assert response.status_code == 200 and response.content == b""
    post.refresh_from_db()
    assert post.deleted_at is not None
    assert client.get(f"/@alice/{post.pk}").status_code == 404


def test_thread_page_query_count_is_bounded(client, alice, bob, django_assert_max_num_queries):
    root = do_create_post(bob, "root")
    parent = root
    for i in range(10):
        parent = do_create_post(alice if i % 2 else bob, f"reply {i}", in_reply_to=parent)
    client.force_login(alice.user)
    with django_assert_max_num_queries(40):
        response = client.get(f"/@bob/{root.pk}")
    assert response.content.decode().count('class="post') == 11


def test_reply_with_htmx_returns_the_reply_partial(client, alice, bob):
    root = do_create_post(bob, "root for htmx")
    client.force_login(alice.user)
    page = client.get(f"/@bob/{root.pk}").content.decode()
    assert 'id="replies"' in page and 'hx-target="#replies"' in page
    response = client.post("/posts/new", {"text": "quick reply", "in_reply_to": root.pk}, **HTMX)
    assert response.status_code == 200
    assert "quick reply" in response.content.decode() and "<html" not in response.content.decode()
    assert Post.objects.get(author=alice).in_reply_to_id == root.pk


def test_echo_shows_in_followers_feed_with_its_author(client, alice, bob, carol):
    from accounts.actions import do_follow

    original = do_create_post(carol, "carol's thought")
    do_follow(alice, bob)
    client.force_login(bob.user)
    client.post(f"/posts/{original.pk}/echo", {"on": "1"})
    client.force_login(alice.user)
    body = client.get("/home").content.decode()
    assert "Bob echoed" in body and "carol's thought" in body
    # Upvoting through the echo upvotes the original.
    echo = Post.objects.get(author=bob, reblog_of=original)
    response = client.post(f"/posts/{echo.pk}/upvote", {"on": "1"}, **HTMX)
    assert f'id="actions-{original.pk}"' in response.content.decode()
    assert Upvote.objects.filter(account=alice, post=original).exists()


def test_sensitive_media_and_content_warnings_are_folded(client, alice):
    client.force_login(alice.user)
    client.post("/posts/new", {"text": "careful", "spoiler_text": "spiders", "media1": png(), "alt1": "a spider"})
    post = Post.objects.get(author=alice)
    page = client.get(f"/@alice/{post.pk}").content.decode()
    assert '<details class="cw"><summary>spiders' in page
    assert page.index("<summary>spiders") < page.index('alt="a spider"')
