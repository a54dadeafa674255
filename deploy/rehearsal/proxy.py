#!/usr/bin/env python3
"""Plumbing of deploy/rehearsal/rehearse, not part of a real host.

Minimal HTTP forward proxy (CONNECT for https, absolute-URI GET for http) listening on a
Unix socket, so a container with only a loopback interface can reach apt/PyPI through the
host's own network path without any veth, NAT or non-loopback address.
Usage: proxy.py /path/to/proxy.sock [logfile]"""

import asyncio
import contextlib
import os
import sys
from urllib.parse import urlsplit

SOCK = sys.argv[1]
LOG = open(sys.argv[2], "a", buffering=1) if len(sys.argv) > 2 else sys.stderr


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):  # either side went away
        return
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def handle(creader, cwriter):
    try:
        head = await creader.readuntil(b"\r\n\r\n")
    except Exception:
        cwriter.close()
        return
    lines = head.split(b"\r\n")
    try:
        method, target, version = lines[0].decode("latin-1").split(" ", 2)
    except ValueError:
        cwriter.close()
        return
    try:
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            ureader, uwriter = await asyncio.open_connection(host, int(port))
            cwriter.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await cwriter.drain()
        else:
            u = urlsplit(target)
            host, port = u.hostname, u.port or 80
            path = (u.path or "/") + ("?" + u.query if u.query else "")
            ureader, uwriter = await asyncio.open_connection(host, port)
            hdrs = [
                h
                for h in lines[1:]
                if h and not h.lower().startswith((b"proxy-connection:", b"connection:", b"keep-alive:"))
            ]
            req = f"{method} {path} {version}\r\n".encode() + b"\r\n".join(hdrs) + b"\r\nConnection: close\r\n\r\n"
            uwriter.write(req)
            await uwriter.drain()
        LOG.write(f"{method} {target}\n")
    except Exception as e:  # upstream unreachable
        LOG.write(f"FAIL {method} {target}: {e!r}\n")
        cwriter.write(b"HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        await cwriter.drain()
        cwriter.close()
        return
    up = asyncio.ensure_future(pipe(creader, uwriter))
    await pipe(ureader, cwriter)
    up.cancel()


async def main():
    if os.path.exists(SOCK):
        os.unlink(SOCK)
    server = await asyncio.start_unix_server(handle, path=SOCK)
    os.chmod(SOCK, 0o600)  # root's: the bridge in the container's network runs as root
    async with server:
        await server.serve_forever()


asyncio.run(main())
