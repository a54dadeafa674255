import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posts.actions import (
    do_bookmark,
    do_create_post,
    do_edit_post,
    do_reblog,
    do_remove_upvote,
    do_unreblog,
    do_upvote,
)
from posts.media import do_upload_media
from posts.models import Hashtag, Mention, Post
from tribune.lib.errors import ActionError


def jpeg_with_exif(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0131] = "SpyCam firmware 1.0"  # Software
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_post_links_hashtags_and_mentions(alice, bob):
    post = do_create_post(alice, "Hi @bob, see #Tribune and https://example.org/page <script>x</script>")
    assert 'class="hashtag"' in post.content
    assert "/tags/tribune" in post.content
    assert 'class="mention"' in post.content
    assert "<script>" not in post.content
    assert "&lt;script&gt;" in post.content
    assert Hashtag.objects.filter(name="tribune").exists()
    assert Mention.objects.filter(post=post, account=bob).exists()


def test_post_length_is_limited(alice, settings):
    settings.MAX_POST_CHARS = 1000
    do_create_post(alice, "x" * 1000)
    with pytest.raises(ActionError) as err:
        do_create_post(alice, "x" * 1001)
    assert err.value.status == 422
    assert Post.objects.filter(author=alice).count() == 1


def test_empty_post_is_refused(alice):
    with pytest.raises(ActionError):
        do_create_post(alice, "   ")


def test_reply_counts_and_mentions_the_parent_author(alice, bob):
    parent = do_create_post(alice, "a question")
    reply = do_create_post(bob, "an answer", in_reply_to=parent)
    parent.refresh_from_db()
    assert parent.replies_count == 1
    assert reply.in_reply_to_account == alice
    assert Mention.objects.filter(post=reply, account=alice).exists()


def test_edit_keeps_history(alice):
    post = do_create_post(alice, "first #one")
    do_edit_post(alice, post, "second #two")
    post.refresh_from_db()
    assert "second" in post.content
    assert [e.text for e in post.edits.all()] == ["first #one", "second #two"]
    assert list(post.post_hashtags.values_list("hashtag__name", flat=True)) == ["two"]


def test_upvote_echo_bookmark_are_idempotent(alice, bob):
    post = do_create_post(alice, "good post")
    do_upvote(bob, post)
    do_upvote(bob, post)
    first = do_reblog(bob, post)
    second = do_reblog(bob, post)
    assert first.pk == second.pk
    do_bookmark(bob, post)
    post.refresh_from_db()
    assert (post.favourites_count, post.reblogs_count) == (1, 1)
    do_remove_upvote(bob, post)
    do_unreblog(bob, post)
    post.refresh_from_db()
    assert (post.favourites_count, post.reblogs_count) == (0, 0)


def test_private_posts_cannot_be_echoed(alice, bob):
    from accounts.actions import do_follow

    do_follow(bob, alice)
    post = do_create_post(alice, "followers only", visibility="private")
    with pytest.raises(ActionError):
        do_reblog(bob, post)


def test_quote_echo(alice, bob):
    post = do_create_post(alice, "quotable")
    quote = do_create_post(bob, "I agree", quote_of=post)
    post.refresh_from_db()
    assert quote.quote_of_id == post.pk
    assert post.quotes_count == 1


def test_image_upload_strips_exif_and_attaches(alice):
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")
    media = do_upload_media(alice, upload, description="a red rectangle")
    with media.file.open("rb") as f:
        data = f.read()
    assert b"SpyCam" not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    post = do_create_post(alice, "with a picture", media_ids=[media.pk])
    assert [m.pk for m in post.media.all()] == [media.pk]


@pytest.mark.parametrize("payload", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20])
def test_bad_images_are_refused(alice, payload):
    with pytest.raises(ActionError):
        do_upload_media(alice, SimpleUploadedFile("x.png", payload, content_type="image/png"))


def test_oversized_image_is_refused(alice, settings):
    settings.MAX_IMAGE_BYTES = 1000
    with pytest.raises(ActionError) as err:
        do_upload_media(alice, SimpleUploadedFile("big.jpg", jpeg_with_exif((400, 400)), content_type="image/jpeg"))
    assert "too large" in err.value.message


def test_someone_elses_media_cannot_be_attached(alice, bob):
    media = do_upload_media(alice, SimpleUploadedFile("p.jpg", jpeg_with_exif(), content_type="image/jpeg"))
    with pytest.raises(ActionError):
        do_create_post(bob, "stolen", media_ids=[media.pk])
