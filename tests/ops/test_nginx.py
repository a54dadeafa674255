"""deploy/nginx/tribune.conf in Debian's nginx, in front of a real Tribune server: TLS, the
redirect from plain HTTP, the API, and WebSocket streaming through the proxy.

Only what cannot run here is changed: ports (free ones instead of 80/443), the upstream (the
test server), the certificate (self-signed instead of Let's Encrypt's) and the IPv6 listens."""

import json
import shutil
import ssl
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.live import ROOT, free_port, live_server

pytestmark = pytest.mark.server


def site_for_test(tmp: Path, https: int, plain: int, upstream: int) -> str:
    site = (ROOT / "deploy" / "nginx" / "tribune.conf").read_text()
    replacements = {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{plain};",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream};",
        "/etc/letsencrypt/live/example.org/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/letsencrypt/live/example.org/privkey.pem": str(tmp / "key.pem"),
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx/tribune.conf no longer has {old!r}"
        site = site.replace(old, new)
    return "\n".join(line for line in site.splitlines() if "listen [::]" not in line)


def test_the_nginx_site_serves_tribune_over_tls_with_streaming(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    https, plain = free_port(), free_port()
    with live_server() as live:
        upstream = int(live.url.rsplit(":", 1)[1])
        (tmp_path / "site.conf").write_text(site_for_test(tmp_path, https, plain, upstream))
        (tmp_path / "nginx.conf").write_text(
            f"user root;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
            f"http {{\n  access_log off;\n  client_body_temp_path {tmp_path}/body;\n"
            f"  proxy_temp_path {tmp_path}/proxy;\n  include {tmp_path}/site.conf;\n}}\n"
        )
        checked = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        server = subprocess.Popen([nginx, "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"])
        try:
            base = f"https://127.0.0.1:{https}"
            trust = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))  # the test's own certificate
            deadline = time.monotonic() + 15
            while True:
                try:
                    health = httpx.get(f"{base}/healthz", verify=trust, timeout=2)
                    break
                except httpx.HTTPError:
                    assert time.monotonic() < deadline, (tmp_path / "error.log").read_text()
                    time.sleep(0.2)
            assert health.status_code == 200
            assert "max-age=31536000" in health.headers["strict-transport-security"]
            redirect = httpx.get(f"http://127.0.0.1:{plain}/about", follow_redirects=False)
            assert redirect.status_code == 301 and redirect.headers["location"] == "https://127.0.0.1/about"
            instance = httpx.get(f"{base}/api/v2/instance", verify=trust).json()
            assert instance["configuration"]["statuses"]["max_characters"] == 1000
            with connect(f"wss://127.0.0.1:{https}/api/v1/streaming?stream=public", ssl=trust) as socket:
                socket.send("not json")
                assert json.loads(socket.recv(timeout=10)) == {"error": "Unknown message", "status": 400}
        finally:
            server.terminate()
            server.wait(timeout=10)
