import io

from PIL import Image


def test_manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    data = response.json()
    assert data["display"] == "standalone" and data["start_url"] and data["theme_color"]
    sizes = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_icons_are_real_pngs_of_the_stated_sizes(client):
    from django.contrib.staticfiles import finders

    for icon in client.get("/manifest.webmanifest").json()["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        with open(path, "rb") as f:
            image = Image.open(io.BytesIO(f.read()))
        assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"


def test_service_worker_at_root_scope_caches_the_offline_page(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert '"/offline"' in response.content.decode()
    offline = client.get("/offline")
    assert offline.status_code == 200 and "offline" in offline.content.decode().lower()


def test_base_registers_the_service_worker_and_links_the_manifest(client):
    body = client.get("/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in body
    assert "/static/web/app.js" in body and "/static/web/htmx.min.js" in body
    from django.contrib.staticfiles import finders

    with open(finders.find("web/app.js")) as f:
        assert 'register("/sw.js"' in f.read()
