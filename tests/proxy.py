"""A small web proxy on loopback, as an NHS organisation's would be: CONNECT tunnels (HTTPS,
WebSockets) and forwarded plain-HTTP requests, optionally asking for a password (407). It
records every request line it was given, so a test can see what went through it."""

from __future__ import annotations

import base64
import http.client
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"proxy-authorization", "proxy-connection", "connection", "keep-alive"}


class RecordingProxy:
    def __init__(self, *, password: str | None = None) -> None:
        self.password = password  # when set, "user:password" must come in Proxy-Authorization
        self.seen: list[str] = []  # "CONNECT host:port", "POST http://host/path"
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> RecordingProxy:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def saw(self, start: str) -> list[str]:
        with self._lock:
            return [line for line in self.seen if line.startswith(start)]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _allowed(self) -> bool:
                with proxy._lock:
                    proxy.seen.append(f"{self.command} {self.path}")
                if proxy.password is None:
                    return True
                given = self.headers.get("Proxy-Authorization", "")
                expected = "Basic " + base64.b64encode(proxy.password.encode()).decode()
                if given == expected:
                    return True
                self.send_response(407, "Proxy Authentication Required")
                self.send_header("Proxy-Authenticate", 'Basic realm="sandbox"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return False

            def do_CONNECT(self) -> None:
                if not self._allowed():
                    return
                host, _, port = self.path.rpartition(":")
                try:
                    upstream = socket.create_connection((host, int(port)), timeout=5)
                except OSError:
                    self.send_error(502, "Bad Gateway")
                    return
                self.send_response(200, "Connection established")
                self.end_headers()
                self._pipe(self.connection, upstream)

            def _forward(self) -> None:
                if not self._allowed():
                    return
                target = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                try:
                    upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=5)
                    path = target.path + (f"?{target.query}" if target.query else "")
                    upstream.request(self.command, path, body=body, headers=headers)
                    answer = upstream.getresponse()
                    data = answer.read()
                except OSError:
                    self.send_error(502, "Bad Gateway")
                    return
                self.send_response(answer.status, answer.reason)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP | {"content-length", "transfer-encoding"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _forward

            @staticmethod
            def _pipe(client: socket.socket, upstream: socket.socket) -> None:
                with upstream:
                    sockets = [client, upstream]
                    while True:
                        ready, _, broken = select.select(sockets, [], sockets, 5)
                        if broken or not ready:
                            return
                        for sock in ready:
                            data = sock.recv(65536)
                            if not data:
                                return
                            (upstream if sock is client else client).sendall(data)

        return Handler
