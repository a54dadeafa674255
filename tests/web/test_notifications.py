from accounts.actions import do_follow
from notifications.models import Notification
from posts.actions import do_create_post, do_reblog, do_upvote


def test_notifications_page_lists_each_type_and_marks_read(client, alice, bob):
    post = do_create_post(alice, "my post")
    do_follow(bob, alice)
    do_upvote(bob, post)
    do_reblog(bob, post)
    do_create_post(bob, "@alice hello there")
    do_create_post(bob, "quoting", quote_of=post)
    client.force_login(alice.user)
    home = client.get("/home").content.decode()
    unread = Notification.objects.filter(recipient=alice, read=False).count()
    assert unread >= 4
    assert 'class="badge"' in home and f">{unread}</span>" in home
    body = client.get("/notifications").content.decode()
    assert "followed you" in body
    assert "upvoted your post" in body
    assert "echoed your post" in body
    assert "mentioned you" in body or "replied to you" in body
    assert not Notification.objects.filter(recipient=alice, read=False).exists()
    assert 'class="badge"' not in client.get("/home").content.decode()


def test_notifications_need_login(client):
    response = client.get("/notifications")
    assert response.status_code == 302


def test_echo_notification_links_the_original_post(client, alice, bob):
    post = do_create_post(alice, "echo me")
    do_reblog(bob, post)
    client.force_login(alice.user)
    body = client.get("/notifications").content.decode()
    assert "echoed your post" in body
    assert f'href="/@alice/{post.pk}"' in body
    assert Notification.objects.filter(recipient=alice, read=False).count() == 0
