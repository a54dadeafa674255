from posts.actions import do_create_post


def test_search_page_finds_people_hashtags_and_posts(client, alice, bob):
    do_create_post(bob, "growing tomatoes in the #garden")
    do_create_post(bob, "a secret tomatoes plan", visibility="private")
    page = client.get("/search")
    assert page.status_code == 200 and 'for="search-q"' in page.content.decode()
    body = client.get("/search?q=tomatoes").content.decode()
    assert "growing tomatoes" in body
    assert "secret tomatoes" not in body
    people = client.get("/search?q=@bob").content.decode()
    assert 'href="/@bob"' in people
    tags = client.get("/search?q=%23gard").content.decode()
    assert 'href="/tags/garden"' in tags


def test_search_with_hostile_input_is_not_an_error(client, alice):
    for q in ['"unterminated', "* OR NEAR(", "x" * 500, "'; DROP TABLE posts; --"]:
        response = client.get("/search", {"q": q, "type": "posts"})
        assert response.status_code == 200


def test_search_post_results_query_count_is_bounded(client, alice, bob, django_assert_max_num_queries):
    for i in range(15):
        do_create_post(bob, f"apples number {i}")
    client.force_login(alice.user)
    with django_assert_max_num_queries(25):
        body = client.get("/search?q=apples&type=posts").content.decode()
    assert body.count('class="post') == 15
