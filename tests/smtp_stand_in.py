"""A loopback SMTP server that only greets: enough for `copro-bot doctor` to connect and say
EHLO. It records each EHLO, and offers STARTTLS unless told not to."""

from __future__ import annotations

import socketserver
import threading


class SMTPStandIn:
    def __init__(self, *, starttls: bool = True) -> None:
        self.starttls = starttls
        self.greeted: list[str] = []
        stand_in = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 smtp.sandbox ESMTP ready\r\n")
                for raw in self.rfile:
                    line = raw.decode("ascii", "replace").strip()
                    verb = line.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        stand_in.greeted.append(line)
                        extensions = [b"250-smtp.sandbox", b"250-SIZE 10240000"]
                        if stand_in.starttls:
                            extensions.append(b"250-STARTTLS")
                        self.wfile.write(b"\r\n".join(extensions) + b"\r\n250 HELP\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"502 not here\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def __enter__(self) -> SMTPStandIn:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
