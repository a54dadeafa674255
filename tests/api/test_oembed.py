"""oEmbed: public posts only, by their page's address."""

from posts.actions import do_create_post


def test_oembed_answers_public_posts_only(anon, alice) -> None:
    public = do_create_post(alice, "<b>hello</b> world")
    answer = anon.get("/api/oembed", {"url": public.public_url(), "maxwidth": 300}).json()
    assert answer["type"] == "rich" and answer["width"] == 300 and answer["author_url"].endswith("/@alice")
    assert "hello" in answer["html"] and "<b>" not in answer["html"] and public.public_url() in answer["html"]
    warned = do_create_post(alice, "the ending", spoiler_text="film spoilers")
    html = anon.get("/api/oembed", {"url": warned.public_url()}).json()["html"]
    assert "film spoilers" in html and "the ending" not in html
    for visibility in ("unlisted", "private", "direct"):
        hidden = do_create_post(alice, "not for embedding", visibility=visibility)
        assert anon.get("/api/oembed", {"url": hidden.public_url()}).status_code == 404
    wrong_author = public.public_url().replace("@alice", "@bob")
    for url in (
        wrong_author,
        "https://elsewhere.example/@alice/1",
        "not a url",
        "http://[x",
        public.public_url() + "/edit",
    ):
        assert anon.get("/api/oembed", {"url": url}).status_code == 404
