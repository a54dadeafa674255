from posts.actions import do_create_post


def test_admin_area_is_for_staff_only(client, alice):
    assert client.get("/admin/").status_code == 302
    client.force_login(alice.user)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/instance").status_code == 403
    assert client.post("/admin/instance", {"name": "Mine"}).status_code == 403


def test_admin_lists_and_searches_accounts_and_posts(client, make_account, alice, bob):
    root = make_account("root_admin", staff=True)
    do_create_post(bob, "a post to review", visibility="private")
    client.force_login(root.user)
    body = client.get("/admin/?q=ali").content.decode()
    assert "@alice" in body and "@bob" not in body
    posts = client.get("/admin/posts").content.decode()
    assert "a post to review" in posts


def test_admin_edits_instance_settings(client, make_account):
    root = make_account("root_admin", staff=True)
    client.force_login(root.user)
    response = client.post(
        "/admin/instance", {"name": "Agora", "description": "A friendly place", "rules": "Be kind\n\nNo spam\n"}
    )
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Agora" in page and "A friendly place" in page
    client.logout()
    signup = client.get("/signup").content.decode()
    assert "Be kind" in signup and "No spam" in signup
    client.force_login(root.user)
    bad = client.post("/admin/instance", {"name": "", "description": "", "rules": ""})
    assert bad.status_code == 422
    assert "Agora" in client.get("/").content.decode()
